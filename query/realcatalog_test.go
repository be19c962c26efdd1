package query

import (
	"compress/gzip"
	"encoding/csv"
	"io"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/stylistbot/stylist/catalog"
)

// realCatalogPath is the H&M Kaggle articles file on the development box; it
// is never copied into the repository. STYLIST_HM_ARTICLES overrides it.
const realCatalogPath = "/work/shared/data/hm/articles.csv.gz"

var (
	realOnce sync.Once
	realArts []catalog.Article
	realErr  error
)

// loadReal parses the real catalog (plain or gzip CSV, columns by header)
// once per test binary, or skips the test when it is absent.
func loadReal(tb testing.TB) []catalog.Article {
	tb.Helper()
	path := realPath()
	if _, err := os.Stat(path); err != nil {
		tb.Skipf("real catalog not available: %v", err)
	}
	realOnce.Do(func() { realArts, realErr = readArticles(path) })
	if realErr != nil {
		tb.Fatalf("read %s: %v", path, realErr)
	}
	return realArts
}

// realPath is STYLIST_HM_ARTICLES or realCatalogPath.
func realPath() string {
	if p := os.Getenv("STYLIST_HM_ARTICLES"); p != "" {
		return p
	}
	return realCatalogPath
}

func readArticles(path string) ([]catalog.Article, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(path, ".gz") {
		gz, err := gzip.NewReader(f)
		if err != nil {
			return nil, err
		}
		defer gz.Close()
		r = gz
	}
	cr := csv.NewReader(r)
	cr.ReuseRecord = true
	head, err := cr.Read()
	if err != nil {
		return nil, err
	}
	col := map[string]int{}
	for i, h := range head {
		col[strings.TrimSpace(h)] = i
	}
	get := func(rec []string, name string) string {
		if i, ok := col[name]; ok && i < len(rec) {
			return strings.Clone(rec[i])
		}
		return ""
	}
	var out []catalog.Article
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		out = append(out, catalog.Article{
			ArticleID:                 get(rec, "article_id"),
			ProdName:                  get(rec, "prod_name"),
			ProductTypeName:           get(rec, "product_type_name"),
			ProductGroupName:          get(rec, "product_group_name"),
			GraphicalAppearanceName:   get(rec, "graphical_appearance_name"),
			ColourGroupName:           get(rec, "colour_group_name"),
			PerceivedColourValueName:  get(rec, "perceived_colour_value_name"),
			PerceivedColourMasterName: get(rec, "perceived_colour_master_name"),
			IndexName:                 get(rec, "index_name"),
			IndexGroupName:            get(rec, "index_group_name"),
			SectionName:               get(rec, "section_name"),
			GarmentGroupName:          get(rec, "garment_group_name"),
		})
	}
}

var (
	realVocabOnce sync.Once
	realVocabV    *Vocab
)

// realVocab builds the vocabulary of the real catalog once per test binary.
func realVocab(tb testing.TB) *Vocab {
	tb.Helper()
	arts := loadReal(tb)
	realVocabOnce.Do(func() { realVocabV = NewVocab(arts) })
	return realVocabV
}

// Every curated synonym target must exist in the real catalog, so the
// synonym table stays true to it.
func TestSynonymTargetsExistInRealCatalog(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the real catalog")
	}
	v := realVocab(t)
	for _, s := range synonyms() {
		for _, f := range catalogFields {
			for _, x := range s.e.vals[f] {
				if !v.values[f][x] {
					t.Errorf("synonym %q: %s value %q is not in the real catalog", s.phrases[0], fieldNames[f], x)
				}
			}
		}
		for _, b := range s.e.base {
			if !v.values[fColour][b] {
				t.Errorf("colour word %q: base colour group %q is not in the real catalog", s.phrases[0], b)
			}
		}
	}
	for _, s := range toneSyns {
		if s.e.prefix == "" {
			continue
		}
		found := false
		for c := range v.values[fColour] {
			if strings.HasPrefix(c, s.e.prefix+" ") {
				found = true
			}
		}
		if !found {
			t.Errorf("tone %q: no colour group starts with %q", s.phrases[0], s.e.prefix)
		}
	}
}

// Every real catalog value that people would type reads back as itself
// (or, for types, at least its product group).
func TestRealCatalogNamesParse(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the real catalog")
	}
	v := realVocab(t)
	// Values that are not words a shopper types, or that curated synonyms
	// deliberately read differently.
	skip := set("Unknown", "undefined", "Other", "Transparent", "Other structure", "Other pattern",
		"Treatment", "Contrast", "Neps", "Check", "Mixed solid/pattern", "Application/3D")
	check := func(kind string, names map[string]bool, ok func(q Query, name string) bool) {
		for _, name := range sortedKeys(names) {
			if skip[name] || strings.HasPrefix(name, "Other ") {
				continue
			}
			if q := v.Parse(name); !ok(q, name) {
				t.Errorf("%s %q parses as %q", kind, name, q)
			}
		}
	}
	check("product type", v.values[fType], func(q Query, n string) bool {
		return contains(q.Types, n) || contains(q.ProductGroups, v.ProductGroupOf(n))
	})
	check("colour group", v.values[fColour], func(q Query, n string) bool {
		return contains(q.Colours, n) || contains(q.ColourMasters, v.ColourMasterOf(n))
	})
	check("appearance", v.values[fAppearance], func(q Query, n string) bool { return contains(q.Appearances, n) })
	check("index group", v.values[fIndexGroup], func(q Query, n string) bool {
		return contains(q.IndexGroups, n) || (n == "Sport" && contains(q.Soft, "sport"))
	})
}

var benchRequests = []string{
	"I want a black cool sweater with shiny decorations making me looks like a movie star.",
	"Do you have pure white T-shirt with cute patterns at back?",
	"Please offer me some choices of jackets which are waterproof.",
	"Jeans for women, tight.",
	"Please offer me items like: light yellow dress or skirt which suit for summer, best for dating with my boyfriend.",
	"Jogging sports trousers, easy to take off, light, breathable, sweat absorption.",
	"top 5 navy blazers for my husband, no stripes or checks, nothing too formal",
}

// BenchmarkParse measures one Parse of a typical request against the real
// catalog vocabulary (the fixture when the catalog is absent).
func BenchmarkParse(b *testing.B) {
	v := testVocab()
	if _, err := os.Stat(realPath()); err == nil {
		v = realVocab(b)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		v.Parse(benchRequests[i%len(benchRequests)])
	}
}

// BenchmarkNewVocab measures building the vocabulary of the real catalog.
func BenchmarkNewVocab(b *testing.B) {
	arts := loadReal(b)
	b.ReportAllocs()
	for b.Loop() {
		NewVocab(arts)
	}
}
