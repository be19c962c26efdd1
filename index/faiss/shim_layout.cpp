// shim_layout.cpp: the 8-bit copy the HNSW walker traverses, and its compact
// level-0 layout.
//
// The walk is memory-bound: every expansion reads one neighbour list and the
// codes of the neighbours not seen yet, at random places of a 26 MB code array
// and of FAISS's 27 MB neighbour array (through its offsets array). The layout
// puts, for every node, its 8-bit code and its level-0 neighbour list side by
// side in one block (one 512-byte block for 256 dims and HNSW32's 64 level-0
// slots, instead of three arrays), stores the neighbours as walk ids (no
// offsets look-up), renumbers the nodes in breadth-first order from the entry
// point (Coleman et al. 2021, "Graph reordering for cache-efficient near
// neighbor search": neighbours get nearby ids, so nearby blocks), and asks the
// kernel for transparent huge pages (2 MB pages: a random visit no longer
// misses the TLB). perm maps walk ids back to storage ids; FAISS's structures
// and the index file are unchanged. STYLIST_FAISS_WALK_LAYOUT=0 builds the
// plain copy, STYLIST_FAISS_WALK_ORDER=none keeps storage order (A/B; both
// read when the copy is built).
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

// quantizer holds the per-dimension range of the 8-bit codes.
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

// lay_out fills c's blocks, perm and inv from g (c.d, c.n set).
void lay_out(sq8_copy& c, const quantizer& q, const float* x, const faiss::HNSW& g) {
	const size_t n = static_cast<size_t>(c.n), d = c.d;
	c.m0 = static_cast<size_t>(g.nb_neighbors(0));
	c.stride = (d + 4 * c.m0 + 63) / 64 * 64;
	c.block_bytes = (n * c.stride + huge_page - 1) / huge_page * huge_page;
	void* p = std::aligned_alloc(huge_page, c.block_bytes);
	if (p == nullptr) {
		throw std::bad_alloc();
	}
#ifdef MADV_HUGEPAGE
	madvise(p, c.block_bytes, MADV_HUGEPAGE); // advice only: small pages when refused
#endif
	c.blocks = static_cast<uint8_t*>(p);
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
	for (size_t v = 0; v < n; v++) {
		const idx_t i = c.perm[v];
		uint8_t* blk = c.blocks + v * c.stride;
		encode(q, x + i * d, d, blk);
		int32_t* nb = reinterpret_cast<int32_t*>(blk + d);
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
		std::memset(blk + d + 4 * c.m0, 0, c.stride - d - 4 * c.m0);
	}
}

} // namespace

sq8_copy::~sq8_copy() { std::free(blocks); }

size_t sq8_copy::bytes() const {
	return codes.size() + block_bytes + 4 * (perm.size() + inv.size()) + 4 * (vmin.size() + scale.size());
}

std::shared_ptr<const sq8_copy> build_walk_copy(const float* x, idx_t n, size_t d, const faiss::HNSW* g) {
	auto c = std::make_shared<sq8_copy>();
	c->n = n;
	c->d = d;
	quantizer q = fit_sq8(*c, x, n, d);
	if (g != nullptr && !env_is("STYLIST_FAISS_WALK_LAYOUT", "0") && n <= std::numeric_limits<int32_t>::max() &&
		static_cast<idx_t>(g->levels.size()) == n) {
		lay_out(*c, q, x, *g);
		return c;
	}
	c->codes.resize(static_cast<size_t>(n) * d);
	for (idx_t i = 0; i < n; i++) {
		encode(q, x + i * d, d, c->codes.data() + static_cast<size_t>(i) * d);
	}
	return c;
}

} // namespace stylist
