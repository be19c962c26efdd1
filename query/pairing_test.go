package query

import "testing"

// TestParsePairing covers requests built around an item the person has: the
// kind asked for (Asked) is never the anchor's, and the anchor's colour is
// never a wish for the look.
func TestParsePairing(t *testing.T) {
	v := testVocab()
	cases := []struct {
		in           string
		ok           bool
		anchor       string   // the anchor phrase, "" = none
		anchorTypes  []string // its types
		askedTypes   []string
		askedGroups  []string
		audience     Who // "" = not checked
		occasionWant string
		owner        string
	}{
		{in: "what shoes go with a red dress", ok: true, anchor: "red dress", anchorTypes: []string{"Dress"}, askedGroups: []string{"Shoes"}},
		{in: "what colour trousers go with a navy blazer", ok: true, anchor: "navy blazer", anchorTypes: []string{"Blazer"}, askedTypes: []string{"Trousers"}},
		{in: "what top goes with a green skirt", ok: true, anchor: "green skirt", anchorTypes: []string{"Skirt"}, askedTypes: topTypes},
		{in: "which bag goes with a black jumpsuit", ok: true, anchor: "black jumpsuit", anchorTypes: []string{"Jumpsuit/Playsuit"}, askedTypes: []string{"Bag"}},
		{in: "shoes to go with my grey trousers", ok: true, anchor: "grey trousers", anchorTypes: []string{"Trousers"}, askedGroups: []string{"Shoes"}},
		{in: "which belt can I team with grey trousers", ok: true, anchor: "grey trousers", anchorTypes: []string{"Trousers"}, askedTypes: []string{"Belt"}},
		{in: "what shoes go with a navy suit", ok: true, anchor: "navy suit", anchorTypes: []string{"Blazer", "Trousers"}, askedGroups: []string{"Shoes"}},
		{in: "what shoes go with a wedding suit", ok: true, anchor: "wedding suit", anchorTypes: []string{"Blazer", "Trousers"}, askedGroups: []string{"Shoes"}, occasionWant: "wedding guest"},
		{in: "what colour shirt goes with khaki trousers for a man", ok: true, anchor: "khaki trousers", anchorTypes: []string{"Trousers"}, askedTypes: []string{"Shirt"}, audience: WhoMen},
		// whole looks around the anchor: nothing asked
		{in: "what goes with my brown boots?", ok: true, anchor: "brown boots", anchorTypes: []string{"Boots"}},
		{in: "I bought a camel coat, how do I style it?", ok: true, anchor: "camel coat", anchorTypes: []string{"Coat"}},
		{in: "how do I wear my brown leather belt", ok: true, anchor: "brown leather belt", anchorTypes: []string{"Belt"}},
		{in: "how to style leather trousers", ok: true, anchor: "leather trousers", anchorTypes: []string{"Trousers"}},
		{in: "what goes with my daughter's purple jacket", ok: true, anchor: "daughter's purple jacket", anchorTypes: []string{"Jacket"}, audience: WhoChildren},
		{in: "what should my son wear with his new red sneakers", ok: true, anchor: "red sneakers", anchorTypes: []string{"Sneakers"}, audience: WhoChildren, owner: "his"},
		// an outfit cue with a named piece stays an outfit with that piece, not options
		{in: "complete the look: I have black leather boots, I want a dress", ok: true, anchor: "black leather boots", anchorTypes: []string{"Boots"}},
		// no anchor: single items or occasion looks, as before
		{in: "what to wear to a wedding", ok: true},
		{in: "should I wear a dress or trousers to a wedding", ok: false},
		{in: "jeans that go with everything", ok: false},
		{in: "black leather boots", ok: false},
	}
	for _, c := range cases {
		t.Run(c.in, func(t *testing.T) {
			r, ok := v.ParseOutfit(c.in, testOccasions)
			if ok != c.ok {
				t.Fatalf("outfit request %v, want %v", ok, c.ok)
			}
			if c.anchor == "" {
				if r.Anchor != nil || r.Asked != nil {
					t.Fatalf("anchor %+v asked %+v, want none", r.Anchor, r.Asked)
				}
				return
			}
			if r.Anchor == nil {
				t.Fatal("no anchor")
			}
			eq(t, "anchor", r.Anchor.Text, c.anchor)
			eq(t, "anchor types", r.Anchor.Query.Types, c.anchorTypes)
			eq(t, "owner", r.Anchor.Owner, c.owner)
			if c.askedTypes == nil && c.askedGroups == nil {
				if r.Asked != nil {
					t.Fatalf("asked %+v, want a whole look", r.Asked)
				}
			} else {
				if r.Asked == nil {
					t.Fatal("nothing asked")
				}
				eq(t, "asked types", r.Asked.Types, c.askedTypes)
				eq(t, "asked groups", r.Asked.ProductGroups, c.askedGroups)
			}
			if len(r.Palette.Masters)+len(r.Palette.Groups) > 0 {
				t.Errorf("the anchor's colour became a wish for the look: %+v", r.Palette)
			}
			if c.audience != "" {
				eq(t, "audience", r.Query.Audience.Who, c.audience)
			}
			if c.occasionWant != "" {
				eq(t, "occasion", r.Occasion, c.occasionWant)
			}
		})
	}
}
