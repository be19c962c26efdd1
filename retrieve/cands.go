package retrieve

import (
	"math"
	"slices"
	"sync"
)

// candSet is one search's candidates: a slab of cands in the order they were
// first added, and per article its place in the slab (an array over the
// catalog, reused across searches: no map, and iteration in a fixed order).
type candSet struct {
	slot []int32 // per article: position in list + 1; 0 when not a candidate
	list []cand
	// seen marks products (features' product ids), for deduplication;
	// only candidates' products are ever set.
	seen     []bool
	marked   bool // seen was handed out since the last put
	products int
}

// candSets pools the sets of one retriever (slot has one entry per article).
type candSets struct {
	n, products int
	pool        sync.Pool
}

// get returns an empty set.
func (p *candSets) get() *candSet {
	if s, ok := p.pool.Get().(*candSet); ok {
		return s
	}
	return &candSet{slot: make([]int32, p.n), products: p.products}
}

// put clears the entries s set and keeps it for another search; nothing of
// s may be used afterwards.
func (p *candSets) put(s *candSet) {
	for i := range s.list {
		s.slot[s.list[i].doc] = 0
	}
	if s.marked {
		clear(s.seen) // 47 KB for the catalog's products
		s.marked = false
	}
	s.list = s.list[:0]
	p.pool.Put(s)
}

// productMarks returns an all-false mark per product, for one use.
func (s *candSet) productMarks() []bool {
	if s.seen == nil {
		s.seen = make([]bool, s.products)
	}
	s.marked = true
	return s.seen
}

// has reports whether article d is a candidate.
func (s *candSet) has(d int) bool { return s.slot[d] != 0 }

// get returns article d's candidate, adding it when new. The pointer is
// valid until the next get (the slab may grow).
func (s *candSet) get(d int) *cand {
	if i := s.slot[d]; i != 0 {
		return &s.list[i-1]
	}
	s.list = append(s.list, cand{doc: d})
	s.slot[d] = int32(len(s.list))
	return &s.list[len(s.list)-1]
}

// rankKey orders candidates as the rerank does, in one integer (ascending =
// better): articles for the audience first, then full matches, then higher
// scores, then lower article positions. It needs fewer than 2^30 articles
// (New checks).
func rankKey(c *cand) uint64 {
	var k uint64
	if c.tier == tierOff {
		k |= 1 << 63
	}
	if !c.full {
		k |= 1 << 62
	}
	s := c.score
	if s == 0 {
		s = 0 // -0 and +0 compare equal
	}
	b := math.Float32bits(s)
	if b>>31 != 0 { // negative: larger magnitude sorts lower
		b = ^b
	} else {
		b |= 1 << 31
	}
	// b ascends with the score; higher scores first.
	return k | uint64(^b)<<30 | uint64(c.doc)
}

// maxRankDocs bounds the catalog for rankKey.
const maxRankDocs = 1 << 30

// sortRanked orders cs by rankKey through a sort of the keys (no comparison
// callbacks); the article in a key's low bits finds its candidate.
func (s *candSet) sortRanked(cs []*cand) {
	keys := make([]uint64, len(cs))
	for i, c := range cs {
		keys[i] = rankKey(c)
	}
	slices.Sort(keys)
	for i, k := range keys {
		cs[i] = &s.list[s.slot[int(k&(maxRankDocs-1))]-1]
	}
}
