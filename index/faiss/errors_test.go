package faiss

import (
	"errors"
	"io/fs"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestNewErrors(t *testing.T) {
	live := liveHandles()
	defer func() {
		if liveHandles() != live {
			t.Errorf("failed New calls leaked %d handles", liveHandles()-live)
		}
	}()
	tests := []struct {
		name    string
		dim     int
		factory string
		metric  Metric
		want    error
	}{
		{"unknown factory", 32, "NotAnIndex", InnerProduct, ErrFactory},
		{"empty factory", 32, "  ", InnerProduct, ErrFactory},
		{"HNSW PQ with nbits", 96, "HNSW32_PQ48x8", InnerProduct, ErrFactory},
		{"PQ not dividing dim", 100, "IVF16,PQ48np", InnerProduct, ErrFactory},
		{"zero dim", 0, "Flat", InnerProduct, ErrDim},
		{"negative dim", -3, "Flat", InnerProduct, ErrDim},
		{"bad metric", 32, "Flat", Metric(7), ErrArg},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			x, err := New(tc.dim, tc.factory, tc.metric)
			if !errors.Is(err, tc.want) {
				t.Fatalf("New(%d, %q) error = %v, want %v", tc.dim, tc.factory, err, tc.want)
			}
			if x != nil {
				t.Fatalf("New returned an index with an error")
			}
		})
	}
}

func TestCallErrors(t *testing.T) {
	ds := easy()
	flat := fixture(t, "easy", ds, "Flat", InnerProduct)
	untrained, err := New(ds.dim, "IVF64,Flat", InnerProduct)
	if err != nil {
		t.Fatal(err)
	}
	defer untrained.Close()
	q := ds.queries[:ds.dim]
	var nilIndex *Index
	tests := []struct {
		name string
		call func() error
		want error
	}{
		{"train wrong length", func() error { return untrained.Train(ds.base[:ds.dim+1]) }, ErrDim},
		{"train empty", func() error { return untrained.Train(nil) }, ErrDim},
		{"add ids/vectors mismatch", func() error { return flat.AddWithIDs(ds.base[:2*ds.dim], ds.ids[:3]) }, ErrDim},
		{"add untrained", func() error { return untrained.AddWithIDs(ds.base[:ds.dim], ds.ids[:1]) }, ErrNotTrained},
		{"search untrained", func() error { _, _, err := untrained.Search(q, 5, SearchParams{}); return err }, ErrNotTrained},
		{"search k=0", func() error { _, _, err := flat.Search(q, 0, SearchParams{}); return err }, ErrK},
		{"search dim mismatch", func() error { _, _, err := flat.Search(q[:ds.dim-1], 5, SearchParams{}); return err }, ErrDim},
		{"search empty", func() error { _, _, err := flat.Search(nil, 5, SearchParams{}); return err }, ErrDim},
		{"search k_factor < 1", func() error { _, _, err := flat.Search(q, 5, SearchParams{KFactorRF: 0.5}); return err }, ErrArg},
		{"search k_factor +Inf", func() error {
			_, _, err := flat.Search(q, 5, SearchParams{KFactorRF: float32(math.Inf(1))})
			return err
		}, ErrArg},
		{"search negative ef", func() error { _, _, err := flat.Search(q, 5, SearchParams{EfSearch: -1}); return err }, ErrArg},
		{"search negative nprobe", func() error { _, _, err := flat.Search(q, 5, SearchParams{NProbe: -1}); return err }, ErrArg},
		{"search negative threads", func() error { _, _, err := flat.Search(q, 5, SearchParams{Threads: -1}); return err }, ErrArg},
		{"nil search", func() error { _, _, err := nilIndex.Search(q, 5, SearchParams{}); return err }, ErrNilIndex},
		{"nil train", func() error { return nilIndex.Train(q) }, ErrNilIndex},
		{"nil add", func() error { return nilIndex.AddWithIDs(q, []int64{1}) }, ErrNilIndex},
		{"nil write", func() error { return nilIndex.Write(filepath.Join(t.TempDir(), "x")) }, ErrNilIndex},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if err := tc.call(); !errors.Is(err, tc.want) {
				t.Fatalf("error = %v, want %v", err, tc.want)
			}
		})
	}
	if err := nilIndex.Close(); err != nil {
		t.Errorf("nil Close: %v", err)
	}
}

