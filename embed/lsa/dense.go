package lsa

import (
	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas32"
	"gonum.org/v1/gonum/mat"
)

// dense32 is a row-major float32 matrix. The big tall matrices of the randomized
// SVD are float32 (half the memory traffic of the sparse products); the small
// square ones and all reductions are float64.
type dense32 struct {
	rows, cols int
	data       []float32
}

func newDense32(rows, cols int, buf []float32) dense32 {
	if cap(buf) < rows*cols {
		buf = make([]float32, rows*cols)
	}
	return dense32{rows: rows, cols: cols, data: buf[:rows*cols]}
}

func (d dense32) general() blas32.General {
	return blas32.General{Rows: d.rows, Cols: d.cols, Stride: max(1, d.cols), Data: d.data}
}

// rowSlice returns rows [lo, hi).
func (d dense32) rowSlice(lo, hi int) dense32 {
	return dense32{rows: hi - lo, cols: d.cols, data: d.data[lo*d.cols : hi*d.cols]}
}

// gram32 returns aᵀa in float64: float32 products over blocks of rows, summed in
// float64, which keeps near-float64 accuracy at float32 speed. Only the tiles on
// and above the diagonal are computed.
func gram32(a dense32) *mat.SymDense {
	const block, tile = 2048, 64
	c := a.cols
	acc := make([]float64, c*c)
	tmp := newDense32(tile, tile, nil)
	for lo := 0; lo < a.rows; lo += block {
		b := a.rowSlice(lo, min(lo+block, a.rows)).general()
		for i := 0; i < c; i += tile {
			bi := colSlice(b, i, min(i+tile, c))
			for j := i; j < c; j += tile {
				bj := colSlice(b, j, min(j+tile, c))
				t := blas32.General{Rows: bi.Cols, Cols: bj.Cols, Stride: tile, Data: tmp.data}
				blas32.Gemm(blas.Trans, blas.NoTrans, 1, bi, bj, 0, t)
				for r := range t.Rows {
					row := acc[(i+r)*c+j : (i+r)*c+j+t.Cols]
					for q, x := range t.Data[r*tile : r*tile+t.Cols] {
						row[q] += float64(x)
					}
				}
			}
		}
	}
	s := mat.NewSymDense(c, nil)
	for i := range c {
		for j := i; j < c; j++ {
			s.SetSym(i, j, acc[i*c+j])
		}
	}
	return s
}

// colSlice returns columns [lo, hi) of g.
func colSlice(g blas32.General, lo, hi int) blas32.General {
	return blas32.General{Rows: g.Rows, Cols: hi - lo, Stride: g.Stride, Data: g.Data[lo:]}
}

// mulSmall returns a × b for a small float64 matrix b, into buf when it is big enough.
func mulSmall(a dense32, b *mat.Dense, buf []float32) dense32 {
	br, bc := b.Dims()
	b32 := newDense32(br, bc, nil)
	for i := range br {
		for j := range bc {
			b32.data[i*bc+j] = float32(b.At(i, j))
		}
	}
	out := newDense32(a.rows, bc, buf)
	blas32.Gemm(blas.NoTrans, blas.NoTrans, 1, a.general(), b32.general(), 0, out.general())
	return out
}
