package catalog

import (
	"bytes"
	"compress/gzip"
	"errors"
	"strings"
	"testing"
)

// miniHeader is a partial header used by most loader cases.
const miniHeader = "article_id,product_code,prod_name,product_type_name,colour_group_code,colour_group_name,detail_desc\n"

// gz compresses b.
func gz(t testing.TB, b []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := zw.Write(b); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// checkInvariants asserts the accounting every successful load must satisfy.
func checkInvariants(t *testing.T, c *Catalog, rep *Report) {
	t.Helper()
	if got := rep.Loaded + rep.SkippedTotal(); got != rep.Rows {
		t.Errorf("Loaded %d + skipped %d != Rows %d", rep.Loaded, rep.SkippedTotal(), rep.Rows)
	}
	if c.Len() != rep.Loaded {
		t.Errorf("Len %d != Loaded %d", c.Len(), rep.Loaded)
	}
	seen := map[string]bool{}
	for _, a := range c.Articles {
		if len(a.ArticleID) != ArticleIDWidth || seen[a.ArticleID] {
			t.Errorf("bad or duplicate id %q", a.ArticleID)
		}
		seen[a.ArticleID] = true
		if isMissingText(a.DetailDesc) && a.DetailDesc != "" {
			t.Errorf("%s: desc %q not normalised", a.ArticleID, a.DetailDesc)
		}
	}
}

func TestLoad(t *testing.T) {
	tests := []struct {
		name        string
		in          string
		wantLoaded  int
		wantSkipped map[string]int
		check       func(t *testing.T, c *Catalog, rep *Report)
	}{
		{
			name:       "quoted commas and quotes",
			in:         miniHeader + `0108775015,0108775,"Strap top, basic",Vest top,09,Black,"Jersey top, with ""narrow"" straps, soft."` + "\n",
			wantLoaded: 1,
			check: func(t *testing.T, c *Catalog, _ *Report) {
				a := c.Articles[0]
				if a.ProdName != "Strap top, basic" || a.DetailDesc != `Jersey top, with "narrow" straps, soft.` {
					t.Errorf("got %q / %q", a.ProdName, a.DetailDesc)
				}
			},
		},
		{
			name: "newlines inside quoted description",
			in: miniHeader +
				"0108775015,0108775,Strap top,Vest top,09,Black,\"Line one\nline two\n\nline four\"\n" +
				"0108775044,0108775,Strap top,Vest top,10,White,plain\n" +
				"0108775051,0108775,Strap top,Vest top\n",
			wantLoaded:  2,
			wantSkipped: map[string]int{ReasonFieldCount: 1},
			check: func(t *testing.T, c *Catalog, rep *Report) {
				if got := c.Articles[0].DetailDesc; got != "Line one\nline two\n\nline four" {
					t.Errorf("desc = %q", got)
				}
				if rep.Samples[0].Line != 7 {
					t.Errorf("skipped row line = %d, want 7 (multi-line rows counted)", rep.Samples[0].Line)
				}
			},
		},
		{
			name:       "optional columns missing are listed",
			in:         "article_id,prod_name,product_type_name\n108775015,Strap top,Vest top\n",
			wantLoaded: 1,
			check: func(t *testing.T, c *Catalog, rep *Report) {
				if len(rep.MissingColumns) != len(columns)-3 || rep.MissingColumns[0] != ColProductCode {
					t.Errorf("MissingColumns = %v", rep.MissingColumns)
				}
				if got := c.Articles[0].ProductCode; got != "0108775" {
					t.Errorf("product code derived from id = %q, want 0108775", got)
				}
			},
		},
		{
			name:       "UTF-8 BOM before header",
			in:         "\ufeff" + miniHeader + "0108775015,0108775,Strap top,Vest top,09,Black,desc\n",
			wantLoaded: 1,
			check: func(t *testing.T, _ *Catalog, rep *Report) {
				if len(rep.UnknownColumns) != 0 {
					t.Errorf("BOM leaked into header: unknown %v", rep.UnknownColumns)
				}
			},
		},
		{
			name:       "header case and whitespace",
			in:         " Article_ID , PRODUCT CODE,Prod Name,product-type-name\t,colour_group_code,colour_group_name,Detail_Desc\n0108775015,0108775,Strap top,Vest top,09,Black,desc\n",
			wantLoaded: 1,
			check: func(t *testing.T, c *Catalog, rep *Report) {
				if len(rep.UnknownColumns) != 0 || c.Articles[0].DetailDesc != "desc" || c.Articles[0].ProductTypeName != "Vest top" {
					t.Errorf("unknown %v, article %+v", rep.UnknownColumns, c.Articles[0])
				}
			},
		},
		{
			name:       "leading zeros restored",
			in:         miniHeader + "108775015,108775,Strap top,Vest top,9,Black,desc\n00000000000000123,1,Other,Top,,Black,desc\n108775044.0,,Strap top,Vest top,10,White,desc\n",
			wantLoaded: 3,
			check: func(t *testing.T, c *Catalog, _ *Report) {
				a := c.Articles[0]
				if a.ArticleID != "0108775015" || a.ProductCode != "0108775" || a.ColourGroupCode != "09" {
					t.Errorf("got %q %q %q", a.ArticleID, a.ProductCode, a.ColourGroupCode)
				}
				if c.Articles[1].ArticleID != "0000000123" || c.Articles[1].ProductCode != "0000001" {
					t.Errorf("got %q %q", c.Articles[1].ArticleID, c.Articles[1].ProductCode)
				}
				if c.Articles[2].ArticleID != "0108775044" || c.Articles[2].ProductCode != "0108775" {
					t.Errorf("float-style id: got %q %q", c.Articles[2].ArticleID, c.Articles[2].ProductCode)
				}
				if _, ok := c.ByID("108775015"); !ok {
					t.Error("ByID without leading zero failed")
				}
			},
		},
		{
			name:        "duplicate ids keep the first",
			in:          miniHeader + "0108775015,0108775,First,Vest top,09,Black,a\n108775015,0108775,Second,Vest top,09,Black,b\n0108775044,0108775,Third,Vest top,10,White,c\n",
			wantLoaded:  2,
			wantSkipped: map[string]int{ReasonDuplicateID: 1},
			check: func(t *testing.T, c *Catalog, rep *Report) {
				if a, _ := c.ByID("0108775015"); a.ProdName != "First" {
					t.Errorf("kept %q", a.ProdName)
				}
				if s := rep.Samples[0]; s.Line != 3 || s.Detail != "0108775015" {
					t.Errorf("sample = %+v", s)
				}
			},
		},
		{
			name:        "wrong field count",
			in:          miniHeader + "0108775015,0108775,Strap top,Vest top,09,Black,a,EXTRA\n0108775044,0108775,Strap top\n0108775051,0108775,Strap top,Vest top,09,Black,ok\n",
			wantLoaded:  1,
			wantSkipped: map[string]int{ReasonFieldCount: 2},
		},
		{
			name:       "nan-like descriptions become empty",
			in:         miniHeader + "1,1,A,Top,09,Black,nan\n2,2,B,Top,09,Black,NaN\n3,3,C,Top,09,Black,None\n4,4,D,Top,09,Black,\n5,5,E,Top,09,Black,Nancy top\n",
			wantLoaded: 5,
			check: func(t *testing.T, c *Catalog, rep *Report) {
				if rep.EmptyDesc != 4 {
					t.Errorf("EmptyDesc = %d, want 4", rep.EmptyDesc)
				}
				if c.Articles[4].DetailDesc != "Nancy top" {
					t.Errorf("real text altered: %q", c.Articles[4].DetailDesc)
				}
			},
		},
		{
			name:       "unknown extra columns ignored",
			in:         "colour_hex,article_id,prod_name,product_type_name,stock\n#000,0108775015,Strap top,Vest top,12\n",
			wantLoaded: 1,
			check: func(t *testing.T, c *Catalog, rep *Report) {
				if strings.Join(rep.UnknownColumns, ",") != "colour_hex,stock" {
					t.Errorf("UnknownColumns = %v", rep.UnknownColumns)
				}
				if c.Articles[0].ProdName != "Strap top" {
					t.Errorf("ProdName = %q", c.Articles[0].ProdName)
				}
			},
		},
		{
			name:        "invalid and missing ids, empty required text",
			in:          miniHeader + "abc,1,A,Top,09,Black,x\n,1,B,Top,09,Black,x\n12345678901,1,C,Top,09,Black,x\n7,1,,Top,09,Black,x\n8,1,D,  ,09,Black,x\n9,1,E,Top,09,Black,x\n",
			wantLoaded:  1,
			wantSkipped: map[string]int{ReasonInvalidArticleID: 2, ReasonMissingArticleID: 1, ReasonEmptyProdName: 1, ReasonEmptyProductType: 1},
		},
		{
			name: "unbalanced quote resynchronises on the next line",
			in: miniHeader +
				"0000000001,1,A,Top,09,Black,\"never closed\n" +
				"0000000002,2,B,Top,09,Black,fine\n" +
				"0000000003,3,C,Top,09,Black,\"quoted, fine\"\n",
			wantLoaded:  2,
			wantSkipped: map[string]int{ReasonBadQuoting: 1},
			check: func(t *testing.T, c *Catalog, rep *Report) {
				if _, ok := c.ByID("0000000002"); !ok {
					t.Error("row after the bad quote was lost")
				}
				if rep.Samples[0].Line != 2 {
					t.Errorf("bad row line = %d, want 2", rep.Samples[0].Line)
				}
			},
		},
		{
			name:        "bare quote in unquoted field",
			in:          miniHeader + "1,1,Strap \"top\",Top,09,Black,x\n2,2,B,Top,09,Black,x\n3,3,C,Top,09,Black,\"a\"b\n4,4,D,Top,09,Black,x\n",
			wantLoaded:  2,
			wantSkipped: map[string]int{ReasonBadQuoting: 2},
		},
		{
			name:       "CRLF line endings",
			in:         strings.ReplaceAll(miniHeader+"1,1,A,Top,09,Black,\"two\nlines\"\n2,2,B,Top,09,Black,x\n", "\n", "\r\n"),
			wantLoaded: 2,
			check: func(t *testing.T, c *Catalog, _ *Report) {
				if c.Articles[0].DetailDesc != "two\nlines" || c.Articles[1].DetailDesc != "x" {
					t.Errorf("descs %q %q", c.Articles[0].DetailDesc, c.Articles[1].DetailDesc)
				}
			},
		},
		{
			name:       "header only",
			in:         miniHeader,
			wantLoaded: 0,
		},
		{
			name:       "blank lines are not rows",
			in:         miniHeader + "\n1,1,A,Top,09,Black,x\n\n\n",
			wantLoaded: 1,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, rep, err := Load(strings.NewReader(tt.in))
			if err != nil {
				t.Fatalf("Load: %v", err)
			}
			checkInvariants(t, c, rep)
			if rep.Loaded != tt.wantLoaded {
				t.Errorf("Loaded = %d, want %d (%s)", rep.Loaded, tt.wantLoaded, rep)
			}
			want := tt.wantSkipped
			if want == nil {
				want = map[string]int{}
			}
			if len(rep.Skipped) != len(want) {
				t.Errorf("Skipped = %v, want %v", rep.Skipped, want)
			}
			for k, v := range want {
				if rep.Skipped[k] != v {
					t.Errorf("Skipped[%s] = %d, want %d", k, rep.Skipped[k], v)
				}
			}
			if tt.check != nil {
				tt.check(t, c, rep)
			}
		})
	}
}

