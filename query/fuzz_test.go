package query

import (
	"testing"
	"unicode/utf8"
)

// FuzzParse checks the invariants of Parse on any input: no panic, Count in
// [0, MaxCount], every value is a catalog value, nothing both wanted and
// excluded.
func FuzzParse(f *testing.F) {
	for _, c := range referenceCases {
		f.Add(c.in)
	}
	for _, s := range []string{"", "top 99999999999999999999 dresses", "no, no, no", "not", "light", "'s",
		"a couple of", "for my", "her her her", "$", "%5", "&&&", "top top 5", "one one one dress",
		"no red, orange or", "pastel colour colour", "jeans jeans jacket", "sports sports"} {
		f.Add(s)
	}
	v := testVocab()
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		q := v.Parse(s)
		if q.Count < 0 || q.Count > MaxCount {
			t.Fatalf("Count = %d", q.Count)
		}
		for _, p := range []struct {
			f        field
			pos, neg []string
		}{
			{fType, q.Types, q.Not.Types}, {fGroup, q.ProductGroups, q.Not.ProductGroups},
			{fColour, q.Colours, q.Not.Colours}, {fMaster, q.ColourMasters, q.Not.ColourMasters},
			{fValue, q.ColourValues, q.Not.ColourValues}, {fIndexGroup, q.IndexGroups, q.Not.IndexGroups},
			{fAppearance, q.Appearances, q.Not.Appearances}, {fGarment, q.GarmentGroups, q.Not.GarmentGroups},
			{fIndexName, q.IndexNames, nil}, {fSection, q.Sections, nil},
		} {
			for _, x := range append(append([]string(nil), p.pos...), p.neg...) {
				if !v.values[p.f][x] {
					t.Fatalf("%s value %q is not in the vocabulary (%s)", fieldNames[p.f], x, q)
				}
			}
			for _, x := range p.pos {
				if contains(p.neg, x) {
					t.Fatalf("%q is both wanted and excluded (%s)", x, q)
				}
			}
		}
	})
}
