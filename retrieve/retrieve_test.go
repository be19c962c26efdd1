package retrieve

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/stylistbot/stylist/catalog"
	"github.com/stylistbot/stylist/index/faiss"
)

// overlapANN ranks by shared tokens: a stand-in vector search for rerank tests.
type overlapANN struct {
	arts  []catalog.Article
	texts []string
}

func (o overlapANN) Articles() []catalog.Article { return o.arts }

func (o overlapANN) SearchText(_ context.Context, text string, k int, p faiss.SearchParams) ([]int, []float32, error) {
	q := map[string]bool{}
	for _, t := range Tokens(text) {
		q[t] = true
	}
	idx := make([]int, len(o.arts))
	sim := make([]float32, len(o.arts))
	for i := range o.arts {
		idx[i] = i
		for _, t := range Tokens(o.texts[i]) {
			if q[t] {
				sim[i] += 0.1
			}
		}
	}
	if p.Allow != nil { // as the FAISS index does: only allowed positions
		idx = slices.DeleteFunc(idx, func(d int) bool { return !p.Allow.Has(int64(d)) })
	}
	sort.SliceStable(idx, func(a, b int) bool { return sim[idx[a]] > sim[idx[b]] })
	idx = idx[:min(k, len(idx))]
	out := make([]float32, len(idx))
	for i, d := range idx {
		out[i] = sim[d]
	}
	return idx, out, nil
}

func art(id, code, name, typ, group, colour, master, value, index, igroup, appearance, desc string) catalog.Article {
	return catalog.Article{ArticleID: id, ProductCode: code, ProdName: name, ProductTypeName: typ, ProductGroupName: group,
		ColourGroupName: colour, PerceivedColourMasterName: master, PerceivedColourValueName: value, IndexName: index,
		IndexGroupName: igroup, GraphicalAppearanceName: appearance, DetailDesc: desc}
}

func tinyCatalog() []catalog.Article {
	var out []catalog.Article
	add := func(code, name, typ, group, colour, master, value, index, igroup, appearance, desc string) {
		out = append(out, art(fmt.Sprintf("%010d", 100+len(out)), code, name, typ, group, colour, master, value, index, igroup, appearance, desc))
	}
	// Three colourways of one yellow dress product, and other dresses.
	add("0000001", "Sunny dress", "Dress", "Garment Full body", "Light Yellow", "Yellow", "Light", "Ladieswear", "Ladieswear", "Solid", "Short summer dress in airy cotton.")
	add("0000001", "Sunny dress", "Dress", "Garment Full body", "White", "White", "Light", "Ladieswear", "Ladieswear", "Solid", "Short summer dress in airy cotton.")
	add("0000001", "Sunny dress", "Dress", "Garment Full body", "Black", "Black", "Dark", "Ladieswear", "Ladieswear", "Solid", "Short summer dress in airy cotton.")
	add("0000002", "Midi dress", "Dress", "Garment Full body", "Light Yellow", "Yellow", "Light", "Ladieswear", "Ladieswear", "Solid", "Midi dress in crepe.")
	add("0000003", "Party dress", "Dress", "Garment Full body", "Black", "Black", "Dark", "Divided", "Divided", "Sequin", "Sequinned party dress.")
	// Decoys that mention dresses in their text.
	add("0000004", "Dress shirt", "Shirt", "Garment Upper body", "White", "White", "Light", "Menswear", "Menswear", "Solid", "Shirt to wear with a suit, like a dress shirt for summer.")
	add("0000005", "Summer coat", "Coat", "Garment Upper body", "Light Yellow", "Yellow", "Light", "Ladieswear", "Ladieswear", "Solid", "Light coat for summer evenings over a dress.")
	add("0000006", "Yellow skirt", "Skirt", "Garment Lower body", "Yellow", "Yellow", "Medium", "Ladieswear", "Ladieswear", "Solid", "Flared skirt for summer.")
	add("0000007", "Black sweater", "Sweater", "Garment Upper body", "Black", "Black", "Dark", "Menswear", "Menswear", "Solid", "Knitted sweater.")
	add("0000008", "Blue jeans", "Trousers", "Garment Lower body", "Blue", "Blue", "Medium", "Ladieswear", "Ladieswear", "Denim", "Skinny jeans in stretch denim.")
	add("0000009", "Chinos", "Trousers", "Garment Lower body", "Beige", "Beige", "Medium", "Ladieswear", "Ladieswear", "Solid", "Chinos in cotton twill.")
	return out
}

