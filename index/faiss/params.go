package faiss

// This file is pure Go (no cgo) so that packages which only pass search
// parameters around (retrieve, rag, bot and the adapters above them) build with
// CGO_ENABLED=0; every type that touches FAISS itself stays in the cgo files.

import (
	"fmt"
	"math/bits"
)

// SearchParams overrides index search settings for one call; zero fields
// leave the index's stored value. Fields that do not apply to the index
// (NProbe on HNSW, KFactorRF without a refine stage) are ignored.
//
// NProbe and KFactorRF are passed to the search itself and never change the
// index. EfSearch cannot be (FAISS 1.7.3's HNSW ignores a per-call efSearch),
// so a search whose EfSearch differs from the index's current value takes
// the write lock, sets it on every HNSW node, and searches; searches with the
// current value share the read lock and run in parallel. Callers that keep
// one EfSearch therefore never serialise; the value set last is also what
// Write saves.
type SearchParams struct {
	EfSearch  int     // HNSW candidate list size (also an HNSW coarse quantizer's)
	NProbe    int     // IVF lists to visit
	KFactorRF float32 // refine stage: re-rank k*KFactorRF base candidates; >= 1
	Threads   int     // OpenMP threads; 0 = 1 for a single query, Threads() for a batch
	// Allow, when set, restricts the results to the ids it holds. HNSW
	// searches apply it inside the graph walk (every node is traversed, only
	// allowed ones are kept, so k allowed neighbours come back as from a
	// search over the allowed vectors alone); other indexes search ever
	// deeper until k allowed ids are found. Nil: every id.
	Allow *IDSet
}

// IDSet is a set of non-negative ids below a fixed bound, stored as a bitmap
// (bit id%64 of word id/64) that searches read without copying. Build it
// before sharing it: Add is not safe concurrently with searches that use it.
type IDSet struct {
	words []uint64
	n     int
}

// NewIDSet returns an empty set for ids 0..n-1.
func NewIDSet(n int) *IDSet {
	return &IDSet{words: make([]uint64, (max(n, 0)+63)/64), n: max(n, 0)}
}

// Add puts id into the set; ids outside 0..Bound()-1 are ignored.
func (s *IDSet) Add(id int) {
	if id >= 0 && id < s.n {
		s.words[id>>6] |= 1 << (id & 63)
	}
}

// Has reports whether id is in the set.
func (s *IDSet) Has(id int64) bool {
	return id >= 0 && id < int64(s.n) && s.words[id>>6]>>(id&63)&1 != 0
}

// Bound is the exclusive upper bound of the ids the set can hold.
func (s *IDSet) Bound() int { return s.n }

// Len counts the ids in the set.
func (s *IDSet) Len() int {
	c := 0
	for _, w := range s.words {
		c += bits.OnesCount64(w)
	}
	return c
}

// validate rejects negative or meaningless values.
func (p SearchParams) validate() error {
	switch {
	case p.EfSearch < 0:
		return fmt.Errorf("%w: EfSearch %d is negative", ErrArg, p.EfSearch)
	case p.NProbe < 0:
		return fmt.Errorf("%w: NProbe %d is negative", ErrArg, p.NProbe)
	case p.KFactorRF != 0 && !(p.KFactorRF >= 1 && p.KFactorRF <= maxKFactor):
		return fmt.Errorf("%w: KFactorRF %g must be 0 or in [1, %g]", ErrArg, p.KFactorRF, float32(maxKFactor))
	case p.Threads < 0:
		return fmt.Errorf("%w: Threads %d is negative", ErrArg, p.Threads)
	}
	return nil
}

// maxKFactor bounds KFactorRF (finite; the shim caps k*KFactorRF at ntotal).
const maxKFactor = 1e6
