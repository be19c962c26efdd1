package catalog

import (
	"bytes"
	"slices"
	"testing"
)

func TestCatalogLookups(t *testing.T) {
	c, _, err := Load(bytes.NewReader(fixtureCSV(t)))
	if err != nil {
		t.Fatal(err)
	}
	t.Run("ByID", func(t *testing.T) {
		for _, tt := range []struct {
			id   string
			want string
			ok   bool
		}{
			{"0100000002", "0100000002", true},
			{"100000002", "0100000002", true},
			{"0999999999", "", false},
			{"not-an-id", "", false},
			{"", "", false},
		} {
			a, ok := c.ByID(tt.id)
			if ok != tt.ok || a.ArticleID != tt.want {
				t.Errorf("ByID(%q) = %q, %v; want %q, %v", tt.id, a.ArticleID, ok, tt.want, tt.ok)
			}
		}
	})
	t.Run("Values and Counts", func(t *testing.T) {
		if got := c.Values("product_type_name"); !slices.Equal(got, []string{"T-shirt", "Trousers"}) {
			t.Errorf("Values(product_type_name) = %v", got)
		}
		if got := c.Counts("Colour Group Name"); len(got) != 3 || got[0].Count != 1 {
			t.Errorf("Counts(Colour Group Name) = %v", got)
		}
		if got := c.Values("prod_name"); !slices.Equal(got, []string{"Test tee", "Test jeans"}) {
			t.Errorf("Values(prod_name) = %v (non-taxonomy column, by count)", got)
		}
		if got := c.Values("detail_desc"); len(got) != 2 {
			t.Errorf("empty values must be left out: %v", got)
		}
		if got := c.Values("no_such_column"); got != nil {
			t.Errorf("unknown column: %v", got)
		}
	})
	t.Run("Taxonomy", func(t *testing.T) {
		tax := c.Taxonomy()
		if len(tax) != len(TaxonomyFields) {
			t.Fatalf("taxonomy has %d fields, want %d", len(tax), len(TaxonomyFields))
		}
		want := []ValueCount{{"Ladieswear", 2}, {"Divided", 1}}
		if got := tax[ColIndexName]; !slices.Equal(got, want) {
			t.Errorf("index_name = %v, want %v", got, want)
		}
		// Counts must not hand out the shared slice.
		c.Counts(ColIndexName)[0].Value = "mutated"
		if c.Taxonomy()[ColIndexName][0].Value != "Ladieswear" {
			t.Error("Counts returned the cached taxonomy slice")
		}
	})
	t.Run("Field", func(t *testing.T) {
		a := c.Articles[2]
		if v, ok := a.Field("garment_group_name"); !ok || v != "Trousers Denim" {
			t.Errorf("Field = %q, %v", v, ok)
		}
		if _, ok := a.Field("nope"); ok {
			t.Error("unknown field reported ok")
		}
	})
}

func TestNew(t *testing.T) {
	arts := []Article{{ArticleID: "0000000001", ProdName: "a"}, {ArticleID: "0000000001", ProdName: "b"}, {ArticleID: "0000000002"}}
	c := New(arts)
	if c.Len() != 3 {
		t.Errorf("Len = %d", c.Len())
	}
	if a, _ := c.ByID("1"); a.ProdName != "a" {
		t.Errorf("duplicate id: got %q, want first", a.ProdName)
	}
}

func TestNormalizeID(t *testing.T) {
	for _, tt := range []struct {
		in    string
		width int
		want  string
		ok    bool
	}{
		{"108775015", 10, "0108775015", true},
		{" 0108775015 ", 10, "0108775015", true},
		{"108775015.0", 10, "0108775015", true},
		{"000108775015", 10, "0108775015", true},
		{"9", 2, "09", true},
		{"123", 2, "", false},
		{"-1", 7, "", false},
		{"1e5", 10, "", false},
		{"", 10, "", false},
		{".0", 10, "", false},
	} {
		got, ok := NormalizeID(tt.in, tt.width)
		if got != tt.want || ok != tt.ok {
			t.Errorf("NormalizeID(%q, %d) = %q, %v; want %q, %v", tt.in, tt.width, got, ok, tt.want, tt.ok)
		}
	}
}

func TestWriteCSVRoundTrip(t *testing.T) {
	raw := fixtureCSV(t)
	if !bytes.HasPrefix(raw, []byte("article_id,product_code,prod_name,product_type_no,")) {
		t.Errorf("header not in Kaggle order: %.80s", raw)
	}
	c, rep, err := Load(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	if rep.Loaded != len(fixtureArticles) || len(rep.MissingColumns)+len(rep.UnknownColumns) != 0 {
		t.Fatalf("report: %s", rep)
	}
	if !slices.Equal(c.Articles, fixtureArticles) {
		t.Errorf("round trip changed articles:\n%+v\n%+v", c.Articles, fixtureArticles)
	}
}