func newTestRetriever(t testing.TB, cfg Config) *Retriever {
	t.Helper()
	arts := tinyCatalog()
	texts := make([]string, len(arts))
	for i, a := range arts {
		texts[i] = catalog.DefaultText().Render(a)
	}
	r, err := New(overlapANN{arts, texts}, texts, cfg)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func names(res *Result) []string {
	var out []string
	for _, h := range res.Hits {
		out = append(out, h.Article.ProdName+"/"+h.Article.ColourGroupName)
	}
	return out
}

func TestRerankProperties(t *testing.T) {
	r := newTestRetriever(t, DefaultConfig())
	ctx := context.Background()
	tests := []struct {
		name  string
		query string
		k     int
		check func(t *testing.T, res *Result)
	}{
		{"type matches come first, decoys that mention the type do not", "a summer dress", 4, func(t *testing.T, res *Result) {
			for _, h := range res.Hits[:3] {
				if h.Article.ProductTypeName != "Dress" {
					t.Fatalf("non-dress above dresses: %v", names(res))
				}
			}
		}},
		{"one article per product unless a colour is asked", "a summer dress", 4, func(t *testing.T, res *Result) {
			seen := map[string]bool{}
			for _, h := range res.Hits {
				if h.Article.ProductTypeName == "Dress" && seen[h.Article.ProductCode] {
					t.Fatalf("product %s twice: %v", h.Article.ProductCode, names(res))
				}
				seen[h.Article.ProductCode] = true
			}
		}},
		{"colour asked: colour matches first", "light yellow dress", 2, func(t *testing.T, res *Result) {
			for _, h := range res.Hits {
				if h.Article.ColourGroupName != "Light Yellow" || h.Article.ProductTypeName != "Dress" {
					t.Fatalf("want light yellow dresses, got %v", names(res))
				}
			}
			if len(res.Notices) != 0 {
				t.Fatalf("no relaxation needed: %v", res.Notices)
			}
		}},
		{"negated colour removed", "dress, not black", 5, func(t *testing.T, res *Result) {
			for _, h := range res.Hits {
				if h.Article.PerceivedColourMasterName == "Black" {
					t.Fatalf("black item despite 'not black': %v", names(res))
				}
			}
		}},
		{"relaxation is said", "black dress", 4, func(t *testing.T, res *Result) {
			if res.FullMatches == 0 || len(res.Notices) != 1 || !strings.Contains(res.Notices[0], "match all of: Dress, Black") {
				t.Fatalf("want a relaxation notice, got %d full, %v", res.FullMatches, res.Notices)
			}
			if res.Hits[0].Article.ColourGroupName != "Black" || res.Hits[1].Article.ColourGroupName != "Black" {
				t.Fatalf("full matches first: %v", names(res))
			}
		}},
		{"rare combination found without lexical or vector help", "blue trousers", 1, func(t *testing.T, res *Result) {
			if res.Hits[0].Article.ProdName != "Blue jeans" {
				t.Fatalf("got %v", names(res))
			}
		}},
		{"matched attributes explain the hit", "light yellow dress", 1, func(t *testing.T, res *Result) {
			m := strings.Join(res.Hits[0].Matched, ",")
			if !strings.Contains(m, "type:Dress") || !strings.Contains(m, "colour:Light Yellow") {
				t.Fatalf("matched %q", m)
			}
		}},
		{"k zero", "dress", 0, func(t *testing.T, res *Result) {
			if len(res.Hits) != 0 {
				t.Fatal("k=0 returns nothing")
			}
		}},
		{"no constraint still answers", "something nice", 3, func(t *testing.T, res *Result) {
			if len(res.Hits) != 3 || len(res.Notices) != 0 {
				t.Fatalf("%v %v", names(res), res.Notices)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := r.Search(ctx, tt.query, tt.k)
			if err != nil {
				t.Fatal(err)
			}
			tt.check(t, res)
		})
	}
}

func TestMMRDiversifies(t *testing.T) {
	cfg := DefaultConfig()
	cfg.DedupeProduct = false
	plain := newTestRetriever(t, cfg)
	cfg.MMRLambda = 0.3
	mmr := newTestRetriever(t, cfg)
	ctx := context.Background()
	a, _ := plain.Search(ctx, "summer dress", 3)
	b, _ := mmr.Search(ctx, "summer dress", 3)
	distinct := func(res *Result) int {
		m := map[string]bool{}
		for _, h := range res.Hits {
			m[h.Article.ProdName] = true
		}
		return len(m)
	}
	if distinct(b) < distinct(a) || distinct(b) < 2 {
		t.Fatalf("MMR should not reduce variety: plain %v, mmr %v", names(a), names(b))
	}
	for _, h := range b.Hits {
		if h.Article.ProductTypeName != "Dress" {
			t.Fatalf("diversity must not push out full matches: %v", names(b))
		}
	}
}

func TestBM25(t *testing.T) {
	docs := []string{"black knitted sweater", "white t-shirt with print", "black jeans", "sweaters and more sweaters"}
	x := NewBM25(docs)
	got := x.Search(Tokens("black sweater"), 4)
	if len(got) != 3 || got[0].Doc != 0 {
		t.Fatalf("the doc with both terms first: %+v", got)
	}
	if s := x.Score(Tokens("black sweater"), 0); s != got[0].Score {
		t.Fatalf("Score %v != Search %v", s, got[0].Score)
	}
	if len(x.Search(nil, 3)) != 0 || len(x.Search(Tokens("black"), 0)) != 0 {
		t.Fatal("empty query or k=0 gives nothing")
	}
	// TopK keeps the best under a mask and orders ties by doc.
	sc := []Scored{{0, 1}, {1, 3}, {2, 3}, {3, 2}}
	top := TopK(sc, 2, []bool{true, false, true, true})
	if len(top) != 2 || top[0].Doc != 2 || top[1].Doc != 3 {
		t.Fatalf("TopK: %+v", top)
	}
}

func TestTokens(t *testing.T) {
	got := strings.Join(Tokens("The Dresses, T-shirts & jeans for my boyfriend!"), " ")
	if got != "dress tshirt jeans boyfriend" {
		t.Fatalf("%q", got)
	}
}

func TestConfigValidate(t *testing.T) {
	c := DefaultConfig()
	c.Candidates = 0
	if err := c.Validate(); err == nil || !strings.Contains(err.Error(), "candidates") {
		t.Fatal(err)
	}
	r := newTestRetriever(t, DefaultConfig())
	if err := r.SetConfig(Config{Candidates: 10, MMRLambda: 2}); err == nil {
		t.Fatal("bad MMRLambda accepted")
	}
}

func TestNewWithTemplate(t *testing.T) {
	arts := tinyCatalog()
	ann := overlapANN{arts: arts}
	for _, a := range arts {
		ann.texts = append(ann.texts, catalog.DefaultText().Render(a))
	}
	if _, err := NewWithTemplate(ann, "{{.ProdName", DefaultConfig()); err == nil {
		t.Fatal("a broken template must fail")
	}
	r, err := NewWithTemplate(ann, "", DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	res, err := r.Search(context.Background(), "blue jeans", 1)
	if err != nil || len(res.Hits) != 1 || res.Hits[0].Article.ProdName != "Blue jeans" {
		t.Fatalf("%v %v", err, names(res))
	}
}

// TestAskedDetails: an asked detail is a hard constraint met from the stored
// details (derived from the texts when the ANN stores none), reported in
// Matched, relaxed with a notice when too few articles state it, and never
// claimed for an article that does not state it.
func TestAskedDetails(t *testing.T) {
	r := newTestRetriever(t, DefaultConfig())
	res, err := r.Search(context.Background(), "skinny jeans", 3)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) == 0 || res.Hits[0].Article.ProdName != "Blue jeans" || !contains(res.Hits[0].Matched, "detail:skinny") {
		t.Fatalf("first hit %+v", res.Hits)
	}
	if res.FullMatches != 1 || len(res.Notices) != 1 || !strings.Contains(res.Notices[0], "only 1 items match all of: Trousers, skinny") {
		t.Fatalf("full %d, notices %q", res.FullMatches, res.Notices)
	}
	for _, h := range res.Hits[1:] {
		if contains(h.Matched, "detail:skinny") || !contains(h.Missing, "without:skinny") {
			t.Errorf("%s: matched %q, missing %q", h.Article.ProdName, h.Matched, h.Missing)
		}
	}
	if !contains(res.Relaxed, "details") {
		t.Errorf("relaxed %q", res.Relaxed)
	}
}
