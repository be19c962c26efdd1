package outfit

import (
	"context"
	"slices"
	"strings"
	"testing"
)

func TestAnchorPlans(t *testing.T) {
	a := testAssembler(t)
	cases := []struct {
		in    string
		check func(t *testing.T, p *Plan)
	}{
		{"what goes with my navy boots?", func(t *testing.T, p *Plan) {
			if p.Has(Shoes) || !p.Has(Outer) || p.Kit != "casual" || len(p.Focus) != 0 {
				t.Fatalf("slots %v kit %s focus %v", p.Slots, p.Kit, p.Focus)
			}
			if got := slotTypes(p, Accessory); !slices.Equal(got, []string{"Bag"}) {
				t.Errorf("accessory %v, want the bag that finishes the look", got)
			}
			if p.Anchor.Colour != "navy" || p.Anchor.Master != "Blue" || p.Slot(Top).Prefer[0] != "Beige" {
				t.Errorf("anchor %+v prefer %v", p.Anchor, p.Slot(Top).Prefer)
			}
		}},
		{"I bought a beige coat, how do I style it?", func(t *testing.T, p *Plan) {
			if p.Has(Outer) || !p.Has(Shoes) || p.Kit != "smart" || p.Anchor.Colour != "beige" {
				t.Fatalf("slots %v kit %s anchor %+v", p.Slots, p.Kit, p.Anchor)
			}
		}},
		{"what goes with my red dress in summer", func(t *testing.T, p *Plan) {
			if p.Has(Outer) || p.Has(OnePiece) || p.Has(Top) || !p.Has(Shoes) {
				t.Fatalf("slots %v: the summer says no layer, the dress is the main piece", p.Slots)
			}
		}},
		{"what goes with my red dress", func(t *testing.T, p *Plan) {
			if !p.Has(Outer) || !p.Has(Shoes) || !p.Has(Accessory) {
				t.Fatalf("slots %v: a dress gets a layer, shoes and a bag", p.Slots)
			}
		}},
		{"what shoes go with a red dress", func(t *testing.T, p *Plan) {
			if !slices.Equal(p.Focus, []string{Shoes}) || len(p.Slots) != 1 || p.Outfits != pairingOptions || p.FocusName != "shoes" {
				t.Fatalf("focus %v slots %v outfits %d name %q", p.Focus, p.Slots, p.Outfits, p.FocusName)
			}
			if s := p.Slot(Shoes); len(s.ColourMasters) > 0 || s.Prefer[0] != "Black" || slices.Contains(s.Prefer, "Red") {
				t.Errorf("shoes colours %v prefer %v: red is the dress's, not a wish", s.ColourMasters, s.Prefer)
			}
		}},
		{"what colour trousers go with a navy blazer", func(t *testing.T, p *Plan) {
			if !slices.Equal(p.Focus, []string{Bottom}) || !slices.Equal(slotTypes(p, Bottom), []string{"Trousers"}) || p.Anchor.Colour != "navy" {
				t.Fatalf("focus %v types %v anchor %+v", p.Focus, slotTypes(p, Bottom), p.Anchor)
			}
		}},
		{"what sweater goes with my white shirt", func(t *testing.T, p *Plan) {
			if !slices.Equal(p.Focus, []string{Top}) || !slices.Contains(slotTypes(p, Top), "Sweater") || slices.Contains(slotTypes(p, Top), "Shirt") {
				t.Fatalf("focus %v top %v: the asked slot stays, without the anchor's kind", p.Focus, slotTypes(p, Top))
			}
		}},
		{"what can I wear with my black bag", func(t *testing.T, p *Plan) {
			if slices.Contains(slotTypes(p, Accessory), "Bag") {
				t.Errorf("accessory %v: no second bag", slotTypes(p, Accessory))
			}
		}},
		{"what tie goes with a navy suit", func(t *testing.T, p *Plan) {
			if LookName(p.Audience) != "men" || !strings.Contains(p.AudienceNotice, "men's") || !slices.Equal(slotTypes(p, Accessory), []string{"Tie"}) {
				t.Fatalf("audience %v notice %q accessory %v: ties are menswear", p.Audience, p.AudienceNotice, slotTypes(p, Accessory))
			}
			if p.Forbid["Tie"] {
				t.Error("the everyday occasion forbids the tie that was asked for")
			}
		}},
		{"what tie goes with a navy suit, for women", func(t *testing.T, p *Plan) {
			if LookName(p.Audience) != "women" || len(p.Slots) != 0 {
				t.Fatalf("audience %v slots %v: no other kind instead of the tie", p.Audience, p.Slots)
			}
		}},
		{"how do I style my navy suit, I'm a man", func(t *testing.T, p *Plan) {
			if p.Has(Outer) || p.Has(Bottom) || !p.Has(Top) || p.Kit != "formal" {
				t.Fatalf("slots %v kit %s: a suit is the jacket and the trousers", p.Slots, p.Kit)
			}
		}},
	}
	for _, c := range cases {
		t.Run(c.in, func(t *testing.T) { c.check(t, planOf(t, a, c.in)) })
	}
}

