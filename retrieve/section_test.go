package retrieve

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/stylistbot/stylist/catalog"
)

// TestSectionRelaxationNotice: the plus-size section has dresses and no
// heels; "plus size heels" shows heels from other sections and says so in one
// notice naming the section, never as if the catalog had no heels at all.
func TestSectionRelaxationNotice(t *testing.T) {
	var arts []catalog.Article
	add := func(name, typ, group, section, desc string) {
		n := len(arts)
		a := art(fmt.Sprintf("%010d", 700+n), fmt.Sprintf("%07d", 7000+n), name, typ, group, "Black", "Black", "Dark",
			"Ladieswear", "Ladieswear", "Solid", desc)
		a.SectionName = section
		arts = append(arts, a)
	}
	for i := range 4 {
		add(fmt.Sprintf("Curvy dress %d", i), "Dress", "Garment Full body", "H&M+", "Dress in jersey.")
		add(fmt.Sprintf("Court shoe %d", i), "Pumps", "Shoes", "Womens Shoes", "Court shoes with high heels.")
	}
	r := retrieverFor(t, arts)
	ctx := context.Background()
	for _, tc := range []struct {
		q      string
		notice string // a notice containing this, "" = no relaxation notice
	}{
		{"plus size heels", "in the plus-size section (H&M+); showing the closest from other sections"},
		{"plus size dress", ""},
		{"heels", ""},
	} {
		t.Run(tc.q, func(t *testing.T) {
			res, err := r.Search(ctx, tc.q, 4)
			if err != nil {
				t.Fatal(err)
			}
			var relax []string
			for _, n := range res.Notices {
				if strings.Contains(n, "section") || strings.Contains(n, "match") {
					relax = append(relax, n)
				}
			}
			switch {
			case tc.notice == "" && len(relax) > 0:
				t.Errorf("notices %q, want none", relax)
			case tc.notice != "" && (len(relax) != 1 || !strings.Contains(relax[0], tc.notice)):
				t.Errorf("notices %q, want one containing %q", relax, tc.notice)
			}
			if tc.notice != "" && res.Relaxation(4) != relax[0] {
				t.Errorf("Relaxation = %q, want the notice %q", res.Relaxation(4), relax[0])
			}
		})
	}
}

// TestFullCountCountsProducts: colourways of one product are one answer after
// deduplication, so they count once when deciding whether to look further.
func TestFullCountCountsProducts(t *testing.T) {
	var arts []catalog.Article
	for i := range 4 {
		arts = append(arts, art(fmt.Sprintf("%010d", 800+i), "0008000", "Basic tee", "T-shirt", "Garment Upper body",
			"Black", "Black", "Dark", "Ladieswear", "Ladieswear", "Solid", "T-shirt in jersey."))
	}
	arts = append(arts, art("0000000900", "0009000", "Print tee", "T-shirt", "Garment Upper body",
		"White", "White", "Light", "Ladieswear", "Ladieswear", "Solid", "T-shirt with a print."))
	r := retrieverFor(t, arts)
	q := r.Parse("a t-shirt")
	cands := r.cands.get()
	for d := range arts {
		cands.get(d)
	}
	if n := r.fullCount(cands, r.matcher(&q), 10, r.memo.view(q.Audience)); n != 2 {
		t.Errorf("fullCount = %d, want 2 products", n)
	}
}
