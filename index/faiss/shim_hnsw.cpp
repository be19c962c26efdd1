// shim_hnsw.cpp: a faster search over FAISS's own HNSW graph.
//
// FAISS 1.7.3's HNSW::search spends much of its time outside the distances:
// its level-0 candidate queue (MinimaxHeap) finds the best candidate and
// counts the ones below a threshold by scanning all efSearch slots at every
// step, and every query allocates and clears a visited table of ntotal bytes.
// For efSearch 512 on 105k vectors that is about a third of a search. This
// walker reads the same graph (levels, offsets, neighbors, entry point) and
// the same stored vectors, and searches level 0 the usual best-first way
// (Malkov & Yashunin, algorithm 2, as hnswlib does): a binary min-heap of
// candidates, a bounded max-heap of the ef best results, stop when the best
// candidate is worse than the worst result, a per-thread visited table with
// generation stamps, and the next neighbour's vector prefetched while the
// current one is scored. It is used for HNSW nodes whose storage is the AVX2
// fast_flat (shim_simd.cpp); STYLIST_FAISS_NATIVE_HNSW=1 turns it off (A/B).
// Once the walk copy is built, level 0 is walked over its compact layout
// (shim_layout.cpp: codes and level-0 lists in huge pages, nodes renumbered),
// and the results are mapped back to storage ids before the exact rescoring.
//
// Results match FAISS's up to the search order: both stop after about ef
// expansions, so recall at a given efSearch is the same or slightly higher.
//
// A filter (id_filter: a bitmap of the labels a caller may receive, such as
// the articles for one audience) is applied inside the walk: the walk itself
// is the unfiltered one (every node may lead on, the stop rule looks at the
// ef best of all nodes), and the k nearest allowed nodes among all the nodes
// it scores are the results; when fewer than k were seen by the usual end,
// the walk goes on until it has k. (hnswlib instead keeps only allowed nodes
// in the ef-best list, which with ef 512 walks 1.5x longer at p50 and 10x at
// p99 when a tenth of the catalog is allowed: measured on the H&M catalog.)
#include "shim_internal.hpp"

#include <faiss/IndexFlat.h>
#include <faiss/IndexHNSW.h>

#include <omp.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstdint>
#include <limits>
#include <queue>
#include <utility>
#include <vector>

namespace stylist {
namespace {

using node = std::pair<float, int32_t>; // distance (smaller is closer), storage id

struct closer {
	bool operator()(const node& a, const node& b) const { // min-heap: ties by lower id first
		return a.first != b.first ? a.first > b.first : a.second > b.second;
	}
};
struct farther {
	bool operator()(const node& a, const node& b) const { // max-heap: ties by higher id on top
		return a.first != b.first ? a.first < b.first : a.second < b.second;
	}
};

// closer_first orders nodes nearest first, ties by lower id (std::sort).
struct closer_first {
	bool operator()(const node& a, const node& b) const {
		return a.first != b.first ? a.first < b.first : a.second < b.second;
	}
};

const float* xb_row(const faiss::IndexFlat* flat, size_t d, int32_t i) {
	return flat->get_xb() + static_cast<size_t>(i) * d;
}

// visited marks nodes with a per-search stamp; one per OS thread, reused.
struct visited {
	std::vector<uint16_t> mark;
	uint16_t stamp = 0;

