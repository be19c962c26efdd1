package faiss

import (
	"fmt"
	"path/filepath"
	"testing"
)

// TestWalkLayout: the compact level-0 layout of the walk copy
// (shim_layout.cpp) is built by Prepare for an inner-product HNSW index; a
// walk over it, in breadth-first order or in storage order, finds what the
// walk over FAISS's own arrays finds (same distances, so the same results up
// to ties), maps walk ids back to the right ids through the permutation and
// the IDMap (every score is the exact score of the id returned with it), and
// keeps filtered searches to allowed ids.
func TestWalkLayout(t *testing.T) {
	if !FastDistances() {
		t.Skip("no AVX2/FMA on this CPU (or STYLIST_FAISS_NO_SIMD is set)")
	}
	ds := hard()
	variants := []struct {
		name   string
		env    map[string]string
		layout bool
	}{
		{"bfs", nil, true},
		{"storage order", map[string]string{"STYLIST_FAISS_WALK_ORDER": "none"}, true},
		{"plain copy", map[string]string{"STYLIST_FAISS_WALK_LAYOUT": "0"}, false},
	}
	// One graph (HNSW builds differ from run to run), read once per variant.
	path := filepath.Join(t.TempDir(), "hnsw.faiss")
	if err := build(t, ds.dim, "HNSW16", InnerProduct, ds.train, ds.base, ds.ids).Write(path); err != nil {
		t.Fatal(err)
	}
	idx := map[string]*Index{}
	for _, v := range variants {
		x, err := Read(path)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = x.Close() })
		if b, _ := x.walkCopy(); b != 0 {
			t.Fatalf("%s: walk copy of %d bytes before any search", v.name, b)
		}
		func() {
			for k, val := range v.env {
				t.Setenv(k, val) // read when the copy is built
			}
			if err := x.Prepare(); err != nil {
				t.Fatal(err)
			}
		}()
		b, layout := x.walkCopy()
		if layout != v.layout {
			t.Fatalf("%s: layout %v, want %v", v.name, layout, v.layout)
		}
		// codes alone are n*d bytes; the layout adds the level-0 lists (32 slots of 4 bytes per node)
		if minB := int64(len(ds.ids) * ds.dim); b < minB || (layout && b < minB+int64(len(ds.ids)*32*4)) {
			t.Fatalf("%s: walk copy of %d bytes is too small", v.name, b)
		}
		idx[v.name] = x
	}

	for _, ef := range []int{16, 64, 256} {
		p := SearchParams{EfSearch: ef}
		_, plain, err := idx["plain copy"].Search(ds.queries, tK, p)
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range variants[:2] {
			t.Run(fmt.Sprintf("%s/ef%d", v.name, ef), func(t *testing.T) {
				x := idx[v.name]
				s, got, err := x.Search(ds.queries, tK, p)
				if err != nil {
					t.Fatal(err)
				}
				checkScores(t, ds, s, got, 1e-4)
				same := 0
				for q := range len(ds.queries) / ds.dim {
					want := map[int64]bool{}
					for _, id := range plain[q*tK : (q+1)*tK] {
						want[id] = true
					}
					for _, id := range got[q*tK : (q+1)*tK] {
						if want[id] {
							same++
						}
					}
				}
				// Ties of 8-bit distances may order differently with other ids.
				if share := float64(same) / float64(len(got)); share < 0.99 {
					t.Errorf("%.3f of the ids are those of the walk without the layout", share)
				}
				if rl, rp := recallAt(ds.truth, got, tK), recallAt(ds.truth, plain, tK); rl < rp-0.01 {
					t.Errorf("recall@%d %.3f, %.3f without the layout", tK, rl, rp)
				}
			})
		}
	}

	t.Run("filter", func(t *testing.T) {
		x := idx["bfs"]
		set := NewIDSet(int(ds.ids[len(ds.ids)-1]) + 1)
		var base []float32
		var ids []int64
		for i, id := range ds.ids {
			if i%10 == 3 {
				set.Add(int(id))
				base = append(base, ds.base[i*ds.dim:(i+1)*ds.dim]...)
				ids = append(ids, id)
			}
		}
		truth := bruteForce(base, ids, ds.queries, ds.dim, tK)
		s, got, err := x.Search(ds.queries, tK, SearchParams{EfSearch: 256, Allow: set})
		if err != nil {
			t.Fatal(err)
		}
		for _, id := range got {
			if !set.Has(id) {
				t.Fatalf("id %d is not allowed", id)
			}
		}
		checkScores(t, ds, s, got, 1e-4)
		if r := recallAt(truth, got, tK); r < 0.9 {
			t.Errorf("recall@%d among allowed ids %.3f, want >= 0.9", tK, r)
		}
	})
}
