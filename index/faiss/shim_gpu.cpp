// shim_gpu.cpp: GPU placement. All GPU code is under STYLIST_FAISS_GPU, which
// only the faiss_gpu build tag defines (gpu.go); the default build compiles
// the stubs below and references no faiss::gpu symbol.
#include "shim_internal.hpp"

// STYLIST_GPU_CODE selects the real GPU code: the tag is set and a GPU build
// of FAISS is on the include path. With the tag but without the headers (e.g.
// `go vet -tags faiss_gpu` on a CPU-only box) the stubs are compiled and the
// compiler prints the warning below; stylist_faiss_to_gpu then fails at run
// time and indexes stay on the CPU.
#if defined(STYLIST_FAISS_GPU) && __has_include(<faiss/gpu/GpuCloner.h>)
#define STYLIST_GPU_CODE 1
#elif defined(STYLIST_FAISS_GPU)
#warning "faiss_gpu tag set but <faiss/gpu/GpuCloner.h> not found: building CPU stubs (set CGO_CPPFLAGS=-I<faiss prefix>/include)"
#endif

#ifdef STYLIST_GPU_CODE
#include <faiss/IndexIVF.h>
#include <faiss/gpu/GpuCloner.h>
#include <faiss/gpu/GpuIndexIVF.h>
#include <faiss/gpu/StandardGpuResources.h>
#endif

namespace stylist {

#ifdef STYLIST_GPU_CODE

faiss::Index* cpu_copy(const stylist_index* h) {
	if (h->device < 0) {
		return nullptr;
	}
	return faiss::gpu::index_gpu_to_cpu(h->idx);
}

faiss::SearchParameters* gpu_leaf_params(const faiss::Index* i, const stylist_search_params& p,
	std::vector<std::unique_ptr<faiss::SearchParameters>>& store) {
	// GpuIndexIVF honours SearchParametersIVF::nprobe in FAISS >= 1.7.4.
	if (p.nprobe > 0 && dynamic_cast<const faiss::gpu::GpuIndexIVF*>(i)) {
		auto* sp = new faiss::SearchParametersIVF();
		store.emplace_back(sp);
		sp->nprobe = static_cast<size_t>(p.nprobe);
		return sp;
	}
	return nullptr;
}

#else

faiss::Index* cpu_copy(const stylist_index*) { return nullptr; }

faiss::SearchParameters* gpu_leaf_params(const faiss::Index*, const stylist_search_params&,
	std::vector<std::unique_ptr<faiss::SearchParameters>>&) {
	return nullptr;
}

#endif

} // namespace stylist

extern "C" {

char* stylist_faiss_to_gpu(stylist_index* h, int device) {
#ifdef STYLIST_GPU_CODE
	return stylist::guard([&] {
		if (h->device >= 0) {
			return;
		}
		auto res = std::make_shared<faiss::gpu::StandardGpuResources>();
		faiss::gpu::GpuClonerOptions opts;
		std::unique_ptr<faiss::Index> g(faiss::gpu::index_cpu_to_gpu(res.get(), device, h->idx, &opts));
		delete h->idx;
		h->idx = g.release();
		h->gpu_res = res;
		h->device = device;
	});
#else
	(void)h;
	(void)device;
	return stylist::dup_error("built without GPU FAISS (needs the faiss_gpu tag and GPU FAISS headers)");
#endif
}

} // extern "C"
