package outfit

import (
	"slices"
	"testing"
)

func TestPlanRulesFromKnowledge(t *testing.T) {
	a := testAssembler(t)
	cases := []struct {
		in    string
		check func(t *testing.T, p *Plan)
	}{
		{"what should I wear to a wedding as a guest, I'm a man", func(t *testing.T, p *Plan) {
			if p.Occasion.Name != "wedding guest" || LookName(p.Audience) != "men" || p.AudienceNotice != "" {
				t.Fatalf("occasion %s audience %v", p.Occasion.Name, p.Audience)
			}
			if p.OnePiece || p.Has(OnePiece) {
				t.Error("no one-piece in menswear")
			}
			for _, bad := range []string{"Hoodie", "Sneakers", "Flip flop", "T-shirt"} {
				for _, s := range p.Slots {
					if slices.Contains(s.Types, bad) {
						t.Errorf("%s planned in %s", bad, s.Name)
					}
				}
			}
			if !slices.Contains(slotTypes(p, Accessory), "Tie") || p.Accessories != 2 {
				t.Errorf("accessories %v x%d", slotTypes(p, Accessory), p.Accessories)
			}
		}},
		{"outfit for a summer wedding", func(t *testing.T, p *Plan) {
			if p.AudienceNotice == "" || LookName(p.Audience) != "women" || !p.OnePiece || !p.Separates {
				t.Fatalf("plan %+v", p)
			}
			if p.Has(Outer) {
				t.Error("no outer layer in summer")
			}
			if slices.Contains(slotTypes(p, Shoes), "Boots") {
				t.Error("no boots in summer")
			}
			if !slices.Contains(p.Slot(OnePiece).AvoidMasters, "White") {
				t.Error("the dress avoids white at a wedding")
			}
		}},
		{"outfit for a wedding in winter", func(t *testing.T, p *Plan) {
			if !p.Has(Outer) || slices.Contains(slotTypes(p, Shoes), "Sandals") {
				t.Fatalf("winter: outer %v shoes %v", p.Has(Outer), slotTypes(p, Shoes))
			}
		}},
		{"what to wear to the beach", func(t *testing.T, p *Plan) {
			if !p.Has(Swimwear) || p.Has(Outer) || slices.Contains(slotTypes(p, Shoes), "Boots") {
				t.Fatalf("beach plan %+v", p.Slots)
			}
			if !slices.Equal(slotTypes(p, Swimwear), []string{"Swimsuit"}) { // the fixture has no women's swimwear sets
				t.Errorf("swimwear %v", slotTypes(p, Swimwear))
			}
		}},
		{"beach outfit for a man", func(t *testing.T, p *Plan) {
			if !slices.Equal(slotTypes(p, Swimwear), []string{"Swimwear bottom"}) {
				t.Errorf("men's swimwear %v", slotTypes(p, Swimwear))
			}
		}},
		{"gym outfit", func(t *testing.T, p *Plan) {
			if p.Has(OnePiece) || !p.Occasion.Sport || !slices.Contains(slotTypes(p, Bottom), "Leggings/Tights") {
				t.Fatalf("gym plan %+v", p.Slots)
			}
		}},
		{"I have black leather boots, what goes with them?", func(t *testing.T, p *Plan) {
			if p.AnchorSlot != Shoes || p.Has(Shoes) {
				t.Fatalf("anchor slot %q, shoes planned %v", p.AnchorSlot, p.Has(Shoes))
			}
		}},
		{"what goes with my white shirt, for the office", func(t *testing.T, p *Plan) {
			if p.AnchorSlot != Top || p.Has(Top) || p.Has(OnePiece) || !p.Has(Bottom) {
				t.Fatalf("anchor top: %+v", p.Slots)
			}
		}},
		{"goes with my navy blazer", func(t *testing.T, p *Plan) {
			if p.AnchorSlot != Outer || p.Kit != "smart" {
				t.Fatalf("anchor %q kit %q", p.AnchorSlot, p.Kit)
			}
		}},
		{"a casual outfit for a job interview", func(t *testing.T, p *Plan) {
			if p.Kit != "casual" {
				t.Fatalf("stated formality must move the kit: %q", p.Kit)
			}
		}},
		{"an outfit with a red dress for a party", func(t *testing.T, p *Plan) {
			if p.Separates || !slices.Equal(slotTypes(p, OnePiece), []string{"Dress"}) || !slices.Equal(p.Slot(OnePiece).ColourMasters, []string{"Red"}) {
				t.Fatalf("named dress: %+v", p.Slots)
			}
		}},
		{"an all-white outfit for a party", func(t *testing.T, p *Plan) {
			for _, s := range p.Slots {
				if !slices.Equal(s.ColourMasters, []string{"White"}) {
					t.Errorf("slot %s colours %v", s.Name, s.ColourMasters)
				}
			}
		}},
		{"what should I wear to a funeral", func(t *testing.T, p *Plan) {
			if !slices.Contains(p.Slot(Top).ColourMasters, "Black") || slices.Contains(p.Slot(Top).ColourMasters, "Red") {
				t.Errorf("funeral colours %v", p.Slot(Top).ColourMasters)
			}
		}},
		{"3 outfit ideas for my son's birthday party", func(t *testing.T, p *Plan) {
			if p.Outfits != 3 || LookName(p.Audience) != "boys 92-140" {
				t.Fatalf("outfits %d audience %v", p.Outfits, p.Audience)
			}
			if slices.Contains(slotTypes(p, Accessory), "Earring") {
				t.Error("kids' accessories come from the kids list")
			}
		}},
	}
	for _, c := range cases {
		t.Run(c.in, func(t *testing.T) { c.check(t, planOf(t, a, c.in)) })
	}
}

