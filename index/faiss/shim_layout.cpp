// shim_layout.cpp: the 8-bit copy the HNSW walker traverses, and its compact
// level-0 layout.
//
// The walk is memory-bound: every expansion reads one neighbour list and the
// codes of the neighbours not seen yet, at random places of a 26 MB code array
// and of FAISS's 27 MB neighbour array (found through its offsets array, a
// third random read), all in 4 KB pages, so nearly every read also misses the
// TLB. The layout stores the level-0 neighbour lists as one dense array of
// m0 slots per node (no offsets look-up, no upper-level slots in between)
// next to the codes, both in one allocation that asks the kernel for
// transparent huge pages (MADV_HUGEPAGE), and renumbers the nodes in
// breadth-first order from the entry point (Coleman et al. 2021, "Graph
// reordering for cache-efficient near neighbor search"). perm maps walk ids
// back to storage ids; FAISS's structures and the index file are unchanged.
// The float vectors that rescoring reads are collapsed into huge pages too
// (MADV_COLLAPSE). STYLIST_FAISS_WALK_LAYOUT=0 builds the plain copy,
// STYLIST_FAISS_WALK_ORDER=none keeps storage order (A/B; both read when the
// copy is built).
#include "shim_internal.hpp"

#include <faiss/IndexHNSW.h>

#include <sys/mman.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <vector>

