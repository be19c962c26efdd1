package faiss

import (
	"fmt"
	"math"
	"path/filepath"
	"sort"
	"testing"
)

// exactAllowed returns, per query, the k best (id, score) pairs among the
// allowed rows of ds by exact inner product, best first, ties by lower id.
func exactAllowed(ds *dataset, keep func(i int) bool, k int) ([][]int64, [][]float32) {
	nq := len(ds.queries) / ds.dim
	ids := make([][]int64, nq)
	scores := make([][]float32, nq)
	type hit struct {
		id    int64
		score float32
	}
	for q := range nq {
		qv := ds.queries[q*ds.dim : (q+1)*ds.dim]
		var hits []hit
		for i, id := range ds.ids {
			if keep(i) {
				hits = append(hits, hit{id, dot(qv, ds.base[i*ds.dim:(i+1)*ds.dim])})
			}
		}
		sort.Slice(hits, func(a, b int) bool {
			if hits[a].score != hits[b].score {
				return hits[a].score > hits[b].score
			}
			return hits[a].id < hits[b].id
		})
		for j := range min(k, len(hits)) {
			ids[q] = append(ids[q], hits[j].id)
			scores[q] = append(scores[q], hits[j].score)
		}
	}
	return ids, scores
}

// checkExact fails unless every query's k slots are exactly the brute-force
// result over the allowed rows: the same ids in the same order, scores within
// tol, then empty slots (-1, -Inf) when fewer than k rows are allowed.
func checkExact(t *testing.T, ds *dataset, keep func(i int) bool, k int, scores []float32, ids []int64, tol float64) {
	t.Helper()
	wantIDs, wantScores := exactAllowed(ds, keep, k)
	for q := range wantIDs {
		for j := range k {
			i := q*k + j
			if j >= len(wantIDs[q]) {
				if ids[i] != -1 || !math.IsInf(float64(scores[i]), -1) {
					t.Fatalf("query %d slot %d: (%d, %g), want an empty slot (%d allowed)", q, j, ids[i], scores[i], len(wantIDs[q]))
				}
				continue
			}
			if ids[i] != wantIDs[q][j] || math.Abs(float64(scores[i]-wantScores[q][j])) > tol {
				t.Fatalf("query %d slot %d: (%d, %.6f), exact (%d, %.6f)", q, j, ids[i], scores[i], wantIDs[q][j], wantScores[q][j])
			}
		}
	}
}

