package query

import (
	"strings"
	"testing"
)

func TestParts(t *testing.T) {
	v := testVocab()
	cases := []struct {
		text  string
		parts []string // per part: "Type/ColourMaster/IndexGroup"
	}{
		{"a white shirt and blue jeans for men", []string{"Shirt/White/Menswear", "Trousers/Blue/Menswear"}},
		{"a black dress and red shoes", []string{"Dress/Black/", "/Red/"}},
		{"a green skirt, a white blouse and black boots", []string{"Skirt/Green/", "Blouse/White/", "Boots/Black/"}},
		{"jeans plus a top for women", []string{"Trousers//Ladieswear", "Top|Vest top|T-shirt|Blouse//Ladieswear"}},
		// single requests
		{"a black and white striped dress", nil},
		{"a dress or a skirt", nil},
		{"no dresses and no skirts", nil},
		{"a shirt dress", nil},
		{"a jacket with a hood", nil},
		{"a black dress", nil},
		{"a top to go with black and white trousers", nil},
	}
	for _, c := range cases {
		t.Run(c.text, func(t *testing.T) {
			q := v.Parse(c.text)
			var got []string
			for _, p := range q.Parts {
				got = append(got, strings.Join(p.Types, "|")+"/"+strings.Join(p.ColourMasters, "|")+"/"+strings.Join(p.IndexGroups, "|"))
			}
			if strings.Join(got, " ; ") != strings.Join(c.parts, " ; ") {
				t.Errorf("parts %q, want %q", got, c.parts)
			}
		})
	}
}
