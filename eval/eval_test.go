package eval

import (
	"context"
	"math"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/stylistbot/stylist/catalog"
	"github.com/stylistbot/stylist/retrieve"
)

func art(id, typ, master, group string) catalog.Article {
	return catalog.Article{ArticleID: id, ProductTypeName: typ, PerceivedColourMasterName: master, IndexGroupName: group}
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestScoreArithmetic(t *testing.T) {
	q := Query{Q: "yellow dress for women", Types: []string{"Dress"}, ColourMaster: []string{"Yellow"}, IndexGroup: []string{"Ladieswear"}}
	items := []catalog.Article{
		art("1", "Dress", "Yellow", "Ladieswear"), // grade 3
		art("2", "Dress", "Black", "Ladieswear"),  // 2: type ok, colour wrong
		art("3", "Skirt", "Yellow", "Ladieswear"), // 1: type wrong, others hold
		art("4", "Coat", "Black", "Menswear"),     // 0
	}
	r := Score(q, items, 4, time.Millisecond, nil)
	if !near(r.TypePrecision, 0.5) || !near(r.FullPrecision, 0.25) {
		t.Fatalf("precision: %+v", r)
	}
	// DCG = 7/log2(2) + 3/log2(3) + 1/log2(4) + 0; IDCG = 7 * sum 1/log2(i+2), i<4
	dcg := 7 + 3/math.Log2(3) + 1.0/2
	idcg := 7 * (1 + 1/math.Log2(3) + 1.0/2 + 1/math.Log2(5))
	if !near(r.NDCG, dcg/idcg) {
		t.Fatalf("ndcg %v, want %v", r.NDCG, dcg/idcg)
	}
}

func TestScoreEdgeCases(t *testing.T) {
	tests := []struct {
		name             string
		q                Query
		items            []catalog.Article
		k                int
		typeP, fullP, nd float64
	}{
		{"no items", Query{Types: []string{"Dress"}}, nil, 5, 0, 0, 0},
		{"no expected type", Query{ColourMaster: []string{"Red"}}, []catalog.Article{art("1", "Dress", "Red", "")}, 1, math.NaN(), 1, 1},
		{"excluded colour", Query{Types: []string{"Hoodie"}, ExcludeColourMaster: []string{"Black"}},
			[]catalog.Article{art("1", "Hoodie", "Black", ""), art("2", "Hoodie", "Grey", "")}, 2, 1, 0.5, math.NaN()},
		{"fewer items than k counts as misses in nDCG", Query{Types: []string{"Dress"}}, []catalog.Article{art("1", "Dress", "", "")}, 2, 1, 1, 1 / (1 + 1/math.Log2(3))},
		{"truncates to k", Query{Types: []string{"Dress"}}, []catalog.Article{art("1", "Dress", "", ""), art("2", "Coat", "", "")}, 1, 1, 1, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Score(tt.q, tt.items, tt.k, 0, nil)
			check := func(name string, got, want float64) {
				if math.IsNaN(want) {
					if name == "type" && !math.IsNaN(got) {
						t.Errorf("%s = %v, want NaN", name, got)
					}
					return
				}
				if !near(got, want) {
					t.Errorf("%s = %v, want %v", name, got, want)
				}
			}
			check("type", r.TypePrecision, tt.typeP)
			check("full", r.FullPrecision, tt.fullP)
			check("ndcg", r.NDCG, tt.nd)
		})
	}
}

type fakeSearcher map[string][]catalog.Article

func (f fakeSearcher) Search(_ context.Context, q string, k int) (*retrieve.Result, error) {
	res := &retrieve.Result{Query: q}
	for _, a := range f[q] {
		res.Hits = append(res.Hits, retrieve.Hit{Article: a})
	}
	return res, nil
}

func TestRunSummary(t *testing.T) {
	qs := []Query{{Q: "a", Types: []string{"Dress"}}, {Q: "b", ColourMaster: []string{"Red"}}, {Q: "c", Types: []string{"Coat"}}}
	s := fakeSearcher{
		"a": {art("1", "Dress", "Red", ""), art("2", "Skirt", "Red", "")},
		"b": {art("3", "Dress", "Red", ""), art("4", "Dress", "Blue", "")},
	}
	rep, err := Run(context.Background(), s, qs, 2)
	if err != nil {
		t.Fatal(err)
	}
	// type precision averages queries a (0.5) and c (0: no results); b has no expected type.
	if !near(rep.TypePrecision, 0.25) || !near(rep.FullPrecision, (0.5+0.5+0)/3) || rep.ZeroResults != 1 {
		t.Fatalf("summary %+v", rep)
	}
	var b strings.Builder
	if err := rep.WriteTable(&b); err != nil || !strings.Contains(b.String(), "1 with no results") {
		t.Fatalf("table: %v\n%s", err, b.String())
	}
	b.Reset()
	if err := rep.WriteJSON(&b); err != nil || !strings.Contains(b.String(), `"type_precision": null`) {
		t.Fatalf("json: %v\n%s", err, b.String())
	}
}

func TestReadQueries(t *testing.T) {
	if _, err := ReadQueries(strings.NewReader("{\"q\": \"x\", \"typez\": []}\n")); err == nil || !strings.Contains(err.Error(), "line 1") {
		t.Fatalf("unknown field must name the line: %v", err)
	}
	if _, err := ReadQueries(strings.NewReader("# c\n\n{\"q\": \"\"}\n")); err == nil || !strings.Contains(err.Error(), "line 3") {
		t.Fatalf("empty q must name the line: %v", err)
	}
	if qs := readFile(t, "testdata/dev.jsonl"); len(qs) < 40 {
		t.Fatalf("dev set has %d queries, want >= 40", len(qs))
	}
}

// readFile reads a queries file of the repository.
func readFile(t *testing.T, path string) []Query {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	qs, err := ReadQueries(f)
	if err != nil {
		t.Fatal(err)
	}
	return qs
}

func TestPercentile(t *testing.T) {
	ds := []time.Duration{5, 1, 4, 2, 3}
	if Percentile(ds, 50) != 3 || Percentile(ds, 99) != 5 || Percentile(nil, 50) != 0 {
		t.Fatal("percentile")
	}
}
