package lsa

import (
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"sort"
	"sync"

	"gonum.org/v1/gonum/mat"
)

// eigTol is the relative eigenvalue (squared singular value) below which a
// direction is treated as numerically zero.
const eigTol = 1e-12

// svdResult is a rank-k truncated SVD X ≈ U Σ Vᵀ, kept in the form the embedder needs.
type svdResult struct {
	proj  dense32    // V_k: features × rank, orthonormal columns
	y     dense32    // X Q: documents × r
	w     *mat.Dense // W_k: r × rank, so X V_k = y w
	sigma []float64  // Σ_k, decreasing
}

// docsTo writes the rows of X V_k = y w, L2-normalised, into out (each of length
// >= rank; extra entries are zeroed), a block of rows at a time.
func (s *svdResult) docsTo(out [][]float32) {
	const block = 2048
	_, k := s.w.Dims()
	var buf []float32
	for lo := 0; lo < s.y.rows; lo += block {
		hi := min(lo+block, s.y.rows)
		t := mulSmall(s.y.rowSlice(lo, hi), s.w, buf)
		buf = t.data
		for i := lo; i < hi; i++ {
			dst := out[i]
			clear(dst)
			copy(dst, t.data[(i-lo)*k:(i-lo+1)*k])
			normalize(dst)
		}
	}
}

// randomizedSVD computes the top-k right singular vectors of x (Halko, Martinsson &
// Tropp 2011, randomized subspace iteration) working on the row space of x:
//
//	Z = Xᵀ Ω; Q = orth(Z); repeat q times { Q = orth(Xᵀ (X Q)) }
//	Y = X Q; Yᵀ Y = W Λ Wᵀ; V_k = Q W_k; X V_k = Y W_k; Σ = √Λ.
//
// The last identity gives the document vectors without another sparse product.
func randomizedSVD(ctx context.Context, x *csr, k, oversample, powerIters int, seed int64, workers int, progress func(done int)) (*svdResult, error) {
	n, v := x.rows, x.cols
	l := min(k+oversample, n, v)
	if l < 1 {
		return nil, ErrEmptyCorpus
	}
	y := gaussian(n, l, seed, workers) // Ω, then X Q (same buffer)
	z := newDense32(v, l, nil)
	if err := x.mulTransDense(ctx, z, y, workers); err != nil {
		return nil, err
	}
	// Two features × l buffers alternate: q lives in one, the next z is written
	// to the other (spare).
	q, err := orthonormalize(z, nil)
	if err != nil {
		return nil, err
	}
	spare := z.data
	for it := range powerIters {
		y = newDense32(n, q.cols, y.data)
		if err := x.mulDense(ctx, y, q, workers); err != nil {
			return nil, err
		}
		z = newDense32(v, q.cols, spare)
		if err := x.mulTransDense(ctx, z, y, workers); err != nil {
			return nil, err
		}
		next, err := orthonormalize(z, q.data) // q is no longer needed
		if err != nil {
			return nil, err
		}
		q, spare = next, z.data
		progress(it + 1)
	}
	y = newDense32(n, q.cols, y.data)
	if err := x.mulDense(ctx, y, q, workers); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	vals, vecs := topEigen(gram32(y))
	if len(vals) > k {
		vals, vecs = vals[:k], vecs.Slice(0, q.cols, 0, k).(*mat.Dense)
	}
	if len(vals) == 0 {
		return nil, ErrEmptyCorpus
	}
	res := &svdResult{proj: mulSmall(q, vecs, spare), y: y, w: vecs, sigma: make([]float64, len(vals))}
	for i, lam := range vals {
		res.sigma[i] = math.Sqrt(lam)
	}
	return res, nil
}

// gaussian returns an n × l matrix of standard normal samples. Each block of rows
// has its own seeded generator, so the result does not depend on workers.
func gaussian(n, l int, seed int64, workers int) dense32 {
	const block = 4096
	d := newDense32(n, l, nil)
	var group sync.WaitGroup
	sem := make(chan struct{}, max(1, workers))
	for lo := 0; lo < n; lo += block {
		sem <- struct{}{}
		group.Go(func() {
			defer func() { <-sem }()
			rng := rand.New(rand.NewPCG(uint64(seed), uint64(lo)))
			for i := lo * l; i < min(lo+block, n)*l; i++ {
				d.data[i] = float32(rng.NormFloat64())
			}
		})
	}
	group.Wait()
	return d
}

// topEigen returns the eigenvalues of s above eigTol × the largest, in decreasing
// order, and their eigenvectors as columns.
func topEigen(s *mat.SymDense) ([]float64, *mat.Dense) {
	var es mat.EigenSym
	if !es.Factorize(s, true) {
		// Factorization of a finite symmetric matrix does not fail in practice;
		// treat it as having no usable directions.
		return nil, nil
	}
	vals := es.Values(nil)
	var vecs mat.Dense
	es.VectorsTo(&vecs)
	order := make([]int, len(vals))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return vals[order[a]] > vals[order[b]] })
	if len(vals) == 0 || !(vals[order[0]] > 0) {
		return nil, nil
	}
	cut := vals[order[0]] * eigTol
	var keep []int
	for _, i := range order {
		if vals[i] > cut {
			keep = append(keep, i)
		}
	}
	rows, _ := vecs.Dims()
	out := mat.NewDense(rows, len(keep), nil)
	outVals := make([]float64, len(keep))
	for j, i := range keep {
		outVals[j] = vals[i]
		for r := range rows {
			out.Set(r, j, vecs.At(r, i))
		}
	}
	return outVals, out
}

// orthonormalize returns an orthonormal basis of the column space of z, computed
// from the eigendecomposition of zᵀz (like Cholesky-QR but rank-revealing:
// numerically dependent directions are dropped, so the basis may be narrower).
// When z is ill-conditioned for float32 the pass is repeated on its result, as
// in CholeskyQR2.
func orthonormalize(z dense32, buf []float32) (dense32, error) {
	vals, vecs := topEigen(gram32(z))
	if len(vals) == 0 {
		return dense32{}, errNoDirections
	}
	if vals[0] > reorthCond*vals[len(vals)-1] {
		q := orthonormalize1(z, vals, vecs, nil)
		vals, vecs = topEigen(gram32(q))
		if len(vals) == 0 {
			return dense32{}, errNoDirections
		}
		z = q
	}
	return orthonormalize1(z, vals, vecs, buf), nil
}

// reorthCond is the eigenvalue ratio of zᵀz (condition number of z squared)
// above which orthonormalize takes a second pass.
const reorthCond = 1e6

// orthonormalize1 returns z W Λ^-½ for the eigenpairs (vals, vecs) of zᵀz.
func orthonormalize1(z dense32, vals []float64, vecs *mat.Dense, buf []float32) dense32 {
	for j, lam := range vals {
		s := 1 / math.Sqrt(lam)
		rows, _ := vecs.Dims()
		for r := range rows {
			vecs.Set(r, j, vecs.At(r, j)*s)
		}
	}
	return mulSmall(z, vecs, buf)
}

// errNoDirections means the randomized range finder found only zero directions.
var errNoDirections = errors.New("lsa: SVD found no nonzero direction")
