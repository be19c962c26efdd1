package outfit

import (
	"context"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/stylistbot/stylist/catalog"
	"github.com/stylistbot/stylist/query"
)

// checkOutfit asserts the properties every assembled outfit has.
func checkOutfit(t *testing.T, k *Knowledge, res *Result, o Outfit) {
	t.Helper()
	p := res.Plan
	slots := map[string]int{}
	var arts []*catalog.Article
	codes := map[string]bool{}
	for i := range o.Items {
		it := &o.Items[i]
		a := &it.Article
		slots[it.Slot]++
		arts = append(arts, a)
		if !lookAllows(p.Audience, a) {
			t.Errorf("%s (%s %s) is not for %s", a.ArticleID, a.IndexGroupName, a.SectionName, LookName(p.Audience))
		}
		if k.Never.Forbids(a) || p.Forbid[a.ProductTypeName] || (p.Formality >= 1 && k.SmartNever.Forbids(a)) {
			t.Errorf("forbidden %s (%s)", a.ProductTypeName, a.ProdName)
		}
		if s := p.Slot(it.Slot); s == nil || !slices.Contains(s.Types, a.ProductTypeName) {
			t.Errorf("%s in slot %s", a.ProductTypeName, it.Slot)
		}
		if codes[a.ProductCode] {
			t.Errorf("two colourways of %s", a.ProductCode)
		}
		codes[a.ProductCode] = true
		if res.Anchor != nil && (a.ArticleID == res.Anchor.ArticleID || a.ProductCode == res.Anchor.ProductCode) {
			t.Errorf("anchor %s repeated", a.ArticleID)
		}
	}
	for s, n := range slots {
		if (s != Accessory && n > 1) || n > p.Accessories && s == Accessory {
			t.Errorf("%d items in slot %s", n, s)
		}
	}
	if slots[OnePiece] > 0 && slots[Top]+slots[Bottom] > 0 {
		t.Error("a one-piece with separates")
	}
	if p.AnchorSlot != "" && p.AnchorSlot != Accessory && slots[p.AnchorSlot] > 0 {
		t.Errorf("anchor slot %s filled again", p.AnchorSlot)
	}
	// one girls' or boys' line, never both
	sexes := map[string]bool{}
	for _, a := range arts {
		if g := articleSex(a); g != "" {
			sexes[g] = true
		}
	}
	if len(sexes) > 1 {
		t.Error("girls' and boys' pieces mixed")
	}
	asked := append(append([]string(nil), p.Palette.Masters...), mastersOf(p.Palette.Groups)...)
	all := arts
	if res.Anchor != nil {
		all = append(all, res.Anchor)
	}
	if acc := k.Harmony.Accents(all); !k.Harmony.AccentsOK(acc, asked) {
		t.Errorf("accents %v do not go together (asked %v)", acc, asked)
	}
}

func TestAssemblyProperties(t *testing.T) {
	a := testAssembler(t)
	k := a.Knowledge()
	requests := []string{
		"what should I wear to a wedding as a guest, I'm a man",
		"outfit for a summer wedding",
		"3 outfit ideas for a party",
		"what to wear to the beach",
		"beach outfit for a man",
		"gym outfit for women",
		"an outfit for a business meeting in winter",
		"back to school outfit for my son",
		"school outfit for a girl",
		"two looks for date night for my boyfriend",
		"an all-white outfit for a summer party",
		"something red for date night",
		"I have black leather boots, what goes with them?",
		"goes with my navy blazer: an outfit for the office",
		"outfit in dark colours for a winter dinner",
		"an outfit for a party, not black",
		"cosy outfit for lounging at home",
	}
	for _, text := range requests {
		t.Run(text, func(t *testing.T) {
			res, err := a.Assemble(context.Background(), text)
			if err != nil {
				t.Fatal(err)
			}
			if !res.IsOutfit || len(res.Outfits) == 0 {
				t.Fatalf("no outfit: %+v", res.Notices)
			}
			want := max(res.Request.Outfits, 1)
			if len(res.Outfits) != want {
				t.Errorf("%d outfits, want %d", len(res.Outfits), want)
			}
			seen := map[string]int{}
			mains := map[string]bool{}
			for i, o := range res.Outfits {
				checkOutfit(t, k, res, o)
				if o.Title == "" {
					t.Error("untitled outfit")
				}
				for _, it := range o.Items {
					if n, dup := seen[it.Article.ArticleID]; dup {
						t.Errorf("%s in outfits %d and %d", it.Article.ArticleID, n+1, i+1)
					}
					seen[it.Article.ArticleID] = i
				}
				main := ""
				for _, it := range o.Items {
					if it.Slot == OnePiece || it.Slot == Top || it.Slot == Swimwear {
						main = it.Article.ProductTypeName + "/" + it.Article.PerceivedColourMasterName
						break
					}
				}
				if mains[main] {
					t.Errorf("outfit %d repeats the main piece %s", i+1, main)
				}
				mains[main] = true
			}
			again, err := a.Assemble(context.Background(), text)
			if err != nil || !reflect.DeepEqual(again.Outfits, res.Outfits) {
				t.Error("assembly is not deterministic")
			}
		})
	}
}