func TestLoadErrors(t *testing.T) {
	valid := []byte(miniHeader + "0108775015,0108775,Strap top,Vest top,09,Black,desc\n")
	zipped := gz(t, valid)
	tests := []struct {
		name    string
		in      []byte
		is      error
		mention string
	}{
		{"empty file", nil, ErrEmpty, "empty"},
		{"only blank lines", []byte("\n\r\n\n"), ErrEmpty, "empty"},
		{"missing article_id", []byte("prod_name,product_type_name\nA,Top\n"), ErrMissingColumn, `"article_id"`},
		{"missing prod_name", []byte("article_id,product_type_name\n1,Top\n"), ErrMissingColumn, `"prod_name"`},
		{"missing product_type_name", []byte("article_id,prod_name,detail_desc\n1,A,x\n"), ErrMissingColumn, `"product_type_name"`},
		{"unreadable header", []byte("article_id,\"prod_name\nfoo"), ErrHeader, "header"},
		{"truncated gzip", zipped[:len(zipped)/2], nil, "gzip"},
		{"gzip with bad checksum", append(append([]byte{}, zipped[:len(zipped)-8]...), 0, 0, 0, 0, 0, 0, 0, 0), nil, "gzip"},
		{"gzip magic only", []byte{0x1f, 0x8b}, nil, "gzip"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, _, err := Load(bytes.NewReader(tt.in))
			if err == nil {
				t.Fatalf("Load succeeded with %d articles, want error", c.Len())
			}
			if tt.is != nil && !errors.Is(err, tt.is) {
				t.Errorf("err = %v, want errors.Is %v", err, tt.is)
			}
			if !strings.Contains(err.Error(), tt.mention) {
				t.Errorf("err = %q, want it to mention %q", err, tt.mention)
			}
		})
	}
	t.Run("missing column error is typed", func(t *testing.T) {
		_, _, err := Load(strings.NewReader("article_id,prod_name\n1,A\n"))
		var mc *MissingColumnError
		if !errors.As(err, &mc) || mc.Column != ColProductTypeName {
			t.Fatalf("err = %v, want *MissingColumnError for %s", err, ColProductTypeName)
		}
	})
}