	void reset(size_t n) {
		if (mark.size() != n) {
			mark.assign(n, 0);
			stamp = 0;
		}
		if (++stamp == 0) {
			std::fill(mark.begin(), mark.end(), 0);
			stamp = 1;
		}
	}
	// first returns true the first time i is seen in this search.
	bool first(int32_t i) {
		if (mark[i] == stamp) {
			return false;
		}
		mark[i] = stamp;
		return true;
	}
};

thread_local visited tl_visited;

inline void prefetch_bytes(const void* v, size_t n) {
	const char* p = static_cast<const char*>(v);
	for (size_t off = 0; off < n; off += 64) {
		__builtin_prefetch(p + off, 0, 3);
	}
}

// searcher scores stored vectors against one query (smaller is closer):
// exactly, or with the 8-bit copy when sq is set (inner product only).
struct searcher {
	const faiss::HNSW& g;
	const float* xb;
	size_t d;
	bool ip;
	const float* q;
	const sq8_copy* sq = nullptr;
	const float* qs = nullptr; // q[k] * scale[k]
	float q0 = 0;              // q . vmin
	const int8_t* q8 = nullptr; // qs in 7 bits: qs[k] ~ q8[k] * q8scale (nullptr: float qs)
	float q8scale = 0;
	const id_filter* f = nullptr;
	// With the compact layout (sq->has_layout()), level 0 is walked in walk
	// ids: lay is set, codes and neighbour lists come from its arrays, and perm
	// maps a walk id back to a storage id. Otherwise walk ids are storage ids.
	const sq8_copy* lay = nullptr;
	const int32_t* perm = nullptr;

	int32_t storage_id(int32_t v) const { return perm != nullptr ? perm[v] : v; }
	int32_t walk_id(int32_t i) const { return lay != nullptr ? lay->inv[i] : i; }

	float exact(int32_t i) const {
		const float* v = xb + static_cast<size_t>(i) * d;
		return ip ? -ip_avx2(q, v, d) : l2_avx2(q, v, d);
	}
	// wdis is the traversal distance of walk id v.
	float wdis(int32_t v) const {
		if (q8 != nullptr) {
			return -(q0 + q8scale * static_cast<float>(sq8_dot_i8(q8, sq->code(v), d)));
		}
		if (sq != nullptr) {
			return -(q0 + sq8_dot(qs, sq->code(v), d));
		}
		return exact(v);
	}
	// dis is the traversal distance of storage id i.
	float dis(int32_t i) const { return wdis(walk_id(i)); }
	void prefetch(int32_t v) const {
		if (sq != nullptr) {
			prefetch_bytes(sq->code(v), d);
		} else {
			prefetch_bytes(xb + static_cast<size_t>(v) * d, d * sizeof(float));
		}
	}
	// neighbors returns the level-0 neighbour slots of walk id v (-1 ends them).
	const int32_t* neighbors(int32_t v, size_t& m) const {
		if (lay != nullptr) {
			m = lay->m0;
			return lay->neighbors(v);
		}
		size_t b, e;
		g.neighbor_range(v, 0, &b, &e);
		m = e - b;
		return g.neighbors.data() + b;
	}
	void prefetch_neighbors(int32_t v) const {
		if (lay != nullptr) {
			prefetch_bytes(lay->neighbors(v), 4 * lay->m0);
		}
	}

	// greedy descends one upper level from nearest (FAISS's greedy_update_nearest).
	void greedy(int level, int32_t& nearest, float& dn) const {
		for (;;) {
			int32_t prev = nearest;
			size_t b, e;
			g.neighbor_range(nearest, level, &b, &e);
			for (size_t j = b; j < e; j++) {
				int32_t v = g.neighbors[j];
				if (v < 0) {
					break;
				}
				float dv = dis(v);
				if (dv < dn) {
					nearest = v;
					dn = dv;
				}
			}
			if (nearest == prev) {
				return;
			}
		}
	}