func TestAssemblyColourWishes(t *testing.T) {
	a := testAssembler(t)
	get := func(text string) Outfit {
		t.Helper()
		res, err := a.Assemble(context.Background(), text)
		if err != nil || len(res.Outfits) == 0 {
			t.Fatalf("%q: %v %v", text, err, res)
		}
		return res.Outfits[0]
	}
	for _, it := range get("an all-white outfit for a summer party").Items {
		if it.Article.PerceivedColourMasterName != "White" {
			t.Errorf("all-white look has %s %s", it.Article.ColourGroupName, it.Article.ProductTypeName)
		}
	}
	red := false
	for _, it := range get("something red for date night").Items {
		red = red || it.Article.PerceivedColourMasterName == "Red"
	}
	if !red {
		t.Error("no red piece")
	}
	for _, it := range get("an outfit for a party, not black").Items {
		if it.Article.PerceivedColourMasterName == "Black" {
			t.Errorf("black %s", it.Article.ProductTypeName)
		}
	}
	for _, it := range get("outfit in dark colours for a winter dinner").Items {
		if it.Slot != Accessory && it.Article.PerceivedColourValueName != "Dark" && it.Article.PerceivedColourValueName != "Medium Dusty" {
			t.Errorf("%s is %s", it.Article.ProductTypeName, it.Article.PerceivedColourValueName)
		}
	}
}

func TestAssemblyAnchorByID(t *testing.T) {
	a := testAssembler(t)
	var skirt catalog.Article
	for _, x := range fixArts {
		if x.ProductTypeName == "Skirt" && x.IndexGroupName == "Ladieswear" && x.ColourGroupName == "Red" {
			skirt = x
		}
	}
	res, err := a.Assemble(context.Background(), "complete the look for article "+skirt.ArticleID)
	if err != nil || res.Anchor == nil || res.Anchor.ArticleID != skirt.ArticleID {
		t.Fatalf("anchor not resolved: %v %+v", err, res)
	}
	o := res.Outfits[0]
	checkOutfit(t, a.Knowledge(), res, o)
	for _, it := range o.Items {
		if it.Slot == Bottom || it.Slot == OnePiece {
			t.Errorf("the anchor's slot is filled: %s", it.Article.ProductTypeName)
		}
		if it.Slot == Top && !lookAllows(query.Audience{Who: query.WhoWomen}, &it.Article) {
			t.Errorf("the anchor's audience is not kept")
		}
	}
	res, err = a.Assemble(context.Background(), "complete the look for article 0999999001")
	if err != nil || res.Anchor != nil || len(res.Notices) == 0 {
		t.Fatalf("unknown anchor id must be said: %v %+v", err, res.Notices)
	}
}

func TestSingleItemRequestIsNoOutfit(t *testing.T) {
	a := testAssembler(t)
	for _, text := range []string{"a dress for a wedding", "black leather boots", "dress shoes for men", "red sneakers"} {
		res, err := a.Assemble(context.Background(), text)
		if err != nil || res.IsOutfit || len(res.Outfits) > 0 {
			t.Errorf("%q read as an outfit request", text)
		}
	}
}

func TestExplain(t *testing.T) {
	a := testAssembler(t)
	res, err := a.Assemble(context.Background(), "something red for date night")
	if err != nil || len(res.Outfits) == 0 {
		t.Fatal(err)
	}
	why, reasons := res.Explain(0)
	if !strings.Contains(why, "look for date night") || !strings.Contains(why, "red") || len(reasons) != len(res.Outfits[0].Items) {
		t.Fatalf("rationale %q reasons %q", why, reasons)
	}
	for i, r := range reasons {
		it := res.Outfits[0].Items[i]
		if !strings.Contains(r, TypeName(it.Article.ProductTypeName)) || strings.Contains(r, "you asked for") {
			t.Errorf("reason %q for %s", r, it.Article.ProductTypeName)
		}
		if it.Article.PerceivedColourMasterName == "Red" && !strings.Contains(r, "accent") {
			t.Errorf("the red piece's reason must name the accent: %q", r)
		}
	}
	if w, r := res.Explain(5); w != "" || r != nil {
		t.Error("out of range")
	}
}
