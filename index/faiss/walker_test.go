package faiss

import (
	"fmt"
	"math"
	"slices"
	"testing"
)

// TestHNSWWalker: the shim's own HNSW search (shim_hnsw.cpp) finds at least
// what FAISS's HNSW::search finds at the same efSearch, returns exact scores
// best first, fills k > efSearch, and steps aside for STYLIST_FAISS_NATIVE_HNSW.
func TestHNSWWalker(t *testing.T) {
	if !FastDistances() {
		t.Skip("no AVX2/FMA on this CPU (or STYLIST_FAISS_NO_SIMD is set)")
	}
	ds := hard()
	for _, metric := range []Metric{InnerProduct, L2} {
		x := build(t, ds.dim, "HNSW16", metric, ds.train, ds.base, ds.ids)
		if err := x.Prepare(); err != nil {
			t.Fatal(err)
		}
		for _, walk := range []string{"sq8", "float"} {
			for _, ef := range []int{16, 64, 256} {
				t.Run(fmt.Sprintf("%s/%s/ef%d", metric, walk, ef), func(t *testing.T) {
					if walk == "float" {
						t.Setenv("STYLIST_FAISS_HNSW_FLOAT", "1")
					}
					p := SearchParams{EfSearch: ef}
					ws, wi, err := x.Search(ds.queries, tK, p)
					if err != nil {
						t.Fatal(err)
					}
					_, ni, err := x.search(ds.queries, tK, p, true)
					if err != nil {
						t.Fatal(err)
					}
					rw, rn := recallAt(ds.truth, wi, tK), recallAt(ds.truth, ni, tK)
					if rw < rn-0.01 {
						t.Errorf("recall@%d: walker %.3f, FAISS %.3f", tK, rw, rn)
					}
					if metric == InnerProduct {
						checkScores(t, ds, ws, wi, 1e-4)
					} else {
						for q := range len(ds.queries) / ds.dim {
							qv := ds.queries[q*ds.dim : (q+1)*ds.dim]
							for j := range tK {
								i := q*tK + j
								var d2 float64
								for c, v := range ds.row(wi[i]) {
									d2 += float64((qv[c] - v) * (qv[c] - v))
								}
								if want := float32(1 - d2/2); math.Abs(float64(ws[i]-want)) > 1e-4 {
									t.Fatalf("query %d slot %d: score %.5f, want %.5f", q, j, ws[i], want)
								}
							}
						}
					}
				})
			}
		}
	}

	t.Run("k above efSearch", func(t *testing.T) {
		x := fixture(t, "hard", ds, "HNSW16", InnerProduct)
		q := ds.queries[:ds.dim]
		s, ids, err := x.Search(q, 300, SearchParams{EfSearch: 16})
		if err != nil {
			t.Fatal(err)
		}
		seen := map[int64]bool{}
		for i, id := range ids {
			if id < 0 || seen[id] {
				t.Fatalf("slot %d: id %d (missing or repeated)", i, id)
			}
			seen[id] = true
			if i > 0 && s[i] > s[i-1] {
				t.Fatalf("slot %d: scores not best first", i)
			}
		}
	})

	t.Run("native switch", func(t *testing.T) {
		x := fixture(t, "hard", ds, "HNSW16", InnerProduct)
		t.Setenv("STYLIST_FAISS_NATIVE_HNSW", "1")
		p := SearchParams{EfSearch: 32}
		_, got, err := x.Search(ds.queries, tK, p)
		if err != nil {
			t.Fatal(err)
		}
		_, want, err := x.search(ds.queries, tK, p, true)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got, want) {
			t.Error("STYLIST_FAISS_NATIVE_HNSW=1 does not give FAISS's own results")
		}
	})

	t.Run("vectors added after a search", func(t *testing.T) {
		x := build(t, ds.dim, "HNSW16", InnerProduct, ds.train, ds.base[:1000*ds.dim], ds.ids[:1000])
		p := SearchParams{EfSearch: 64}
		for range 20 { // the 8-bit copy of 1000 vectors is built in the background after a few searches
			if _, _, err := x.Search(ds.queries, tK, p); err != nil {
				t.Fatal(err)
			}
		}
		if err := x.AddWithIDs(ds.base[1000*ds.dim:], ds.ids[1000:]); err != nil {
			t.Fatal(err)
		}
		for _, j := range []int{1500, 4999} { // a stored vector finds itself
			_, ids, err := x.Search(ds.base[j*ds.dim:(j+1)*ds.dim], 1, p)
			if err != nil {
				t.Fatal(err)
			}
			if ids[0] != ds.ids[j] {
				t.Errorf("vector %d (id %d) added later: top hit %d", j, ds.ids[j], ids[0])
			}
		}
	})
}
