package lsa

import (
	"context"
	"sync"
	"sync/atomic"

	"gonum.org/v1/gonum/blas/blas32"
)

// csr is a compressed sparse row matrix with float32 values.
type csr struct {
	rows, cols int
	ptr        []int // len rows+1
	idx        []int32
	val        []float32
}

// nnz is the number of stored entries.
func (m *csr) nnz() int { return len(m.idx) }

// buildMatrix turns the counters' raw rows into the weighted document-term matrix,
// dropping features outside the vocabulary.
func buildMatrix(counters []*counter, v *vocabulary, wg *weigher) *csr {
	rows, nnz := 0, 0
	for _, c := range counters {
		rows += len(c.ptr) - 1
		nnz += len(c.cols)
	}
	m := &csr{rows: rows, cols: len(v.keys), ptr: make([]int, rows+1)}
	// Remap and compact each counter's rows in place (in parallel), then concatenate.
	var group sync.WaitGroup
	for ci, c := range counters {
		group.Go(func() {
			remap := v.remap[ci]
			out := 0
			for d := 0; d+1 < len(c.ptr); d++ {
				start := out
				for e := c.ptr[d]; e < c.ptr[d+1]; e++ {
					if f := remap[c.cols[e]]; f >= 0 {
						c.cols[out], c.tfs[out] = f, c.tfs[e]
						out++
					}
				}
				c.ptr[d] = start
				wg.weigh(c.cols[start:out], c.tfs[start:out], float64(c.share[d]))
			}
			c.ptr[len(c.ptr)-1] = out
			c.cols, c.tfs = c.cols[:out], c.tfs[:out]
		})
	}
	group.Wait()
	nnz = 0
	for _, c := range counters {
		nnz += len(c.cols)
	}
	m.idx, m.val = make([]int32, 0, nnz), make([]float32, 0, nnz)
	r := 0
	for _, c := range counters {
		base := len(m.idx)
		for d := 0; d+1 < len(c.ptr); d++ {
			m.ptr[r] = base + c.ptr[d]
			r++
		}
		m.idx = append(m.idx, c.cols...)
		m.val = append(m.val, c.tfs...)
		c.cols, c.tfs = nil, nil // release memory early
	}
	m.ptr[rows] = len(m.idx)
	return m
}

// mulDense computes dst = m × src (src is m.cols × l, dst m.rows × l). Rows are
// spread over workers; each dst row is summed in a fixed order, so the result does
// not depend on workers.
func (m *csr) mulDense(ctx context.Context, dst, src dense32, workers int) error {
	l := src.cols
	if src.rows != m.cols || dst.rows != m.rows || dst.cols != l {
		panic("lsa: mulDense dimension mismatch")
	}
	const block = 256
	var next atomic.Int64
	var group sync.WaitGroup
	for range max(1, workers) {
		group.Go(func() {
			for {
				lo := int(next.Add(block)) - block
				if lo >= m.rows || ctx.Err() != nil {
					return
				}
				for r := lo; r < min(lo+block, m.rows); r++ {
					out := blas32.Vector{N: l, Inc: 1, Data: dst.data[r*l : (r+1)*l]}
					clear(out.Data)
					for e := m.ptr[r]; e < m.ptr[r+1]; e++ {
						c := int(m.idx[e])
						blas32.Axpy(m.val[e], blas32.Vector{N: l, Inc: 1, Data: src.data[c*l : (c+1)*l]}, out)
					}
				}
			}
		})
	}
	group.Wait()
	return ctx.Err()
}

// mulTransDense computes dst = mᵀ × src (src is m.rows × l, dst m.cols × l)
// without a transposed copy of m: each worker owns a range of dst rows (columns of
// m, balanced by their entry counts), scans all of m and scatters its own entries.
// Every dst row is summed in row order of m, so the result does not depend on workers.
func (m *csr) mulTransDense(ctx context.Context, dst, src dense32, workers int) error {
	l := src.cols
	if src.rows != m.rows || dst.rows != m.cols || dst.cols != l {
		panic("lsa: mulTransDense dimension mismatch")
	}
	clear(dst.data)
	bounds := m.colRanges(max(1, workers))
	var group sync.WaitGroup
	for p := 0; p+1 < len(bounds); p++ {
		lo, hi := int32(bounds[p]), int32(bounds[p+1])
		group.Go(func() {
			for r := 0; r < m.rows; r++ {
				if r&1023 == 0 && ctx.Err() != nil {
					return
				}
				in := blas32.Vector{N: l, Inc: 1, Data: src.data[r*l : (r+1)*l]}
				for e := m.ptr[r]; e < m.ptr[r+1]; e++ {
					if c := m.idx[e]; c >= lo && c < hi {
						blas32.Axpy(m.val[e], in, blas32.Vector{N: l, Inc: 1, Data: dst.data[int(c)*l : int(c+1)*l]})
					}
				}
			}
		})
	}
	group.Wait()
	return ctx.Err()
}

// colRanges splits the columns into at most parts contiguous ranges holding about
// the same number of entries; it returns the range bounds.
func (m *csr) colRanges(parts int) []int {
	counts := make([]int, m.cols)
	for _, c := range m.idx {
		counts[c]++
	}
	bounds := []int{0}
	acc, target := 0, (m.nnz()+parts-1)/parts
	for c, n := range counts {
		acc += n
		if acc >= target*len(bounds) && len(bounds) < parts && c+1 < m.cols {
			bounds = append(bounds, c+1)
		}
	}
	return append(bounds, m.cols)
}
