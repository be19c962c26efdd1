// shim_search.cpp: search with per-call parameters.
//
// FAISS 1.7.3 keeps nprobe and k_factor as fields of the index, and its
// IndexIDMap and IndexRefine reject SearchParameters. Instead of mutating the
// index (which would race concurrent searches), this walker descends the
// index tree itself: IDMap, PreTransform and Refine are re-implemented here
// (a few lines each, same arithmetic as FAISS), and IVF leaves get per-call
// SearchParametersIVF.
//
// efSearch is the exception: 1.7.3's HNSW::search sizes its candidate queue
// from the hnsw.efSearch field and ignores SearchParametersHNSW there, so a
// per-call value does not work. stylist_faiss_set_ef_search changes the field
// on every HNSW node instead; the Go side calls it only under the index's
// write lock (see search.go).
#include "shim_internal.hpp"

#include <faiss/IndexHNSW.h>
#include <faiss/IndexIDMap.h>
#include <faiss/IndexIVF.h>
#include <faiss/IndexPreTransform.h>
#include <faiss/IndexRefine.h>
#include <faiss/impl/DistanceComputer.h>

#include <omp.h>

#include <algorithm>
#include <limits>
#include <utility>
#include <vector>

namespace stylist {
namespace {

// param_store keeps the SearchParameters objects built for one call alive.
struct param_store {
	std::vector<std::unique_ptr<faiss::SearchParameters>> items;

