// shim_internal.hpp: definitions shared by the shim's C++ translation units.
#pragma once

#include <faiss/Index.h>
#include <faiss/IndexFlat.h>
#include <faiss/IndexHNSW.h>
#include <faiss/impl/FaissException.h>

#include <atomic>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <memory>
#include <mutex>
#include <new>
#include <stdexcept>
#include <string>
#include <vector>

#include "shim.h"

using idx_t = int64_t; // faiss::Index::idx_t in 1.7.3, faiss::idx_t later

namespace stylist {
// live_handles counts stylist_index objects alive (leak checks in tests).
extern std::atomic<int64_t> live_handles;
} // namespace stylist

// stylist_index owns one FAISS index; on GPU builds it may live on a device.
struct stylist_index {
	faiss::Index* idx = nullptr;
	std::shared_ptr<void> gpu_res; // faiss::gpu::StandardGpuResources, GPU builds only
	int device = -1;               // GPU device, -1 when on the CPU

	stylist_index() { stylist::live_handles++; }
	~stylist_index() {
		delete idx;
		stylist::live_handles--;
	}
	stylist_index(const stylist_index&) = delete;
	stylist_index& operator=(const stylist_index&) = delete;
};

namespace stylist {

// oom_error is returned when even the error message cannot be allocated;
// stylist_faiss_free_error knows not to free it.
extern char oom_error[];

// dup_error copies msg into malloc'd memory for the Go side to free.
inline char* dup_error(const char* msg) {
	size_t n = std::strlen(msg);
	char* out = static_cast<char*>(std::malloc(n + 1));
	if (out == nullptr) {
		return oom_error;
	}
	std::memcpy(out, msg, n + 1);
	return out;
}

// guard runs f and converts any C++ exception into an error string.
template <class F>
char* guard(F&& f) {
	try {
		f();
		return nullptr;
	} catch (const faiss::FaissException& e) {
		return dup_error(e.what());
	} catch (const std::bad_alloc&) {
		return dup_error("out of memory (std::bad_alloc)");
	} catch (const std::exception& e) {
		return dup_error(e.what());
	} catch (...) {
		return dup_error("unknown C++ exception");
	}
}

// set_threads sets the OpenMP thread count of the calling OS thread.
void set_threads(int threads);

// cpu_copy returns a CPU copy of a GPU-resident index, or nullptr when the
// index already lives on the CPU (defined in shim_gpu.cpp).
faiss::Index* cpu_copy(const stylist_index* h);

// gpu_leaf_params builds per-call SearchParameters for a GPU index node
// (nullptr when none apply or on CPU-only builds; defined in shim_gpu.cpp).
faiss::SearchParameters* gpu_leaf_params(const faiss::Index* i, const stylist_search_params& p,
	std::vector<std::unique_ptr<faiss::SearchParameters>>& store);

// use_fast_storage swaps the plain flat storage of every HNSW node and refine
// stage in the tree for one with AVX2/FMA distances, when the CPU has them and
// STYLIST_FAISS_NO_SIMD is unset (defined in shim_simd.cpp).
void use_fast_storage(faiss::Index* i);

// is_fast_storage reports whether i is such a storage.
bool is_fast_storage(const faiss::Index* i);

// ip_avx2 and l2_avx2 are the AVX2/FMA inner product and squared L2 distance
// of d floats (shim_simd.cpp); call them only when fast_distances() is true.
float ip_avx2(const float* x, const float* y, size_t d);
float l2_avx2(const float* x, const float* y, size_t d);

// sq8_dot returns sum qp[i] * code[i] over d dimensions (AVX2/FMA).
float sq8_dot(const float* qp, const uint8_t* code, size_t d);
// sq8_dot_i8 returns sum q8[i] * code[i] over d dimensions (AVX2); every
// |q8[i]| must be <= 63 (the 16-bit pair sums saturate above).
int32_t sq8_dot_i8(const int8_t* q8, const uint8_t* code, size_t d);
// sq8_dot_i8_x4 writes sq8_dot_i8 of the four codes at codes, codes + d,
// codes + 2d and codes + 3d to out[0..3] (AVX2).
void sq8_dot_i8_x4(const int8_t* q8, const uint8_t* codes, size_t d, int32_t* out);

// sq8_copy is the copy of n stored vectors that the HNSW walker traverses:
// 8-bit codes, x[k] ~ vmin[k] + code[k] * scale[k], in codes (n * d, storage
// order); or, when built with the graph (shim_layout.cpp), the compact
// level-0 layout: the codes and the level-0 neighbour lists (walk ids, -1
// padded) in two dense arrays indexed by walk id, in a walk order (perm), in
// huge pages where the kernel allows.
struct sq8_copy {
	std::vector<uint8_t> codes; // n * d, storage order; empty with the layout
	std::vector<float> vmin, scale;
	idx_t n = 0;
	size_t d = 0;

	uint8_t* region = nullptr;     // layout: codes then neighbour lists (one allocation)
	size_t region_bytes = 0;       // allocated bytes of region
	const uint8_t* cbase = nullptr; // n * d code bytes
	const int32_t* nbase = nullptr; // n * m0 neighbour slots
	size_t m0 = 0;                 // level-0 neighbour slots per node
	std::vector<int32_t> perm;     // walk id -> storage id (layout only)
	std::vector<int32_t> inv;      // storage id -> walk id (layout only)

