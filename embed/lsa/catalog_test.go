package lsa

import (
	"compress/gzip"
	"encoding/csv"
	"io"
	"os"
	"strings"
	"testing"
)

// realCatalog is the H&M catalog used by the heavy tests and benchmarks; it is
// never copied into the repository.
const realCatalog = "/work/shared/data/hm/articles.csv.gz"

// catalogRow is the part of an H&M article the tests need.
type catalogRow struct {
	text, productType, colour string
}

// loadRealCatalog reads the real catalog and renders each article's chunk text
// "prod_name - product_type_name - colour_group_name - index_name - detail_desc".
// It skips the test when the file is absent.
func loadRealCatalog(tb testing.TB) []catalogRow {
	tb.Helper()
	path := os.Getenv("STYLIST_HM_ARTICLES")
	if path == "" {
		path = realCatalog
	}
	f, err := os.Open(path)
	if err != nil {
		tb.Skipf("real catalog not available: %v", err)
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(path, ".gz") {
		gz, err := gzip.NewReader(f)
		if err != nil {
			tb.Fatal(err)
		}
		r = gz
	}
	cr := csv.NewReader(r)
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err != nil {
		tb.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range header {
		col[h] = i
	}
	need := []string{"prod_name", "product_type_name", "colour_group_name", "index_name", "detail_desc"}
	for _, n := range need {
		if _, ok := col[n]; !ok {
			tb.Fatalf("catalog has no column %q", n)
		}
	}
	var rows []catalogRow
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			tb.Fatal(err)
		}
		parts := make([]string, len(need))
		for i, n := range need {
			parts[i] = rec[col[n]]
		}
		rows = append(rows, catalogRow{
			text:        strings.Join(parts, " - "),
			productType: rec[col["product_type_name"]],
			colour:      rec[col["colour_group_name"]],
		})
	}
	return rows
}
