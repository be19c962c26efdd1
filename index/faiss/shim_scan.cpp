// shim_scan.cpp: an exact scan of the allowed nodes for selective filters.
//
// The filtered walk (shim_hnsw.cpp) walks the unfiltered graph and keeps the
// k nearest allowed nodes among those it scores, so when few nodes are
// allowed (a tenth to a quarter of the catalog: men's, children's, baby
// articles) most of its expansions score nodes it cannot return, and the k
// allowed ones it finds are far from the nearest (recall@200 0.35-0.77 on the
// H&M catalog at efSearch 200). For such filters the scan skips the graph:
// it scores the 8-bit code of every allowed node with the walk's kernels and
// query quantisation, keeps the nearest rescore_depth(k) by those distances,
// rescores them exactly with the float vectors and orders them as the walk
// does (distance, then storage id).
//
// The scan is bound by memory bandwidth (a 128-byte code per allowed node):
// the allowed nodes of the last few filters are kept with their codes packed
// in walk order (sq8_copy::scan_cache), so a scan streams them front to back
// instead of missing the TLB and the cache at every code; an audience's filter
// repeats from request to request.
//
// It applies when the walk copy is built (after 8 searches or Prepare; the
// first searches of a process walk as before) and the filter allows at most
// STYLIST_FAISS_FILTER_SCAN_MAX (a fraction of ntotal, default 0.30) of the
// nodes; STYLIST_FAISS_FILTER_SCAN=0 turns it off (A/B). Both are read per
// search.
#include "shim_internal.hpp"

#include <faiss/IndexFlat.h>

#include <omp.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <string>
#include <utility>
#include <vector>