// TestPlanAudience: the outfit takes the request's audience (query.Audience)
// and narrows it to one gender and one children's band.
func TestPlanAudience(t *testing.T) {
	a := testAssembler(t)
	k := a.Knowledge()
	cases := []struct {
		in, want string
		notice   bool
	}{
		{"an outfit for my daughter, she is 8, for a school party", "girls 92-140", false},
		{"outfit for my son, he is 12, for a birthday party", "boys 134-170", false},
		{"what should my 16 year old daughter wear to a party", "girls 134-170", false},
		{"what should I wear to a party, I'm a guy", "men", false},
		{"an outfit for my boyfriend for a wedding", "men", false},
		{"outfit for my girlfriend for a date night", "women", false},
		{"what should I wear to a party", "women", true},
		{"outfit for a summer wedding", "women", true},
		{"outfit for the kids for a beach holiday", "children 92-140", true},
		{"an outfit for my nephew for a wedding", "boys 92-140", true},
		{"outfit for my son, he is 6, for a wedding", "boys 92-140", false},
		{"an outfit for my daughter, she is 2, for a birthday party", "baby 50-98", true},
	}
	for _, c := range cases {
		t.Run(c.in, func(t *testing.T) {
			r, ok := a.Parse(c.in)
			if !ok {
				t.Fatalf("%q is no outfit request", c.in)
			}
			p := k.NewPlan(r, nil, a.available)
			if got := LookName(p.Audience); got != c.want || (p.AudienceNotice != "") != c.notice {
				t.Errorf("audience %q (%v, notice %q), want %q notice %v", got, r.Query.Audience, p.AudienceNotice, c.want, c.notice)
			}
		})
	}
}

// TestBoysLooksHaveNoDresses: the kids' kit is shared, and dress-up dresses
// have no girl/boy side, so a boy's (or man's) look forbids dresses and
// skirts; a girl's does not.
func TestBoysLooksHaveNoDresses(t *testing.T) {
	a := testAssembler(t)
	k := a.Knowledge()
	for _, tc := range []struct {
		text string
		no   bool
	}{
		{"back to school outfit for my 8 year old son", true},
		{"what should I wear to a wedding, I'm a man", true},
		{"back to school outfit for my 8 year old daughter", false},
		{"what should I wear to a wedding, I'm a woman", false},
	} {
		r, ok := a.Parse(tc.text)
		if !ok {
			t.Fatalf("%q is no outfit request", tc.text)
		}
		p := k.NewPlan(r, nil, a.available)
		if p.Forbid["Dress"] != tc.no || p.Forbid["Skirt"] != tc.no {
			t.Errorf("%q: dress forbidden %v, skirt %v; want %v", tc.text, p.Forbid["Dress"], p.Forbid["Skirt"], tc.no)
		}
	}
}

// planOf parses text with a and plans it with a's knowledge and catalog.
func planOf(t *testing.T, a *Assembler, text string) *Plan {
	t.Helper()
	r, ok := a.Parse(text)
	if !ok {
		t.Fatalf("%q is no outfit request", text)
	}
	return a.Knowledge().NewPlan(r, nil, a.available)
}

// slotTypes returns the types of p's slot, or nil when p has no such slot.
func slotTypes(p *Plan, slot string) []string {
	if s := p.Slot(slot); s != nil {
		return s.Types
	}
	return nil
}
