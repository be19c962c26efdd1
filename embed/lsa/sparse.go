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
				wg.weigh(c.cols[start:out], c.tfs[start:out])
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

// transpose returns mᵀ in CSR form (that is, m in CSC form); rows of the result
// list their entries in increasing column order.
func (m *csr) transpose() *csr {
	t := &csr{rows: m.cols, cols: m.rows, ptr: make([]int, m.cols+1)}
	for _, c := range m.idx {
		t.ptr[c+1]++
	}
	for i := 0; i < m.cols; i++ {
		t.ptr[i+1] += t.ptr[i]
	}
	next := make([]int, m.cols)
	copy(next, t.ptr[:m.cols])
	t.idx, t.val = make([]int32, m.nnz()), make([]float32, m.nnz())
	for r := 0; r < m.rows; r++ {
		for e := m.ptr[r]; e < m.ptr[r+1]; e++ {
			c := m.idx[e]
			p := next[c]
			t.idx[p], t.val[p] = int32(r), m.val[e]
			next[c]++
		}
	}
	return t
}

// mulDense computes dst = m × src (src is m.cols × l, dst m.rows × l). Rows are
// spread over workers; each dst row is summed in a fixed order, so the result does
// not depend on workers. The columns are processed in tiles of tileCols so the
// randomly accessed rows of src stay in cache.
func (m *csr) mulDense(ctx context.Context, dst, src dense32, workers int) error {
	return m.mulDenseTiled(ctx, dst, src, workers, tileCols)
}

// tileCols is the column tile width of mulDense (in float32s).
var tileCols = 64

func (m *csr) mulDenseTiled(ctx context.Context, dst, src dense32, workers, tile int) error {
	l := src.cols
	if src.rows != m.cols || dst.rows != m.rows || dst.cols != l {
		panic("lsa: mulDense dimension mismatch")
	}
	clear(dst.data)
	const block = 256
	for c0 := 0; c0 < l; c0 += tile {
		c1 := min(c0+tile, l)
		w := c1 - c0
		var next atomic.Int64
		var failed atomic.Bool
		var group sync.WaitGroup
		for range max(1, workers) {
			group.Go(func() {
				for {
					lo := int(next.Add(block)) - block
					if lo >= m.rows || failed.Load() {
						return
					}
					if ctx.Err() != nil {
						failed.Store(true)
						return
					}
					for r := lo; r < min(lo+block, m.rows); r++ {
						out := blas32.Vector{N: w, Inc: 1, Data: dst.data[r*l+c0 : r*l+c1]}
						for e := m.ptr[r]; e < m.ptr[r+1]; e++ {
							c := int(m.idx[e])
							blas32.Axpy(m.val[e], blas32.Vector{N: w, Inc: 1, Data: src.data[c*l+c0 : c*l+c1]}, out)
						}
					}
				}
			})
		}
		group.Wait()
		if err := ctx.Err(); err != nil {
			return err
		}
	}
	return nil
}
