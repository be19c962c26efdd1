package faiss

import (
	"testing"
	"time"
)

func TestExplore(t *testing.T) {
	const dim, n, nq, k = 96, 10000, 100, 10
	s := newSynth(1, dim, 50)
	base := s.points(2, n, 0.8)
	q := s.points(3, nq, 0.8)
	ids := seqIDs(n, 1000, 7)
	truth := bruteForce(base, ids, q, dim, k)
	for _, f := range []string{"Flat", "HNSW32", "IVF64,Flat", "IVF64,PQ48", "IVF64,PQ48np", "HNSW32_PQ48", "HNSW32_SQ8", "IVF64,PQ16np,RFlat", "HNSW32_PQ48np,RFlat"} {
		t0 := time.Now()
		x := build(t, dim, f, InnerProduct, base, base, ids)
		bt := time.Since(t0)
		for _, p := range []SearchParams{{}, {EfSearch: 10}, {EfSearch: 64}, {EfSearch: 128, NProbe: 64}, {NProbe: 1}, {NProbe: 8}, {NProbe: 16, KFactorRF: 4}} {
			_, got, err := x.Search(q, k, p)
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("%-22s build %6.2fs %+v recall %.3f", f, bt.Seconds(), p, recallAt(truth, got, k))
		}
		t.Log(x.Describe())
	}
}