func TestGoesWith(t *testing.T) {
	h := &DefaultKnowledge().Harmony
	cases := []struct{ master, group, appearance, want string }{
		{"Blue", "Dark Blue", "Solid", "navy"},
		{"Blue", "Blue", "Denim", "denim blue"},
		{"Blue", "Light Blue", "Solid", "light blue"},
		{"Blue", "Blue", "Solid", "blue"},
		{"Beige", "Dark Beige", "", "camel"},
		{"", "Dark Beige", "", "camel"},
		{"Brown", "Yellowish Brown", "", "camel"}, // the group is the finer word
		{"Brown", "", "", "brown"},
		{"Pink", "Light Pink", "", "pink"},
		{"Khaki green", "", "", "olive"},
		{"", "", "Denim", "denim blue"},      // "my denim jacket"
		{"Black", "Black", "Denim", "black"}, // black jeans
	}
	for _, c := range cases {
		p := h.GoesWith(c.master, c.group, c.appearance)
		if p == nil || p.Name != c.want {
			t.Errorf("GoesWith(%q, %q, %q) = %+v, want %s", c.master, c.group, c.appearance, p, c.want)
		}
	}
	if p := h.GoesWith("", "", ""); p != nil {
		t.Errorf("no colour: %+v", p)
	}
	for _, p := range h.Pairings {
		if len(p.With) < 4 {
			t.Errorf("%s: %v is too short a list to build looks from", p.Name, p.With)
		}
	}
}

func TestAssemblePairing(t *testing.T) {
	a := testAssembler(t)
	ctx := context.Background()
	res, err := a.Assemble(ctx, "what shoes go with a red dress")
	if err != nil || !res.IsOutfit {
		t.Fatalf("%v %+v", err, res)
	}
	red := res.Plan.Anchor
	if len(res.Outfits) != pairingOptions {
		t.Fatalf("%d options", len(res.Outfits))
	}
	seen := map[string]bool{}
	for i, o := range res.Outfits {
		if len(o.Items) != 1 || o.Items[0].Article.ProductGroupName != "Shoes" {
			t.Fatalf("option %d: %+v, want one pair of shoes", i, o.Items)
		}
		c := o.Items[0].Article.PerceivedColourMasterName
		if c == "Red" || seen[c] || !slices.Contains(red.With, c) {
			t.Errorf("option %d in %s (seen %v): the options differ, go with red and are not red", i, c, seen)
		}
		seen[c] = true
		if rationale, reasons := res.Explain(i); !strings.Contains(rationale, "red dress") || !strings.Contains(reasons[0], "red dress") {
			t.Errorf("explanation %q %q does not speak of the dress", rationale, reasons)
		}
	}

	// The fixture catalog has the colours black, white, navy, beige, red,
	// pink, green and yellow: its goes_with rows keep only those.
	res, err = a.Assemble(ctx, "what goes with my navy boots?")
	if err != nil || len(res.Outfits) != 1 {
		t.Fatalf("%v %+v", err, res)
	}
	o := res.Outfits[0]
	if len(o.Items) < 3 {
		t.Errorf("%d pieces: a look around boots covers the main piece, a layer and a bag", len(o.Items))
	}
	bag := false
	for _, it := range o.Items {
		if it.Article.ProductGroupName == "Shoes" {
			t.Errorf("shoes %s next to the boots", it.Article.ArticleID)
		}
		bag = bag || it.Article.ProductTypeName == "Bag"
		c := it.Article.PerceivedColourMasterName
		if !slices.Contains(res.Plan.Anchor.With, c) {
			t.Errorf("%s in %s, which does not go with navy", it.Article.ProductTypeName, c)
		}
	}
	if !bag {
		t.Error("no bag")
	}
	if rationale, _ := res.Explain(0); !strings.Contains(rationale, "navy boots") || !strings.Contains(rationale, "with navy") {
		t.Errorf("rationale %q", rationale)
	}
	other, err := a.Assemble(ctx, "what goes with my black boots?")
	if err != nil || len(other.Outfits) != 1 {
		t.Fatalf("%v %+v", err, other)
	}
	if lookIDs(other.Outfits[0]) == lookIDs(o) {
		t.Errorf("black and navy boots got the same look %s", lookIDs(o))
	}
}

func lookIDs(o Outfit) string {
	var out []string
	for _, it := range o.Items {
		out = append(out, it.Article.ArticleID)
	}
	return strings.Join(out, ",")
}
