// shim_simd.cpp: AVX2/FMA distances for the flat storage of HNSW and refine nodes.
//
// Debian's libfaiss.a is a generic x86-64 build: its fvec_inner_product and
// fvec_L2sqr are scalar loops with one dependent add per dimension (about 0.3 µs
// for 256 dims), and every distance an HNSW graph computes, while adding and
// while searching, goes through them. FAISS asks the storage for a
// DistanceComputer through a virtual call, so a flat storage whose computer uses
// AVX2 and FMA (chosen at run time, when the CPU has them) makes HNSW search and
// build several times faster without rebuilding FAISS. The storage is a subclass
// of IndexFlat: write_index saves it as a plain IndexFlat, and use_fast_storage
// swaps it in again after read_index. Sums are taken in a different order than
// FAISS's, so distances can differ in the last bits (ties may order differently).
#include "shim_internal.hpp"

#include <faiss/IndexFlat.h>
#include <faiss/IndexHNSW.h>
#include <faiss/IndexIDMap.h>
#include <faiss/IndexIVF.h>
#include <faiss/IndexPreTransform.h>
#include <faiss/IndexRefine.h>
#include <faiss/IndexScalarQuantizer.h>
#include <faiss/impl/DistanceComputer.h>

#include <immintrin.h>

#include <algorithm>
#include <limits>
#include <mutex>
#include <thread>
#include <typeinfo>
#include <vector>

namespace stylist {
namespace {

__attribute__((target("avx2,fma"))) inline float hsum(__m256 v) {
	__m128 s = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
	s = _mm_add_ps(s, _mm_movehl_ps(s, s));
	s = _mm_add_ss(s, _mm_shuffle_ps(s, s, 1));
	return _mm_cvtss_f32(s);
}

} // namespace

__attribute__((target("avx2,fma"))) float ip_avx2(const float* x, const float* y, size_t d) {
	__m256 a0 = _mm256_setzero_ps(), a1 = _mm256_setzero_ps(), a2 = _mm256_setzero_ps(), a3 = _mm256_setzero_ps();
	size_t i = 0;
	for (; i + 32 <= d; i += 32) {
		a0 = _mm256_fmadd_ps(_mm256_loadu_ps(x + i), _mm256_loadu_ps(y + i), a0);
		a1 = _mm256_fmadd_ps(_mm256_loadu_ps(x + i + 8), _mm256_loadu_ps(y + i + 8), a1);
		a2 = _mm256_fmadd_ps(_mm256_loadu_ps(x + i + 16), _mm256_loadu_ps(y + i + 16), a2);
		a3 = _mm256_fmadd_ps(_mm256_loadu_ps(x + i + 24), _mm256_loadu_ps(y + i + 24), a3);
	}
	for (; i + 8 <= d; i += 8) {
		a0 = _mm256_fmadd_ps(_mm256_loadu_ps(x + i), _mm256_loadu_ps(y + i), a0);
	}
	float s = hsum(_mm256_add_ps(_mm256_add_ps(a0, a1), _mm256_add_ps(a2, a3)));
	for (; i < d; i++) {
		s += x[i] * y[i];
	}
	return s;
}

__attribute__((target("avx2,fma"))) float l2_avx2(const float* x, const float* y, size_t d) {
	__m256 a0 = _mm256_setzero_ps(), a1 = _mm256_setzero_ps();
	size_t i = 0;
	for (; i + 16 <= d; i += 16) {
		__m256 d0 = _mm256_sub_ps(_mm256_loadu_ps(x + i), _mm256_loadu_ps(y + i));
		__m256 d1 = _mm256_sub_ps(_mm256_loadu_ps(x + i + 8), _mm256_loadu_ps(y + i + 8));
		a0 = _mm256_fmadd_ps(d0, d0, a0);
		a1 = _mm256_fmadd_ps(d1, d1, a1);
	}
	for (; i + 8 <= d; i += 8) {
		__m256 d0 = _mm256_sub_ps(_mm256_loadu_ps(x + i), _mm256_loadu_ps(y + i));
		a0 = _mm256_fmadd_ps(d0, d0, a0);
	}
	float s = hsum(_mm256_add_ps(a0, a1));
	for (; i < d; i++) {
		float t = x[i] - y[i];
		s += t * t;
	}
	return s;
}

namespace {

// fast_dc computes inner products or squared L2 distances to stored vectors.
struct fast_dc : faiss::FlatCodesDistanceComputer {
	const float* xb;
	size_t d;
	bool ip;
	const float* q = nullptr;

