package query

import (
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
		{"a bra without underwire and without padding", l("underwire", "padding"), nil},
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
	if len(DetailLabels()) < 20 {
		t.Fatalf("only %d details", len(DetailLabels()))
	}
}