namespace stylist {
namespace {

constexpr size_t huge_page = size_t(2) << 20;

// quantizer holds the per-dimension range of the codes.
struct quantizer {
	std::vector<float> vmin, inv;
};

// fit_sq8 sets c's per-dimension vmin and scale from n vectors of d floats.
quantizer fit_sq8(sq8_copy& c, const float* x, idx_t n, size_t d) {
	c.vmin.assign(d, std::numeric_limits<float>::infinity());
	std::vector<float> vmax(d, -std::numeric_limits<float>::infinity());
	for (idx_t i = 0; i < n; i++) {
		const float* v = x + i * d;
		for (size_t k = 0; k < d; k++) {
			c.vmin[k] = std::min(c.vmin[k], v[k]);
			vmax[k] = std::max(vmax[k], v[k]);
		}
	}
	c.scale.resize(d);
	quantizer q{c.vmin, std::vector<float>(d)};
	for (size_t k = 0; k < d; k++) {
		float r = vmax[k] - c.vmin[k];
		c.scale[k] = r > 0 ? r / 255.0f : 1.0f;
		q.inv[k] = 1.0f / c.scale[k];
	}
	return q;
}

// encode writes the 8-bit code of v (d floats) to out.
void encode(const quantizer& q, const float* v, size_t d, uint8_t* out) {
	for (size_t k = 0; k < d; k++) {
		float t = (v[k] - q.vmin[k]) * q.inv[k] + 0.5f;
		out[k] = static_cast<uint8_t>(std::min(255.0f, std::max(0.0f, t)));
	}
}

// level0 returns the level-0 neighbour range of node i in g.neighbors.
std::pair<size_t, size_t> level0(const faiss::HNSW& g, idx_t i) {
	size_t b, e;
	g.neighbor_range(i, 0, &b, &e);
	return {b, e};
}

// bfs_order returns storage ids in breadth-first order over level 0 from the
// entry point, then from each node not reached yet, in id order.
std::vector<int32_t> bfs_order(const faiss::HNSW& g, idx_t n) {
	std::vector<int32_t> order;
	order.reserve(static_cast<size_t>(n));
	std::vector<uint8_t> seen(static_cast<size_t>(n), 0);
	auto from = [&](int32_t s) {
		size_t head = order.size();
		seen[s] = 1;
		order.push_back(s);
		while (head < order.size()) {
			auto [b, e] = level0(g, order[head++]);
			for (size_t j = b; j < e; j++) {
				int32_t v = g.neighbors[j];
				if (v < 0) {
					break;
				}
				if (!seen[v]) {
					seen[v] = 1;
					order.push_back(v);
				}
			}
		}
	};
	if (g.entry_point >= 0 && g.entry_point < n) {
		from(static_cast<int32_t>(g.entry_point));
	}
	for (idx_t i = 0; i < n; i++) {
		if (!seen[i]) {
			from(static_cast<int32_t>(i));
		}
	}
	return order;
}

bool env_is(const char* name, const char* value) {
	const char* e = std::getenv(name);
	return e != nullptr && std::strcmp(e, value) == 0;
}

// lay_out fills c's region, perm and inv from g (c.d and c.n set).
void lay_out(sq8_copy& c, const quantizer& q, const float* x, const faiss::HNSW& g) {
	const size_t n = static_cast<size_t>(c.n), d = c.d;
	c.m0 = static_cast<size_t>(g.nb_neighbors(0));
	const size_t code_bytes = (n * d + 63) / 64 * 64;
	c.region_bytes = (code_bytes + n * 4 * c.m0 + huge_page - 1) / huge_page * huge_page;
	void* p = std::aligned_alloc(huge_page, c.region_bytes);
	if (p == nullptr) {
		throw std::bad_alloc();
	}
#ifdef MADV_HUGEPAGE
	madvise(p, c.region_bytes, MADV_HUGEPAGE); // advice only: small pages when refused
#endif
	c.region = static_cast<uint8_t*>(p);
	c.cbase = c.region;
	c.nbase = reinterpret_cast<const int32_t*>(c.region + code_bytes);
	if (env_is("STYLIST_FAISS_WALK_ORDER", "none")) {
		c.perm.resize(n);
		for (size_t i = 0; i < n; i++) {
			c.perm[i] = static_cast<int32_t>(i);
		}
	} else {
		c.perm = bfs_order(g, c.n);
	}
	c.inv.assign(n, -1);
	for (size_t v = 0; v < n; v++) {
		c.inv[c.perm[v]] = static_cast<int32_t>(v);
	}
	int32_t* nbase = reinterpret_cast<int32_t*>(c.region + code_bytes);
	for (size_t v = 0; v < n; v++) {
		const idx_t i = c.perm[v];
		encode(q, x + i * d, d, c.region + v * d);
		int32_t* nb = nbase + v * c.m0;
		auto [b, e] = level0(g, i);
		size_t m = 0;
		for (size_t j = b; j < e && m < c.m0; j++) {
			int32_t u = g.neighbors[j];
			if (u < 0) {
				break;
			}
			nb[m++] = c.inv[u];
		}
		std::fill(nb + m, nb + c.m0, -1);
	}
}

// huge_pages asks the kernel to back the 2 MB-aligned part of [p, p + bytes)
// with huge pages now (MADV_COLLAPSE, Linux 6.1+; nothing happens elsewhere):
// the exact rescoring reads a few hundred random rows of the float storage
// per search, and each row is otherwise a TLB miss. The data is unchanged.
void huge_pages(const void* p, size_t bytes) {
#ifdef MADV_HUGEPAGE
	uintptr_t b = (reinterpret_cast<uintptr_t>(p) + huge_page - 1) / huge_page * huge_page;
	uintptr_t e = (reinterpret_cast<uintptr_t>(p) + bytes) / huge_page * huge_page;
	if (e <= b) {
		return;
	}
	void* a = reinterpret_cast<void*>(b);
	madvise(a, e - b, MADV_HUGEPAGE);
	madvise(a, e - b, 25); // MADV_COLLAPSE (not in every libc's headers)
#else
	(void)p;
	(void)bytes;
#endif
}

} // namespace

sq8_copy::~sq8_copy() { std::free(region); }

size_t sq8_copy::bytes() const {
	return codes.size() + region_bytes + 4 * (perm.size() + inv.size() + lab_walk.size()) + 4 * (vmin.size() + scale.size());
}

std::shared_ptr<const sq8_copy> build_walk_copy(const float* x, idx_t n, size_t d, const faiss::HNSW* g) {
	auto c = std::make_shared<sq8_copy>();
	c->n = n;
	c->d = d;
	const bool layout = g != nullptr && !env_is("STYLIST_FAISS_WALK_LAYOUT", "0") &&
		n <= std::numeric_limits<int32_t>::max() && static_cast<idx_t>(g->levels.size()) == n;
	quantizer q = fit_sq8(*c, x, n, d);
	if (layout) {
		lay_out(*c, q, x, *g);
		huge_pages(x, static_cast<size_t>(n) * d * sizeof(float));
		return c;
	}
	c->codes.resize(static_cast<size_t>(n) * d);
	for (idx_t i = 0; i < n; i++) {
		encode(q, x + i * d, d, c->codes.data() + static_cast<size_t>(i) * d);
	}
	return c;
}

} // namespace stylist