	fast_dc(const float* xb, size_t d, bool ip)
			: faiss::FlatCodesDistanceComputer(reinterpret_cast<const uint8_t*>(xb), d * sizeof(float)),
			  xb(xb), d(d), ip(ip) {}

	float dis(const float* a, const float* b) const { return ip ? ip_avx2(a, b, d) : l2_avx2(a, b, d); }
	void set_query(const float* x) override { q = x; }
	float distance_to_code(const uint8_t* code) override { return dis(q, reinterpret_cast<const float*>(code)); }
	float symmetric_dis(idx_t i, idx_t j) override { return dis(xb + i * d, xb + j * d); }
};

// take_codes moves the stored vectors and the Index fields of from into to.
void take_codes(faiss::IndexFlatCodes& to, faiss::IndexFlatCodes& from) {
	to.d = from.d;
	to.metric_type = from.metric_type;
	to.metric_arg = from.metric_arg;
	to.code_size = from.code_size;
	to.codes.swap(from.codes);
	to.ntotal = from.ntotal;
	from.ntotal = 0;
	to.is_trained = from.is_trained;
	to.verbose = from.verbose;
}

// sq8_after is the number of searches after which a fast_flat builds its
// 8-bit copy in the background: a one-shot command (one search) never pays
// for it, a server has it after its first requests.
constexpr int sq8_after = 8;

// fast_flat is an IndexFlat whose distance computer uses fast_dc. It also
// keeps an 8-bit copy of its vectors for the HNSW walker (shim_hnsw.cpp),
// built by a background thread after sq8_after searches or at once by
// prepare_sq8; adding or removing vectors drops the copy.
struct fast_flat : faiss::IndexFlat {
	mutable std::mutex mu;
	mutable std::shared_ptr<const sq8_copy> sq8; // guarded by mu
	mutable std::thread builder;                 // guarded by mu
	mutable std::atomic<int> searches{0};

	explicit fast_flat(faiss::IndexFlat& from) : faiss::IndexFlat(from.d, from.metric_type) { take_codes(*this, from); }
	faiss::FlatCodesDistanceComputer* get_FlatCodesDistanceComputer() const override {
		return new fast_dc(get_xb(), static_cast<size_t>(d), metric_type == faiss::METRIC_INNER_PRODUCT);
	}
	void add(idx_t n, const float* x) override {
		drop();
		faiss::IndexFlat::add(n, x);
	}
	void reset() override {
		drop();
		faiss::IndexFlat::reset();
	}
	size_t remove_ids(const faiss::IDSelector& sel) override {
		drop();
		return faiss::IndexFlat::remove_ids(sel);
	}
	void drop() {
		join();
		std::lock_guard<std::mutex> l(mu);
		sq8.reset();
		searches = 0;
	}
	void join() const {
		std::thread t;
		{
			std::lock_guard<std::mutex> l(mu);
			t.swap(builder);
		}
		if (t.joinable()) {
			t.join();
		}
	}
	~fast_flat() override { join(); }
};

} // namespace

// sq8_dot is the inner product of qp with 8-bit codes: sum of qp[i] * code[i].
__attribute__((target("avx2,fma"))) float sq8_dot(const float* qp, const uint8_t* code, size_t d) {
	__m256 a0 = _mm256_setzero_ps(), a1 = _mm256_setzero_ps();
	size_t i = 0;
	for (; i + 16 <= d; i += 16) {
		__m128i c = _mm_loadu_si128(reinterpret_cast<const __m128i*>(code + i));
		__m256 c0 = _mm256_cvtepi32_ps(_mm256_cvtepu8_epi32(c));
		__m256 c1 = _mm256_cvtepi32_ps(_mm256_cvtepu8_epi32(_mm_srli_si128(c, 8)));
		a0 = _mm256_fmadd_ps(_mm256_loadu_ps(qp + i), c0, a0);
		a1 = _mm256_fmadd_ps(_mm256_loadu_ps(qp + i + 8), c1, a1);
	}
	float s = hsum(_mm256_add_ps(a0, a1));
	for (; i < d; i++) {
		s += qp[i] * code[i];
	}
	return s;
}

__attribute__((target("avx2"))) int32_t sq8_dot_i8(const int8_t* q8, const uint8_t* code, size_t d) {
	const __m256i ones = _mm256_set1_epi16(1);
	__m256i acc = _mm256_setzero_si256();
	size_t i = 0;
	for (; i + 32 <= d; i += 32) {
		__m256i c = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(code + i));
		__m256i q = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(q8 + i));
		// u8 * s8 pairs summed to i16 (|q| <= 63 keeps 2 * 255 * 63 below 32767), then to i32.
		acc = _mm256_add_epi32(acc, _mm256_madd_epi16(_mm256_maddubs_epi16(c, q), ones));
	}
	__m128i s4 = _mm_add_epi32(_mm256_castsi256_si128(acc), _mm256_extracti128_si256(acc, 1));
	s4 = _mm_add_epi32(s4, _mm_shuffle_epi32(s4, _MM_SHUFFLE(1, 0, 3, 2)));
	s4 = _mm_add_epi32(s4, _mm_shuffle_epi32(s4, _MM_SHUFFLE(2, 3, 0, 1)));
	int32_t s = _mm_cvtsi128_si32(s4);
	for (; i < d; i++) {
		s += static_cast<int32_t>(q8[i]) * code[i];
	}
	return s;
}

