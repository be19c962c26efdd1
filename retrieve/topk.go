package retrieve

import (
	"math"
	"slices"
	"sync"
)

// TopK returns the k best of scored (higher score first, ties by lower doc
// id), keeping only docs with keep[doc] when keep is not nil. Scores must not
// be negative (BM25's are not).
func TopK(scored []Scored, k int, keep []bool) []Scored {
	var hi float32
	for _, s := range scored {
		if s.Score > hi {
			hi = s.Score
		}
	}
	return topKBelow(scored, hi, k, keep)
}

// topKBelow is TopK given hi, a score no document exceeds (the accumulation
// knows it).
//
// It selects by a histogram instead of a heap over every scored document (a
// common term touches tens of thousands): one pass counts the documents per
// score bucket (buckets of equal width up to hi), and one collects the
// documents of the buckets that hold the k best; only those are sorted. A
// bucket is a monotone function of the score, so every document of a lower
// bucket scores strictly less than the k above it: the result is exactly a
// heap's.
func topKBelow(scored []Scored, hi float32, k int, keep []bool) []Scored {
	if k <= 0 {
		return nil
	}
	if hi <= 0 || len(scored) <= k {
		out := make([]Scored, 0, min(len(scored), k))
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
	n := int32(0)
	for _, s := range scored {
		if keep == nil || keep[s.Doc] {
			hist[int(s.Score*scale)&(topBuckets-1)]++
			n++
		}
	}
	b, above := topBuckets-1, int32(0)
	for ; b > 0; b-- {
		if above += hist[b]; above >= int32(k) {
			break
		}
	}
	if b == 0 {
		above = n
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

// sortTop orders out best first and keeps k. It sorts integers, each a
// document's score (descending: the bits of a non-negative float32 order as
// it does) above its id, instead of calling a comparison.
func sortTop(out []Scored, k int) []Scored {
	keys := make([]uint64, len(out))
	for i, s := range out {
		keys[i] = uint64(^math.Float32bits(s.Score))<<32 | uint64(uint32(s.Doc))
	}
	slices.Sort(keys)
	out = out[:min(k, len(out))]
	for i := range out {
		out[i] = Scored{Doc: int(uint32(keys[i])), Score: math.Float32frombits(^uint32(keys[i] >> 32))}
	}
	return out
}
