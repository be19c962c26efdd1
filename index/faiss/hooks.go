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

// walkCopy returns the bytes held by the walk copies of the index's HNSW
// storages (0 while none is built) and whether one has the compact level-0
// layout (shim_layout.cpp), for the tests of the walker.
func (x *Index) walkCopy() (bytes int64, layout bool) {
	h, unlock, err := x.acquire(false)
	if err != nil {
		return 0, false
	}
	defer unlock()
	var l C.int
	n := C.stylist_faiss_walk_bytes(h, &l)
	return int64(n), l != 0
}

// filterScans returns how many filtered searches the exact scan of allowed
// nodes (shim_scan.cpp) has answered in this process, for the tests that
// check which path a search took.
func filterScans() int64 { return int64(C.stylist_faiss_filter_scans()) }