// sq8_dot_i8_x4 writes sq8_dot_i8(q8, codes + j * d, d) for j = 0..3 to
// out: four codes side by side share each load of the query and keep four
// independent sums in flight (the filtered scan, shim_scan.cpp).
__attribute__((target("avx2"))) void sq8_dot_i8_x4(const int8_t* q8, const uint8_t* codes, size_t d, int32_t* out) {
	const __m256i ones = _mm256_set1_epi16(1);
	__m256i a0 = _mm256_setzero_si256(), a1 = a0, a2 = a0, a3 = a0;
	const uint8_t* c0 = codes;
	const uint8_t* c1 = codes + d;
	const uint8_t* c2 = codes + 2 * d;
	const uint8_t* c3 = codes + 3 * d;
	size_t i = 0;
	for (; i + 32 <= d; i += 32) {
		const __m256i q = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(q8 + i));
		a0 = _mm256_add_epi32(a0, _mm256_madd_epi16(_mm256_maddubs_epi16(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(c0 + i)), q), ones));
		a1 = _mm256_add_epi32(a1, _mm256_madd_epi16(_mm256_maddubs_epi16(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(c1 + i)), q), ones));
		a2 = _mm256_add_epi32(a2, _mm256_madd_epi16(_mm256_maddubs_epi16(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(c2 + i)), q), ones));
		a3 = _mm256_add_epi32(a3, _mm256_madd_epi16(_mm256_maddubs_epi16(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(c3 + i)), q), ones));
	}
	// Horizontal sums of the four accumulators at once.
	const __m256i h01 = _mm256_hadd_epi32(a0, a1);
	const __m256i h23 = _mm256_hadd_epi32(a2, a3);
	const __m256i h = _mm256_hadd_epi32(h01, h23); // per 128-bit lane: s0 s1 s2 s3
	__m128i s4 = _mm_add_epi32(_mm256_castsi256_si128(h), _mm256_extracti128_si256(h, 1));
	_mm_storeu_si128(reinterpret_cast<__m128i*>(out), s4);
	for (; i < d; i++) {
		out[0] += static_cast<int32_t>(q8[i]) * c0[i];
		out[1] += static_cast<int32_t>(q8[i]) * c1[i];
		out[2] += static_cast<int32_t>(q8[i]) * c2[i];
		out[3] += static_cast<int32_t>(q8[i]) * c3[i];
	}
}