	// level0 fills best (a max-heap of at most ef nodes) from entry point ep.
	// With a filter, best still steers the walk over every node, and res
	// collects the nearest nk allowed nodes among all nodes scored; the walk
	// goes on past its usual end while res holds fewer than nk.
	void level0(int32_t ep, float dep, size_t ef, size_t nk, visited& vt, std::vector<node>& best,
		std::vector<node>& cand, std::vector<node>& res) const {
		best.clear();
		cand.clear();
		res.clear();
		vt.first(ep);
		best.emplace_back(dep, ep);
		cand.emplace_back(dep, ep);
		keep(res, nk, dep, ep);
		const bool filtered = f != nullptr;
		int32_t fresh[256];
		while (!cand.empty()) {
			std::pop_heap(cand.begin(), cand.end(), closer{});
			node c = cand.back();
			cand.pop_back();
			if (best.size() >= ef && c.first > best.front().first && (!filtered || res.size() >= nk)) {
				break;
			}
			if (!cand.empty()) {
				prefetch_neighbors(cand.front().second); // most likely the next one expanded
			}
			size_t m;
			const int32_t* nb = neighbors(c.second, m);
			// The visited test without a branch: about one neighbour in ten
			// is new, in no predictable order (a mispredicted branch per new
			// neighbour also throws away the loads issued after it).
			m = std::min<size_t>(m, 256);
			uint16_t* mark = vt.mark.data();
			const uint16_t stamp = vt.stamp;
			int nf = 0;
			for (size_t j = 0; j < m; j++) {
				int32_t v = nb[j];
				if (v < 0) {
					break;
				}
				const bool seen = mark[v] == stamp;
				mark[v] = stamp;
				fresh[nf] = v;
				nf += !seen;
			}
			if (nf > 0) {
				prefetch(fresh[0]);
			}
			for (int j = 0; j < nf; j++) {
				if (j + 1 < nf) {
					prefetch(fresh[j + 1]);
				}
				float dv = wdis(fresh[j]);
				if (filtered) {
					keep(res, nk, dv, fresh[j]);
				}
				if (best.size() < ef || dv < best.front().first || (filtered && res.size() < nk)) {
					cand.emplace_back(dv, fresh[j]);
					std::push_heap(cand.begin(), cand.end(), closer{});
					if (cand.front().second == fresh[j]) {
						prefetch_neighbors(fresh[j]); // the next one expanded, unless a nearer one comes
					}
					best.emplace_back(dv, fresh[j]);
					std::push_heap(best.begin(), best.end(), farther{});
					if (best.size() > ef) {
						std::pop_heap(best.begin(), best.end(), farther{});
						best.pop_back();
					}
				}
			}
		}
	}

