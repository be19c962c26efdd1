package catalog

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// TestOversizedFieldsTruncatedAndReported: a 30 MB description and an oversized
// name are cut to their caps at load, the row stays loaded, and the report counts
// and samples the truncations like skipped rows.
func TestOversizedFieldsTruncatedAndReported(t *testing.T) {
	huge := strings.Repeat("é", 15<<20) // 30 MB of two-byte runes
	name := strings.Repeat("x", 1000)
	in := miniHeader +
		"0108775015,0108775,Strap top,Vest top,09,Black," + huge + "\n" +
		"0108775016,0108775," + name + ",Vest top,09,Black,Short.\n" +
		"0108775017,0108775,Plain top,Vest top,09,Black,Short.\n"
	c, rep, err := Load(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	checkInvariants(t, c, rep)
	if rep.Loaded != 3 || rep.SkippedTotal() != 0 {
		t.Fatalf("loaded %d, skipped %d; truncated rows must stay", rep.Loaded, rep.SkippedTotal())
	}
	desc := c.Articles[0].DetailDesc
	if len(desc) > MaxDescBytes || !utf8.ValidString(desc) || !strings.HasSuffix(desc, "…") {
		t.Errorf("description kept %d bytes (valid UTF-8 %v), want <= %d ending in …", len(desc), utf8.ValidString(desc), MaxDescBytes)
	}
	if n := len(c.Articles[1].ProdName); n > MaxFieldBytes {
		t.Errorf("prod_name kept %d bytes, want <= %d", n, MaxFieldBytes)
	}
	if c.Articles[2].DetailDesc != "Short." {
		t.Errorf("a normal field changed: %q", c.Articles[2].DetailDesc)
	}
	if rep.Truncated[ColDetailDesc] != 1 || rep.Truncated[ColProdName] != 1 || rep.TruncatedTotal() != 2 {
		t.Errorf("Truncated = %v", rep.Truncated)
	}
	if len(rep.Samples) != 2 || rep.Samples[0].Reason != ReasonTruncated || rep.Samples[0].Line != 2 ||
		!strings.Contains(rep.Samples[0].Detail, "detail_desc: 31457280 bytes") {
		t.Errorf("samples %+v", rep.Samples)
	}
	if s := rep.String(); !strings.Contains(s, "truncated 2 oversized fields (detail_desc=1, prod_name=1)") || !strings.Contains(s, "line 2: field_truncated") {
		t.Errorf("report %q", s)
	}
}
