package faiss

// This file is pure Go (no cgo) so that packages which only pass search
// parameters around (retrieve, rag, bot and the adapters above them) build with
// CGO_ENABLED=0; every type that touches FAISS itself stays in the cgo files.

import "fmt"

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