func TestLoadGzipMatchesPlain(t *testing.T) {
	plain := fixtureCSV(t)
	cp, rp, err := Load(bytes.NewReader(plain))
	if err != nil {
		t.Fatal(err)
	}
	cz, rz, err := Load(bytes.NewReader(gz(t, plain)))
	if err != nil {
		t.Fatal(err)
	}
	if !rz.Gzip || rp.Gzip {
		t.Errorf("Gzip flags: plain %v, gz %v", rp.Gzip, rz.Gzip)
	}
	if rp.SHA256 == rz.SHA256 || rp.Bytes != int64(len(plain)) {
		t.Errorf("hash/bytes should describe the raw input: %s %d", rp.SHA256, rp.Bytes)
	}
	if len(cp.Articles) != len(cz.Articles) || len(cp.Articles) != len(fixtureArticles) {
		t.Fatalf("lens %d %d", len(cp.Articles), len(cz.Articles))
	}
	for i := range cp.Articles {
		if cp.Articles[i] != cz.Articles[i] {
			t.Errorf("article %d differs:\n%+v\n%+v", i, cp.Articles[i], cz.Articles[i])
		}
	}
}

func TestLoadShuffledHeader(t *testing.T) {
	var b bytes.Buffer
	if err := WriteCSV(&b, fixtureArticles); err != nil {
		t.Fatal(err)
	}
	canon, _, err := Load(bytes.NewReader(b.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	// Reverse the column order of every record.
	var rev strings.Builder
	cols := Columns()
	for i := len(cols) - 1; i >= 0; i-- {
		rev.WriteString(cols[i])
		if i > 0 {
			rev.WriteByte(',')
		}
	}
	rev.WriteByte('\n')
	for _, a := range fixtureArticles {
		for i := len(columns) - 1; i >= 0; i-- {
			v := *columns[i].field(&a)
			if strings.ContainsAny(v, ",\"\n") {
				v = `"` + strings.ReplaceAll(v, `"`, `""`) + `"`
			}
			rev.WriteString(v)
			if i > 0 {
				rev.WriteByte(',')
			}
		}
		rev.WriteByte('\n')
	}
	shuffled, rep, err := Load(strings.NewReader(rev.String()))
	if err != nil {
		t.Fatal(err)
	}
	if rep.Loaded != len(fixtureArticles) || len(rep.MissingColumns) != 0 {
		t.Fatalf("report %s", rep)
	}
	for i := range canon.Articles {
		if canon.Articles[i] != shuffled.Articles[i] {
			t.Errorf("article %d differs:\n%+v\n%+v", i, canon.Articles[i], shuffled.Articles[i])
		}
	}
}