func TestClosedIndex(t *testing.T) {
	ds := easy()
	x := build(t, ds.dim, "HNSW32", InnerProduct, ds.train, ds.base[:100*ds.dim], ds.ids[:100])
	if err := x.Close(); err != nil {
		t.Fatal(err)
	}
	q := ds.queries[:ds.dim]
	calls := map[string]func() error{
		"search":          func() error { _, _, err := x.Search(q, 5, SearchParams{}); return err },
		"search with ef":  func() error { _, _, err := x.Search(q, 5, SearchParams{EfSearch: 99}); return err },
		"train":           func() error { return x.Train(q) },
		"add":             func() error { return x.AddWithIDs(q, []int64{1}) },
		"write":           func() error { return x.Write(filepath.Join(t.TempDir(), "x")) },
		"serialized size": func() error { _, err := x.SerializedSize(); return err },
	}
	for name, call := range calls {
		if err := call(); !errors.Is(err, ErrClosed) {
			t.Errorf("%s after Close: %v, want ErrClosed", name, err)
		}
	}
	if x.Ntotal() != 0 || x.IsTrained() || !strings.Contains(x.Describe(), "closed") {
		t.Errorf("closed index: ntotal %d trained %t describe %q", x.Ntotal(), x.IsTrained(), x.Describe())
	}
	if err := x.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
}

// TestReadErrors: missing, empty, truncated and garbage files give ErrRead.
func TestReadErrors(t *testing.T) {
	ds := easy()
	dir := t.TempDir()
	good := filepath.Join(dir, "good.faiss")
	if err := fixture(t, "easy", ds, "IVF64,PQ16np,RFlat", InnerProduct).Write(good); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	garbage := make([]byte, 4096)
	r := rand.New(rand.NewPCG(5, 5))
	for i := range garbage {
		garbage[i] = byte(r.Uint32())
	}
	headerThenGarbage := append(append([]byte{}, data[:64]...), garbage...)
	live := liveHandles()
	defer func() {
		if liveHandles() != live {
			t.Errorf("failed Read calls leaked %d handles", liveHandles()-live)
		}
	}()
	files := map[string][]byte{
		"empty":              {},
		"4 bytes":            data[:4],
		"truncated 64":       data[:64],
		"truncated half":     data[:len(data)/2],
		"truncated last":     data[:len(data)-1],
		"garbage":            garbage,
		"header and garbage": headerThenGarbage,
	}
	for name, content := range files {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(dir, strings.ReplaceAll(name, " ", "_"))
			if err := os.WriteFile(path, content, 0o644); err != nil {
				t.Fatal(err)
			}
			x, err := Read(path)
			if !errors.Is(err, ErrRead) || x != nil {
				t.Fatalf("Read(%s) = %v, %v; want ErrRead", name, x, err)
			}
		})
	}
	t.Run("missing", func(t *testing.T) {
		_, err := Read(filepath.Join(dir, "missing.faiss"))
		if !errors.Is(err, ErrRead) || !errors.Is(err, fs.ErrNotExist) {
			t.Fatalf("err = %v, want ErrRead and fs.ErrNotExist", err)
		}
	})
}

func TestErrorMessage(t *testing.T) {
	_, err := New(32, "NotAnIndex", InnerProduct)
	var fe *Error
	if !errors.As(err, &fe) || fe.Op == "" || fe.Msg == "" {
		t.Fatalf("error %v is not a *faiss.Error with op and message", err)
	}
	if strings.Contains(err.Error(), "Error in ") || !strings.Contains(err.Error(), "NotAnIndex") {
		t.Errorf("Error() = %q: want the short form naming the factory", err.Error())
	}
	const raw = "Error in virtual void faiss::IndexRefine::search(long int) const at ./faiss/IndexRefine.cpp:100: Error: '!params' failed: no params"
	if got, want := shortMessage(raw), "./faiss/IndexRefine.cpp:100: Error: '!params' failed: no params"; got != want {
		t.Errorf("shortMessage = %q, want %q", got, want)
	}
	if got := shortMessage("plain"); got != "plain" {
		t.Errorf("shortMessage(plain) = %q", got)
	}
}