	template <class T>
	T* make() {
		auto* p = new T();
		items.emplace_back(p);
		return p;
	}
};

// leaf_params builds the SearchParameters for an IVF node, or returns
// nullptr when the call overrides nothing that the node knows.
faiss::SearchParameters* leaf_params(const faiss::Index* i, const stylist_search_params& p, param_store& st) {
	if (auto ivf = dynamic_cast<const faiss::IndexIVF*>(i)) {
		if (p.nprobe <= 0) {
			return nullptr;
		}
		auto* sp = st.make<faiss::SearchParametersIVF>();
		sp->nprobe = static_cast<size_t>(p.nprobe);
		sp->max_codes = ivf->max_codes;
		return sp;
	}
	return gpu_leaf_params(i, p, st.items);
}

// for_each_hnsw calls f on every IndexHNSW in the tree (IVF quantizers included).
template <class F>
void for_each_hnsw(faiss::Index* i, F&& f) {
	if (i == nullptr) {
		return;
	}
	if (auto h = dynamic_cast<faiss::IndexHNSW*>(i)) {
		f(h);
		return;
	}
	if (auto m = dynamic_cast<faiss::IndexIDMap*>(i)) {
		for_each_hnsw(m->index, f);
	} else if (auto pt = dynamic_cast<faiss::IndexPreTransform*>(i)) {
		for_each_hnsw(pt->index, f);
	} else if (auto r = dynamic_cast<faiss::IndexRefine*>(i)) {
		for_each_hnsw(r->base_index, f);
	} else if (auto ivf = dynamic_cast<faiss::IndexIVF*>(i)) {
		for_each_hnsw(ivf->quantizer, f);
	}
}

void search_node(const faiss::Index* i, idx_t n, const float* x, idx_t k, float* dist, idx_t* labels,
	const stylist_search_params& p, const id_filter* f);

// best_first orders (distance, label) pairs best first for the metric.
struct best_first {
	bool ip;
	bool operator()(const std::pair<float, idx_t>& a, const std::pair<float, idx_t>& b) const {
		if (a.first != b.first) {
			return ip ? a.first > b.first : a.first < b.first;
		}
		return a.second < b.second;
	}
};

// search_refine re-implements IndexRefine::search with a per-call k_factor and
// per-call parameters for the base index.
void search_refine(const faiss::IndexRefine* r, idx_t n, const float* x, idx_t k, float* dist, idx_t* labels,
	const stylist_search_params& p, const id_filter* f) {
	FAISS_THROW_IF_NOT_MSG(r->is_trained, "index not trained");
	const float kf = p.k_factor_rf > 0 ? p.k_factor_rf : r->k_factor;
	// k*kf base candidates, capped at ntotal (more could only be empty slots).
	const double want = static_cast<double>(k) * kf;
	const idx_t kb = std::max<idx_t>(k, want >= static_cast<double>(r->ntotal) ? r->ntotal : static_cast<idx_t>(want));
	std::vector<float> bd(static_cast<size_t>(n * kb));
	std::vector<idx_t> bl(static_cast<size_t>(n * kb));
	search_node(r->base_index, n, x, kb, bd.data(), bl.data(), p, f);

	const bool ip = r->refine_index->metric_type == faiss::METRIC_INNER_PRODUCT;
	const float none = ip ? -std::numeric_limits<float>::infinity() : std::numeric_limits<float>::infinity();
	const idx_t nt = r->refine_index->ntotal;
	const int d = r->d;
	std::string err; // an exception must not leave the OpenMP region

	// Queries are split by hand (no worksharing construct, hence no barrier
	// that a thread leaving early through an exception could deadlock).
#pragma omp parallel if (n > 1)
	{
		try {
			const idx_t stride = omp_get_num_threads();
			std::unique_ptr<faiss::DistanceComputer> dc(r->refine_index->get_distance_computer());
			std::vector<std::pair<float, idx_t>> cand;
			for (idx_t q = omp_get_thread_num(); q < n; q += stride) {
				dc->set_query(x + q * d);
				cand.clear();
				for (idx_t j = 0; j < kb; j++) {
					idx_t l = bl[q * kb + j];
					if (l >= 0 && l < nt) {
						cand.emplace_back((*dc)(l), l);
					}
				}
				size_t keep = std::min<size_t>(cand.size(), static_cast<size_t>(k));
				std::partial_sort(cand.begin(), cand.begin() + keep, cand.end(), best_first{ip});
				for (idx_t j = 0; j < k; j++) {
					bool ok = static_cast<size_t>(j) < keep;
					dist[q * k + j] = ok ? cand[j].first : none;
					labels[q * k + j] = ok ? cand[j].second : -1;
				}
			}
		} catch (const std::exception& e) {
#pragma omp critical(stylist_refine_err)
			err = e.what();
		} catch (...) {
#pragma omp critical(stylist_refine_err)
			err = "unknown C++ exception in refine";
		}
	}
	if (!err.empty()) {
		throw std::runtime_error(err);
	}
}

// search_filtered searches a node that cannot filter inside its own search:
// ever deeper searches (k, 4k, 16k, ... up to ntotal) until every query holds
// k allowed results or the whole index was searched, so the result is the
// node's own search thinned to the allowed labels.
void search_filtered(const faiss::Index* i, idx_t n, const float* x, idx_t k, float* dist, idx_t* labels,
	const stylist_search_params& p, const id_filter& f) {
	const float none = i->metric_type == faiss::METRIC_INNER_PRODUCT ? -std::numeric_limits<float>::infinity()
									  : std::numeric_limits<float>::infinity();
	for (idx_t kk = std::min(k, i->ntotal);; kk = std::min(i->ntotal, kk * 4)) {
		std::vector<float> bd(static_cast<size_t>(n * kk));
		std::vector<idx_t> bl(static_cast<size_t>(n * kk));
		param_store st;
		i->search(n, x, kk, bd.data(), bl.data(), leaf_params(i, p, st));
		bool full = true;
		for (idx_t q = 0; q < n; q++) {
			idx_t got = 0;
			for (idx_t j = 0; j < kk && got < k; j++) {
				idx_t l = bl[q * kk + j];
				if (l >= 0 && f.allows(l)) {
					dist[q * k + got] = bd[q * kk + j];
					labels[q * k + got] = l;
					got++;
				}
			}
			full = full && got == k;
			for (idx_t j = got; j < k; j++) {
				dist[q * k + j] = none;
				labels[q * k + j] = -1;
			}
		}
		if (full || kk >= i->ntotal) {
			return;
		}
	}
}

void search_node(const faiss::Index* i, idx_t n, const float* x, idx_t k, float* dist, idx_t* labels,
	const stylist_search_params& p, const id_filter* f) {
	if (auto m = dynamic_cast<const faiss::IndexIDMap*>(i)) {
		id_filter mf;
		if (f != nullptr) { // the child sees storage ids: translate them to labels
			mf = *f;
			mf.id_map = m->id_map.data();
			mf.id_map_n = static_cast<idx_t>(m->id_map.size());
		}
		search_node(m->index, n, x, k, dist, labels, p, f != nullptr ? &mf : nullptr);
		const idx_t size = static_cast<idx_t>(m->id_map.size());
		for (idx_t j = 0; j < n * k; j++) {
			idx_t l = labels[j];
			labels[j] = (l >= 0 && l < size) ? m->id_map[l] : -1;
		}
		return;
	}
	if (auto pt = dynamic_cast<const faiss::IndexPreTransform*>(i)) {
		const float* xt = pt->apply_chain(n, x);
		std::unique_ptr<const float[]> owned(xt == x ? nullptr : xt);
		search_node(pt->index, n, xt, k, dist, labels, p, f);
		return;
	}
	if (auto r = dynamic_cast<const faiss::IndexRefine*>(i)) {
		search_refine(r, n, x, k, dist, labels, p, f);
		return;
	}
	if (auto h = dynamic_cast<const faiss::IndexHNSW*>(i)) {
		if (fast_hnsw_search(h, n, x, k, dist, labels, f)) {
			return;
		}
	}
	if (f != nullptr) {
		search_filtered(i, n, x, k, dist, labels, p, *f);
		return;
	}
	param_store st;
	i->search(n, x, k, dist, labels, leaf_params(i, p, st));
}

// fill_empty writes "no result" rows, used when the index holds no vectors.
void fill_empty(const faiss::Index* i, idx_t n, idx_t k, float* dist, idx_t* labels) {
	const float none = i->metric_type == faiss::METRIC_INNER_PRODUCT ? -std::numeric_limits<float>::infinity()
									  : std::numeric_limits<float>::infinity();
	std::fill(dist, dist + n * k, none);
	std::fill(labels, labels + n * k, idx_t(-1));
}

} // namespace
} // namespace stylist

