package faiss

import (
	"math"
	"slices"
	"strings"
	"testing"
)

// TestRecallHNSWvsFlat: HNSW32 with efSearch 64 finds >= 95% of Flat's top 10
// on clustered normalized vectors.
func TestRecallHNSWvsFlat(t *testing.T) {
	ds := makeDataset(21, 64, 5000, 5000, 200, 20, 1.5)
	flat := build(t, ds.dim, "Flat", InnerProduct, ds.train, ds.base, ds.ids)
	hnsw := build(t, ds.dim, "HNSW32", InnerProduct, ds.train, ds.base, ds.ids)
	_, want, err := flat.Search(ds.queries, tK, SearchParams{})
	if err != nil {
		t.Fatal(err)
	}
	if r := recallAt(ds.truth, want, tK); r != 1 {
		t.Fatalf("Flat recall against brute force = %.4f, want 1", r)
	}
	_, got, err := hnsw.Search(ds.queries, tK, SearchParams{EfSearch: 64})
	if err != nil {
		t.Fatal(err)
	}
	flatRows := make([][]int64, len(ds.truth))
	for q := range flatRows {
		flatRows[q] = want[q*tK : (q+1)*tK]
	}
	if r := recallAt(flatRows, got, tK); r < 0.95 {
		t.Errorf("HNSW32 efSearch 64 recall@10 vs Flat = %.3f, want >= 0.95", r)
	}
}

// TestEfSearchPerCall: efSearch changes recall per call, and switching back
// gives the earlier results again.
func TestEfSearchPerCall(t *testing.T) {
	ds := hard()
	x := fixture(t, "hard", ds, "HNSW32", InnerProduct)
	_, low, err := x.Search(ds.queries, tK, SearchParams{EfSearch: 10})
	if err != nil {
		t.Fatal(err)
	}
	_, high, err := x.Search(ds.queries, tK, SearchParams{EfSearch: 128})
	if err != nil {
		t.Fatal(err)
	}
	rLow, rHigh := recallAt(ds.truth, low, tK), recallAt(ds.truth, high, tK)
	if rHigh < 0.97 || rLow > rHigh-0.15 {
		t.Errorf("recall efSearch 10 = %.3f, 128 = %.3f; want 128 >= 0.97 and well above 10", rLow, rHigh)
	}
	_, again, err := x.Search(ds.queries, tK, SearchParams{EfSearch: 10})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(low, again) {
		t.Error("efSearch 10 after 128 differs from the first efSearch 10 search")
	}
	if !strings.Contains(x.Describe(), "efSearch=10,") {
		t.Errorf("efSearch is set on the index: %s", x.Describe())
	}
}

// TestNProbePerCall: nprobe applies to one call and leaves the index alone.
func TestNProbePerCall(t *testing.T) {
	ds := easy()
	x := fixture(t, "easy", ds, "IVF64,Flat", InnerProduct)
	_, one, err := x.Search(ds.queries, tK, SearchParams{NProbe: 1})
	if err != nil {
		t.Fatal(err)
	}
	_, all, err := x.Search(ds.queries, tK, SearchParams{NProbe: 64})
	if err != nil {
		t.Fatal(err)
	}
	if r := recallAt(ds.truth, all, tK); r != 1 {
		t.Errorf("nprobe = nlist recall = %.4f, want 1 (exhaustive)", r)
	}
	if r := recallAt(ds.truth, one, tK); r >= 0.99 {
		t.Errorf("nprobe 1 recall = %.4f, want clearly below 1", r)
	}
	if d := x.Describe(); !strings.Contains(d, "nprobe=1,") {
		t.Errorf("index nprobe changed: %s", d)
	}
}

// TestKFactorPerCall: the refine stage re-ranks k*KFactorRF candidates per call.
func TestKFactorPerCall(t *testing.T) {
	ds := easy()
	x := fixture(t, "easy", ds, "IVF64,PQ16np,RFlat", InnerProduct)
	_, k1, err := x.Search(ds.queries, tK, SearchParams{NProbe: 16, KFactorRF: 1})
	if err != nil {
		t.Fatal(err)
	}
	_, k8, err := x.Search(ds.queries, tK, SearchParams{NProbe: 16, KFactorRF: 8})
	if err != nil {
		t.Fatal(err)
	}
	r1, r8 := recallAt(ds.truth, k1, tK), recallAt(ds.truth, k8, tK)
	if r8 < 0.97 || r1 > r8-0.2 {
		t.Errorf("recall k_factor 1 = %.3f, 8 = %.3f; want 8 >= 0.97 and well above 1", r1, r8)
	}
	if d := x.Describe(); !strings.Contains(d, "k_factor=1)") {
		t.Errorf("index k_factor changed: %s", d)
	}
}

// TestWalkerMatchesNative: with the index's own settings, the shim's search
// walker (IDMap, Refine, PreTransform re-implemented) returns what FAISS's
// Index::search returns.
func TestWalkerMatchesNative(t *testing.T) {
	ds := easy()
	cases := append(slices.Clone(factoryCases), factoryCase{factory: "PCA32,IVF16,Flat", metric: InnerProduct})
	for _, tc := range cases {
		t.Run(tc.factory+"/"+tc.metric.String(), func(t *testing.T) {
			x := fixture(t, "easy", ds, tc.factory, tc.metric)
			for _, p := range []SearchParams{{}, {Threads: 2}} {
				ws, wi, err := x.Search(ds.queries, tK, p)
				if err != nil {
					t.Fatal(err)
				}
				ns, ni, err := x.searchNative(ds.queries, tK, p)
				if err != nil {
					t.Fatal(err)
				}
				if !slices.Equal(wi, ni) {
					t.Fatalf("params %+v: walker ids differ from native\nwalker %v\nnative %v", p, wi[:tK], ni[:tK])
				}
				for i := range ws {
					if math.Abs(float64(ws[i]-ns[i])) > 1e-5 {
						t.Fatalf("params %+v: score %d: walker %g native %g", p, i, ws[i], ns[i])
					}
				}
			}
		})
	}
}
