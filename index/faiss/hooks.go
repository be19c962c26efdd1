package faiss

// searchNative searches through FAISS's own Index::search, ignoring every
// SearchParams field but Threads. It exists for the tests (cgo is not allowed
// in _test.go files), which use it as the oracle for the per-call walker.
func (x *Index) searchNative(queries []float32, k int, p SearchParams) ([]float32, []int64, error) {
	return x.search(queries, k, p, true)
}