	// keep adds walk id i at distance dv to res (a max-heap of at most nk
	// allowed nodes) when a filter is set and allows it.
	void keep(std::vector<node>& res, size_t nk, float dv, int32_t i) const {
		if (f == nullptr || (res.size() >= nk && dv >= res.front().first) || !f->allows(storage_id(i))) {
			return;
		}
		res.emplace_back(dv, i);
		std::push_heap(res.begin(), res.end(), farther{});
		if (res.size() > nk) {
			std::pop_heap(res.begin(), res.end(), farther{});
			res.pop_back();
		}
	}
};

} // namespace

// rescore_depth is how many of the walk's results, nearest first by the
// 8-bit distances, are rescored exactly for a search of k: twice k, and at
// least k + 32, so that a true top-k result ranked below k by quantization
// error is still found.
size_t rescore_depth(size_t k) {
	if (std::getenv("STYLIST_FAISS_RESCORE_ALL") != nullptr) { // A/B: rescore all ef
		return std::numeric_limits<size_t>::max();
	}
	return std::max(2 * k, k + 32);
}

bool fast_hnsw_enabled() {
	return std::getenv("STYLIST_FAISS_NATIVE_HNSW") == nullptr; // read per search: tests switch it
}

// quantized_walk reports whether level 0 is walked with 8-bit vectors
// (STYLIST_FAISS_HNSW_FLOAT=1 walks the float vectors).
bool quantized_walk() {
	return std::getenv("STYLIST_FAISS_HNSW_FLOAT") == nullptr;
}

bool fast_hnsw_search(const faiss::IndexHNSW* h, idx_t n, const float* x, idx_t k, float* dist, idx_t* labels,
	const id_filter* f) {
	if (!fast_hnsw_enabled() || h->storage == nullptr || !is_fast_storage(h->storage) ||
		dynamic_cast<const faiss::IndexFlat*>(h->storage) == nullptr || h->ntotal == 0 ||
		h->ntotal > std::numeric_limits<int32_t>::max()) {
		return false;
	}
	const auto* flat = static_cast<const faiss::IndexFlat*>(h->storage);
	const bool ip = flat->metric_type == faiss::METRIC_INNER_PRODUCT;
	if (!ip && flat->metric_type != faiss::METRIC_L2) {
		return false;
	}
	const faiss::HNSW& g = h->hnsw;
	const size_t d = static_cast<size_t>(h->d);
	const size_t ef = static_cast<size_t>(std::max<idx_t>(g.efSearch, k));
	std::shared_ptr<const sq8_copy> sq;
	if (ip && quantized_walk()) {
		sq = sq8_of(h->storage, &g);
		if (sq && (sq->n != h->ntotal || sq->d != d)) {
			sq.reset();
		}
	}
	if (f != nullptr && sq && filter_scan(flat, *sq, n, x, k, dist, labels, *f)) {
		return true; // a selective filter: every allowed node scored (shim_scan.cpp)
	}
	const float none = ip ? -std::numeric_limits<float>::infinity() : std::numeric_limits<float>::infinity();
	std::string err;

#pragma omp parallel if (n > 1)
	{
		try {
			const idx_t stride = omp_get_num_threads();
			visited& vt = tl_visited;
			std::vector<node> best, cand, res;
			std::vector<float> qs(d);
			std::vector<int8_t> q8(d);
			const bool walk_i8 = std::getenv("STYLIST_FAISS_WALK_F32") == nullptr;
			best.reserve(ef + 1);
			cand.reserve(ef * 2);
			for (idx_t qi = omp_get_thread_num(); qi < n; qi += stride) {
				searcher s{g, flat->get_xb(), d, ip, x + qi * d};
				s.f = f;
				if (sq) {
					s.sq = sq.get();
					if (sq->has_layout()) {
						s.lay = sq.get();
						s.perm = sq->perm.data();
					}
					s.qs = qs.data();
					s.q0 = 0;
					float m = 0;
					for (size_t c = 0; c < d; c++) {
						qs[c] = s.q[c] * sq->scale[c];
						s.q0 += s.q[c] * sq->vmin[c];
						m = std::max(m, std::abs(qs[c]));
					}
					if (walk_i8 && m > 0) {
						for (size_t c = 0; c < d; c++) {
							q8[c] = static_cast<int8_t>(std::lrint(qs[c] * 63 / m));
						}
						s.q8 = q8.data();
						s.q8scale = m / 63;
					}
				}
				vt.reset(static_cast<size_t>(h->ntotal));
				int32_t nearest = g.entry_point;
				float dn = s.dis(nearest);
				for (int level = g.max_level; level >= 1; level--) {
					s.greedy(level, nearest, dn);
				}
				s.level0(s.walk_id(nearest), dn, ef, static_cast<size_t>(k), vt, best, cand, res);
				if (f != nullptr) {
					best.swap(res); // the allowed nodes are the results
				}

				if (sq) {
					// Exact distances for the nearest rescore_depth(k) results by
					// the 8-bit distances (the rest of the ef cannot reach the top
					// k but through a quantization error larger than that margin),
					// then order them.
					std::sort_heap(best.begin(), best.end(), farther{});
					best.resize(std::min(best.size(), rescore_depth(static_cast<size_t>(k))));
					for (size_t j = 0; j < best.size(); j++) {
						if (j + 2 < best.size()) {
							prefetch_bytes(xb_row(flat, d, s.storage_id(best[j + 2].second)), d * sizeof(float));
						}
						best[j].second = s.storage_id(best[j].second);
						best[j].first = s.exact(best[j].second);
					}
					std::sort(best.begin(), best.end(), closer_first{});
				} else {
					std::sort_heap(best.begin(), best.end(), farther{}); // ascending distance
				}
				float* D = dist + qi * k;
				idx_t* I = labels + qi * k;
				for (idx_t j = 0; j < k; j++) {
					if (static_cast<size_t>(j) < best.size()) {
						D[j] = ip ? -best[j].first : best[j].first;
						I[j] = best[j].second;
					} else {
						D[j] = none;
						I[j] = -1;
					}
				}
			}
		} catch (const std::exception& e) {
#pragma omp critical(stylist_hnsw_err)
			err = e.what();
		} catch (...) {
#pragma omp critical(stylist_hnsw_err)
			err = "unknown C++ exception in HNSW search";
		}
	}
	if (!err.empty()) {
		throw std::runtime_error(err);
	}
	return true;
}

} // namespace stylist
