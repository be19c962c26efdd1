package faiss

/*
#include "shim.h"
*/
import "C"

import "sync/atomic"

// ompDefault is OpenMP's thread count at start-up (OMP_NUM_THREADS or the CPU count).
var ompDefault = 1

// batchThreads is the SetThreads value; 0 means ompDefault.
var batchThreads atomic.Int32

func init() {
	if n := int(C.stylist_faiss_max_threads()); n > 0 {
		ompDefault = n
	}
}

// SetThreads sets the OpenMP threads used by Train, AddWithIDs and batch
// searches (more than one query, SearchParams.Threads zero); n <= 0 restores
// the OpenMP default. Single-query searches always default to one thread.
func SetThreads(n int) {
	batchThreads.Store(int32(max(n, 0)))
}

// Threads returns the thread count used for batch work.
func Threads() int {
	if n := batchThreads.Load(); n > 0 {
		return int(n)
	}
	return ompDefault
}

// FastDistances reports whether HNSW graphs and refine stages compute distances
// with the shim's AVX2/FMA code (the CPU has both and STYLIST_FAISS_NO_SIMD is
// unset) instead of the generic scalar loops of Debian's libfaiss.a. The
// setting is read when an index is created or read.
func FastDistances() bool { return C.stylist_faiss_fast_distances() != 0 }
