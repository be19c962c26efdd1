package catalog

import (
	"os"
	"testing"
)

// realPath is the full H&M articles table on the development machine. It must
// never be copied into the repository (licence); tests skip without it.
const realPath = "/work/shared/data/hm/articles.csv.gz"

// Known facts about the real file (see its README).
const (
	realRows      = 105542
	realEmptyDesc = 416
	realSHA256    = "a441bf90f4818c31c35eb6e70feba3778c70d6b9d4244491c021a52285b9e620"
)

// needReal skips the test unless the real catalog is present.
func needReal(tb testing.TB) {
	tb.Helper()
	if _, err := os.Stat(realPath); err != nil {
		tb.Skipf("real catalog not available: %v", err)
	}
}

func TestLoadRealFile(t *testing.T) {
	c, rep := realCatalog(t)
	t.Log(rep)
	checkInvariants(t, c, rep)
	if rep.Rows != realRows || rep.Loaded != realRows || rep.SkippedTotal() != 0 {
		t.Errorf("rows %d loaded %d skipped %d; want %d clean rows", rep.Rows, rep.Loaded, rep.SkippedTotal(), realRows)
	}
	if rep.EmptyDesc != realEmptyDesc {
		t.Errorf("EmptyDesc = %d, want %d", rep.EmptyDesc, realEmptyDesc)
	}
	if rep.SHA256 != realSHA256 || !rep.Gzip || len(rep.MissingColumns)+len(rep.UnknownColumns) != 0 {
		t.Errorf("report %+v", rep)
	}
	a, ok := c.ByID("108775015")
	if !ok || a.ProductCode != "0108775" || a.ColourGroupCode != "09" || a.ProdName != "Strap top" {
		t.Errorf("first article %+v", a)
	}
	if n := len(c.Taxonomy()[ColProductTypeName]); n != 131 {
		t.Errorf("%d product types, want 131", n)
	}
}

// BenchmarkLoadRealFile measures loading the full H&M catalog (goal: well under 5 s).
func BenchmarkLoadRealFile(b *testing.B) {
	needReal(b)
	raw, err := os.ReadFile(realPath)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(raw)))
	b.ReportAllocs()
	for b.Loop() {
		f, err := os.Open(realPath)
		if err != nil {
			b.Fatal(err)
		}
		c, _, err := Load(f)
		f.Close()
		if err != nil || c.Len() != realRows {
			b.Fatalf("load: %v", err)
		}
	}
}

// BenchmarkTaxonomyRealFile measures the distinct-value summary over the real catalog.
func BenchmarkTaxonomyRealFile(b *testing.B) {
	needReal(b)
	c, _, err := LoadFile(realPath)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		fresh := New(c.Articles)
		if len(fresh.Taxonomy()) != len(TaxonomyFields) {
			b.Fatal("taxonomy incomplete")
		}
	}
}
