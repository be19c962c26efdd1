package query

import (
	"strings"
	"testing"

	"github.com/stylistbot/stylist/catalog"
)

func TestNegatedDetails(t *testing.T) {
	v := testVocab()
	cases := []struct {
		text    string
		want    []string
		noTerms []string // words that must not reach lexical search
	}{
		{"jeans that are not skinny", l("skinny"), l("skinny")},
		{"a jacket without a hood", l("hood"), l("hood")},
		{"a warm sweater, no wool", l("wool"), l("wool")},
		{"a dress that is not tight", l("tight"), nil},
		{"a blouse that is not see-through", l("see-through"), l("see", "through")},
		{"not too tight or see through please", l("tight", "see-through"), nil},
		{"a wool-free cardigan", l("wool"), l("wool")},
		{"I don't want a hood", l("hood"), l("hood")},
		{"leggings, nothing sheer", l("see-through"), l("sheer")},
		{"a bra without underwire and without padding", l("padding"), nil}, // "without underwire" asks for non-wired (TestAskedDetails)
		{"non-stretch jeans", l("stretch"), nil},
		{"a wool coat with a hood", nil, nil},
		{"skinny jeans", nil, nil},
		{"not sure about wool", nil, nil},
		{"no problem if it has a hood", nil, nil},
		{"black dress", nil, nil},
	}
	for _, c := range cases {
		t.Run(c.text, func(t *testing.T) {
			q := v.Parse(c.text)
			if !sameSet(q.NotDetails, c.want) {
				t.Errorf("NotDetails = %q, want %q", q.NotDetails, c.want)
			}
			for _, w := range c.noTerms {
				if contains(q.Terms, w) {
					t.Errorf("term %q kept: %q", w, q.Terms)
				}
			}
			if len(c.want) > 0 && q.Search == "" {
				t.Errorf("Search not set")
			}
		})
	}
}

func TestHasDetail(t *testing.T) {
	cases := []struct {
		name, desc, label string
		want              bool
	}{
		{"Skinny Regular Waist", "5-pocket jeans in washed stretch denim.", "skinny", true},
		{"Wide jeans", "Jeans with wide legs.", "skinny", false},
		{"Padded jacket", "Padded jacket with a detachable hood.", "hood", true},
		{"Parka", "Parka without a hood.", "hood", false},
		{"Neighbourhood tee", "Tee in cotton jersey.", "hood", false},
		{"Jumper", "Jumper in a soft wool blend.", "wool", true},
		{"Jumper", "Jumper in soft cotton.", "wool", false},
		{"Tulle skirt", "Skirt in sheer tulle.", "see-through", true},
		{"Blouse", "Blouse in woven fabric.", "see-through", false},
	}
	for _, c := range cases {
		a := catalog.Article{ProdName: c.name, DetailDesc: c.desc}
		if got := HasDetail(&a, c.label); got != c.want {
			t.Errorf("HasDetail(%q / %q, %s) = %v", c.name, c.desc, c.label, got)
		}
	}
}

func TestDetailsFileParses(t *testing.T) {
	if _, err := parseDetails(detailsFile, detailsTxt); err != nil {
		t.Fatal(err)
	}
	if len(DetailLabels()) < 50 || len(AskableDetails()) < 40 {
		t.Fatalf("only %d details, %d askable", len(DetailLabels()), len(AskableDetails()))
	}
}

func TestParseDetailsErrors(t *testing.T) {
	cases := []struct{ text, want string }{
		{"hood: hood | hood", "x.txt:1: detail before any [section]"},
		{"[feature]\n\n[colours]", "x.txt:3: unknown section \"[colours]\""},
		{"[feature]\nhood hood | hood", "x.txt:2: want \"label: request phrases"},
		{"[feature]\nhood: hood", "x.txt:2: want \"label: request phrases"},
		{"[feature]\nhood: hood | hood | a | b", "x.txt:2: want"},
		{"[feature]\nhood: | hood", "x.txt:2: detail \"hood\" needs request and catalog phrases"},
		{"[feature]\nHood: hood | hood", "x.txt:2: bad label \"Hood\""},
		{"[feature]\na,b: hood | hood", "x.txt:2: bad label"},
		{"[feature]\nhood: hood | hood\n# c\nhood: hooded | hooded", "x.txt:4: label \"hood\" already on line 2"},
		{"[feature]\nhood: hood, ?! | hood", "x.txt:2: phrase \"?!\" has no words"},
	}
	for _, c := range cases {
		_, err := parseDetails("x.txt", c.text)
		if err == nil || !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("%q: error %v, want prefix %q", c.text, err, c.want)
		}
	}
}

