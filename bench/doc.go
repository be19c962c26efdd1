// Package bench measures FAISS index factories on a catalog: build time, bytes
// on disk and in memory, single-query ANN latency, recall@k against exact
// (Flat) search, the latency of the whole retrieval path (understand + embed +
// ANN + lexical + rerank), and the same searches through Debian's python3-faiss
// for a cgo-versus-Python cost ratio. The catalog is embedded once and the
// vectors are reused for every factory.
//
// Run drives it; Report.WriteMarkdown and Report.WriteJSON render the result,
// and ReplaceSection updates docs/benchmarks.md in place.
package bench
