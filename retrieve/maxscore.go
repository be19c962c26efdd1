package retrieve

import (
	"math"
	"slices"
	"sync"
)

// Max-score (Turtle & Flood, 1995) for the lexical top-k: a long request's
// common terms (cotton, jersey, soft, sleeve) have tens of thousands of
// postings each, but each contributes little, so their postings need not be
// read for documents that cannot reach the k-th best score.
//
// The terms are accumulated densely in decreasing order of their highest
// contribution (termWeight.ub). Before a long list, a lower bound on the k-th
// best final score is taken from the partial scores; when the bounds of the
// terms not yet read add up to less, no document they alone touch can make
// the top k, and they are not accumulated. The documents read so far whose
// partial score plus those bounds can still reach the k-th are the
// survivors; each is rescored exactly as the exhaustive accumulation scores
// it — its terms' contributions summed in float32 in the request's term
// order, from the dense partial sums' arrays — by looking it up in every
// term's postings. So the scores are bit-identical to accumulate's, and the
// selection (score, then lower document id) is topKBelow's.
//
// Partial sums are in another order than the final ones, so every bound
// carries the float32 rounding margin of a sum of the request's terms
// (rounding is monotone, and a sum of m non-negative float32s is within a
// relative m·2⁻²⁴ of the real sum).

// pruneMinPostings is the request's postings from which max-score is tried:
// below it the exhaustive accumulation is as cheap.
const pruneMinPostings = 16 << 10

// boundCheckPostings is the length from which a list is worth a bound check
// (a pass over the documents touched so far) before it is read.
const boundCheckPostings = 1024

// termList is one request term's postings and contributions.
type termList struct {
	ps []posting
	w  []float32
	ub float32
}

// topK returns exactly TopK(x.Accumulate(terms), k, keep): the k best
// documents for the terms (ties by lower id), only those with keep[doc] when
// keep is not nil, with their bit-exact scores, by max-score when the terms
// have many postings.
func (x *BM25) topK(terms []string, k int, keep []bool) []Scored {
	if k <= 0 {
		return nil
	}
	terms = dedupe(terms)
	lists := make([]termList, len(terms))
	total, ascending := 0, true
	for i, t := range terms {
		ps := x.postings[t]
		tw := x.termWeights(t, ps)
		lists[i] = termList{ps: ps, w: tw.w[:len(ps)], ub: tw.ub}
		total += len(ps)
		ascending = ascending && tw.ascending
	}
	if len(terms) < 2 || total < pruneMinPostings || !ascending {
		return x.topKExhaustive(terms, k, keep)
	}
	return x.maxScore(lists, k, keep)
}

// topKExhaustive is the reference: every posting accumulated, then the
// histogram top-k.
func (x *BM25) topKExhaustive(terms []string, k int, keep []bool) []Scored {
	buf := scoredPool.Get().(*[]Scored)
	defer scoredPool.Put(buf)
	scored, hi := x.accumulate(*buf, terms)
	*buf = scored
	return topKBelow(scored, hi, k, keep)
}

// scoredPool holds the per-search BM25 score buffers.
var scoredPool = sync.Pool{New: func() any { return new([]Scored) }}