namespace stylist {

std::atomic<int64_t> filter_scans{0};

namespace {

using node = std::pair<float, int32_t>; // distance (smaller is closer), packed position or storage id

// scan_cache_max is how many filters' packed allowed nodes a walk copy keeps.
constexpr size_t scan_cache_max = 8;

// farther orders a max-heap: the farthest on top, ties by higher id on top.
struct farther {
	bool operator()(const node& a, const node& b) const {
		return a.first != b.first ? a.first < b.first : a.second < b.second;
	}
};

// replace_top replaces the top of the max-heap h (ordered by farther) with
// x, nearer than it, in one sift-down.
void replace_top(std::vector<node>& h, node x) {
	const size_t n = h.size();
	size_t i = 0;
	for (;;) {
		size_t c = 2 * i + 1;
		if (c >= n) {
			break;
		}
		if (c + 1 < n && farther{}(h[c], h[c + 1])) {
			c++;
		}
		if (!farther{}(x, h[c])) {
			break;
		}
		h[i] = h[c];
		i = c;
	}
	h[i] = x;
}

// scan_max returns the largest share of ntotal a filter may allow for the
// scan, or a negative value when the scan is off.
double scan_max() {
	const char* on = std::getenv("STYLIST_FAISS_FILTER_SCAN");
	if (on != nullptr && std::strcmp(on, "0") == 0) {
		return -1;
	}
	if (const char* e = std::getenv("STYLIST_FAISS_FILTER_SCAN_MAX")) {
		char* end = nullptr;
		double v = std::strtod(e, &end);
		if (end != e && *end == '\0' && v >= 0) {
			return v;
		}
	}
	return 0.30;
}

// allowed_count returns the number of set bits of f (an upper bound of the
// allowed nodes: labels without a node count too).
int64_t allowed_count(const id_filter& f) {
	int64_t c = 0;
	const int64_t words = (f.nbits + 63) / 64;
	for (int64_t w = 0; w < words; w++) {
		c += __builtin_popcountll(f.bits[w]);
	}
	return c;
}

// label_walk returns the walk id of every label through an IndexIDMap's
// id_map (-1 for labels without a node), built on first use and kept with the
// copy (4 bytes per label up to the largest); nullptr when the labels are
// negative, repeated or too sparse for a dense table (the largest at or
// beyond 16n + 1024): the walk handles those.
const std::vector<int32_t>* label_walk(const sq8_copy& c, const idx_t* id_map, idx_t id_map_n) {
	std::call_once(c.lab_once, [&] {
		c.lab_src = id_map;
		c.lab_src_n = id_map_n;
		idx_t hi = -1;
		for (idx_t i = 0; i < id_map_n; i++) {
			if (id_map[i] < 0) {
				return;
			}
			hi = std::max(hi, id_map[i]);
		}
		if (hi >= 16 * c.n + 1024) {
			return;
		}
		std::vector<int32_t> t(static_cast<size_t>(hi + 1), -1);
		for (idx_t i = 0; i < id_map_n; i++) {
			int32_t& v = t[static_cast<size_t>(id_map[i])];
			if (v != -1) {
				return; // a label held twice
			}
			v = c.has_layout() ? c.inv[static_cast<size_t>(i)] : static_cast<int32_t>(i);
		}
		c.lab_walk.swap(t);
		c.lab_ok = true;
	});
	if (!c.lab_ok || c.lab_src != id_map || c.lab_src_n != id_map_n) {
		return nullptr;
	}
	return &c.lab_walk;
}

// allowed_nodes returns the allowed nodes of f with their codes packed in
// walk order (through a bitmap over walk ids), from the copy's cache when the
// same filter was scanned lately; nullptr when the labels cannot be mapped
// (see label_walk).
std::shared_ptr<const sq8_copy::scan_entry> allowed_nodes(const sq8_copy& c, const id_filter& f) {
	const size_t nw = static_cast<size_t>((f.nbits + 63) / 64);
	{
		std::lock_guard<std::mutex> lk(c.scan_mu);
		for (size_t i = 0; i < c.scan_cache.size(); i++) {
			const sq8_copy::scan_entry& e = *c.scan_cache[i];
			if (e.nbits == f.nbits && e.id_map == f.id_map &&
				std::memcmp(e.words.data(), f.bits, nw * sizeof(uint64_t)) == 0) {
				std::rotate(c.scan_cache.begin(), c.scan_cache.begin() + i, c.scan_cache.begin() + i + 1);
				return c.scan_cache.front();
			}
		}
	}
	const std::vector<int32_t>* lw = nullptr;
	if (f.id_map != nullptr) {
		if (f.id_map_n != c.n || (lw = label_walk(c, f.id_map, f.id_map_n)) == nullptr) {
			return nullptr;
		}
	}
	const int64_t nlab = lw != nullptr ? static_cast<int64_t>(lw->size()) : c.n;
	const int64_t nb = std::min<int64_t>(f.nbits, nlab);
	std::vector<uint64_t> wb(static_cast<size_t>((c.n + 63) / 64), 0);
	for (int64_t w = 0; w * 64 < nb; w++) {
		uint64_t bits = f.bits[w];
		while (bits != 0) {
			const int64_t l = w * 64 + __builtin_ctzll(bits);
			bits &= bits - 1;
			if (l >= nb) {
				break;
			}
			int32_t v;
			if (lw != nullptr) {
				v = (*lw)[static_cast<size_t>(l)];
			} else {
				v = c.has_layout() ? c.inv[static_cast<size_t>(l)] : static_cast<int32_t>(l);
			}
			if (v >= 0) {
				wb[static_cast<size_t>(v) >> 6] |= uint64_t(1) << (v & 63);
			}
		}
	}
	auto e = std::make_shared<sq8_copy::scan_entry>();
	for (size_t w = 0; w < wb.size(); w++) {
		uint64_t bits = wb[w];
		while (bits != 0) {
			const int32_t v = static_cast<int32_t>(w * 64 + __builtin_ctzll(bits));
			bits &= bits - 1;
			e->sids.push_back(c.has_layout() ? c.perm[static_cast<size_t>(v)] : v);
			const uint8_t* code = c.code(v);
			e->codes.insert(e->codes.end(), code, code + c.d);
		}
	}
	e->words.assign(f.bits, f.bits + nw);
	e->nbits = f.nbits;
	e->id_map = f.id_map;
	std::lock_guard<std::mutex> lk(c.scan_mu);
	c.scan_cache.insert(c.scan_cache.begin(), e);
	size_t total = 0, keep = 0;
	for (; keep < c.scan_cache.size() && keep < scan_cache_max; keep++) {
		total += c.scan_cache[keep]->codes.size();
		if (keep > 0 && total > static_cast<size_t>(c.n) * c.d) {
			break;
		}
	}
	c.scan_cache.resize(keep);
	return e;
}

} // namespace

bool filter_scan(const faiss::IndexFlat* flat, const sq8_copy& sq, idx_t n, const float* x, idx_t k, float* dist,
	idx_t* labels, const id_filter& f) {
	const double mx = scan_max();
	if (mx < 0 || flat->metric_type != faiss::METRIC_INNER_PRODUCT || sq.n != flat->ntotal ||
		static_cast<double>(allowed_count(f)) > mx * static_cast<double>(sq.n)) {
		return false;
	}
	const std::shared_ptr<const sq8_copy::scan_entry> al = allowed_nodes(sq, f);
	if (!al) {
		return false;
	}
	filter_scans++;
	const std::vector<int32_t>& sids = al->sids; // read by every OpenMP thread
	const uint8_t* codes = al->codes.data();
	const size_t d = sq.d;
	const float* xb = flat->get_xb();
	const size_t depth = std::min(rescore_depth(static_cast<size_t>(k)), sids.size());
	const bool walk_i8 = std::getenv("STYLIST_FAISS_WALK_F32") == nullptr;
	std::string err;

#pragma omp parallel if (n > 1)
	{
		try {
			const idx_t stride = omp_get_num_threads();
			std::vector<float> qs(d);
			std::vector<int8_t> q8(d);
			std::vector<node> best;
			best.reserve(depth + 1);
			for (idx_t qi = omp_get_thread_num(); qi < n; qi += stride) {
				const float* q = x + qi * d;
				// The walk's query quantisation (shim_hnsw.cpp).
				float q0 = 0, m = 0;
				for (size_t c = 0; c < d; c++) {
					qs[c] = q[c] * sq.scale[c];
					q0 += q[c] * sq.vmin[c];
					m = std::max(m, std::abs(qs[c]));
				}
				const bool i8 = walk_i8 && m > 0;
				const float q8scale = m / 63;
				if (i8) {
					for (size_t c = 0; c < d; c++) {
						q8[c] = static_cast<int8_t>(std::lrint(qs[c] * 63 / m));
					}
				}
				best.clear();
				const size_t na = sids.size();
				auto offer = [&](float dv, int32_t v) { // v: position in walk order (ties)
					if (best.size() < depth) {
						best.emplace_back(dv, v);
						std::push_heap(best.begin(), best.end(), farther{});
					} else if (depth > 0 && farther{}(node(dv, v), best.front())) {
						replace_top(best, node(dv, v));
					}
				};
				size_t j = 0;
				if (i8) {
					int32_t dot[4];
					for (; j + 4 <= na; j += 4) {
						sq8_dot_i8_x4(q8.data(), codes + j * d, d, dot);
						for (int t = 0; t < 4; t++) {
							offer(-(q0 + q8scale * static_cast<float>(dot[t])), static_cast<int32_t>(j + t));
						}
					}
				}
				for (; j < na; j++) {
					const uint8_t* code = codes + j * d;
					offer(i8 ? -(q0 + q8scale * static_cast<float>(sq8_dot_i8(q8.data(), code, d)))
						 : -(q0 + sq8_dot(qs.data(), code, d)),
						static_cast<int32_t>(j));
				}
				// Exact distances for the kept nodes, then distance order (ties:
				// lower storage id first), as the walk returns them.
				for (size_t j = 0; j < best.size(); j++) {
					if (j + 2 < best.size()) {
						const int32_t s2 = sids[static_cast<size_t>(best[j + 2].second)];
						const char* p = reinterpret_cast<const char*>(xb + static_cast<size_t>(s2) * d);
						for (size_t off = 0; off < d * sizeof(float); off += 64) {
							__builtin_prefetch(p + off, 0, 3);
						}
					}
					const int32_t s = sids[static_cast<size_t>(best[j].second)];
					best[j] = node(-ip_avx2(q, xb + static_cast<size_t>(s) * d, d), s);
				}
				std::sort(best.begin(), best.end(), [](const node& a, const node& b) {
					return a.first != b.first ? a.first < b.first : a.second < b.second;
				});
				float* D = dist + qi * k;
				idx_t* I = labels + qi * k;
				for (idx_t j = 0; j < k; j++) {
					const bool ok = static_cast<size_t>(j) < best.size();
					D[j] = ok ? -best[j].first : -std::numeric_limits<float>::infinity();
					I[j] = ok ? best[j].second : -1;
				}
			}
		} catch (const std::exception& e) {
#pragma omp critical(stylist_scan_err)
			err = e.what();
		} catch (...) {
#pragma omp critical(stylist_scan_err)
			err = "unknown C++ exception in filtered scan";
		}
	}
	if (!err.empty()) {
		throw std::runtime_error(err);
	}
	return true;
}

} // namespace stylist

extern "C" int64_t stylist_faiss_filter_scans(void) { return stylist::filter_scans.load(); }
