package faiss

import (
	"errors"
	"strings"
	"testing"
)

func TestSetEfConstruction(t *testing.T) {
	x, err := New(16, "HNSW32", InnerProduct)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	if err := x.SetEfConstruction(0); !errors.Is(err, ErrArg) {
		t.Fatalf("efConstruction 0: %v", err)
	}
	if err := x.SetEfConstruction(123); err != nil {
		t.Fatal(err)
	}
	if d := x.Describe(); !strings.Contains(d, "efConstruction=123") {
		t.Fatalf("describe: %s", d)
	}
	flat, err := New(16, "Flat", InnerProduct)
	if err != nil {
		t.Fatal(err)
	}
	defer flat.Close()
	if err := flat.SetEfConstruction(100); err != nil {
		t.Fatalf("no-op for non-HNSW indexes: %v", err)
	}
	x.Close()
	if err := x.SetEfConstruction(10); !errors.Is(err, ErrClosed) {
		t.Fatalf("closed: %v", err)
	}
}
