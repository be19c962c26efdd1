package query

import (
	"strings"
	"testing"

	"github.com/stylistbot/stylist/catalog"
)

func TestGiftRequests(t *testing.T) {
	v := realVocab(t)
	cases := []struct {
		text      string
		gift      bool
		who       Who
		interests string // comma-separated
	}{
		{"gift for my boyfriend who loves football", true, WhoMen, "football"},
		{"a present for my mum who loves gardening", true, WhoWomen, "gardening"},
		{"birthday gift for my sister, she likes yoga", true, WhoWomen, "yoga"},
		{"something for my dad for christmas", true, WhoMen, ""},
		{"secret santa gift for a colleague", true, "", ""},
		{"gift for a friend who loves music festivals", true, "", "music"},
		{"a gift for my wife", true, WhoWomen, ""},
		{"what can I get my brother who loves hiking", true, WhoMen, "hiking"},
		{"a birthday present for my 8 year old son", true, WhoChildren, ""},
		{"stocking fillers for my husband who runs marathons", true, WhoMen, "running"},
		{"something nice for my boss, she loves reading", true, "", "reading"},
		{"anything for my girlfriend, she is tall", true, WhoWomen, ""},
		{"something for a child", false, "", ""}, // not a relation: a request for a child's things
		{"something for a picnic", false, "", ""},
		{"baby shower gift", true, WhoBaby, ""},
		{"a christening present", true, WhoBaby, ""},
		{"a baby shower gift for the mum to be", true, "", ""}, // a person named: not assumed a baby
		{"what to wear to a baby shower", false, WhoAdult, ""},
		// an item named: a request for that item, even as a gift
		{"a pyjama set as a gift for my girlfriend", false, WhoWomen, ""},
		{"a scarf for my mum's birthday", false, WhoWomen, ""},
		{"buy my wife a red dress", false, WhoWomen, ""},
		// no gift
		{"what should I wear to my mum's birthday", false, "", ""},
		{"a black dress", false, "", ""},
		{"running shoes for men", false, WhoMen, ""},
		{"yoga outfit", false, "", ""},
	}
	for _, c := range cases {
		t.Run(c.text, func(t *testing.T) {
			q := v.Parse(c.text)
			if q.Gift != c.gift {
				t.Fatalf("Gift = %v, want %v (%s)", q.Gift, c.gift, q)
			}
			if c.who != "" && q.Audience.Who != c.who {
				t.Errorf("audience %s, want %s", q.Audience.Who, c.who)
			}
			if got := strings.Join(q.Interests, ","); c.gift && got != c.interests {
				t.Errorf("interests %q, want %q", got, c.interests)
			}
		})
	}
}

func TestGiftKindsAndWords(t *testing.T) {
	q := Query{Gift: true, Interests: []string{"football"}}
	kinds := GiftKinds(q)
	if kinds[0] != "T-shirt" || !contains(kinds, "Scarf") || !contains(kinds, "Shorts") {
		t.Errorf("kinds %v: want football kinds first, then the gift kinds", kinds)
	}
	if w := GiftWords(q); !contains(w, "football") {
		t.Errorf("words %v lack football", w)
	}
	if w := GiftWords(Query{Gift: true}); len(w) != 0 {
		t.Errorf("no interest, words %v", w)
	}
	for _, k := range GiftKinds(Query{Gift: true, Interests: []string{"yoga", "hiking"}}) {
		if Intimate(&catalog.Article{ProductTypeName: k}) {
			t.Errorf("gift kind %q is intimate", k)
		}
	}
	for _, a := range []catalog.Article{
		{ProductGroupName: "Underwear", ProductTypeName: "Underwear bottom"},
		{ProductGroupName: "Socks & Tights", ProductTypeName: "Socks"},
		{ProductGroupName: "Swimwear", ProductTypeName: "Bikini top"},
		{ProductGroupName: "Nightwear", ProductTypeName: "Pyjama set"},
	} {
		if !Intimate(&a) {
			t.Errorf("%s is not intimate", a.ProductTypeName)
		}
	}
	if Intimate(&catalog.Article{ProductGroupName: "Accessories", ProductTypeName: "Scarf"}) {
		t.Error("a scarf is intimate")
	}
}

// Every type the gifts file names exists in the real catalog.
func TestGiftTypesExistInRealCatalog(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the real catalog")
	}
	arts := loadReal(t)
	types, groups := map[string]bool{}, map[string]bool{}
	for i := range arts {
		types[arts[i].ProductTypeName], groups[arts[i].ProductGroupName] = true, true
	}
	g := giftData()
	all := append(append([]string(nil), g.kinds...), g.intimateTypes...)
	for _, in := range g.interests {
		all = append(all, in.types...)
	}
	for _, ty := range all {
		if !types[ty] {
			t.Errorf("data/gifts.txt: type %q is not in the catalog", ty)
		}
	}
	for _, gr := range g.intimateGroups {
		if !groups[gr] {
			t.Errorf("data/gifts.txt: group %q is not in the catalog", gr)
		}
	}
}

func TestParseGiftsErrors(t *testing.T) {
	cases := []struct{ text, want string }{
		{"words: gift", "x.txt line 1: text before the first [section]"},
		{"[cues]\nwords gift", "x.txt line 2: want \"key: value, value\""},
		{"[cues]\nwords: gift\n[kinds]\ncolours: red", "x.txt line 4: unknown key \"colours\" in [kinds]"},
		{"[presents]", "x.txt line 1: unknown section \"[presents]\""},
		{"[cues]\nwords: gift\n[kinds]\ntypes: Scarf", "x.txt: want [cues] words, [kinds] types and [intimate] groups"},
		{"[cues]\nwords: gift\n[kinds]\ntypes: Scarf\n[intimate]\ngroups: Underwear\n[interest golf]\nwords: golf", "x.txt: [interest golf] wants phrases and words or types"},
	}
	for _, c := range cases {
		t.Run(c.want, func(t *testing.T) {
			_, err := parseGifts("x.txt", c.text)
			if err == nil || err.Error() != c.want {
				t.Fatalf("err = %v, want %q", err, c.want)
			}
		})
	}
	if _, err := parseGifts("data/gifts.txt", giftsTxt); err != nil {
		t.Fatal(err)
	}
}
