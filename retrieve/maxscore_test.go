package retrieve

import (
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
)

// msCorpus makes n documents over a vocabulary of v words: zipf draws a
// BM25-shaped one (a few words in most documents, most words rare), else
// uniform; dup repeats earlier documents (tied scores).
func msCorpus(rng *rand.Rand, n, v int, zipf bool, dup bool) []string {
	z := rand.NewZipf(rng, 1.1, 2, uint64(v-1))
	docs := make([]string, n)
	for d := range docs {
		if dup && d > 0 && rng.IntN(3) == 0 {
			docs[d] = docs[rng.IntN(d)]
			continue
		}
		words := make([]string, 3+rng.IntN(25))
		for i := range words {
			w := rng.IntN(v)
			if zipf {
				w = int(z.Uint64())
			}
			words[i] = fmt.Sprintf("w%d", w)
		}
		docs[d] = strings.Join(words, " ")
	}
	return docs
}

// msLists is topK's lists for terms, every bound multiplied by ubScale.
func msLists(x *BM25, terms []string, ubScale float32) []termList {
	terms = dedupe(terms)
	lists := make([]termList, len(terms))
	for i, t := range terms {
		ps := x.postings[t]
		tw := x.termWeights(t, ps)
		lists[i] = termList{ps: ps, w: tw.w[:len(ps)], ub: tw.ub * ubScale}
	}
	return lists
}

func bitsEqual(a, b []Scored) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].Doc != b[i].Doc || math.Float32bits(a[i].Score) != math.Float32bits(b[i].Score) {
			return false
		}
	}
	return true
}

// TestMaxScoreMatchesExhaustive: max-score's top k is the exhaustive one
// (the same documents in the same order with bit-identical scores) on
// BM25-shaped and uniform corpora, with tied documents, short and long
// requests (repeated terms, unknown terms), k from 1 to past the matches,
// without a mask and with sparse and dense ones; and with its bounds
// understated, it is not (the test sees a broken bound).
func TestMaxScoreMatchesExhaustive(t *testing.T) {
	rng := rand.New(rand.NewPCG(16, 3))
	broken := 0
	for _, c := range []struct {
		name      string
		n, v      int
		zipf, dup bool
	}{
		{"zipf", 20000, 3000, true, false},
		{"zipf ties", 8000, 500, true, true},
		{"uniform", 6000, 40, false, false},
		{"uniform ties", 3000, 15, false, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			x := NewBM25(msCorpus(rng, c.n, c.v, c.zipf, c.dup))
			masks := map[string][]bool{"none": nil, "sparse": make([]bool, c.n), "dense": make([]bool, c.n)}
			for d := 0; d < c.n; d++ {
				masks["sparse"][d] = rng.IntN(20) == 0
				masks["dense"][d] = rng.IntN(3) != 0
			}
			for q := 0; q < 60; q++ {
				terms := make([]string, 2+rng.IntN(12))
				for i := range terms {
					terms[i] = fmt.Sprintf("w%d", rng.IntN(c.v+c.v/20)) // some unknown
					if c.zipf && rng.IntN(2) == 0 {
						terms[i] = fmt.Sprintf("w%d", rng.IntN(12)) // common
					}
				}
				if q%7 == 0 {
					terms = append(terms, terms[0]) // repeated
				}
				all := x.Accumulate(terms)
				for name, keep := range masks {
					for _, k := range []int{1, 10, 200, 1000, c.n + 1} {
						want := topKRef(all, k, keep)
						if got := x.maxScore(msLists(x, terms, 1), k, keep); !bitsEqual(got, want) {
							t.Fatalf("%v k=%d mask %s: max-score differs from the exhaustive top-k:\n got %v\nwant %v", terms, k, name, head(got), head(want))
						}
						if got := x.topK(terms, k, keep); !bitsEqual(got, want) {
							t.Fatalf("%v k=%d mask %s: topK differs from the exhaustive top-k", terms, k, name)
						}
						if got := x.maxScore(msLists(x, terms, 0.5), k, keep); !bitsEqual(got, want) {
							broken++
						}
					}
				}
			}
		})
	}
	if broken == 0 {
		t.Error("halving every term's bound never changed a result: the test cannot see a broken bound")
	}
}

func head(s []Scored) []Scored { return s[:min(len(s), 5)] }

// TestGallopAdd: the exponential search finds exactly the documents of the
// candidates that are in the postings.
func TestGallopAdd(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for r := 0; r < 200; r++ {
		n := 1 + rng.IntN(5000)
		var ps []posting
		var w []float32
		var cand []int32
		in := map[int32]float32{}
		for d := int32(0); d < int32(n); d++ {
			if rng.IntN(1+r%7) == 0 {
				ps = append(ps, posting{doc: d, tf: 1})
				w = append(w, float32(d)+0.5)
				in[d] = float32(d) + 0.5
			}
			if rng.IntN(1+r%11) == 0 {
				cand = append(cand, d)
			}
		}
		exact := make([]float32, len(cand))
		gallopAdd(cand, exact, ps, w)
		for i, d := range cand {
			if exact[i] != in[d] {
				t.Fatalf("round %d: doc %d got %v, want %v", r, d, exact[i], in[d])
			}
		}
	}
}

// TestTopKSmallRequests: on small or single-term requests (the exhaustive
// search) topK agrees with TopK over the accumulation.
func TestTopKSmallRequests(t *testing.T) {
	x := NewBM25([]string{"black wool coat", "black jeans", "wool scarf", "red coat"})
	for _, q := range []string{"black", "black coat", "wool coat scarf", "nothing", ""} {
		terms := Tokens(q)
		for _, k := range []int{0, 1, 3, 10} {
			want := TopK(x.Accumulate(terms), k, nil)
			if got := x.topK(terms, k, nil); !reflect.DeepEqual(got, want) && len(got)+len(want) > 0 {
				t.Errorf("%q k=%d: got %v, want %v", q, k, got, want)
			}
		}
	}
}
