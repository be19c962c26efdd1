package catalog

import (
	"bytes"
	"compress/gzip"
	"io"
	"slices"
	"strings"
	"sync"
	"testing"
)

// gunzip decompresses b.
func gunzip(t *testing.T, b []byte) []byte {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	out, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// loadDemo loads the embedded demo catalog or fails the test.
func loadDemo(t *testing.T) *Catalog {
	t.Helper()
	c, rep, err := Demo()
	if err != nil {
		t.Fatal(err)
	}
	if rep.Loaded != DemoSize || rep.SkippedTotal() != 0 || len(rep.MissingColumns)+len(rep.UnknownColumns) != 0 {
		t.Fatalf("demo report: %s", rep)
	}
	return c
}

func TestDemoIsFreshGeneration(t *testing.T) {
	arts, err := GenerateDemo(DemoSize, DemoSeed)
	if err != nil {
		t.Fatal(err)
	}
	var fresh bytes.Buffer
	if err := WriteCSV(&fresh, arts); err != nil {
		t.Fatal(err)
	}
	// Compare decompressed bytes: compressor output may change between Go releases.
	if !bytes.Equal(gunzip(t, demoGz), fresh.Bytes()) {
		t.Fatalf("catalog/demo/articles.csv.gz is stale: run `go generate ./catalog`")
	}
	if len(demoGz) > 2<<20 {
		t.Errorf("demo file is %d bytes, budget 2 MiB", len(demoGz))
	}
	_, rep, _ := Demo()
	if rep.SHA256 != DemoSHA256() || len(DemoSHA256()) != 64 {
		t.Errorf("Report.SHA256 %s != DemoSHA256 %s", rep.SHA256, DemoSHA256())
	}
	if !bytes.Equal(DemoBytes(), demoGz) {
		t.Error("DemoBytes differs from the embedded file")
	}
}

func TestGenerateDemoDeterministic(t *testing.T) {
	a, err := GenerateDemo(500, 7)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := GenerateDemo(500, 7)
	c, _ := GenerateDemo(500, 8)
	if !slices.Equal(a, b) {
		t.Error("same seed, different output")
	}
	if slices.Equal(a, c) {
		t.Error("different seeds, same output")
	}
	if len(a) != 500 {
		t.Errorf("len = %d", len(a))
	}
	if _, err := GenerateDemo(0, 1); err == nil {
		t.Error("n=0 accepted")
	}
	var out bytes.Buffer
	if err := WriteDemo(&out, 50, 3); err != nil {
		t.Fatal(err)
	}
	got, rep, err := Load(&out)
	if err != nil || !rep.Gzip || got.Len() != 50 {
		t.Fatalf("WriteDemo output: %v %s", err, rep)
	}
}

func TestDemoStructure(t *testing.T) {
	c := loadDemo(t)
	products := map[string][]Article{}
	empty := 0
	descs := map[string]bool{}
	for _, a := range c.Articles {
		if !strings.HasPrefix(a.ArticleID, a.ProductCode) || len(a.ProductCode) != ProductCodeWidth {
			t.Errorf("%s: product code %q is not the id prefix", a.ArticleID, a.ProductCode)
		}
		products[a.ProductCode] = append(products[a.ProductCode], a)
		if a.DetailDesc == "" {
			empty++
		}
		descs[a.DetailDesc] = true
		// Consistency rules of the H&M taxonomy.
		for _, rule := range []struct {
			ok   bool
			what string
		}{
			{a.ProductTypeName != "Dress" || a.ProductGroupName == "Garment Full body", "Dress must be Garment Full body"},
			{!strings.Contains(a.ProductTypeName, "Bikini") && !strings.HasPrefix(a.ProductTypeName, "Swim") || a.ProductGroupName == "Swimwear", "swimwear must be Swimwear"},
			{!slices.Contains([]string{"Sneakers", "Boots", "Sandals", "Ballerinas", "Pumps"}, a.ProductTypeName) || a.ProductGroupName == "Shoes" && a.GarmentGroupName == "Shoes", "shoes must be Shoes"},
			{a.GarmentGroupName != "Dresses Ladies" || a.IndexGroupName == "Ladieswear" || a.IndexGroupName == "Divided", "Dresses Ladies only for ladies"},
			{a.GarmentGroupName != "Trousers Denim" || a.GraphicalAppearanceName == "Denim", "denim trousers look like denim"},
			{(a.IndexCode == "F") == (a.IndexName == "Menswear" && a.IndexGroupName == "Menswear"), "index F is Menswear"},
			{!strings.HasPrefix(a.IndexName, "Children") && !strings.HasPrefix(a.IndexName, "Baby") || a.IndexGroupName == "Baby/Children", "children index in Baby/Children"},
			{!strings.Contains(strings.ToLower(a.DetailDesc), "office") || a.IndexGroupName != "Baby/Children", "no office wear for children"},
		} {
			if !rule.ok {
				t.Errorf("%s (%s, %s, %s, %s): %s", a.ArticleID, a.ProductTypeName, a.ProductGroupName, a.IndexName, a.GarmentGroupName, rule.what)
			}
		}
	}
	multi := 0
	for code, arts := range products {
		if len(arts) > 1 {
			multi++
		}
		for _, a := range arts[1:] {
			if a.ProdName != arts[0].ProdName || a.DetailDesc != arts[0].DetailDesc || a.ProductTypeName != arts[0].ProductTypeName || a.DepartmentNo != arts[0].DepartmentNo {
				t.Errorf("product %s: colourways disagree on shared fields", code)
			}
			if a.ColourGroupName == arts[0].ColourGroupName {
				t.Errorf("product %s: repeated colour %s", code, a.ColourGroupName)
			}
		}
	}
	if multi*4 < len(products) {
		t.Errorf("only %d of %d products have several colourways", multi, len(products))
	}
	if empty < 3 || empty > 60 {
		t.Errorf("%d empty descriptions, want a few", empty)
	}
	if len(descs) < 1000 {
		t.Errorf("only %d distinct descriptions", len(descs))
	}
	tax := c.Taxonomy()
	for field, min := range map[string]int{ColProductTypeName: 50, ColColourGroupName: 40, ColDepartmentName: 100, ColGraphicalAppearanceName: 20, ColIndexName: 10} {
		if n := len(tax[field]); n < min {
			t.Errorf("%s: %d distinct values, want at least %d", field, n, min)
		}
	}
}

// referenceQueries are the six queries of the reference paper, with what a
// matching demo article looks like.
var referenceQueries = []struct {
	query string
	match func(a Article, desc string) bool
}{
	{"black sweater with shiny decorations", func(a Article, d string) bool {
		return a.ProductTypeName == "Sweater" && a.ColourGroupName == "Black" && containsAny(d, "sequin", "glitter", "shimmer", "metallic", "shiny")
	}},
	{"pure white T-shirt with pattern at back", func(a Article, d string) bool {
		return a.ProductTypeName == "T-shirt" && a.ColourGroupName == "White" && containsAny(d, "on the back", "at the back")
	}},
	{"waterproof jackets", func(a Article, d string) bool {
		return a.ProductTypeName == "Jacket" && strings.Contains(d, "waterproof")
	}},
	{"tight women's jeans", func(a Article, d string) bool {
		return a.GarmentGroupName == "Trousers Denim" && (a.IndexGroupName == "Ladieswear" || a.IndexGroupName == "Divided") && containsAny(d, "skinny", "tight")
	}},
	{"light yellow summer dress or skirt", func(a Article, d string) bool {
		return (a.ProductTypeName == "Dress" || a.ProductTypeName == "Skirt") && a.ColourGroupName == "Light Yellow"
	}},
	{"jogging trousers", func(a Article, d string) bool {
		return a.ProductTypeName == "Trousers" && containsAny(d, "jogging", "joggers")
	}},
}

// containsAny reports whether s contains any of subs.
func containsAny(s string, subs ...string) bool {
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}

func TestDemoCoversReferenceQueries(t *testing.T) {
	c := loadDemo(t)
	for _, q := range referenceQueries {
		t.Run(q.query, func(t *testing.T) {
			products := map[string]bool{}
			for _, a := range c.Articles {
				if q.match(a, strings.ToLower(a.DetailDesc)) {
					products[a.ProductCode] = true
				}
			}
			if len(products) < 3 {
				t.Errorf("%d matching products, want at least 3", len(products))
			}
		})
	}
}

var (
	realOnce sync.Once
	realCat  *Catalog
	realRep  *Report
	realErr  error
)

// realCatalog loads the real H&M catalog once per test binary.
func realCatalog(t *testing.T) (*Catalog, *Report) {
	t.Helper()
	if testing.Short() {
		t.Skip("needs the full H&M catalog; skipped in -short mode")
	}
	needReal(t)
	realOnce.Do(func() { realCat, realRep, realErr = LoadFile(realPath) })
	if realErr != nil {
		t.Fatal(realErr)
	}
	return realCat, realRep
}

func TestDemoNotCopiedFromHM(t *testing.T) {
	real, _ := realCatalog(t)
	pairs := make(map[[2]string]bool, real.Len())
	for _, a := range real.Articles {
		pairs[[2]string{a.ProdName, a.DetailDesc}] = true
	}
	for _, a := range loadDemo(t).Articles {
		if pairs[[2]string{a.ProdName, a.DetailDesc}] {
			t.Errorf("%s: (prod_name, detail_desc) = (%q, %q) occurs in the H&M file", a.ArticleID, a.ProdName, a.DetailDesc)
		}
		if _, ok := real.ByID(a.ArticleID); ok {
			t.Errorf("%s: article id collides with an H&M id", a.ArticleID)
		}
	}
}

func TestDemoTaxonomyMatchesHM(t *testing.T) {
	real, _ := realCatalog(t)
	demo := loadDemo(t)
	groups := [][]string{
		{ColProductTypeNo, ColProductTypeName, ColProductGroupName},
		{ColGraphicalAppearanceNo, ColGraphicalAppearanceName},
		{ColColourGroupCode, ColColourGroupName, ColPerceivedColourValueID, ColPerceivedColourValueName, ColPerceivedColourMasterID, ColPerceivedColourMasterName},
		{ColDepartmentNo, ColDepartmentName, ColIndexCode, ColIndexName, ColIndexGroupNo, ColIndexGroupName, ColSectionNo, ColSectionName, ColGarmentGroupNo, ColGarmentGroupName},
		{ColProductTypeName, ColDepartmentNo, ColGarmentGroupNo},
	}
	for _, cols := range groups {
		name := strings.Join(cols, "+")
		t.Run(name, func(t *testing.T) {
			var b strings.Builder
			key := func(a *Article) string {
				b.Reset()
				for _, col := range cols {
					b.WriteString(*columns[columnIndex[col]].field(a))
					b.WriteByte('|')
				}
				return b.String()
			}
			seen := map[string]bool{}
			for i := range real.Articles {
				seen[key(&real.Articles[i])] = true
			}
			for i := range demo.Articles {
				if k := key(&demo.Articles[i]); !seen[k] {
					t.Fatalf("%s: combination %s never occurs in the H&M catalog", demo.Articles[i].ArticleID, k)
				}
			}
		})
	}
}
