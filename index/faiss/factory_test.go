package faiss

import (
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// factoryCase is one index_factory string with its expectations on easy().
type factoryCase struct {
	factory    string
	metric     Metric
	wantMetric Metric
	params     SearchParams
	minRecall  float64 // recall@10 against the exact brute-force top 10
	scoreTol   float32 // max |score - exact cosine|: exact codes 1e-4, compressed more
	idMap      bool    // an IndexIDMap must have been added
}

var factoryCases = []factoryCase{
	{"Flat", InnerProduct, InnerProduct, SearchParams{}, 1, 1e-4, true},
	{"Flat", L2, L2, SearchParams{}, 1, 1e-4, true},
	{"HNSW32", InnerProduct, InnerProduct, SearchParams{EfSearch: 64}, 0.95, 1e-4, true},
	{"IVF64,Flat", InnerProduct, InnerProduct, SearchParams{NProbe: 64}, 1, 1e-4, false},
	{"IVF64,PQ48np", InnerProduct, InnerProduct, SearchParams{NProbe: 16}, 0.75, 0.05, false},
	{"HNSW32_PQ48np", InnerProduct, L2, SearchParams{EfSearch: 64}, 0.75, 0.05, true},
	{"HNSW32_SQ8", InnerProduct, InnerProduct, SearchParams{EfSearch: 64}, 0.9, 0.04, true},
	{"IVF64,PQ16np,RFlat", InnerProduct, InnerProduct, SearchParams{NProbe: 16, KFactorRF: 8}, 0.97, 1e-4, true},
	{"HNSW32_PQ48np,RFlat", InnerProduct, L2, SearchParams{EfSearch: 64, KFactorRF: 4}, 0.97, 1e-4, true},
}

// TestFactories builds, trains, fills and searches every supported factory
// string, checks recall and scores, then writes, reads back and compares.
func TestFactories(t *testing.T) {
	ds := easy()
	for _, tc := range factoryCases {
		t.Run(tc.factory+"/"+tc.metric.String(), func(t *testing.T) {
			x := fixture(t, "easy", ds, tc.factory, tc.metric)
			if x.Ntotal() != tN || !x.IsTrained() || x.Dim() != tDim {
				t.Fatalf("ntotal %d trained %t dim %d", x.Ntotal(), x.IsTrained(), x.Dim())
			}
			if x.Metric() != tc.wantMetric {
				t.Errorf("Metric() = %v, want %v", x.Metric(), tc.wantMetric)
			}
			desc := x.Describe()
			if got := strings.Contains(desc, "IDMap("); got != tc.idMap {
				t.Errorf("IDMap wrapper present = %t, want %t: %s", got, tc.idMap, desc)
			}
			if !strings.Contains(desc, tc.factory) || !strings.Contains(desc, "ntotal=3000") {
				t.Errorf("Describe() = %q", desc)
			}

			scores, ids, err := x.Search(ds.queries, tK, tc.params)
			if err != nil {
				t.Fatal(err)
			}
			r := recallAt(ds.truth, ids, tK)
			if r < tc.minRecall {
				t.Errorf("recall@%d = %.3f, want >= %.2f", tK, r, tc.minRecall)
			}
			t.Logf("recall@%d %.3f with %+v", tK, r, tc.params)
			checkScores(t, ds, scores, ids, tc.scoreTol)

			path := filepath.Join(t.TempDir(), "index.faiss")
			if err := x.Write(path); err != nil {
				t.Fatal(err)
			}
			st, err := os.Stat(path)
			if err != nil {
				t.Fatal(err)
			}
			if size, err := x.SerializedSize(); err != nil || size != st.Size() {
				t.Errorf("SerializedSize() = %d, %v; file has %d bytes", size, err, st.Size())
			}
			y, err := Read(path)
			if err != nil {
				t.Fatal(err)
			}
			defer y.Close()
			if y.Metric() != x.Metric() || y.Dim() != x.Dim() || y.Ntotal() != x.Ntotal() {
				t.Errorf("read back: metric %v dim %d ntotal %d", y.Metric(), y.Dim(), y.Ntotal())
			}
			scores2, ids2, err := y.Search(ds.queries, tK, tc.params)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(ids, ids2) || !slices.Equal(scores, scores2) {
				t.Errorf("read-back index returns different results")
			}
		})
	}
}

// checkScores verifies rows are best first and scores match the exact cosine
// of query and hit (for L2 indexes through 1 - d/2) within tol.
func checkScores(t *testing.T, ds *dataset, scores []float32, ids []int64, tol float32) {
	t.Helper()
	for q := range len(ds.queries) / ds.dim {
		qv := ds.queries[q*ds.dim : (q+1)*ds.dim]
		for j := range tK {
			i := q*tK + j
			if ids[i] < 0 {
				t.Fatalf("query %d slot %d: no result", q, j)
			}
			if j > 0 && scores[i] > scores[i-1] {
				t.Fatalf("query %d: scores not best first: %v", q, scores[q*tK:(q+1)*tK])
			}
			want := dot(qv, ds.row(ids[i]))
			if d := float32(math.Abs(float64(scores[i] - want))); d > tol {
				t.Fatalf("query %d id %d: score %.5f, exact cosine %.5f (tol %g)", q, ids[i], scores[i], want, tol)
			}
		}
	}
}