	// label -> walk id through the IndexIDMap above (-1: no node), built by
	// the first filtered scan (shim_scan.cpp) for the id_map it was given
	// (lab_src, lab_src_n); 4 bytes per label, lab_ok false when unusable.
	mutable std::once_flag lab_once;
	mutable const idx_t* lab_src = nullptr;
	mutable idx_t lab_src_n = 0;
	mutable std::vector<int32_t> lab_walk;
	mutable bool lab_ok = false;

	// The allowed nodes of the last few filters scanned (shim_scan.cpp), their
	// codes packed in walk order: an audience's filter repeats from request to
	// request, and scanning codes scattered over the whole copy costs a TLB
	// and cache miss each. Entries hold the filter's words, a storage id and
	// a code per allowed node; all entries together stay under n * d bytes of
	// codes (one more copy of the codes at most) and scan_cache_max entries.
	struct scan_entry {
		std::vector<uint64_t> words;
		int64_t nbits = 0;
		const idx_t* id_map = nullptr;
		std::vector<int32_t> sids;  // storage ids, in walk order
		std::vector<uint8_t> codes; // sids.size() * d code bytes
	};
	mutable std::mutex scan_mu;
	mutable std::vector<std::shared_ptr<const scan_entry>> scan_cache; // most recently used first

	sq8_copy() = default;
	sq8_copy(const sq8_copy&) = delete;
	sq8_copy& operator=(const sq8_copy&) = delete;
	~sq8_copy();

	bool has_layout() const { return region != nullptr; }
	// code returns the code of walk id v (the storage id without the layout).
	const uint8_t* code(int32_t v) const {
		return (cbase != nullptr ? cbase : codes.data()) + static_cast<size_t>(v) * d;
	}
	// neighbors returns the m0 level-0 neighbour slots of walk id v (layout only).
	const int32_t* neighbors(int32_t v) const { return nbase + static_cast<size_t>(v) * m0; }
	size_t bytes() const;
};

// build_walk_copy quantizes n vectors of d floats to 8 bits and, when g is
// set and STYLIST_FAISS_WALK_LAYOUT is not 0, lays out g's level 0 with the
// codes (shim_layout.cpp).
std::shared_ptr<const sq8_copy> build_walk_copy(const float* x, idx_t n, size_t d, const faiss::HNSW* g);

// sq8_of returns the 8-bit copy of an inner-product fast_flat storage of the
// HNSW graph g, or nullptr while it is not built (it counts searches and
// starts a background build after a few) and for any other storage.
std::shared_ptr<const sq8_copy> sq8_of(const faiss::Index* storage, const faiss::HNSW* g);

// sq8_peek returns the copy sq8_of would return, without counting a search.
std::shared_ptr<const sq8_copy> sq8_peek(const faiss::Index* storage);

// prepare_sq8 builds the 8-bit copy of a fast_flat storage now (waiting for a
// background build); false for any other storage.
bool prepare_sq8(const faiss::Index* storage, const faiss::HNSW* g);

// id_filter restricts a search to the labels whose bit is set in bits (bit
// l%64 of word l/64; labels at or beyond nbits are excluded). id_map, when
// set, translates a node's storage ids to those labels (an IndexIDMap above).
struct id_filter {
	const uint64_t* bits = nullptr;
	int64_t nbits = 0;
	const idx_t* id_map = nullptr;
	idx_t id_map_n = 0;

	bool allows(idx_t i) const {
		if (id_map != nullptr) {
			if (i < 0 || i >= id_map_n) {
				return false;
			}
			i = id_map[i];
		}
		return i >= 0 && i < nbits && ((bits[i >> 6] >> (i & 63)) & 1) != 0;
	}
};

// fast_hnsw_search searches an HNSW node whose storage is fast_flat with the
// walker of shim_hnsw.cpp and returns true, or returns false (nothing written)
// when it does not apply or STYLIST_FAISS_NATIVE_HNSW is set. With a filter
// (nullptr = none) the walk traverses every node but keeps only allowed ones.
bool fast_hnsw_search(const faiss::IndexHNSW* h, idx_t n, const float* x, idx_t k, float* dist, idx_t* labels,
	const id_filter* f);

// rescore_depth is how many of the nearest nodes by 8-bit distance are
// rescored exactly for a search of k (shim_hnsw.cpp).
size_t rescore_depth(size_t k);

// filter_scan answers a filtered search of an inner-product HNSW node from its
// walk copy sq by scoring every allowed node (shim_scan.cpp) and returns true,
// or returns false (nothing written) when the filter allows more than
// STYLIST_FAISS_FILTER_SCAN_MAX of the nodes, the scan is off or the labels
// cannot be mapped to nodes. Results are storage ids, like the walk's.
bool filter_scan(const faiss::IndexFlat* flat, const sq8_copy& sq, idx_t n, const float* x, idx_t k, float* dist,
	idx_t* labels, const id_filter& f);

// fast_distances reports whether use_fast_storage does anything here.
bool fast_distances();

} // namespace stylist
