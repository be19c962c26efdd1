package faiss

import (
	"math"
	"os"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestEmptyAndShortResults: an empty index and k > ntotal pad with id -1 and
// score -Inf.
func TestEmptyAndShortResults(t *testing.T) {
	ds := easy()
	for _, factory := range []string{"Flat", "HNSW32"} {
		t.Run(factory, func(t *testing.T) {
			x, err := New(ds.dim, factory, InnerProduct)
			if err != nil {
				t.Fatal(err)
			}
			defer x.Close()
			scores, ids, err := x.Search(ds.queries[:2*ds.dim], 3, SearchParams{})
			if err != nil {
				t.Fatal(err)
			}
			for i := range ids {
				if ids[i] != -1 || !math.IsInf(float64(scores[i]), -1) {
					t.Fatalf("empty index slot %d: id %d score %g", i, ids[i], scores[i])
				}
			}
			if err := x.AddWithIDs(ds.base[:2*ds.dim], []int64{42, 43}); err != nil {
				t.Fatal(err)
			}
			scores, ids, err = x.Search(ds.base[:ds.dim], 4, SearchParams{})
			if err != nil {
				t.Fatal(err)
			}
			if ids[0] != 42 || ids[1] != 43 || ids[2] != -1 || ids[3] != -1 {
				t.Fatalf("ids = %v, want [42 43 -1 -1]", ids)
			}
			if math.Abs(float64(scores[0])-1) > 1e-5 || !math.IsInf(float64(scores[3]), -1) {
				t.Fatalf("scores = %v, want [1 ... -Inf]", scores)
			}
		})
	}
}

// TestIncrementalAdd: ids from a second batch are found and the first batch
// keeps its ids.
func TestIncrementalAdd(t *testing.T) {
	ds := easy()
	for _, factory := range []string{"Flat", "IVF16,Flat", "IVF16,PQ16np,RFlat"} {
		t.Run(factory, func(t *testing.T) {
			x := build(t, ds.dim, factory, InnerProduct, ds.train, ds.base[:1000*ds.dim], ds.ids[:1000])
			if err := x.AddWithIDs(ds.base[1000*ds.dim:2000*ds.dim], ds.ids[1000:2000]); err != nil {
				t.Fatal(err)
			}
			if x.Ntotal() != 2000 {
				t.Fatalf("Ntotal = %d", x.Ntotal())
			}
			for _, row := range []int{3, 1500} {
				_, ids, err := x.Search(ds.base[row*ds.dim:(row+1)*ds.dim], 1, SearchParams{NProbe: 16, KFactorRF: 10})
				if err != nil {
					t.Fatal(err)
				}
				if ids[0] != ds.ids[row] {
					t.Errorf("self search of row %d: id %d, want %d", row, ids[0], ds.ids[row])
				}
			}
		})
	}
}

// TestBatchThreads: batch searches give the same results with 1 and 2 threads,
// and SetThreads changes the batch default.
func TestBatchThreads(t *testing.T) {
	ds := easy()
	x := fixture(t, "easy", ds, "IVF64,PQ16np,RFlat", InnerProduct)
	s1, i1, err := x.Search(ds.queries, tK, SearchParams{NProbe: 8, KFactorRF: 4, Threads: 1})
	if err != nil {
		t.Fatal(err)
	}
	s2, i2, err := x.Search(ds.queries, tK, SearchParams{NProbe: 8, KFactorRF: 4, Threads: 2})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(i1, i2) || !slices.Equal(s1, s2) {
		t.Error("1-thread and 2-thread batch searches differ")
	}
	defer SetThreads(0)
	SetThreads(3)
	if Threads() != 3 {
		t.Errorf("Threads() = %d after SetThreads(3)", Threads())
	}
	SetThreads(-1)
	if Threads() < 1 {
		t.Errorf("Threads() = %d after reset", Threads())
	}
	if got := (SearchParams{}).threads(1); got != 1 {
		t.Errorf("single query threads = %d, want 1", got)
	}
}

// TestForcedMetric: HNSW-PQ built for inner product reports L2 and says so.
func TestForcedMetric(t *testing.T) {
	x, err := New(96, "HNSW32_PQ48np", InnerProduct)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	if x.Metric() != L2 || !strings.Contains(x.Describe(), "forced by FAISS; requested inner_product") {
		t.Errorf("Metric %v, Describe %q", x.Metric(), x.Describe())
	}
	y, err := New(96, "HNSW32_SQ8", InnerProduct)
	if err != nil {
		t.Fatal(err)
	}
	defer y.Close()
	if y.Metric() != InnerProduct || strings.Contains(y.Describe(), "forced") {
		t.Errorf("HNSW32_SQ8: Metric %v, Describe %q", y.Metric(), y.Describe())
	}
	if InnerProduct.String() != "inner_product" || L2.String() != "l2" || Metric(9).String() != "metric(9)" {
		t.Error("Metric.String")
	}
}

// TestPolysemousFactories covers the PQ factories with polysemous training
// (no "np"): correct but very slow to train (minutes on 2 loaded cores), so
// it runs only with STYLIST_FAISS_HEAVY=1.
func TestPolysemousFactories(t *testing.T) {
	if os.Getenv("STYLIST_FAISS_HEAVY") == "" || testing.Short() {
		t.Skip("set STYLIST_FAISS_HEAVY=1 to train polysemous PQ48 indexes")
	}
	ds := easy()
	for _, tc := range []factoryCase{
		{"IVF64,PQ48", InnerProduct, InnerProduct, SearchParams{NProbe: 16}, 0.7, 0.05, false},
		{"HNSW32_PQ48", InnerProduct, L2, SearchParams{EfSearch: 64}, 0.7, 0.05, true},
	} {
		t.Run(tc.factory, func(t *testing.T) {
			x := build(t, ds.dim, tc.factory, tc.metric, ds.train, ds.base, ds.ids)
			if x.Metric() != tc.wantMetric {
				t.Errorf("Metric() = %v, want %v", x.Metric(), tc.wantMetric)
			}
			scores, ids, err := x.Search(ds.queries, tK, tc.params)
			if err != nil {
				t.Fatal(err)
			}
			if r := recallAt(ds.truth, ids, tK); r < tc.minRecall {
				t.Errorf("recall@%d = %.3f, want >= %.2f", tK, r, tc.minRecall)
			}
			checkScores(t, ds, scores, ids, tc.scoreTol)
			path := t.TempDir() + "/x.faiss"
			if err := x.Write(path); err != nil {
				t.Fatal(err)
			}
			y, err := Read(path)
			if err != nil {
				t.Fatal(err)
			}
			defer y.Close()
			_, ids2, err := y.Search(ds.queries, tK, tc.params)
			if err != nil || !slices.Equal(ids, ids2) {
				t.Errorf("read back: %v, same ids %t", err, slices.Equal(ids, ids2))
			}
		})
	}
}

// TestCleanupFreesUnclosed: Close frees the handle at once, and an Index
// dropped without Close is freed by the garbage-collection safety net.
func TestCleanupFreesUnclosed(t *testing.T) {
	base := liveHandles()
	x, err := New(8, "Flat", InnerProduct)
	if err != nil {
		t.Fatal(err)
	}
	if liveHandles() != base+1 {
		t.Fatalf("live handles %d, want %d", liveHandles(), base+1)
	}
	_ = x.Close()
	if liveHandles() != base {
		t.Fatalf("after Close: live handles %d, want %d", liveHandles(), base)
	}
	func() {
		for range 3 {
			if _, err := New(8, "HNSW32", InnerProduct); err != nil {
				t.Fatal(err)
			}
		}
	}()
	deadline := time.Now().Add(10 * time.Second)
	for liveHandles() != base && time.Now().Before(deadline) {
		runtime.GC()
		time.Sleep(10 * time.Millisecond)
	}
	if liveHandles() != base {
		t.Errorf("unclosed indexes not freed: live handles %d, want %d", liveHandles(), base)
	}
}
