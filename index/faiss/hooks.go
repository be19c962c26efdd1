package faiss

/*
#include "shim.h"
*/
import "C"

// searchNative searches through FAISS's own Index::search, ignoring every
// SearchParams field but Threads. It exists for the tests (cgo is not allowed
// in _test.go files), which use it as the oracle for the per-call walker.
func (x *Index) searchNative(queries []float32, k int, p SearchParams) ([]float32, []int64, error) {
	return x.search(queries, k, p, true)
}

// liveHandles returns the number of shim index handles not yet freed, for the
// tests of Close and of the garbage-collection safety net.
func liveHandles() int64 { return int64(C.stylist_faiss_live_handles()) }