func TestAskedDetails(t *testing.T) {
	v := testVocab()
	cases := []struct {
		text    string
		want    []string
		wantNot []string
	}{
		{"a quilted jacket", l("quilted"), nil},
		{"organic cotton t-shirt", l("organic cotton"), nil},
		{"lace bra without underwire", l("lace", "non-wired"), nil},
		{"a wireless bra", l("non-wired"), nil},
		{"off the shoulder top", l("off-the-shoulder"), nil},
		{"black turtleneck", l("polo neck"), nil},
		{"a roll neck jumper", l("polo neck"), nil},
		{"puffer jacket", l("padding"), nil},
		{"a jacket with a hood that keeps the rain out", l("hood"), nil},
		{"high waisted wide leg trousers", l("high waist", "wide legs"), nil},
		{"a midi dress with puff sleeves", l("midi", "puff sleeves"), nil},
		{"v-neck sweater in cashmere", l("v-neck", "cashmere"), nil},
		{"linen shirt with a resort collar", l("linen", "resort collar"), nil},
		{"a wool coat with a hood", l("wool", "hood"), nil},
		{"a wool coat without a hood", l("wool"), l("hood")},
		{"skinny jeans", l("skinny"), nil},
		{"jeans that are not skinny", nil, l("skinny")},
		{"a tight dress", nil, nil},   // a style word, not a detail to ask for
		{"printed t-shirt", nil, nil}, // a pattern (Appearances)
		{"something relaxed for the weekend", nil, nil},
		{"black dress", nil, nil},
		{"a non-wired bra", l("non-wired"), nil},
	}
	for _, c := range cases {
		t.Run(c.text, func(t *testing.T) {
			q := v.Parse(c.text)
			if !sameSet(q.Details, c.want) || !sameSet(q.NotDetails, c.wantNot) {
				t.Errorf("Details = %q, NotDetails = %q; want %q, %q", q.Details, q.NotDetails, c.want, c.wantNot)
			}
		})
	}
}

func TestTextDetails(t *testing.T) {
	cases := []struct {
		name, desc string
		want       []string
	}{
		{"Quincy Pile Jacket", "Jacket in pile with a zip down the front and side pockets. Lined.", l("fur", "lined", "zip", "pockets")},
		{"Soft bra", "Soft, non-wired bra in lace with adjustable shoulder straps.", l("lace", "non-wired", "sleeveless")},
		{"Push bra", "Push-up bra with underwired, padded cups.", l("underwire", "padding")},
		{"Boots", "Lace-up boots in imitation leather with a zip in one side.", l("leather", "zip")},
		{"Coat", "Coat in a woven wool blend with no collar or buttons.", l("wool")},
		{"Jacket", "Jacket without a hood. Unlined.", nil},
		{"Top", "Top in soft organic cotton jersey with a polo-neck and long sleeves.", l("organic cotton", "polo neck", "long sleeves")},
	}
	for _, c := range cases {
		got := TextDetails(c.name, c.desc).Labels()
		if !sameSet(got, c.want) {
			t.Errorf("%q / %q: %q, want %q", c.name, c.desc, got, c.want)
		}
	}
	a := catalog.Article{ProdName: "Parka", DetailDesc: "Padded parka with a lined hood."}
	s := TextDetails(a.ProdName, a.DetailDesc)
	a.Details = FormatDetails(s)
	if a.Details != "hood,padding,lined" {
		t.Errorf("stored as %q, want vocabulary order", a.Details)
	}
	for _, l := range s.Labels() {
		if !StatesDetail(&a, l) {
			t.Errorf("stored %q does not state %q, which the text does", a.Details, l)
		}
	}
}
