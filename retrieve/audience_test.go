package retrieve

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/stylistbot/stylist/catalog"
	"github.com/stylistbot/stylist/query"
)

// audienceCatalog has more children's than adult jackets, the way a third of
// the H&M catalog is children's, and a bib only for babies.
func audienceCatalog() []catalog.Article {
	var out []catalog.Article
	add := func(name, typ, colour, index, igroup, section, desc string) {
		a := art(fmt.Sprintf("%010d", 100+len(out)), fmt.Sprintf("%07d", len(out)), name, typ, "Garment Upper body",
			colour, colour, "Medium", index, igroup, "Solid", desc)
		a.SectionName = section
		out = append(out, a)
	}
	for i := 0; i < 6; i++ {
		add("Rain jacket kids", "Jacket", "Yellow", query.BandKids, query.GroupChildren, "Kids Boy", "Waterproof rain jacket with hood.")
		add("Rain jacket girl", "Jacket", "Yellow", query.BandKids, query.GroupChildren, "Kids Girl", "Waterproof rain jacket with hood.")
	}
	add("Shell jacket", "Jacket", "Black", "Ladieswear", query.GroupLadies, "Womens Outdoor", "Waterproof shell jacket.")
	add("Padded jacket", "Jacket", "Yellow", "Menswear", query.GroupMen, "Men Outerwear", "Padded jacket with hood.")
	add("Baby jacket", "Jacket", "Yellow", query.BandBaby, query.GroupChildren, "Baby Boy", "Waterproof jacket.")
	add("Bib", "Bib", "White", query.BandBaby, query.GroupChildren, "Baby Essentials & Complements", "Cotton bib.")
	return out
}

func audienceRetriever(t *testing.T) *Retriever {
	t.Helper()
	return retrieverFor(t, audienceCatalog())
}

// retrieverFor is a retriever over arts with the default config and chunk texts.
func retrieverFor(t testing.TB, arts []catalog.Article) *Retriever {
	t.Helper()
	texts := make([]string, len(arts))
	for i, a := range arts {
		texts[i] = catalog.DefaultText().Render(a)
	}
	r, err := New(overlapANN{arts, texts}, texts, DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestSearchHonoursAudience(t *testing.T) {
	r := audienceRetriever(t)
	ctx := context.Background()
	cases := []struct {
		q        string
		k        int
		fit      func(a *catalog.Article) bool
		nFit     int    // hits that must fit, first
		notice   string // substring of a notice; "" = no audience notice
		noNotice bool
	}{
		{"a waterproof yellow jacket", 4, func(a *catalog.Article) bool { return a.IndexGroupName != query.GroupChildren }, 2,
			"only 2 of these are for adults", false},
		{"a waterproof jacket for my son", 4, func(a *catalog.Article) bool { return a.SectionName == "Kids Boy" }, 4, "", true},
		{"a rain jacket for my daughter", 8, func(a *catalog.Article) bool { return a.SectionName == "Kids Girl" }, 6, "", true},
		{"a bib", 1, func(a *catalog.Article) bool { return a.ProductTypeName == "Bib" }, 1, "no Bib for adults", false},
		{"a jacket for my nephew", 3, func(a *catalog.Article) bool { return a.SectionName == "Kids Boy" }, 3, "showing children's sizes 92-170 (from \"for my nephew\")", false},
	}
	for _, c := range cases {
		t.Run(c.q, func(t *testing.T) {
			res, err := r.Search(ctx, c.q, c.k)
			if err != nil {
				t.Fatal(err)
			}
			for i, h := range res.Hits {
				if i < c.nFit && !c.fit(&h.Article) {
					t.Errorf("hit %d %s (%s, %s) does not fit %s", i, h.Article.ProdName, h.Article.IndexName, h.Article.SectionName, res.Parsed.Audience)
				}
			}
			notices := strings.Join(res.AudienceNotices(c.k), " | ")
			if c.noNotice && notices != "" {
				t.Errorf("unexpected audience notice %q", notices)
			}
			if c.notice != "" && !strings.Contains(notices, c.notice) {
				t.Errorf("notices %q, want %q", notices, c.notice)
			}
			if c.notice != "" && !strings.Contains(strings.Join(res.Notices, " | "), c.notice) {
				t.Errorf("Result.Notices %q lack %q", res.Notices, c.notice)
			}
		})
	}
}

// An outfit slot is a hand-made Query; giving it the request's audience
// with WithAudience filters it the same way.
func TestSearchQuerySlotAudience(t *testing.T) {
	r := audienceRetriever(t)
	req := r.Parse("an outfit for my 6 year old son")
	slot := query.Query{Text: "jacket", Types: []string{"Jacket"}}.WithAudience(req.Audience)
	res, err := r.SearchQuery(context.Background(), slot, 3, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range res.Hits {
		if h.Article.IndexName != query.BandKids || h.OffAudience {
			t.Errorf("slot hit %s from %s", h.Article.ProdName, h.Article.IndexName)
		}
	}
	if res.Hits[0].Article.SectionName != "Kids Boy" {
		t.Errorf("a boy's jacket first, got %s", res.Hits[0].Article.SectionName)
	}
	// Without an audience (a zero Query.Audience) nothing is filtered.
	res, _ = r.SearchQuery(context.Background(), query.Query{Text: "bib", Types: []string{"Bib"}}, 1, nil)
	if len(res.Hits) != 1 || res.Hits[0].OffAudience || len(res.AudienceNotices(1)) != 0 {
		t.Errorf("zero audience: %+v", res.Hits)
	}
}

// A stated audience wins over the kind: no bib for a man means men's
// articles with the type relaxed, never babies' bibs.
func TestStatedAudienceWinsOverKind(t *testing.T) {
	r := audienceRetriever(t)
	res, err := r.Search(context.Background(), "a bib for my husband", 2)
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range res.Hits {
		if h.Article.IndexGroupName != query.GroupMen && !h.OffAudience {
			t.Errorf("hit %s from %s is not marked off the audience", h.Article.ProdName, h.Article.IndexGroupName)
		}
	}
	if res.Hits[0].Article.IndexGroupName != query.GroupMen {
		t.Errorf("first hit %s, want a men's article", res.Hits[0].Article.ProdName)
	}
	if !strings.Contains(strings.Join(res.Notices, " "), "nothing in the catalog matches all of: Bib") {
		t.Errorf("notices %q", res.Notices)
	}
}
