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
