package faiss

import (
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"
)

// TestConcurrentSearch runs many goroutines searching shared indexes with
// mixed per-call parameters and compares every result with the result of the
// same search run alone: a parameter leaking between calls, or a data race in
// the shim, shows up as a mismatch (or under -race).
func TestConcurrentSearch(t *testing.T) {
	type job struct {
		name string
		x    *Index
		ds   *dataset
		p    SearchParams
	}
	ds, hd := easy(), hard()
	hnsw := fixture(t, "hard", hd, "HNSW32", InnerProduct)
	// The 8-bit copy the walker uses is otherwise built in the background after
	// a few searches, which changes results between the reference run and the
	// concurrent one (a flaky failure at ef 16).
	if err := hnsw.Prepare(); err != nil {
		t.Fatal(err)
	}
	ivf := fixture(t, "easy", ds, "IVF64,Flat", InnerProduct)
	rf := fixture(t, "easy", ds, "IVF64,PQ16np,RFlat", InnerProduct)
	jobs := []job{
		{"hnsw ef16", hnsw, hd, SearchParams{EfSearch: 16}},
		{"hnsw ef64", hnsw, hd, SearchParams{EfSearch: 64}},
		{"hnsw default", hnsw, hd, SearchParams{}},
		{"ivf nprobe1", ivf, ds, SearchParams{NProbe: 1}},
		{"ivf nprobe8", ivf, ds, SearchParams{NProbe: 8}},
		{"refine k1", rf, ds, SearchParams{NProbe: 4, KFactorRF: 1}},
		{"refine k4", rf, ds, SearchParams{NProbe: 4, KFactorRF: 4}},
	}
	const queries = 8 // per job: single queries searched one by one
	want := make([][][]int64, len(jobs))
	for j, jb := range jobs {
		for q := range queries {
			_, ids, err := jb.x.Search(jb.ds.queries[q*jb.ds.dim:(q+1)*jb.ds.dim], tK, jb.p)
			if err != nil {
				t.Fatal(err)
			}
			want[j] = append(want[j], ids)
		}
	}
	// "hnsw default" means "whatever efSearch is current", which the other
	// jobs change: only its error is checked below.
	const goroutines, rounds = 16, 25
	var wg sync.WaitGroup
	errs := make(chan error, goroutines)
	for g := range goroutines {
		wg.Go(func() {
			for r := range rounds {
				j := (g*7 + r*3) % len(jobs)
				jb := jobs[j]
				q := (g + r) % queries
				_, ids, err := jb.x.Search(jb.ds.queries[q*jb.ds.dim:(q+1)*jb.ds.dim], tK, jb.p)
				if err != nil {
					errs <- err
					return
				}
				if jb.name != "hnsw default" && !slices.Equal(ids, want[j][q]) {
					errs <- fmt.Errorf("%s query %d: got %v, want %v", jb.name, q, ids, want[j][q])
					return
				}
				if r%5 == 0 {
					_ = jb.x.Ntotal()
					_ = jb.x.Describe()
					if _, err := jb.x.SerializedSize(); err != nil {
						errs <- err
						return
					}
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// TestCloseWhileSearching: Close during searches makes later calls fail with
// ErrClosed, never crash; Close is idempotent.
func TestCloseWhileSearching(t *testing.T) {
	ds := easy()
	x := build(t, ds.dim, "HNSW32", InnerProduct, ds.train, ds.base[:500*ds.dim], ds.ids[:500])
	var wg sync.WaitGroup
	started := make(chan struct{}, 8)
	errs := make(chan error, 8)
	for g := range 8 {
		wg.Go(func() {
			for i := 0; ; i++ {
				_, _, err := x.Search(ds.queries[:ds.dim], tK, SearchParams{EfSearch: 16 + g%2*16})
				if i == 0 {
					started <- struct{}{}
				}
				if errors.Is(err, ErrClosed) {
					return
				}
				if err != nil {
					errs <- err
					return
				}
			}
		})
	}
	for range 8 {
		<-started
	}
	if err := x.Close(); err != nil {
		t.Fatal(err)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Errorf("search during Close: %v", err)
	}
	if err := x.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
}
