package faiss

/*
#include "shim.h"
*/
import "C"

import "fmt"

// threads picks the OpenMP thread count for n queries.
func (p SearchParams) threads(n int) int {
	switch {
	case p.Threads > 0:
		return p.Threads
	case n == 1:
		return 1
	default:
		return Threads()
	}
}

// maxResults bounds n*k so that result slices stay addressable.
const maxResults = 1 << 31

// Search finds the k best matches of each of len(queries)/Dim() queries.
// Row i of the results is scores[i*k:(i+1)*k] and ids[i*k:(i+1)*k], best
// first; scores are higher-is-better similarities, and empty slots have id
// -1 and score -Inf.
func (x *Index) Search(queries []float32, k int, p SearchParams) (scores []float32, ids []int64, err error) {
	return x.search(queries, k, p, false)
}

// search implements Search; native routes through FAISS's own Index::search
// without per-call parameters (the tests' oracle for the shim's walker).
func (x *Index) search(queries []float32, k int, p SearchParams, native bool) ([]float32, []int64, error) {
	n, err := x.rows(queries, "search")
	if err != nil {
		return nil, nil, err
	}
	if k <= 0 {
		return nil, nil, fmt.Errorf("%w: got %d", ErrK, k)
	}
	if int64(n)*int64(k) > maxResults {
		return nil, nil, fmt.Errorf("%w: %d queries x k=%d results is too many", ErrArg, n, k)
	}
	if err := p.validate(); err != nil {
		return nil, nil, err
	}
	h, unlock, err := x.acquireForEf(p.EfSearch)
	if err != nil {
		return nil, nil, err
	}
	defer unlock()
	if C.stylist_faiss_is_trained(h) == 0 {
		return nil, nil, fmt.Errorf("%w: search", ErrNotTrained)
	}
	dist := make([]float32, n*k)
	ids := make([]int64, n*k)
	cp := C.stylist_search_params{nprobe: C.int(p.NProbe), k_factor_rf: C.float(p.KFactorRF)}
	var e *C.char
	var allow *C.uint64_t
	var allowBits C.int64_t
	if p.Allow != nil {
		if native {
			return nil, nil, fmt.Errorf("%w: FAISS's own search takes no id filter", ErrArg)
		}
		if len(p.Allow.words) == 0 { // nothing can be returned
			return emptyRows(n, k)
		}
		allow, allowBits = (*C.uint64_t)(&p.Allow.words[0]), C.int64_t(p.Allow.n)
	}
	if native {
		e = C.stylist_faiss_search_native(h, C.int64_t(n), (*C.float)(&queries[0]), C.int64_t(k),
			C.int(p.threads(n)), (*C.float)(&dist[0]), (*C.int64_t)(&ids[0]))
	} else {
		e = C.stylist_faiss_search(h, C.int64_t(n), (*C.float)(&queries[0]), C.int64_t(k), &cp, allow, allowBits,
			C.int(p.threads(n)), (*C.float)(&dist[0]), (*C.int64_t)(&ids[0]))
	}
	if err := shimError("search", ErrFAISS, e); err != nil {
		return nil, nil, err
	}
	for i := range dist {
		dist[i] = x.metric.score(dist[i], ids[i])
	}
	return dist, ids, nil
}

// emptyRows is the answer of a search that can return nothing: every slot
// empty (id -1, score -Inf).
func emptyRows(n, k int) ([]float32, []int64, error) {
	dist := make([]float32, n*k)
	ids := make([]int64, n*k)
	for i := range dist {
		dist[i], ids[i] = noScore, -1
	}
	return dist, ids, nil
}

// Prepare builds the search-side caches now: the 8-bit copy of the vectors
// that HNSW searches walk (index/faiss/README.md) is otherwise built by a
// background thread after the first few searches, so that a one-shot command
// never pays for it. Benchmarks call it to time steady-state searches.
func (x *Index) Prepare() error {
	h, unlock, err := x.acquire(false)
	if err != nil {
		return err
	}
	defer unlock()
	return shimError("prepare", ErrFAISS, C.stylist_faiss_prepare(h))
}

// acquireForEf locks the index for a search with efSearch ef: shared when ef
// is 0, irrelevant or already current; otherwise exclusive, after setting it.
func (x *Index) acquireForEf(ef int) (*C.stylist_index, func(), error) {
	h, unlock, err := x.acquire(false)
	if err != nil || ef == 0 || !x.hnsw || x.ef == ef {
		return h, unlock, err
	}
	unlock()
	h, unlock, err = x.acquire(true)
	if err != nil {
		return nil, nil, err
	}
	if x.ef != ef {
		C.stylist_faiss_set_ef_search(h, C.int(ef))
		x.ef = ef
	}
	return h, unlock, nil
}
