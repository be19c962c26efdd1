package lsa

import (
	"context"
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// denseCSR stores a dense matrix as CSR, skipping exact zeros.
func denseCSR(d *mat.Dense) *csr {
	r, c := d.Dims()
	m := &csr{rows: r, cols: c, ptr: []int{0}}
	for i := range r {
		for j := range c {
			if x := d.At(i, j); x != 0 {
				m.idx = append(m.idx, int32(j))
				m.val = append(m.val, float32(x))
			}
		}
		m.ptr = append(m.ptr, len(m.idx))
	}
	return m
}

// decayingMatrix returns a random r × c matrix with singular values 0.8^i.
func decayingMatrix(r, c int, seed uint64) *mat.Dense {
	rng := rand.New(rand.NewPCG(seed, 7))
	orth := func(n, k int) *mat.Dense {
		g := mat.NewDense(n, k, nil)
		for i := range n {
			for j := range k {
				g.Set(i, j, rng.NormFloat64())
			}
		}
		var qr mat.QR
		qr.Factorize(g)
		var q mat.Dense
		qr.QTo(&q)
		return q.Slice(0, n, 0, k).(*mat.Dense)
	}
	k := min(r, c)
	u, v := orth(r, k), orth(c, k)
	s := mat.NewDiagDense(k, nil)
	for i := range k {
		s.SetDiag(i, math.Pow(0.8, float64(i)))
	}
	var us, x mat.Dense
	us.Mul(u, s)
	x.Mul(&us, v.T())
	return &x
}

func TestRandomizedSVDMatchesExactSVD(t *testing.T) {
	x := decayingMatrix(300, 120, 1)
	var exact mat.SVD
	if !exact.Factorize(x, mat.SVDThin) {
		t.Fatal("exact SVD failed")
	}
	want := exact.Values(nil)
	const k = 12
	for _, power := range []int{0, 1, 2} {
		res, err := randomizedSVD(context.Background(), denseCSR(x), k, 12, power, 5, 2, func(int) {})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.sigma) != k {
			t.Fatalf("power %d: rank %d, want %d", power, len(res.sigma), k)
		}
		tol := []float64{2e-2, 2e-3, 2e-4}[power]
		for i, s := range res.sigma {
			if math.Abs(s-want[i]) > tol*want[0] {
				t.Errorf("power %d: sigma[%d] = %v, exact %v", power, i, s, want[i])
			}
		}
		// V_k has orthonormal columns and X V_k has norms Σ.
		p := res.proj
		for a := range k {
			for b := range k {
				var d float64
				for r := range p.rows {
					d += float64(p.data[r*p.cols+a]) * float64(p.data[r*p.cols+b])
				}
				if w := b2f(a == b); math.Abs(d-w) > 1e-4 {
					t.Errorf("power %d: V_kᵀV_k[%d,%d] = %v, want %v", power, a, b, d, w)
				}
			}
		}
	}
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

func TestSparseProducts(t *testing.T) {
	x := decayingMatrix(37, 23, 2)
	m := denseCSR(x)
	rng := rand.New(rand.NewPCG(3, 3))
	src := newDense32(23, 5, nil)
	for i := range src.data {
		src.data[i] = float32(rng.NormFloat64())
	}
	srcT := newDense32(37, 5, nil)
	for i := range srcT.data {
		srcT.data[i] = float32(rng.NormFloat64())
	}
	for _, workers := range []int{1, 2, 5, 40} {
		dst := newDense32(37, 5, nil)
		if err := m.mulDense(context.Background(), dst, src, workers); err != nil {
			t.Fatal(err)
		}
		dstT := newDense32(23, 5, nil)
		if err := m.mulTransDense(context.Background(), dstT, srcT, workers); err != nil {
			t.Fatal(err)
		}
		for i := range 37 {
			for c := range 5 {
				var want float64
				for j := range 23 {
					want += x.At(i, j) * float64(src.data[j*5+c])
				}
				if got := float64(dst.data[i*5+c]); math.Abs(got-want) > 1e-4 {
					t.Fatalf("workers %d: (X S)[%d,%d] = %v, want %v", workers, i, c, got, want)
				}
			}
		}
		for j := range 23 {
			for c := range 5 {
				var want float64
				for i := range 37 {
					want += x.At(i, j) * float64(srcT.data[i*5+c])
				}
				if got := float64(dstT.data[j*5+c]); math.Abs(got-want) > 1e-4 {
					t.Fatalf("workers %d: (Xᵀ S)[%d,%d] = %v, want %v", workers, j, c, got, want)
				}
			}
		}
	}
}

func TestGram32(t *testing.T) {
	rng := rand.New(rand.NewPCG(4, 4))
	a := newDense32(5000, 150, nil) // more rows than a block, more columns than a tile
	for i := range a.data {
		a.data[i] = float32(rng.NormFloat64())
	}
	g := gram32(a)
	for _, ij := range [][2]int{{0, 0}, {0, 149}, {70, 3}, {149, 149}, {64, 127}} {
		var want float64
		for r := range a.rows {
			want += float64(a.data[r*150+ij[0]]) * float64(a.data[r*150+ij[1]])
		}
		if got := g.At(ij[0], ij[1]); math.Abs(got-want) > 1e-3*math.Max(1, math.Abs(want)) {
			t.Errorf("gram[%d,%d] = %v, want %v", ij[0], ij[1], got, want)
		}
	}
}
