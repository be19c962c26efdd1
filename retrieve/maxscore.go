package retrieve

import (
	"math"
	"math/bits"
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
	ps  []posting
	w   []float32
	ub  float32
	set *docSet // long lists: which documents have the term, and where
}

// add adds to out the term's contribution of each document of docs that has
// it: out[d] when byDoc, else out[i] for docs[i]. slot maps a document of
// docs to its position + 1 (only when not byDoc); a long list answers by its
// bit set, a short one is scanned.
func (l termList) add(docs []int32, out []float32, slot []int32, byDoc bool) {
	switch {
	case l.set != nil:
		for i, d := range docs {
			if j := l.set.index(d); j >= 0 {
				if byDoc {
					out[d] += l.w[j]
				} else {
					out[i] += l.w[j]
				}
			}
		}
	case byDoc: // the documents are those with a non-zero (partial) score
		for i, p := range l.ps {
			if s := out[p.doc]; s != 0 {
				out[p.doc] = s + l.w[i]
			}
		}
	default:
		for i, p := range l.ps {
			if s := slot[p.doc]; s != 0 {
				out[s-1] += l.w[i]
			}
		}
	}
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
		lists[i] = termList{ps: ps, w: tw.w[:len(ps)], ub: tw.ub, set: tw.set}
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
			theta = max(theta, probe(score, touched[:n], keep, k, lists, order[j:], eps, acc))
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
	// The unread terms (order[j:]) are looked up document at a time for the
	// kept documents read so far, highest bound first, dropping a document as
	// soon as its partial score plus the bounds still unread cannot reach
	// theta; theta rises with the k best complete sums. Every document of the
	// true top k survives (its bound is never below its score).
	thr := make([]float32, m+1) // thr[i]: the least partial score that can reach theta with order[i:] unread
	setThr := func() {
		for i := j; i <= m; i++ {
			thr[i] = minPartial(theta, rest[i], eps)
		}
	}
	setThr()
	cand, sums := acc.cand[:0], make([]float32, 0, 2*k)
	best := make(minHeap, 0, k) // the k best complete sums
	for _, d := range touched[:n] {
		p := score[d]
		score[d] = 0
		if p < thr[j] || keep != nil && !keep[d] {
			continue
		}
		i := j
		for ; i < m; i++ {
			if p += lists[order[i]].weight(d); p < thr[i+1] {
				break
			}
		}
		if i < m {
			continue
		}
		cand, sums = append(cand, d), append(sums, p)
		if best.offer(p, k) {
			if t := float64(best[0]) * (1 - eps) * (1 - eps); t > theta {
				theta = t
				setThr()
			}
		}
	}
	kept = 0
	for i, d := range cand {
		if sums[i] >= thr[m] {
			cand[kept] = d
			kept++
		}
	}
	cand = cand[:kept]
	acc.cand = cand

	// Rescore them exactly: every term in the request's order, as accumulate.
	exact := score[:len(cand)] // all zero again; reused, cleared below
	slot := acc.slots(len(score))
	for i, d := range cand {
		slot[d] = int32(i + 1)
	}
	for _, l := range lists {
		l.add(cand, exact, slot, false)
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

// probe returns a lower bound on the k-th best final score of the kept
// documents of touched (at least k): the documents with the best partial
// scores (at least k) are completed by looking up the unread lists, and the
// k-th best of those sums, less the rounding margin, is taken.
func probe(score []float32, touched []int32, keep []bool, k int, lists []termList, unread []int, eps float64, acc *accumulator) float64 {
	edge := float32(kthLower(score, touched, keep, k))
	docs := acc.probe[:0]
	for _, d := range touched {
		if (keep == nil || keep[d]) && score[d] >= edge {
			if docs = append(docs, d); len(docs) == k+k/2 {
				break
			}
		}
	}
	acc.probe = docs
	if len(docs) < k { // cannot happen (the edge holds at least k), but a bound must be safe
		return 0
	}
	sums := make([]float32, len(docs))
	slot := acc.slots(len(score))
	for i, d := range docs {
		sums[i] = score[d]
		slot[d] = int32(i + 1)
	}
	for _, t := range unread {
		lists[t].add(docs, sums, slot, false)
	}
	for _, d := range docs {
		slot[d] = 0
	}
	slices.Sort(sums)
	return float64(sums[len(sums)-k]) * (1 - eps) * (1 - eps)
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

// slots returns the accumulator's per-document survivor slots (all zero),
// allocated on first use.
func (a *accumulator) slots(n int) []int32 {
	if len(a.slot) != n {
		a.slot = make([]int32, n)
	}
	return a.slot
}

// docSet is a long posting list's documents as a bit set with the rank of
// each 64-document word, so that a document's posting is found in constant
// time: 20 KB per term for the catalog, built with the term's weights.
type docSet struct {
	bits []uint64
	rank []int32 // postings before each word
}

// bitSetMin is the postings from which a term gets a docSet.
const bitSetMin = 2048

func newDocSet(ps []posting, docs int) *docSet {
	s := &docSet{bits: make([]uint64, (docs+63)/64), rank: make([]int32, (docs+63)/64)}
	for _, p := range ps {
		s.bits[p.doc>>6] |= 1 << (p.doc & 63)
	}
	n := int32(0)
	for i, b := range s.bits {
		s.rank[i] = n
		n += int32(bits.OnesCount64(b))
	}
	return s
}

// index returns the position of document d's posting, or -1.
func (s *docSet) index(d int32) int {
	w := s.bits[d>>6]
	m := uint64(1) << (d & 63)
	if w&m == 0 {
		return -1
	}
	return int(s.rank[d>>6]) + bits.OnesCount64(w&(m-1))
}

// minPartial returns a partial score below which a document cannot reach
// theta with rest (the unread bounds) to come: p*(1+eps) + rest, with the
// rounding margin, below theta. It errs low (rounded down).
func minPartial(theta, rest, eps float64) float32 {
	x := (theta/(1+eps) - rest) / (1 + eps) * (1 - 1e-9)
	if x <= 0 {
		return 0
	}
	f := float32(x)
	if float64(f) > x {
		f = math.Nextafter32(f, 0)
	}
	return f
}

// weight returns the term's contribution to document d (0 without it).
func (l termList) weight(d int32) float32 {
	if l.set != nil {
		if i := l.set.index(d); i >= 0 {
			return l.w[i]
		}
		return 0
	}
	lo, hi := 0, len(l.ps)
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if l.ps[mid].doc < d {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	if lo < len(l.ps) && l.ps[lo].doc == d {
		return l.w[lo]
	}
	return 0
}

// minHeap holds the k highest scores offered, the least at the root.
type minHeap []float32

// offer adds s when fewer than k are held or s beats the least, and reports
// whether k are held after it.
func (h *minHeap) offer(s float32, k int) bool {
	a := *h
	switch {
	case len(a) < k:
		a = append(a, s)
		for i := len(a) - 1; i > 0; {
			p := (i - 1) / 2
			if a[p] <= a[i] {
				break
			}
			a[p], a[i] = a[i], a[p]
			i = p
		}
	case s > a[0]:
		a[0] = s
		for i := 0; ; {
			c := 2*i + 1
			if c >= len(a) {
				break
			}
			if c+1 < len(a) && a[c+1] < a[c] {
				c++
			}
			if a[i] <= a[c] {
				break
			}
			a[i], a[c] = a[c], a[i]
			i = c
		}
	}
	*h = a
	return len(a) == k
}
