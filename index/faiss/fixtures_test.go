package faiss

import (
	"sync"
	"testing"
)

// Test data shape: 96 dims so that PQ48 and PQ16 divide it.
const (
	tDim   = 96
	tN     = 3000 // vectors added
	tTrain = 1000 // vectors used for training (PQ warns below 9984; fine for tests)
	tQ     = 100  // queries
	tK     = 10
)

// dataset is a deterministic base set, queries, ids and exact top-k.
type dataset struct {
	dim     int
	base    []float32
	train   []float32
	queries []float32
	ids     []int64
	truth   [][]int64 // exact top-tK by inner product (brute force in Go)
}

// row returns the base vector with the given id.
func (d *dataset) row(id int64) []float32 {
	i := int((id - 1000) / 7)
	return d.base[i*d.dim : (i+1)*d.dim]
}

func makeDataset(seed uint64, dim, n, train, nq, clusters int, noise float64) *dataset {
	s := newSynth(seed, dim, clusters)
	d := &dataset{dim: dim, base: s.points(seed+1, n, noise), queries: s.points(seed+2, nq, noise)}
	d.train = d.base[:train*dim]
	d.ids = seqIDs(n, 1000, 7)
	d.truth = bruteForce(d.base, d.ids, d.queries, dim, tK)
	return d
}

// easy is clustered data every factory handles; hard is noisier data on which
// HNSW recall depends clearly on efSearch.
var (
	easy = sync.OnceValue(func() *dataset { return makeDataset(1, tDim, tN, tTrain, tQ, 50, 0.8) })
	hard = sync.OnceValue(func() *dataset { return makeDataset(11, 64, 5000, 5000, 200, 20, 2.5) })
)

var (
	fixMu sync.Mutex
	fixes = map[string]*Index{}
)

// fixture returns a shared index built on ds (never closed; tests that close
// or mutate an index build their own).
func fixture(tb testing.TB, name string, ds *dataset, factory string, metric Metric) *Index {
	tb.Helper()
	fixMu.Lock()
	defer fixMu.Unlock()
	key := name + "|" + factory + "|" + metric.String()
	if x, ok := fixes[key]; ok {
		return x
	}
	x, err := New(ds.dim, factory, metric)
	if err != nil {
		tb.Fatalf("New(%q): %v", factory, err)
	}
	if err := x.Train(ds.train); err != nil {
		tb.Fatalf("Train(%q): %v", factory, err)
	}
	if err := x.AddWithIDs(ds.base, ds.ids); err != nil {
		tb.Fatalf("AddWithIDs(%q): %v", factory, err)
	}
	fixes[key] = x
	return x
}
