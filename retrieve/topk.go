package retrieve

import (
	"slices"
	"sync"
)

// TopK returns the k best of scored (higher score first, ties by lower doc
// id), keeping only docs with keep[doc] when keep is not nil. Scores must not
// be negative (BM25's are not).
//
// It selects by a histogram instead of a heap over every scored document (a
// common term touches tens of thousands): one pass finds the highest score,
// one counts the documents per score bucket (buckets of equal width below
// it), and one collects the documents of the buckets that hold the k best;
// only those are sorted. A bucket is a monotone function of the score, so
// every document of a lower bucket scores strictly less than the k above it:
// the result is exactly the heap's.
func TopK(scored []Scored, k int, keep []bool) []Scored {
	if k <= 0 {
		return nil
	}
	var hi float32
	n := 0
	for _, s := range scored {
		if keep != nil && !keep[s.Doc] {
			continue
		}
		if s.Score > hi {
			hi = s.Score
		}
		n++
	}
	if n <= k || hi <= 0 {
		out := make([]Scored, 0, min(n, k))
		for _, s := range scored {
			if keep == nil || keep[s.Doc] {
				out = append(out, s)
			}
		}
		return sortTop(out, k)
	}
	hist := histPool.Get().(*[topBuckets]int32)
	defer histPool.Put(hist)
	clear(hist[:])
	// A bucket is int(score*scale): at most topBuckets-1 since no score
	// exceeds hi (the & only spares a bounds check).
	scale := float32(topBuckets-1) / hi
	for _, s := range scored {
		if keep == nil || keep[s.Doc] {
			hist[int(s.Score*scale)&(topBuckets-1)]++
		}
	}
	b, above := topBuckets-1, int32(0)
	for ; b > 0; b-- {
		if above += hist[b]; above >= int32(k) {
			break
		}
	}
	if b == 0 {
		above = int32(n)
	}
	out := make([]Scored, 0, above)
	for _, s := range scored {
		if int(s.Score*scale)&(topBuckets-1) >= b && (keep == nil || keep[s.Doc]) {
			out = append(out, s)
		}
	}
	return sortTop(out, k)
}

// topBuckets is the histogram's resolution.
const topBuckets = 2048

var histPool = sync.Pool{New: func() any { return new([topBuckets]int32) }}

// sortTop orders out best first and keeps k.
func sortTop(out []Scored, k int) []Scored {
	slices.SortFunc(out, func(a, b Scored) int {
		if better(a, b) {
			return -1
		}
		if better(b, a) {
			return 1
		}
		return 0
	})
	return out[:min(k, len(out))]
}

func better(a, b Scored) bool {
	if a.Score != b.Score {
		return a.Score > b.Score
	}
	return a.Doc < b.Doc
}
