// Package faiss is a small cgo binding to the FAISS vector-search library,
// built on an extern "C" C++ shim (shim.h, shim*.cpp) linked statically
// against Debian's libfaiss.a (FAISS 1.7.3, CPU). It wraps any index_factory
// string, adds ids (an IndexIDMap is added automatically when the index needs
// one), searches with per-call efSearch / nprobe / k_factor without mutating
// the index, and reads and writes FAISS index files.
//
// Scores are always "higher is better": inner-product indexes return the inner
// product; L2 indexes return 1 - d/2 where d is the squared L2 distance, which
// equals the cosine similarity for unit-length vectors (HNSW-PQ indexes are L2
// even when inner product was requested: FAISS 1.7.3 forces it).
//
// Concurrency: the index is safe for concurrent use. NProbe and KFactorRF are
// applied per call without touching the index; efSearch cannot be in FAISS
// 1.7.3, so Search shares a read lock with searches using the current
// efSearch and takes the write lock only to switch it (see SearchParams).
// Train, AddWithIDs and Close take the write lock. Each single-query search
// runs with one OpenMP thread by default (see SearchParams.Threads and
// SetThreads).
//
// Build with the faiss_gpu tag to place indexes on a GPU (see README.md).
package faiss
