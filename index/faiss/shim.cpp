// shim.cpp: index lifecycle, training, adding, I/O and description.
#include "shim_internal.hpp"

#include <faiss/IndexHNSW.h>
#include <faiss/IndexIDMap.h>
#include <faiss/IndexIVF.h>
#include <faiss/IndexPreTransform.h>
#include <faiss/IndexRefine.h>
#include <faiss/impl/io.h>
#include <faiss/index_factory.h>
#include <faiss/index_io.h>

#include <cxxabi.h>
#include <omp.h>

#include <algorithm>
#include <cstdio>

namespace stylist {

char oom_error[] = "out of memory (cannot allocate error message)";
std::atomic<int64_t> live_handles{0};

void set_threads(int threads) {
	if (threads > 0) {
		omp_set_num_threads(threads);
	}
}

namespace {

// contains_hnsw_pq reports whether the index tree holds an IndexHNSWPQ.
bool contains_hnsw_pq(const faiss::Index* i) {
	if (i == nullptr) {
		return false;
	}
	if (dynamic_cast<const faiss::IndexHNSWPQ*>(i)) {
		return true;
	}
	if (auto m = dynamic_cast<const faiss::IndexIDMap*>(i)) {
		return contains_hnsw_pq(m->index);
	}
	if (auto pt = dynamic_cast<const faiss::IndexPreTransform*>(i)) {
		return contains_hnsw_pq(pt->index);
	}
	if (auto r = dynamic_cast<const faiss::IndexRefine*>(i)) {
		return contains_hnsw_pq(r->base_index) || contains_hnsw_pq(r->refine_index);
	}
	if (auto ivf = dynamic_cast<const faiss::IndexIVF*>(i)) {
		return contains_hnsw_pq(ivf->quantizer);
	}
	return false;
}

// supports_ids reports whether add_with_ids works without an IndexIDMap.
bool supports_ids(const faiss::Index* i) {
	if (dynamic_cast<const faiss::IndexIDMap*>(i) || dynamic_cast<const faiss::IndexIVF*>(i)) {
		return true;
	}
	if (auto pt = dynamic_cast<const faiss::IndexPreTransform*>(i)) {
		return supports_ids(pt->index);
	}
	return false;
}

// wrap_ids puts an empty index that cannot store ids under an owning IndexIDMap.
faiss::Index* wrap_ids(faiss::Index* i) {
	if (supports_ids(i) || i->ntotal != 0) {
		return i;
	}
	auto* m = new faiss::IndexIDMap(i);
	m->own_fields = true;
	return m;
}

// mem_reader reads an index from bytes already in memory (no second read of the file).
struct mem_reader : faiss::IOReader {
	const uint8_t* p;
	size_t n, off = 0;
	mem_reader(const void* p, size_t n) : p(static_cast<const uint8_t*>(p)), n(n) {}
	size_t operator()(void* ptr, size_t size, size_t nitems) override {
		if (size == 0 || off >= n) {
			return 0;
		}
		size_t items = std::min(nitems, (n - off) / size);
		std::memcpy(ptr, p + off, items * size);
		off += items * size;
		return items;
	}
};

// counting_writer counts the bytes write_index produces without storing them.
struct counting_writer : faiss::IOWriter {
	size_t bytes = 0;
	size_t operator()(const void*, size_t size, size_t nitems) override {
		bytes += size * nitems;
		return nitems;
	}
};

std::string type_name(const faiss::Index* i) {
	int status = 0;
	char* d = abi::__cxa_demangle(typeid(*i).name(), nullptr, nullptr, &status);
	std::string s = (status == 0 && d != nullptr) ? d : typeid(*i).name();
	std::free(d);
	const std::string ns = "faiss::";
	for (size_t p; (p = s.find(ns)) != std::string::npos;) {
		s.erase(p, ns.size());
	}
	return s;
}

std::string describe(const faiss::Index* i) {
	if (i == nullptr) {
		return "null";
	}
	char buf[160];
	if (is_fast_storage(i)) {
		return type_name(i).find("sq8") != std::string::npos ? "IndexScalarQuantizer(SQ8, avx2)"
			: i->metric_type == faiss::METRIC_INNER_PRODUCT		 ? "IndexFlatIP(avx2)"
										 : "IndexFlatL2(avx2)";
	}
	if (auto m = dynamic_cast<const faiss::IndexIDMap*>(i)) {
		return "IDMap(" + describe(m->index) + ")";
	}
	if (auto pt = dynamic_cast<const faiss::IndexPreTransform*>(i)) {
		std::snprintf(buf, sizeof buf, "PreTransform(%zu transforms, ", pt->chain.size());
		return buf + describe(pt->index) + ")";
	}
	if (auto r = dynamic_cast<const faiss::IndexRefine*>(i)) {
		std::snprintf(buf, sizeof buf, ", k_factor=%g)", r->k_factor);
		return "Refine(" + describe(r->base_index) + ", " + describe(r->refine_index) + buf;
	}
	if (auto h = dynamic_cast<const faiss::IndexHNSW*>(i)) {
		std::snprintf(buf, sizeof buf, "(M=%d, efConstruction=%d, efSearch=%d, ",
			h->hnsw.nb_neighbors(1), h->hnsw.efConstruction, h->hnsw.efSearch);
		return type_name(i) + buf + describe(h->storage) + ")";
	}
	if (auto ivf = dynamic_cast<const faiss::IndexIVF*>(i)) {
		std::snprintf(buf, sizeof buf, "(nlist=%zu, nprobe=%zu, ", ivf->nlist, ivf->nprobe);
		return type_name(i) + buf + describe(ivf->quantizer) + ")";
	}
	return type_name(i);
}

} // namespace
} // namespace stylist