namespace {

// sq8_pair returns sum u[k] * (a[k] + b[k]) + w[k] * a[k] * b[k] over 8-bit codes a, b.
__attribute__((target("avx2,fma"))) float sq8_pair(const float* u, const float* w, const uint8_t* a, const uint8_t* b, size_t d) {
	__m256 acc = _mm256_setzero_ps();
	size_t i = 0;
	for (; i + 8 <= d; i += 8) {
		__m256 fa = _mm256_cvtepi32_ps(_mm256_cvtepu8_epi32(_mm_loadl_epi64(reinterpret_cast<const __m128i*>(a + i))));
		__m256 fb = _mm256_cvtepi32_ps(_mm256_cvtepu8_epi32(_mm_loadl_epi64(reinterpret_cast<const __m128i*>(b + i))));
		acc = _mm256_fmadd_ps(_mm256_loadu_ps(u + i), _mm256_add_ps(fa, fb), acc);
		acc = _mm256_fmadd_ps(_mm256_mul_ps(_mm256_loadu_ps(w + i), fa), fb, acc);
	}
	float s = hsum(acc);
	for (; i < d; i++) {
		s += u[i] * (a[i] + b[i]) + w[i] * a[i] * b[i];
	}
	return s;
}

// fast_sq8_dc computes inner products with 8-bit scalar-quantized vectors
// (QT_8bit: x[k] = vmin[k] + (code[k] + 0.5) * s[k], s = vdiff / 255). With
// a = vmin + 0.5 s, a query q gives c + sum qs[k] * code[k] (c = q.a, qs = q*s,
// once per query), and two codes give A + sum u*(ci + cj) + w*ci*cj
// (A = a.a, u = a*s, w = s*s, once per computer).
struct fast_sq8_dc : faiss::FlatCodesDistanceComputer {
	size_t d;
	std::vector<float> a, s, u, w, qs;
	float A = 0, c = 0;

	fast_sq8_dc(const uint8_t* codes, size_t d, const float* vmin, const float* vdiff)
			: faiss::FlatCodesDistanceComputer(codes, d), d(d), a(d), s(d), u(d), w(d), qs(d) {
		for (size_t k = 0; k < d; k++) {
			s[k] = vdiff[k] / 255.0f;
			a[k] = vmin[k] + 0.5f * s[k];
			u[k] = a[k] * s[k];
			w[k] = s[k] * s[k];
			A += a[k] * a[k];
		}
	}
	void set_query(const float* x) override {
		c = 0;
		for (size_t k = 0; k < d; k++) {
			qs[k] = x[k] * s[k];
			c += x[k] * a[k];
		}
	}
	float distance_to_code(const uint8_t* code) override { return c + sq8_dot(qs.data(), code, d); }
	float symmetric_dis(idx_t i, idx_t j) override {
		return A + sq8_pair(u.data(), w.data(), codes + i * code_size, codes + j * code_size, d);
	}
};

// fast_sq8 is an IndexScalarQuantizer (QT_8bit, inner product) whose distance
// computer uses fast_sq8_dc.
struct fast_sq8 : faiss::IndexScalarQuantizer {
	explicit fast_sq8(faiss::IndexScalarQuantizer& from) : faiss::IndexScalarQuantizer() {
		sq = from.sq;
		take_codes(*this, from);
	}
	faiss::FlatCodesDistanceComputer* get_FlatCodesDistanceComputer() const override {
		if (!is_trained || sq.trained.size() != 2 * static_cast<size_t>(d)) {
			return faiss::IndexScalarQuantizer::get_FlatCodesDistanceComputer();
		}
		return new fast_sq8_dc(codes.data(), static_cast<size_t>(d), sq.trained.data(), sq.trained.data() + d);
	}
};

bool cpu_has_avx2_fma() {
	static const bool ok = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
	return ok;
}

// swap_flat replaces *slot by a fast_flat when it is an owned plain IndexFlat (IP or L2).
void swap_flat(faiss::Index*& slot, bool owned) {
	if (!owned || slot == nullptr) {
		return;
	}
	const auto& t = typeid(*slot);
	if (t != typeid(faiss::IndexFlat) && t != typeid(faiss::IndexFlatIP) && t != typeid(faiss::IndexFlatL2)) {
		return;
	}
	auto* old = static_cast<faiss::IndexFlat*>(slot);
	if (old->metric_type != faiss::METRIC_INNER_PRODUCT && old->metric_type != faiss::METRIC_L2) {
		return;
	}
	slot = new fast_flat(*old);
	delete old;
}

// swap_sq8 replaces *slot by a fast_sq8 when it is an owned IndexScalarQuantizer
// with 8-bit non-uniform codes and inner product.
void swap_sq8(faiss::Index*& slot, bool owned) {
	if (!owned || slot == nullptr || typeid(*slot) != typeid(faiss::IndexScalarQuantizer)) {
		return;
	}
	auto* old = static_cast<faiss::IndexScalarQuantizer*>(slot);
	if (old->metric_type != faiss::METRIC_INNER_PRODUCT || old->sq.qtype != faiss::ScalarQuantizer::QT_8bit ||
		old->code_size != static_cast<size_t>(old->d)) {
		return;
	}
	slot = new fast_sq8(*old);
	delete old;
}

} // namespace

