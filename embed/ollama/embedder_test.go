package ollamaembed

import (
	"context"
	"errors"
	"math"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stylistbot/stylist/internal/ollamatest"
)

// embedder is the method set the index package expects of every embedder.
type embedder interface {
	ID() string
	Dim() int
	EmbedDocuments(ctx context.Context, texts []string) ([][]float32, error)
	EmbedQuery(ctx context.Context, text string) ([]float32, error)
}

var _ embedder = (*Embedder)(nil)

func tinyConfig(t *testing.T) Config {
	cfg := DefaultConfig()
	cfg.URL, cfg.Model, cfg.BatchSize = ollamatest.Shared(t).URL(), ollamatest.TinyModel, 2
	return cfg
}

func ctx(t *testing.T) context.Context {
	c, cancel := context.WithTimeout(context.Background(), time.Minute)
	t.Cleanup(cancel)
	return c
}

func TestRealServerIDAndDim(t *testing.T) {
	e, err := New(ctx(t), tinyConfig(t))
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`^ollama/tiny:latest@[0-9a-f]{12}$`).MatchString(e.ID()) {
		t.Errorf("ID %q", e.ID())
	}
	if e.Dim() != ollamatest.EmbeddingDim {
		t.Errorf("Dim %d, want %d", e.Dim(), ollamatest.EmbeddingDim)
	}
	// The same model spelled differently is the same vector space.
	cfg := tinyConfig(t)
	cfg.Model = "TINY:latest"
	e2, err := New(ctx(t), cfg)
	if err != nil || e2.ID() != e.ID() {
		t.Errorf("TINY:latest: ID %v, err %v; want %q", e2, err, e.ID())
	}
}

func TestRealServerBatchesMatchSingleQueries(t *testing.T) {
	var calls int
	e, err := New(ctx(t), tinyConfig(t), WithProgress(func(done, total int) { calls++ }))
	if err != nil {
		t.Fatal(err)
	}
	texts := []string{"black summer dress", "white cotton shirt", "denim jacket", "", "black summer dress"}
	docs, err := e.EmbedDocuments(ctx(t), texts)
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != len(texts) || calls != 3 {
		t.Fatalf("%d vectors, %d progress calls; want %d and 3", len(docs), calls, len(texts))
	}
	for i, text := range texts {
		q, err := e.EmbedQuery(ctx(t), text)
		if err != nil {
			t.Fatal(err)
		}
		if cos := dot(q, docs[i]); math.Abs(cos-1) > 1e-5 {
			t.Errorf("text %d: batched and single vectors differ (cosine %f)", i, cos)
		}
		if n := dot(q, q); math.Abs(n-1) > 1e-5 {
			t.Errorf("text %d: squared norm %f", i, n)
		}
	}
	if !slices.Equal(docs[0], docs[4]) {
		t.Error("identical texts give different vectors")
	}
	if cos := dot(docs[0], docs[1]); cos > 0.99 {
		t.Errorf("different texts nearly identical: cosine %f", cos)
	}
}

func TestRealServerModelNotFound(t *testing.T) {
	cfg := tinyConfig(t)
	cfg.Model = "nomic-embed-text"
	_, err := New(ctx(t), cfg)
	if !errors.Is(err, ErrModelNotFound) || !strings.Contains(err.Error(), "ollama pull nomic-embed-text") {
		t.Fatalf("err = %v", err)
	}
}

func TestRealServerTruncate(t *testing.T) {
	long := strings.Repeat("x", 3000) // ~3000 tokens, more than the 1024-token context
	cfg := tinyConfig(t)
	for _, truncate := range []bool{true, false} {
		cfg.Truncate = truncate
		e, err := New(ctx(t), cfg)
		if err != nil {
			t.Fatal(err)
		}
		_, err = e.EmbedQuery(ctx(t), long)
		switch {
		case truncate && err != nil:
			t.Errorf("truncate: %v", err)
		case !truncate && (err == nil || !strings.Contains(err.Error(), "context length")):
			t.Errorf("no truncate: err = %v, want a context length error", err)
		}
	}
}

func dot(a, b []float32) float64 {
	var s float64
	for i := range a {
		s += float64(a[i]) * float64(b[i])
	}
	return s
}
