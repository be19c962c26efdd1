package query

import (
	"strings"
	"testing"
)

func TestLimits(t *testing.T) {
	v := realVocab(t)
	cases := []struct {
		text    string
		kinds   string // limit kinds, comma-separated; "" = none
		nothing bool   // NothingClose
		types   string // Types after the limit, when set
		noTerm  string // a word that must not reach lexical search
	}{
		{"a dress under 30 euros", "price", false, "Dress", "euro"},
		{"a blazer for $50", "price", false, "Blazer", ""},
		{"something cute that doesnt cost much", "price", false, "", "cost"},
		{"cheap jeans", "price", false, "Trousers", "cheap"},
		{"a dress in size M", "size", false, "Dress", ""},
		{"jeans size 32", "size", false, "Trousers", ""},
		{"trousers with a 34 inch inseam", "size", false, "Trousers", "inseam"},
		{"like the dress Zendaya wore", "person", false, "Dress", "zendaya"},
		{"a jacket like harry styles", "person", false, "Jacket", "harry"},
		{"nike running shoes", "brand", false, "", "nike"},
		{"a gucci belt", "brand", false, "Belt", "gucci"},
		{"a tuxedo for my dog", "unsold", false, "Dog Wear|Dog wear", "dog"},
		{"ski boots", "unsold", true, "", "ski"},
		{"a tennis racket", "unsold", true, "", "racket"},
		{"a new phone", "unsold", false, "Mobile case|Wireless earphone case", "phone"},
		{"perfume for my mum", "unsold", false, "Fine cosmetics|Chem. cosmetics", "perfume"},
		{"a sofa", "unsold", true, "", "sofa"},
		// not limits
		{"bike shorts", "", false, "Shorts", ""},
		{"a coat for walking my dog", "", false, "Coat", ""},
		{"a phone case", "", false, "Mobile case", ""},
		{"plus size jeans", "", false, "Trousers", ""},
		{"a t-shirt with a dog print", "", false, "T-shirt", ""},
		{"top 5 dresses", "", false, "Dress", ""},
		{"gift for my boyfriend who loves football", "", false, "", ""},
		{"a layer to wear under a jacket", "", false, "", ""},
		{"a dress for a 5 year old", "", false, "Dress", ""},
		{"off white sneakers", "", false, "Sneakers", ""},
		{"a bag big enough for a laptop", "", false, "Bag", ""},
		{"a jacket with a pocket for my phone", "", false, "Jacket", ""},
	}
	for _, c := range cases {
		t.Run(c.text, func(t *testing.T) {
			q := v.Parse(c.text)
			var kinds []string
			for _, l := range q.Limits {
				kinds = append(kinds, l.Kind)
				if l.Notice == "" {
					t.Errorf("limit %+v has no notice", l)
				}
			}
			if strings.Join(kinds, ",") != c.kinds {
				t.Errorf("limits %q, want %q (%+v)", kinds, c.kinds, q.Limits)
			}
			if q.NothingClose() != c.nothing {
				t.Errorf("NothingClose = %v", q.NothingClose())
			}
			if c.types != "" && !strings.Contains(c.types, strings.Join(q.Types, "|")) || c.types != "" && len(q.Types) == 0 {
				t.Errorf("types %q, want %q", q.Types, c.types)
			}
			if c.noTerm != "" && contains(q.Terms, c.noTerm) {
				t.Errorf("term %q kept: %q", c.noTerm, q.Terms)
			}
			if len(c.kinds) > 0 && !strings.Contains(q.LimitNotice(true), "closest") {
				t.Errorf("notice %q", q.LimitNotice(true))
			}
		})
	}
}
