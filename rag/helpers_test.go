package rag

import (
	"context"
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/stylistbot/stylist/catalog"
	"github.com/stylistbot/stylist/index/faiss"
	"github.com/stylistbot/stylist/internal/ollamatest"
	"github.com/stylistbot/stylist/prompts"
	"github.com/stylistbot/stylist/retrieve"
)

func TestMain(m *testing.M) { os.Exit(ollamatest.Main(m)) }

// overlapANN is a brute-force "vector" search by word overlap, enough to drive the
// real retriever (query understanding, BM25, rerank) in tests.
type overlapANN struct{ arts []catalog.Article }

func (o overlapANN) Articles() []catalog.Article { return o.arts }

func (o overlapANN) SearchText(_ context.Context, text string, k int, _ faiss.SearchParams) ([]int, []float32, error) {
	q := map[string]bool{}
	for _, t := range retrieve.Tokens(text) {
		q[t] = true
	}
	type s struct {
		i int
		v float32
	}
	var all []s
	for i, a := range o.arts {
		var v float32
		for _, t := range retrieve.Tokens(catalog.DefaultText().Render(a)) {
			if q[t] {
				v++
			}
		}
		all = append(all, s{i, v / 10})
	}
	sort.SliceStable(all, func(i, j int) bool { return all[i].v > all[j].v })
	var ids []int
	var sims []float32
	for _, x := range all[:min(k, len(all))] {
		ids, sims = append(ids, x.i), append(sims, x.v)
	}
	return ids, sims, nil
}

// testCatalog is a small hand-made catalog: 5 types × 4 colours × 2 departments.
func testCatalog() []catalog.Article {
	types := []struct{ typ, group string }{{"Dress", "Garment Full body"}, {"Skirt", "Garment Lower body"}, {"Sweater", "Garment Upper body"}, {"T-shirt", "Garment Upper body"}, {"Jacket", "Garment Upper body"}}
	colours := []struct{ name, master string }{{"Black", "Black"}, {"White", "White"}, {"Light Yellow", "Yellow"}, {"Dark Blue", "Blue"}}
	depts := []struct{ index, group string }{{"Ladieswear", "Ladieswear"}, {"Menswear", "Menswear"}}
	var out []catalog.Article
	n := 0
	for _, ty := range types {
		for _, co := range colours {
			for _, d := range depts {
				n++
				out = append(out, catalog.Article{
					ArticleID: fmt.Sprintf("%010d", 900000000+n), ProductCode: fmt.Sprintf("%07d", 9000000+n),
					ProdName: co.name + " " + strings.ToLower(ty.typ), ProductTypeName: ty.typ, ProductGroupName: ty.group,
					ColourGroupName: co.name, PerceivedColourMasterName: co.master, DepartmentName: ty.typ + "s",
					IndexName: d.index, IndexGroupName: d.group, GraphicalAppearanceName: "Solid",
					DetailDesc: fmt.Sprintf("%s in soft fabric, a %s classic.", ty.typ, strings.ToLower(co.name)),
				})
			}
		}
	}
	return out
}

func testRetriever(t testing.TB) *retrieve.Retriever {
	t.Helper()
	arts := testCatalog()
	texts := make([]string, len(arts))
	for i, a := range arts {
		texts[i] = catalog.DefaultText().Render(a)
	}
	r, err := retrieve.New(overlapANN{arts}, texts, retrieve.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func testPrompts(t testing.TB) *prompts.Set {
	t.Helper()
	ps, err := prompts.Load("")
	if err != nil {
		t.Fatal(err)
	}
	return ps
}

func testConfig(model string) Config {
	c := DefaultConfig()
	c.Model = model
	c.NumCtx = 1024
	c.NumPredict = 256
	c.NumThread = 1
	c.ContextItems = 8
	c.DefaultCount = 3
	return c
}

// checkGrounded fails unless every item is a catalog article with its real attributes.
func checkGrounded(t *testing.T, a *Answer) {
	t.Helper()
	byID := map[string]catalog.Article{}
	for _, art := range testCatalog() {
		byID[art.ArticleID] = art
	}
	for _, it := range a.Items {
		art, ok := byID[it.ArticleID]
		if !ok {
			t.Fatalf("item %q is not a catalog article", it.ArticleID)
		}
		if it.ProdName != art.ProdName || it.ProductTypeName != art.ProductTypeName || it.ColourGroupName != art.ColourGroupName {
			t.Fatalf("item %q has attributes that are not the catalog's: %+v", it.ArticleID, it)
		}
		if strings.TrimSpace(it.Reason) == "" {
			t.Fatalf("item %q has no reason", it.ArticleID)
		}
	}
}
