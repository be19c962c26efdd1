package faiss

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestFastDistances: HNSW and refine storages use the AVX2 distances when the
// CPU has them (also after Write and Read), return the exact similarities, and
// find what the scalar FAISS code finds; STYLIST_FAISS_NO_SIMD turns them off.
func TestFastDistances(t *testing.T) {
	if !FastDistances() {
		t.Skip("no AVX2/FMA on this CPU (or STYLIST_FAISS_NO_SIMD is set)")
	}
	for _, dim := range []int{37, 64} { // 37: the scalar tail of the SIMD loops
		for _, tc := range []struct {
			factory string
			metric  Metric
			tol     float32 // of the scores against the exact similarity
		}{{"HNSW32", InnerProduct, 1e-4}, {"HNSW32", L2, 0}, {"HNSW16,RFlat", InnerProduct, 1e-4}, {"HNSW32_SQ8", InnerProduct, 0.02}} {
			t.Run(fmt.Sprintf("%s/%s/%d", tc.factory, tc.metric, dim), func(t *testing.T) {
				ds := makeDataset(7, dim, 3000, 3000, 100, 15, 1.5)
				fast := build(t, dim, tc.factory, tc.metric, ds.train, ds.base, ds.ids)
				if !strings.Contains(fast.Describe(), "avx2)") {
					t.Fatalf("storage not swapped: %s", fast.Describe())
				}
				p := SearchParams{EfSearch: 64, KFactorRF: 4}
				fs, fi, err := fast.Search(ds.queries, tK, p)
				if err != nil {
					t.Fatal(err)
				}
				if r := recallAt(ds.truth, fi, tK); r < 0.9 {
					t.Errorf("recall@%d = %.3f with AVX2 distances, want >= 0.9", tK, r)
				}
				if tc.tol > 0 {
					checkScores(t, ds, fs, fi, tc.tol)
				}
				path := filepath.Join(t.TempDir(), "x.faiss")
				if err := fast.Write(path); err != nil {
					t.Fatal(err)
				}
				back, err := Read(path)
				if err != nil {
					t.Fatal(err)
				}
				defer back.Close()
				if !strings.Contains(back.Describe(), "avx2)") {
					t.Fatalf("storage not swapped after Read: %s", back.Describe())
				}
				_, bi, err := back.Search(ds.queries, tK, p)
				if err != nil || !slices.Equal(bi, fi) {
					t.Fatalf("results differ after Write and Read (%v)", err)
				}

				t.Setenv("STYLIST_FAISS_NO_SIMD", "1")
				slow, err := Read(path)
				if err != nil {
					t.Fatal(err)
				}
				defer slow.Close()
				if strings.Contains(slow.Describe(), "avx2)") {
					t.Fatalf("STYLIST_FAISS_NO_SIMD ignored: %s", slow.Describe())
				}
				ss, si, err := slow.Search(ds.queries, tK, p)
				if err != nil {
					t.Fatal(err)
				}
				same := 0
				for i := range si {
					if si[i] == fi[i] {
						same++
						if d := ss[i] - fs[i]; d > 1e-4 || d < -1e-4 {
							t.Fatalf("slot %d: scalar %.6f vs AVX2 %.6f", i, ss[i], fs[i])
						}
					}
				}
				if same < len(si)*95/100 {
					t.Errorf("only %d of %d result slots agree with the scalar FAISS distances", same, len(si))
				}
			})
		}
	}
}