// maxScore is topK's pruned search over lists (in the request's term order).
func (x *BM25) maxScore(lists []termList, k int, keep []bool) []Scored {
	m := len(lists)
	eps := float64(4*(m+1)) * 0x1p-24 // float32 rounding of a sum of m terms, with room
	order := make([]int, m)
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { // highest bound first, then shorter
		if la, lb := lists[a], lists[b]; la.ub != lb.ub {
			if la.ub > lb.ub {
				return -1
			}
			return 1
		} else {
			return len(la.ps) - len(lb.ps)
		}
	})
	rest := make([]float64, m+1) // rest[j]: the bounds of order[j:] summed (real numbers)
	for j := m - 1; j >= 0; j-- {
		rest[j] = rest[j+1] + float64(lists[order[j]].ub)
	}

	acc := x.pool.Get().(*accumulator)
	defer x.pool.Put(acc)
	score, touched := acc.score, acc.touched[:cap(acc.touched)]
	n, kept := 0, 0   // documents touched, of them kept
	var theta float64 // a lower bound on the k-th best final score among the kept
	j := 0
	for ; j < m; j++ {
		l := lists[order[j]]
		if kept >= k && len(l.ps) >= boundCheckPostings {
			theta = kthLower(score, touched[:n], keep, k) * (1 - eps) * (1 - eps)
			if rest[j]*(1+eps)*(1+eps) < theta {
				break // order[j:] are not needed: a document only they touch scores below theta
			}
		}
		n0 := n
		for i, p := range l.ps { // accumulate's loop
			s := score[p.doc]
			touched[n] = p.doc
			n += int((math.Float32bits(s) - 1) >> 31)
			score[p.doc] = s + l.w[i]
		}
		if keep == nil {
			kept = n
		} else {
			for _, d := range touched[n0:n] {
				if keep[d] {
					kept++
				}
			}
		}
	}
	if j == m && kept >= k {
		theta = kthLower(score, touched[:n], keep, k) * (1 - eps) * (1 - eps)
	}

	// The survivors: kept documents whose partial score plus the unread
	// terms' bounds reaches theta. Every document of the true top k is one.
	cand := acc.cand[:0]
	for _, d := range touched[:n] {
		if (keep == nil || keep[d]) && (float64(score[d])*(1+eps)+rest[j])*(1+eps) >= theta {
			cand = append(cand, d)
		}
		score[d] = 0
	}
	slices.Sort(cand)
	acc.cand = cand

	// Rescore them exactly: every term in the request's order, as accumulate.
	exact := score[:len(cand)] // all zero again; reused, cleared below
	slot := acc.slots(len(score))
	for i, d := range cand {
		slot[d] = int32(i + 1)
	}
	for _, l := range lists {
		if len(l.ps) < 4*len(cand) {
			for i, p := range l.ps {
				if s := slot[p.doc]; s != 0 {
					exact[s-1] += l.w[i]
				}
			}
		} else {
			gallopAdd(cand, exact, l.ps, l.w)
		}
	}
	out := make([]Scored, len(cand))
	var hi float32
	for i, d := range cand {
		out[i] = Scored{Doc: int(d), Score: exact[i]}
		hi = max(hi, exact[i])
		exact[i], slot[d] = 0, 0
	}
	return topKBelow(out, hi, k, nil)
}

// kthLower returns a lower bound on the k-th highest score[d] of the kept
// documents of touched (at least k): the lower edge of its histogram bucket.
func kthLower(score []float32, touched []int32, keep []bool, k int) float64 {
	var hi float32
	for _, d := range touched {
		if keep == nil || keep[d] {
			hi = max(hi, score[d])
		}
	}
	if hi <= 0 {
		return 0
	}
	hist := histPool.Get().(*[topBuckets]int32)
	defer histPool.Put(hist)
	clear(hist[:])
	scale := float64(topBuckets-1) / float64(hi)
	for _, d := range touched {
		if keep == nil || keep[d] {
			hist[min(int(float64(score[d])*scale), topBuckets-1)]++
		}
	}
	b, above := topBuckets-1, int32(0)
	for ; b > 0; b-- {
		if above += hist[b]; above >= int32(k) {
			break
		}
	}
	// Every document counted in buckets >= b scores at least b/scale (up to
	// the float64 rounding of the product, far below the margin kept).
	return float64(b) / scale * (1 - 1e-9)
}

// gallopAdd adds, for each document of cand (ascending) found in ps
// (ascending), its contribution to exact (indexed like cand), finding each by
// exponential then binary search from the previous one.
func gallopAdd(cand []int32, exact []float32, ps []posting, w []float32) {
	lo := 0
	for i, d := range cand {
		if lo < len(ps) && ps[lo].doc < d {
			step := 1
			for lo+step < len(ps) && ps[lo+step].doc < d {
				step <<= 1
			}
			// ps[lo+step/2].doc < d; the first >= d is in (lo+step/2, lo+step].
			l, h := lo+step/2+1, min(lo+step, len(ps))
			for l < h {
				mid := int(uint(l+h) >> 1)
				if ps[mid].doc < d {
					l = mid + 1
				} else {
					h = mid
				}
			}
			lo = l
		}
		if lo == len(ps) {
			return
		}
		if ps[lo].doc == d {
			exact[i] += w[lo]
			lo++
		}
	}
}

// slots returns the accumulator's per-document survivor slots (all zero),
// allocated on first use.
func (a *accumulator) slots(n int) []int32 {
	if len(a.slot) != n {
		a.slot = make([]int32, n)
	}
	return a.slot
}
