package faiss

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// synth generates deterministic clustered unit vectors around fixed centres.
type synth struct {
	dim     int
	centres [][]float64
}

// newSynth makes c random unit centres in dim dimensions.
func newSynth(seed uint64, dim, c int) *synth {
	r := rand.New(rand.NewPCG(seed, 0x5eed))
	s := &synth{dim: dim}
	for range c {
		v := make([]float64, dim)
		for i := range v {
			v[i] = r.NormFloat64()
		}
		normalize64(v)
		s.centres = append(s.centres, v)
	}
	return s
}

// points returns n unit vectors, each a random centre plus Gaussian noise of
// the given per-vector norm, flattened row-major.
func (s *synth) points(seed uint64, n int, noise float64) []float32 {
	r := rand.New(rand.NewPCG(seed, 0xfa155))
	out := make([]float32, 0, n*s.dim)
	v := make([]float64, s.dim)
	scale := noise / math.Sqrt(float64(s.dim))
	for range n {
		c := s.centres[r.IntN(len(s.centres))]
		for i := range v {
			v[i] = c[i] + scale*r.NormFloat64()
		}
		normalize64(v)
		for _, f := range v {
			out = append(out, float32(f))
		}
	}
	return out
}

func normalize64(v []float64) {
	var s float64
	for _, f := range v {
		s += f * f
	}
	s = math.Sqrt(s)
	for i := range v {
		v[i] /= s
	}
}

func dot(a, b []float32) float32 {
	var s float32
	for i := range a {
		s += a[i] * b[i]
	}
	return s
}

// bruteForce returns the exact top-k ids (from ids) by inner product, per query.
func bruteForce(base []float32, ids []int64, queries []float32, dim, k int) [][]int64 {
	type hit struct {
		s  float32
		id int64
	}
	var out [][]int64
	for q := 0; q*dim < len(queries); q++ {
		qv := queries[q*dim : (q+1)*dim]
		hits := make([]hit, len(ids))
		for i := range ids {
			hits[i] = hit{dot(qv, base[i*dim:(i+1)*dim]), ids[i]}
		}
		slices.SortFunc(hits, func(a, b hit) int {
			if a.s != b.s {
				if a.s > b.s {
					return -1
				}
				return 1
			}
			return int(a.id - b.id)
		})
		row := make([]int64, k)
		for j := range k {
			row[j] = hits[j].id
		}
		out = append(out, row)
	}
	return out
}

// recallAt returns the mean fraction of each truth row found in the result row.
func recallAt(truth [][]int64, got []int64, k int) float64 {
	var sum float64
	for q, row := range truth {
		res := got[q*k : (q+1)*k]
		found := 0
		for _, id := range row[:k] {
			if slices.Contains(res, id) {
				found++
			}
		}
		sum += float64(found) / float64(k)
	}
	return sum / float64(len(truth))
}

// seqIDs returns n ids start, start+step, ... (not 0..n-1, to catch id-map bugs).
func seqIDs(n int, start, step int64) []int64 {
	ids := make([]int64, n)
	for i := range ids {
		ids[i] = start + int64(i)*step
	}
	return ids
}

// build makes, trains and fills an index, failing the test on error.
func build(tb testing.TB, dim int, factory string, metric Metric, train, base []float32, ids []int64) *Index {
	tb.Helper()
	x, err := New(dim, factory, metric)
	if err != nil {
		tb.Fatalf("New(%q): %v", factory, err)
	}
	tb.Cleanup(func() { _ = x.Close() })
	if err := x.Train(train); err != nil {
		tb.Fatalf("Train(%q): %v", factory, err)
	}
	if err := x.AddWithIDs(base, ids); err != nil {
		tb.Fatalf("AddWithIDs(%q): %v", factory, err)
	}
	return x
}
