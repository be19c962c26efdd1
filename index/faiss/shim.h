// shim.h: extern "C" API of the C++ shim over FAISS (see shim.cpp).
//
// Conventions: functions returning char* return NULL on success or a malloc'd
// error message the caller releases with stylist_faiss_free_error. No C++
// exception crosses this boundary. Every call that does work takes the OpenMP
// thread count to use on the calling OS thread (omp_set_num_threads is per
// thread); 0 leaves it as is.
#ifndef STYLIST_FAISS_SHIM_H
#define STYLIST_FAISS_SHIM_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

// Metric codes (match faiss::MetricType).
enum { STYLIST_METRIC_IP = 0, STYLIST_METRIC_L2 = 1 };

typedef struct stylist_index stylist_index;

// Per-call search parameters; 0 means "use the value stored in the index".
// (efSearch cannot be per call in FAISS 1.7.3: see stylist_faiss_set_ef_search.)
typedef struct {
	int nprobe;
	float k_factor_rf;
} stylist_search_params;

void stylist_faiss_free_error(char* err);

char* stylist_faiss_new(int dim, const char* factory, int metric, stylist_index** out);
char* stylist_faiss_read(const char* path, stylist_index** out);
// Reads an index from n bytes at data (the contents of a file written by stylist_faiss_write).
char* stylist_faiss_read_mem(const void* data, int64_t n, stylist_index** out);
void stylist_faiss_free(stylist_index* h);

int stylist_faiss_dim(const stylist_index* h);
int64_t stylist_faiss_ntotal(const stylist_index* h);
int stylist_faiss_is_trained(const stylist_index* h);
int stylist_faiss_metric(const stylist_index* h);
int stylist_faiss_max_threads(void);
// 1 when HNSW and refine storages compute distances with AVX2/FMA (see shim_simd.cpp).
int stylist_faiss_fast_distances(void);
// Number of stylist_index objects alive (for leak checks).
int64_t stylist_faiss_live_handles(void);

char* stylist_faiss_train(stylist_index* h, int64_t n, const float* x, int threads);
char* stylist_faiss_add_with_ids(stylist_index* h, int64_t n, const float* x, const int64_t* ids, int threads);

// Search writes n*k distances (raw FAISS values) and labels (-1 = none).
// allow, when not NULL, is a bitmap of allow_bits labels (bit l%64 of word
// l/64): only labels whose bit is set are returned (see id_filter).
char* stylist_faiss_search(const stylist_index* h, int64_t n, const float* x, int64_t k,
	const stylist_search_params* p, const uint64_t* allow, int64_t allow_bits, int threads, float* dist,
	int64_t* labels);
// Search through FAISS's own Index::search without per-call parameters (test oracle).
char* stylist_faiss_search_native(const stylist_index* h, int64_t n, const float* x, int64_t k,
	int threads, float* dist, int64_t* labels);

// efSearch of the index's HNSW nodes: the first one found, 0 when there are
// none. Setting it changes the index: callers must exclude concurrent searches.
int stylist_faiss_ef_search(const stylist_index* h);
void stylist_faiss_set_ef_search(stylist_index* h, int ef);
// Builds search-side caches now (the 8-bit vector copy of HNSW storages, see
// shim_hnsw.cpp) instead of in the background after the first searches.
char* stylist_faiss_prepare(const stylist_index* h);
// Bytes held by the built walk copies of the index's HNSW storages (0 while
// none is built); *layout is set to 1 when one has the compact level-0 layout.
int64_t stylist_faiss_walk_bytes(const stylist_index* h, int* layout);
// Number of filtered searches answered by the exact scan of allowed nodes
// (shim_scan.cpp) since the process started (for tests).
int64_t stylist_faiss_filter_scans(void);
// stylist_faiss_set_ef_construction sets efConstruction on every HNSW graph (before adding).
void stylist_faiss_set_ef_construction(stylist_index* h, int ef);

char* stylist_faiss_write(const stylist_index* h, const char* path);
char* stylist_faiss_serialized_size(const stylist_index* h, int64_t* out);
// Describe returns a malloc'd structural description (never NULL).
char* stylist_faiss_describe(const stylist_index* h);

// Moves the index to a GPU; defined only when built with -DSTYLIST_FAISS_GPU.
char* stylist_faiss_to_gpu(stylist_index* h, int device);
int stylist_faiss_on_gpu(const stylist_index* h);

#ifdef __cplusplus
}
#endif

#endif