std::shared_ptr<const sq8_copy> sq8_of(const faiss::Index* storage, const faiss::HNSW* g) {
	auto* f = dynamic_cast<const fast_flat*>(storage);
	if (f == nullptr || f->metric_type != faiss::METRIC_INNER_PRODUCT || f->ntotal == 0) {
		return nullptr;
	}
	std::lock_guard<std::mutex> l(f->mu);
	if (f->sq8 || f->builder.joinable() || ++f->searches < sq8_after) {
		return f->sq8;
	}
	// Searches run under the Go side's read lock and vectors change only under
	// its write lock, after drop() has joined this thread.
	f->builder = std::thread([f, g] {
		auto c = build_walk_copy(f->get_xb(), f->ntotal, static_cast<size_t>(f->d), g);
		std::lock_guard<std::mutex> l(f->mu);
		f->sq8 = std::move(c);
	});
	return nullptr;
}

std::shared_ptr<const sq8_copy> sq8_peek(const faiss::Index* storage) {
	auto* f = dynamic_cast<const fast_flat*>(storage);
	if (f == nullptr) {
		return nullptr;
	}
	std::lock_guard<std::mutex> l(f->mu);
	return f->sq8;
}

bool prepare_sq8(const faiss::Index* storage, const faiss::HNSW* g) {
	auto* f = dynamic_cast<const fast_flat*>(storage);
	if (f == nullptr || f->metric_type != faiss::METRIC_INNER_PRODUCT || f->ntotal == 0) {
		return false;
	}
	f->join();
	std::lock_guard<std::mutex> l(f->mu);
	if (!f->sq8) {
		f->sq8 = build_walk_copy(f->get_xb(), f->ntotal, static_cast<size_t>(f->d), g);
	}
	return true;
}

bool is_fast_storage(const faiss::Index* i) {
	return dynamic_cast<const fast_flat*>(i) != nullptr || dynamic_cast<const fast_sq8*>(i) != nullptr;
}

bool fast_distances() { return cpu_has_avx2_fma() && std::getenv("STYLIST_FAISS_NO_SIMD") == nullptr; }

void use_fast_storage(faiss::Index* i) {
	if (i == nullptr || !fast_distances()) {
		return;
	}
	if (auto h = dynamic_cast<faiss::IndexHNSW*>(i)) {
		swap_flat(h->storage, h->own_fields);
		swap_sq8(h->storage, h->own_fields);
	} else if (auto m = dynamic_cast<faiss::IndexIDMap*>(i)) {
		use_fast_storage(m->index);
	} else if (auto pt = dynamic_cast<faiss::IndexPreTransform*>(i)) {
		use_fast_storage(pt->index);
	} else if (auto r = dynamic_cast<faiss::IndexRefine*>(i)) {
		use_fast_storage(r->base_index);
		swap_flat(r->refine_index, r->own_refine_index);
	} else if (auto ivf = dynamic_cast<faiss::IndexIVF*>(i)) {
		use_fast_storage(ivf->quantizer);
	}
}

} // namespace stylist