// TestFilterScan: a filtered search whose filter allows few nodes scores every
// allowed node (shim_scan.cpp) and returns exactly the brute-force top k over
// the allowed rows (ids, order, scores), with the walk's layout (walk ids
// mapped back through the permutation and the IDMap's labels 1000 + 7i) and
// without it; filters above STYLIST_FAISS_FILTER_SCAN_MAX, or with the scan
// off, or before the walk copy exists, are walked as before; an empty filter
// and k beyond the allowed count give empty slots.
func TestFilterScan(t *testing.T) {
	if !FastDistances() {
		t.Skip("no AVX2/FMA on this CPU (or STYLIST_FAISS_NO_SIMD is set)")
	}
	ds := hard() // 5000 x 64, labels 1000 + 7i
	n := len(ds.ids)
	path := filepath.Join(t.TempDir(), "hnsw.faiss")
	if err := build(t, ds.dim, "HNSW16", InnerProduct, ds.train, ds.base, ds.ids).Write(path); err != nil {
		t.Fatal(err)
	}
	open := func(t *testing.T, env map[string]string) *Index {
		x, err := Read(path)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = x.Close() })
		for k, v := range env {
			t.Setenv(k, v) // read when the copy is built
		}
		return x
	}
	setOf := func(keep func(i int) bool) *IDSet {
		s := NewIDSet(int(ds.ids[n-1]) + 1)
		for i, id := range ds.ids {
			if keep(i) {
				s.Add(int(id))
			}
		}
		return s
	}
	filters := []struct {
		name string
		keep func(i int) bool
	}{
		{"2%", func(i int) bool { return i%50 == 7 }},
		{"tenth", func(i int) bool { return i%10 == 3 }},
		{"quarter", func(i int) bool { return (i*7919)%100 < 25 }},
		{"first rows", func(i int) bool { return i < 400 }},
		{"last rows", func(i int) bool { return i >= n-400 }},
	}
	for _, layout := range []struct {
		name string
		env  map[string]string
	}{{"bfs layout", nil}, {"plain copy", map[string]string{"STYLIST_FAISS_WALK_LAYOUT": "0"}}} {
		t.Run(layout.name, func(t *testing.T) {
			x := open(t, layout.env)
			if err := x.Prepare(); err != nil {
				t.Fatal(err)
			}
			for _, f := range filters {
				for _, k := range []int{tK, 100} {
					t.Run(fmt.Sprintf("%s/k%d", f.name, k), func(t *testing.T) {
						set := setOf(f.keep)
						for pass := range 2 { // the second from the copy's cache
							before := filterScans()
							s, got, err := x.Search(ds.queries, k, SearchParams{EfSearch: 64, Allow: set})
							if err != nil {
								t.Fatal(err)
							}
							if filterScans() == before {
								t.Fatalf("pass %d: the search did not take the scan", pass)
							}
							checkExact(t, ds, f.keep, k, s, got, 1e-4)
						}
					})
				}
			}
		})
	}

	x := open(t, nil)
	nq := len(ds.queries) / ds.dim
	q1 := ds.queries[:ds.dim]
	tenth := func(i int) bool { return i%10 == 3 }
	// Before the walk copy exists the walk answers (a one-shot search never
	// pays for the copy); the results are still allowed ids only.
	before := filterScans()
	_, got, err := x.Search(q1, tK, SearchParams{EfSearch: 64, Allow: setOf(tenth)})
	if err != nil {
		t.Fatal(err)
	}
	if filterScans() != before {
		t.Fatal("scanned before the walk copy was built")
	}
	for _, id := range got {
		if id == -1 || (id-1000)%70 != 21 {
			t.Fatalf("id %d is not allowed", id)
		}
	}
	if err := x.Prepare(); err != nil {
		t.Fatal(err)
	}

	t.Run("k beyond the allowed count", func(t *testing.T) {
		few := func(i int) bool { return i%1000 == 999 } // 5 rows
		s, got, err := x.Search(ds.queries, 8, SearchParams{Allow: setOf(few)})
		if err != nil {
			t.Fatal(err)
		}
		checkExact(t, ds, few, 8, s, got, 1e-4)
	})
	t.Run("empty filter", func(t *testing.T) {
		none := func(int) bool { return false }
		before := filterScans()
		s, got, err := x.Search(ds.queries, 5, SearchParams{Allow: setOf(none)})
		if err != nil {
			t.Fatal(err)
		}
		if filterScans() == before {
			t.Fatal("the empty filter did not take the scan")
		}
		checkExact(t, ds, none, 5, s, got, 0)
	})
	t.Run("dense filter walks", func(t *testing.T) {
		dense := func(i int) bool { return i%3 != 0 } // 67 %
		before := filterScans()
		_, got, err := x.Search(ds.queries, tK, SearchParams{EfSearch: 128, Allow: setOf(dense)})
		if err != nil {
			t.Fatal(err)
		}
		if filterScans() != before {
			t.Fatal("a 67 % filter took the scan (default threshold 30 %)")
		}
		truth, _ := exactAllowed(ds, dense, tK)
		if r := recallAt(truth, got, tK); r < 0.9 {
			t.Errorf("walk recall@%d among allowed ids %.3f", tK, r)
		}
		t.Setenv("STYLIST_FAISS_FILTER_SCAN_MAX", "1")
		s, got, err := x.Search(ds.queries, tK, SearchParams{EfSearch: 128, Allow: setOf(dense)})
		if err != nil {
			t.Fatal(err)
		}
		if filterScans() == before {
			t.Fatal("STYLIST_FAISS_FILTER_SCAN_MAX=1 did not scan")
		}
		checkExact(t, ds, dense, tK, s, got, 1e-4)
	})
	t.Run("scan off", func(t *testing.T) {
		for _, env := range [][2]string{{"STYLIST_FAISS_FILTER_SCAN", "0"}, {"STYLIST_FAISS_FILTER_SCAN_MAX", "0.05"}} {
			t.Setenv(env[0], env[1])
			before := filterScans()
			_, got, err := x.Search(ds.queries, tK, SearchParams{EfSearch: 64, Allow: setOf(tenth)})
			if err != nil {
				t.Fatal(err)
			}
			if filterScans() != before {
				t.Fatalf("%s=%s: the search took the scan", env[0], env[1])
			}
			if len(got) != nq*tK {
				t.Fatalf("%d results", len(got))
			}
			for _, id := range got {
				if id != -1 && (id-1000)%70 != 21 {
					t.Fatalf("%s=%s: id %d is not allowed", env[0], env[1], id)
				}
			}
		}
	})
}

