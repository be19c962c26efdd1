package faiss

import (
	"os"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// Benchmarks use 256-dim clustered unit vectors; STYLIST_FAISS_BENCH_N sets
// the index size (default 20000; the notes' numbers are at 100000). Each
// factory is built once per process; its build time, serialized size and
// recall@10 against Flat are reported as extra metrics on its benchmarks.
// PQ48 does not divide 256, so the PQ factories use PQ32 (32 bytes/vector).
//
//	go test -run x -bench . -benchtime 200x ./index/faiss/
const (
	benchDim     = 256
	benchQueries = 200
	benchBatch   = 100
)

type benchCase struct {
	factory string
	params  SearchParams
}

var benchCases = []benchCase{
	{"Flat", SearchParams{}},
	{"HNSW32", SearchParams{EfSearch: 64}},
	{"IVF1024,Flat", SearchParams{NProbe: 16}},
	{"IVF1024,PQ32np", SearchParams{NProbe: 16}},
	{"IVF1024,PQ32np,RFlat", SearchParams{NProbe: 16, KFactorRF: 4}},
	{"HNSW32_SQ8", SearchParams{EfSearch: 64}},
	{"HNSW32_PQ32np,RFlat", SearchParams{EfSearch: 64, KFactorRF: 4}},
}

type benchFixture struct {
	x       *Index
	queries []float32
	build   time.Duration
	bytes   int64
	recall  float64
}

var (
	benchData = sync.OnceValue(func() *dataset {
		n := 20000
		if v, err := strconv.Atoi(os.Getenv("STYLIST_FAISS_BENCH_N")); err == nil && v > 0 {
			n = v
		}
		s := newSynth(101, benchDim, 200)
		return &dataset{dim: benchDim, base: s.points(102, n, 1.0), queries: s.points(103, benchQueries, 1.0), ids: seqIDs(n, 0, 1)}
	})
	benchMu    sync.Mutex
	benchFixes = map[string]*benchFixture{}
	benchTruth []int64 // Flat top 10 of every query
)

// getBenchFixture builds (once) and measures the index for bc.
func getBenchFixture(b *testing.B, bc benchCase) *benchFixture {
	b.Helper()
	benchMu.Lock()
	defer benchMu.Unlock()
	if f, ok := benchFixes[bc.factory]; ok {
		return f
	}
	ds := benchData()
	if benchTruth == nil {
		flat := build(b, ds.dim, "Flat", InnerProduct, ds.base, ds.base, ds.ids)
		_, ids, err := flat.Search(ds.queries, tK, SearchParams{})
		if err != nil {
			b.Fatal(err)
		}
		benchTruth = ids
	}
	start := time.Now()
	x, err := New(ds.dim, bc.factory, InnerProduct)
	if err != nil {
		b.Fatal(err)
	}
	train := ds.base[:min(len(ds.base), 50000*ds.dim)]
	if err := x.Train(train); err != nil {
		b.Fatal(err)
	}
	if err := x.AddWithIDs(ds.base, ds.ids); err != nil {
		b.Fatal(err)
	}
	f := &benchFixture{x: x, queries: ds.queries, build: time.Since(start)}
	if f.bytes, err = x.SerializedSize(); err != nil {
		b.Fatal(err)
	}
	_, ids, err := x.Search(ds.queries, tK, bc.params)
	if err != nil {
		b.Fatal(err)
	}
	truth := make([][]int64, benchQueries)
	for q := range truth {
		truth[q] = benchTruth[q*tK : (q+1)*tK]
	}
	f.recall = recallAt(truth, ids, tK)
	benchFixes[bc.factory] = f
	return f
}

func (f *benchFixture) report(b *testing.B) {
	b.ReportMetric(f.build.Seconds(), "build-s")
	b.ReportMetric(float64(f.bytes)/1e6, "MB")
	b.ReportMetric(f.recall, "recall@10")
}

// BenchmarkSearch: one query per op with one OpenMP thread (the server
// path), and a batch of 100 queries per op with Threads() threads.
func BenchmarkSearch(b *testing.B) {
	for _, bc := range benchCases {
		b.Run(bc.factory, func(b *testing.B) {
			f := getBenchFixture(b, bc)
			b.Run("single", func(b *testing.B) {
				p := bc.params
				p.Threads = 1
				b.ResetTimer()
				for i := range b.N {
					q := i % benchQueries
					if _, _, err := f.x.Search(f.queries[q*benchDim:(q+1)*benchDim], tK, p); err != nil {
						b.Fatal(err)
					}
				}
				f.report(b)
			})
			b.Run("batch100", func(b *testing.B) {
				b.ResetTimer()
				for i := range b.N {
					q := (i * benchBatch) % (benchQueries - benchBatch + 1)
					if _, _, err := f.x.Search(f.queries[q*benchDim:(q+benchBatch)*benchDim], tK, bc.params); err != nil {
						b.Fatal(err)
					}
				}
				f.report(b)
			})
		})
	}
}

// BenchmarkSearchParallel: single queries from many goroutines on one HNSW
// index (read lock shared, one OpenMP thread each).
func BenchmarkSearchParallel(b *testing.B) {
	f := getBenchFixture(b, benchCases[1])
	var next atomic.Int64
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			q := int(next.Add(1)) % benchQueries
			if _, _, err := f.x.Search(f.queries[q*benchDim:(q+1)*benchDim], tK, SearchParams{EfSearch: 64}); err != nil {
				b.Error(err)
				return
			}
		}
	})
}
