package faiss

/*
#include "shim.h"
*/
import "C"

import "fmt"

// Train trains the index on len(vecs)/Dim() vectors (a no-op for Flat/HNSW).
func (x *Index) Train(vecs []float32) error {
	n, err := x.rows(vecs, "train")
	if err != nil {
		return err
	}
	h, unlock, err := x.acquire(true)
	if err != nil {
		return err
	}
	defer unlock()
	return shimError("train", ErrFAISS,
		C.stylist_faiss_train(h, C.int64_t(n), (*C.float)(&vecs[0]), C.int(Threads())))
}

// AddWithIDs adds len(ids) vectors with the given ids; vecs holds len(ids)*Dim() floats.
func (x *Index) AddWithIDs(vecs []float32, ids []int64) error {
	if x == nil {
		return ErrNilIndex
	}
	if len(vecs) != len(ids)*x.dim {
		return fmt.Errorf("%w: add: %d floats for %d ids of dim %d", ErrDim, len(vecs), len(ids), x.dim)
	}
	h, unlock, err := x.acquire(true)
	if err != nil {
		return err
	}
	defer unlock()
	if len(ids) == 0 {
		return nil
	}
	if C.stylist_faiss_is_trained(h) == 0 {
		return fmt.Errorf("%w: add: train it first", ErrNotTrained)
	}
	return shimError("add", ErrFAISS, C.stylist_faiss_add_with_ids(h, C.int64_t(len(ids)),
		(*C.float)(&vecs[0]), (*C.int64_t)(&ids[0]), C.int(Threads())))
}

// rows checks that vecs is a non-empty whole number of vectors and returns the count.
func (x *Index) rows(vecs []float32, op string) (int, error) {
	if x == nil {
		return 0, ErrNilIndex
	}
	if len(vecs) == 0 || len(vecs)%x.dim != 0 {
		return 0, fmt.Errorf("%w: %s: %d floats is not a positive multiple of dim %d", ErrDim, op, len(vecs), x.dim)
	}
	return len(vecs) / x.dim, nil
}

// SetEfConstruction sets the candidate list size used while adding vectors to
// HNSW graphs (FAISS 1.7.3 defaults to 40, which the factory string cannot change).
// Larger values build slower and give better recall. No-op for other indexes.
func (x *Index) SetEfConstruction(ef int) error {
	if ef <= 0 {
		return fmt.Errorf("%w: efConstruction %d", ErrArg, ef)
	}
	h, unlock, err := x.acquire(true)
	if err != nil {
		return err
	}
	defer unlock()
	C.stylist_faiss_set_ef_construction(h, C.int(ef))
	return nil
}
