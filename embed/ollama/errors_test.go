package ollamaembed

import (
	"context"
	"errors"
	"math"
	"net"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ollama/ollama/api"
)

func fakeConfig(url string) Config {
	cfg := DefaultConfig()
	cfg.URL, cfg.Model, cfg.BatchSize = url, "fake-embed", 2
	return cfg
}

func TestNewModelNotListed(t *testing.T) {
	srv := newFake(t, &fakeOllama{model: "other-model"})
	_, err := New(context.Background(), fakeConfig(srv.URL))
	var nf *ModelNotFoundError
	if !errors.As(err, &nf) || !errors.Is(err, ErrModelNotFound) {
		t.Fatalf("err = %v, want *ModelNotFoundError", err)
	}
	for _, want := range []string{`"fake-embed"`, "ollama pull fake-embed", srv.URL} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %q", err, want)
		}
	}
}

func TestEmbedErrors(t *testing.T) {
	var broken atomic.Bool // flips the fake into its failure mode after New succeeded
	tests := []struct {
		name  string
		embed func(w http.ResponseWriter, r *http.Request, req api.EmbedRequest)
		check func(t *testing.T, err error)
	}{
		{"404 model not found", func(w http.ResponseWriter, _ *http.Request, req api.EmbedRequest) {
			writeJSON(w, http.StatusNotFound, map[string]string{"error": "model '" + req.Model + "' not found"})
		}, func(t *testing.T, err error) {
			if !errors.Is(err, ErrModelNotFound) || !strings.Contains(err.Error(), "ollama pull fake-embed") {
				t.Errorf("err = %v", err)
			}
		}},
		{"500 server error", func(w http.ResponseWriter, _ *http.Request, _ api.EmbedRequest) {
			writeJSON(w, http.StatusInternalServerError, map[string]string{"error": "llama runner process has terminated"})
		}, func(t *testing.T, err error) {
			var se api.StatusError
			if !errors.As(err, &se) || se.StatusCode != 500 || !strings.Contains(err.Error(), "runner process has terminated") {
				t.Errorf("err = %v, want the wrapped 500", err)
			}
			if errors.Is(err, ErrUnreachable) || errors.Is(err, ErrModelNotFound) {
				t.Errorf("500 misclassified: %v", err)
			}
		}},
		{"slow server times out", func(w http.ResponseWriter, r *http.Request, _ api.EmbedRequest) {
			select {
			case <-r.Context().Done():
			case <-time.After(10 * time.Second):
			}
		}, func(t *testing.T, err error) {
			if !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), "within 200ms") {
				t.Errorf("err = %v, want a timeout naming the limit", err)
			}
		}},
		{"dimension changes", func(w http.ResponseWriter, _ *http.Request, req api.EmbedRequest) {
			vecs := make([][]float32, len(inputs(req)))
			for i := range vecs {
				vecs[i] = []float32{1, 2, 3, 4}
			}
			writeJSON(w, http.StatusOK, api.EmbedResponse{Embeddings: vecs})
		}, func(t *testing.T, err error) {
			var de *DimensionError
			if !errors.As(err, &de) || de.Want != 3 || de.Got != 4 || !errors.Is(err, ErrDimensionMismatch) {
				t.Errorf("err = %v, want DimensionError 3 vs 4", err)
			}
		}},
		{"too few embeddings", func(w http.ResponseWriter, _ *http.Request, _ api.EmbedRequest) {
			writeJSON(w, http.StatusOK, api.EmbedResponse{Embeddings: [][]float32{{1, 0, 0}}})
		}, func(t *testing.T, err error) {
			if err == nil || !strings.Contains(err.Error(), "1 embeddings for 2 texts") {
				t.Errorf("err = %v", err)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			broken.Store(false)
			f := &fakeOllama{model: "fake-embed"}
			f.embed = func(w http.ResponseWriter, r *http.Request, req api.EmbedRequest) {
				if !broken.Load() {
					writeJSON(w, http.StatusOK, api.EmbedResponse{Embeddings: [][]float32{{1, 1, 1}}})
					return
				}
				tt.embed(w, r, req)
			}
			cfg := fakeConfig(newFake(t, f).URL)
			cfg.Timeout = 200 * time.Millisecond
			e, err := New(context.Background(), cfg)
			if err != nil {
				t.Fatal(err)
			}
			broken.Store(true)
			_, err = e.EmbedDocuments(context.Background(), []string{"a", "b"})
			tt.check(t, err)
		})
	}
}

func TestUnreachable(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	url := "http://" + ln.Addr().String()
	ln.Close() // nothing listens there now
	_, err = New(context.Background(), fakeConfig(url))
	var ue *UnreachableError
	if !errors.As(err, &ue) || !errors.Is(err, ErrUnreachable) || !strings.Contains(err.Error(), url) {
		t.Fatalf("err = %v, want *UnreachableError naming %s", err, url)
	}
}

func TestEmbedDocumentsBatchesAndNormalises(t *testing.T) {
	f := &fakeOllama{model: "fake-embed"}
	cfg := fakeConfig(newFake(t, f).URL)
	cfg.KeepAlive, cfg.Truncate = 3*time.Minute, false
	var progress [][2]int
	e, err := New(context.Background(), cfg, WithProgress(func(done, total int) { progress = append(progress, [2]int{done, total}) }))
	if err != nil {
		t.Fatal(err)
	}
	if e.ID() != "ollama/fake-embed:latest@0123456789ab" || e.Dim() != 3 {
		t.Errorf("ID %q, Dim %d", e.ID(), e.Dim())
	}
	texts := []string{"a", "bb", "ccc", "dddd", "eeeee"}
	vecs, err := e.EmbedDocuments(context.Background(), texts)
	if err != nil {
		t.Fatal(err)
	}
	for i, v := range vecs {
		n := float64(len(texts[i]))
		want := []float64{n / math.Sqrt(n*n+1), 1 / math.Sqrt(n*n+1), 0}
		for d := range want {
			if math.Abs(float64(v[d])-want[d]) > 1e-6 {
				t.Fatalf("vector %d = %v, want %v (in order, normalised)", i, v, want)
			}
		}
	}
	reqs := f.requests()[1:] // after the probe
	var sizes []int
	for _, r := range reqs {
		sizes = append(sizes, len(inputs(r)))
		if r.Truncate == nil || *r.Truncate || r.KeepAlive == nil || r.KeepAlive.Duration != 3*time.Minute {
			t.Errorf("request options: truncate %v, keep_alive %v", r.Truncate, r.KeepAlive)
		}
	}
	if !equalInts(sizes, []int{2, 2, 1}) {
		t.Errorf("batch sizes %v, want [2 2 1]", sizes)
	}
	if want := [][2]int{{2, 5}, {4, 5}, {5, 5}}; len(progress) != 3 || progress[0] != want[0] || progress[1] != want[1] || progress[2] != want[2] {
		t.Errorf("progress %v, want %v", progress, want)
	}
	if err := e.CheckDim(3); err != nil {
		t.Error(err)
	}
	if err := e.CheckDim(768); !errors.Is(err, ErrDimensionMismatch) {
		t.Errorf("CheckDim(768) = %v", err)
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