// TestFilterScanSparseLabels: labels too sparse for the label table (the
// largest beyond 16n) are walked, and still filtered.
func TestFilterScanSparseLabels(t *testing.T) {
	if !FastDistances() {
		t.Skip("no AVX2/FMA on this CPU (or STYLIST_FAISS_NO_SIMD is set)")
	}
	ds := easy()
	ids := seqIDs(len(ds.ids), 5, 100) // 3000 rows, labels up to 299905
	x := build(t, ds.dim, "HNSW16", InnerProduct, ds.train, ds.base, ids)
	if err := x.Prepare(); err != nil {
		t.Fatal(err)
	}
	set := NewIDSet(int(ids[len(ids)-1]) + 1)
	for i, id := range ids {
		if i%20 == 0 {
			set.Add(int(id))
		}
	}
	before := filterScans()
	_, got, err := x.Search(ds.queries, tK, SearchParams{EfSearch: 256, Allow: set})
	if err != nil {
		t.Fatal(err)
	}
	if filterScans() != before {
		t.Fatal("scanned with labels beyond the table's bound")
	}
	for _, id := range got {
		if id != -1 && !set.Has(id) {
			t.Fatalf("id %d is not allowed", id)
		}
	}
}

// TestFilterScanConcurrent: concurrent scans over more filters than the
// copy's cache holds (entries evicted while other searches use them) return
// what a sequential scan returns.
func TestFilterScanConcurrent(t *testing.T) {
	if !FastDistances() {
		t.Skip("no AVX2/FMA on this CPU (or STYLIST_FAISS_NO_SIMD is set)")
	}
	ds := easy()
	x := build(t, ds.dim, "HNSW16", InnerProduct, ds.train, ds.base, ds.ids)
	if err := x.Prepare(); err != nil {
		t.Fatal(err)
	}
	const nf = 12
	sets := make([]*IDSet, nf)
	want := make([][]int64, nf)
	for f := range sets {
		sets[f] = NewIDSet(int(ds.ids[len(ds.ids)-1]) + 1)
		for i, id := range ds.ids {
			if i%(f+4) == 1 {
				sets[f].Add(int(id))
			}
		}
		_, ids, err := x.Search(ds.queries, tK, SearchParams{Allow: sets[f], Threads: 1})
		if err != nil {
			t.Fatal(err)
		}
		want[f] = ids
	}
	before := filterScans()
	errs := make(chan error, 4)
	for g := range 4 {
		go func() {
			for r := range 3 * nf {
				f := (r*5 + g) % nf
				_, ids, err := x.Search(ds.queries, tK, SearchParams{Allow: sets[f], Threads: 1})
				if err == nil {
					for i := range ids {
						if ids[i] != want[f][i] {
							err = fmt.Errorf("filter %d slot %d: id %d, sequentially %d", f, i, ids[i], want[f][i])
							break
						}
					}
				}
				if err != nil {
					errs <- err
					return
				}
			}
			errs <- nil
		}()
	}
	for range 4 {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	if got := filterScans() - before; got != 4*3*nf {
		t.Fatalf("%d scans, want %d", got, 4*3*nf)
	}
}
