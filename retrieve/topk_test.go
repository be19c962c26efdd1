package retrieve

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// topKRef is the definition: sort everything by score (descending), then doc, keep k.
func topKRef(scored []Scored, k int, keep []bool) []Scored {
	var out []Scored
	for _, s := range scored {
		if keep == nil || keep[s.Doc] {
			out = append(out, s)
		}
	}
	slices.SortFunc(out, func(a, b Scored) int {
		if a.Score != b.Score {
			if a.Score > b.Score {
				return -1
			}
			return 1
		}
		return a.Doc - b.Doc
	})
	return out[:min(k, len(out))]
}

// TestTopKMatchesSort: the histogram selection returns exactly the k best,
// ties by doc, on scores with many ties, one huge outlier, all equal,
// BM25-shaped sums, with and without a mask, for k below, at and above the
// number of documents.
func TestTopKMatchesSort(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	shapes := map[string]func(i int) float32{
		"uniform":  func(int) float32 { return rng.Float32() * 10 },
		"ties":     func(int) float32 { return float32(rng.IntN(5)) + 0.5 },
		"all same": func(int) float32 { return 3.25 },
		"outlier": func(i int) float32 {
			if i == 7 {
				return 1e6
			}
			return rng.Float32()
		},
		"bm25 sums": func(int) float32 { // a few terms, most documents with one common term
			s := float32(0)
			for _, w := range []float32{0.4, 0.9, 2.5, 6} {
				if rng.IntN(4) == 0 {
					s += w * (0.5 + rng.Float32()/2)
				}
			}
			return max(s, 0.1)
		},
	}
	for name, score := range shapes {
		for _, n := range []int{0, 1, 5, 200, 201, 3000, 40000} {
			docs := rng.Perm(max(n*2, 1))[:n] // scattered ids, not in order
			scored := make([]Scored, n)
			for i := range scored {
				scored[i] = Scored{Doc: docs[i], Score: score(i)}
			}
			keep := make([]bool, max(n*2, 1))
			for i := range keep {
				keep[i] = rng.IntN(3) > 0
			}
			for _, k := range []int{1, 10, 200} {
				for _, mask := range [][]bool{nil, keep} {
					t.Run(fmt.Sprintf("%s/n=%d/k=%d/mask=%t", name, n, k, mask != nil), func(t *testing.T) {
						want := topKRef(scored, k, mask)
						got := TopK(slices.Clone(scored), k, mask)
						if !slices.Equal(got, want) {
							t.Fatalf("got %d items %v…, want %d %v…", len(got), got[:min(3, len(got))], len(want), want[:min(3, len(want))])
						}
						var hi float32 // a bound above the highest score, as the accumulation may give
						for _, s := range scored {
							hi = max(hi, s.Score)
						}
						if got := topKBelow(slices.Clone(scored), hi*1.7, k, mask); !slices.Equal(got, want) {
							t.Fatalf("below a loose bound: got %d items %v…, want %d %v…", len(got), got[:min(3, len(got))], len(want), want[:min(3, len(want))])
						}
					})
				}
			}
		}
	}
	if TopK([]Scored{{1, 2}}, 0, nil) != nil {
		t.Error("k = 0 returns items")
	}
}

// TestAccumulateScores: the branch-free accumulation gives every document
// that has a term its BM25 score (as Score computes it), each once, and the
// highest of them; the buffers it reuses come back clean.
func TestAccumulateScores(t *testing.T) {
	docs := []string{"black jeans", "blue jeans with black stitching", "black black dress", "white shirt", "jeans jacket", ""}
	x := NewBM25(docs)
	for _, terms := range [][]string{{"black"}, {"jeans", "black"}, {"jeans", "jeans"}, {"nothing"}, nil, {"white", "black", "jeans", "dress"}} {
		for range 2 { // the second search reuses the pooled accumulator
			got, hi := x.accumulate(nil, terms)
			var want []Scored
			var wantHi float32
			for d := range docs {
				if s := x.Score(terms, d); s > 0 {
					want = append(want, Scored{Doc: d, Score: s})
					wantHi = max(wantHi, s)
				}
			}
			slices.SortFunc(got, func(a, b Scored) int { return a.Doc - b.Doc })
			if len(got) != len(want) || hi != wantHi {
				t.Fatalf("%v: %v (highest %g), want %v (%g)", terms, got, hi, want, wantHi)
			}
			for i := range got {
				if got[i].Doc != want[i].Doc || math.Abs(float64(got[i].Score-want[i].Score)) > 1e-5 {
					t.Fatalf("%v: %v, want %v", terms, got, want)
				}
			}
		}
	}
}