using stylist::guard;

extern "C" {

void stylist_faiss_free_error(char* err) {
	if (err != stylist::oom_error) {
		std::free(err);
	}
}

char* stylist_faiss_new(int dim, const char* factory, int metric, stylist_index** out) {
	*out = nullptr;
	return guard([&] {
		auto m = metric == STYLIST_METRIC_L2 ? faiss::METRIC_L2 : faiss::METRIC_INNER_PRODUCT;
		std::unique_ptr<faiss::Index> idx;
		try {
			idx.reset(faiss::index_factory(dim, factory, m));
		} catch (const faiss::FaissException& e) {
			// HNSW-PQ silently forces L2, so a refine stage built for inner
			// product disagrees with its base ("metric_type" assertion). Build
			// the whole tree with L2 instead; the Go side reports the metric.
			if (m != faiss::METRIC_INNER_PRODUCT) {
				throw;
			}
			std::unique_ptr<faiss::Index> alt;
			try {
				alt.reset(faiss::index_factory(dim, factory, faiss::METRIC_L2));
			} catch (...) {
				throw e;
			}
			if (!stylist::contains_hnsw_pq(alt.get())) {
				throw e;
			}
			idx = std::move(alt);
		}
		if (!idx) {
			throw std::runtime_error("index_factory returned no index");
		}
		faiss::Index* wrapped = stylist::wrap_ids(idx.get());
		if (wrapped != idx.get()) {
			idx.release();
			idx.reset(wrapped);
		}
		stylist::use_fast_storage(idx.get());
		auto* h = new stylist_index;
		h->idx = idx.release();
		*out = h;
	});
}

char* stylist_faiss_read(const char* path, stylist_index** out) {
	*out = nullptr;
	return guard([&] {
		std::unique_ptr<faiss::Index> idx(faiss::read_index(path));
		if (!idx) {
			throw std::runtime_error("read_index returned no index");
		}
		stylist::use_fast_storage(idx.get());
		auto* h = new stylist_index;
		h->idx = idx.release();
		*out = h;
	});
}

char* stylist_faiss_read_mem(const void* data, int64_t n, stylist_index** out) {
	*out = nullptr;
	return guard([&] {
		stylist::mem_reader r(data, static_cast<size_t>(n));
		std::unique_ptr<faiss::Index> idx(faiss::read_index(&r));
		if (!idx) {
			throw std::runtime_error("read_index returned no index");
		}
		if (r.off != r.n) {
			throw std::runtime_error(std::to_string(r.n - r.off) + " trailing bytes after the index");
		}
		stylist::use_fast_storage(idx.get());
		auto* h = new stylist_index;
		h->idx = idx.release();
		*out = h;
	});
}

void stylist_faiss_free(stylist_index* h) { delete h; }

int stylist_faiss_dim(const stylist_index* h) { return h->idx->d; }
int64_t stylist_faiss_ntotal(const stylist_index* h) { return h->idx->ntotal; }
int stylist_faiss_is_trained(const stylist_index* h) { return h->idx->is_trained ? 1 : 0; }
int stylist_faiss_metric(const stylist_index* h) { return static_cast<int>(h->idx->metric_type); }
int stylist_faiss_max_threads(void) { return omp_get_max_threads(); }
int stylist_faiss_fast_distances(void) { return stylist::fast_distances() ? 1 : 0; }
int64_t stylist_faiss_live_handles(void) { return stylist::live_handles.load(); }
int stylist_faiss_on_gpu(const stylist_index* h) { return h->device >= 0 ? 1 : 0; }

char* stylist_faiss_train(stylist_index* h, int64_t n, const float* x, int threads) {
	return guard([&] {
		stylist::set_threads(threads);
		h->idx->train(n, x);
	});
}

char* stylist_faiss_add_with_ids(stylist_index* h, int64_t n, const float* x, const int64_t* ids, int threads) {
	return guard([&] {
		stylist::set_threads(threads);
		if (h->device < 0) {
			h->idx = stylist::wrap_ids(h->idx);
		}
		h->idx->add_with_ids(n, x, ids);
	});
}

char* stylist_faiss_write(const stylist_index* h, const char* path) {
	return guard([&] {
		std::unique_ptr<faiss::Index> copy(stylist::cpu_copy(h));
		faiss::write_index(copy ? copy.get() : h->idx, path);
	});
}

char* stylist_faiss_serialized_size(const stylist_index* h, int64_t* out) {
	*out = 0;
	return guard([&] {
		std::unique_ptr<faiss::Index> copy(stylist::cpu_copy(h));
		stylist::counting_writer w;
		faiss::write_index(copy ? copy.get() : h->idx, &w);
		*out = static_cast<int64_t>(w.bytes);
	});
}

char* stylist_faiss_describe(const stylist_index* h) {
	std::string s;
	char* err = guard([&] { s = stylist::describe(h->idx); });
	if (err != nullptr) {
		return err;
	}
	return stylist::dup_error(s.c_str());
}

} // extern "C"