extern "C" {

int stylist_faiss_ef_search(const stylist_index* h) {
	int ef = 0;
	stylist::for_each_hnsw(h->idx, [&](faiss::IndexHNSW* x) {
		if (ef == 0) {
			ef = x->hnsw.efSearch;
		}
	});
	return ef;
}

void stylist_faiss_set_ef_construction(stylist_index* h, int ef) {
	stylist::for_each_hnsw(h->idx, [&](faiss::IndexHNSW* x) { x->hnsw.efConstruction = ef; });
}

void stylist_faiss_set_ef_search(stylist_index* h, int ef) {
	stylist::for_each_hnsw(h->idx, [&](faiss::IndexHNSW* x) { x->hnsw.efSearch = ef; });
}

char* stylist_faiss_prepare(const stylist_index* h) {
	return stylist::guard([&] {
		stylist::for_each_hnsw(h->idx, [](faiss::IndexHNSW* x) { stylist::prepare_sq8(x->storage, &x->hnsw); });
	});
}

int64_t stylist_faiss_walk_bytes(const stylist_index* h, int* layout) {
	int64_t n = 0;
	*layout = 0;
	stylist::for_each_hnsw(h->idx, [&](faiss::IndexHNSW* x) {
		if (auto c = stylist::sq8_peek(x->storage)) {
			n += static_cast<int64_t>(c->bytes());
			*layout |= c->has_layout() ? 1 : 0;
		}
	});
	return n;
}

char* stylist_faiss_search(const stylist_index* h, int64_t n, const float* x, int64_t k,
	const stylist_search_params* p, const uint64_t* allow, int64_t allow_bits, int threads, float* dist,
	int64_t* labels) {
	return stylist::guard([&] {
		stylist::set_threads(threads);
		if (h->idx->ntotal == 0) {
			stylist::fill_empty(h->idx, n, k, dist, labels);
			return;
		}
		stylist::id_filter f;
		f.bits = allow;
		f.nbits = allow_bits;
		stylist::search_node(h->idx, n, x, k, dist, labels, *p, allow != nullptr ? &f : nullptr);
	});
}

char* stylist_faiss_search_native(const stylist_index* h, int64_t n, const float* x, int64_t k,
	int threads, float* dist, int64_t* labels) {
	return stylist::guard([&] {
		stylist::set_threads(threads);
		if (h->idx->ntotal == 0) {
			stylist::fill_empty(h->idx, n, k, dist, labels);
			return;
		}
		h->idx->search(n, x, k, dist, labels);
	});
}

} // extern "C"
