package rag

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stylistbot/stylist/internal/ollamatest"
)

// newChain builds a chain whose model is a pool of one server at url (cfg.API's protocol).
func newChain(t *testing.T, url string, cfg Config) *Chain {
	t.Helper()
	cfg.URL = url
	m, err := NewServerPool(cfg, &http.Client{})
	if err != nil {
		t.Fatal(err)
	}
	c, err := New(testRetriever(t), m, testPrompts(t), cfg)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// The tiny model writes "ok" into every JSON string, so every id it returns is
// invented: grounding must drop it and fill from retrieval.
func TestRealOllamaGroundsInventedIDs(t *testing.T) {
	srv := ollamatest.Shared(t)
	c := newChain(t, srv.URL(), testConfig(ollamatest.TinyModel))
	for _, stream := range []bool{false, true} {
		t.Run(map[bool]string{false: "non-streaming", true: "streaming"}[stream], func(t *testing.T) {
			var mu sync.Mutex
			var chunks []string
			var sf StreamFunc
			if stream {
				sf = func(_ context.Context, s string) error {
					mu.Lock()
					chunks = append(chunks, s)
					mu.Unlock()
					return nil
				}
			}
			a, err := c.Recommend(context.Background(), Request{Query: "a black sweater for men"}, sf)
			if err != nil {
				t.Fatal(err)
			}
			if a.RetrievalOnly {
				t.Fatalf("the model answered valid JSON; want a model answer, got fallback: %v", a.Notices)
			}
			checkGrounded(t, a)
			if len(a.Items) != 3 {
				t.Fatalf("count: got %d items, want 3", len(a.Items))
			}
			if len(a.DroppedIDs) == 0 || a.DroppedIDs[0] != ollamatest.DefaultJSONValue {
				t.Fatalf("invented id not reported as dropped: %v", a.DroppedIDs)
			}
			// The catalog has one black men's sweater: it leads, and the fill stays with sweaters.
			if a.Items[0].ColourGroupName != "Black" || a.Items[0].IndexGroupName != "Menswear" {
				t.Fatalf("fill must follow retrieval order (the black men's sweater first): %+v", a.Items[0])
			}
			for _, it := range a.Items {
				if !it.FromRetrieval || it.ProductTypeName != "Sweater" {
					t.Fatalf("fill must follow retrieval order (sweaters): %+v", it)
				}
			}
			if a.Intro != ollamatest.DefaultJSONValue || a.Model != ollamatest.TinyModel {
				t.Fatalf("intro/model from the model: %q %q", a.Intro, a.Model)
			}
			if stream && (len(chunks) < 2 || chunks[0] != "ok\n") {
				t.Fatalf("streamed text parts: %q", chunks)
			}
		})
	}
}

// A model whose JSON strings are a real retrieved article id gets that item picked.
func TestRealOllamaPicksRetrievedID(t *testing.T) {
	srv := ollamatest.Shared(t)
	r := testRetriever(t)
	res, err := r.Search(context.Background(), "white t-shirt", 5)
	if err != nil {
		t.Fatal(err)
	}
	want := res.Hits[1].Article.ArticleID // not the first, so picking is visible
	srv.CreateTinyModelWith(t, "tiny-picks", ollamatest.TinyOptions{JSONValue: want})
	c := newChain(t, srv.URL(), testConfig("tiny-picks"))
	a, err := c.Recommend(context.Background(), Request{Query: "white t-shirt", Count: 2}, nil)
	if err != nil {
		t.Fatal(err)
	}
	checkGrounded(t, a)
	if len(a.Items) != 2 || a.Items[0].ArticleID != want || a.Items[0].FromRetrieval || a.Items[0].Reason != want {
		t.Fatalf("want %s picked first with the model's reason, got %+v", want, a.Items)
	}
	if !a.Items[1].FromRetrieval || len(a.DroppedIDs) != 0 {
		t.Fatalf("second item must be filled from retrieval and nothing dropped: %+v %v", a.Items[1], a.DroppedIDs)
	}
}

func TestRealOllamaTimeoutFallsBack(t *testing.T) {
	srv := ollamatest.Shared(t)
	cfg := testConfig(ollamatest.EndlessModel)
	cfg.NumPredict = 900
	cfg.Timeout = 300 * time.Millisecond
	c := newChain(t, srv.URL(), cfg)
	t0 := time.Now()
	a, err := c.Recommend(context.Background(), Request{Query: "yellow dress"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if el := time.Since(t0); el > 10*time.Second {
		t.Fatalf("fallback took %s", el)
	}
	if !a.RetrievalOnly || !strings.Contains(strings.Join(a.Notices, " "), "did not answer within 300ms") {
		t.Fatalf("want a retrieval-only answer naming the timeout, got %+v", a)
	}
	checkGrounded(t, a)
	for _, it := range a.Items {
		if it.ProductTypeName != "Dress" {
			t.Fatalf("fallback items must still match the request: %+v", it)
		}
	}
}

func TestRealOllamaModelMissingFallsBack(t *testing.T) {
	srv := ollamatest.Shared(t)
	c := newChain(t, srv.URL(), testConfig("no-such-model"))
	a, err := c.Recommend(context.Background(), Request{Query: "dark blue jacket"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !a.RetrievalOnly || !strings.Contains(strings.Join(a.Notices, " "), "not installed") {
		t.Fatalf("want retrieval-only naming the missing model, got %v", a.Notices)
	}
	checkGrounded(t, a)
	m, _ := NewOllamaModel(srv.URL(), "no-such-model", nil)
	if err := m.Check(context.Background()); !errors.Is(err, ErrModelNotFound) || !strings.Contains(err.Error(), "ollama pull no-such-model") {
		t.Fatalf("Check: %v", err)
	}
}

// Killing the server mid-generation must fall back, not hang or fail the request.
func TestRealOllamaServerKilledMidRequest(t *testing.T) {
	srv := ollamatest.Start(t)
	srv.CreateTinyModelWith(t, "endless", ollamatest.TinyOptions{Endless: true})
	cfg := testConfig("endless")
	cfg.NumPredict = 900
	cfg.Timeout = time.Minute
	c := newChain(t, srv.URL(), cfg)
	var once sync.Once
	started := make(chan struct{})
	sf := func(context.Context, string) error { once.Do(func() { close(started) }); return nil }
	go func() {
		select {
		case <-started:
		case <-time.After(20 * time.Second):
		}
		srv.Kill()
	}()
	done := make(chan struct{})
	var a *Answer
	var err error
	go func() { a, err = c.Recommend(context.Background(), Request{Query: "black skirt"}, sf); close(done) }()
	select {
	case <-done:
	case <-time.After(45 * time.Second):
		t.Fatal("Recommend hung after the server died")
	}
	if err != nil {
		t.Fatal(err)
	}
	if !a.RetrievalOnly {
		t.Fatalf("want a retrieval-only answer after the server died, got %+v", a)
	}
	checkGrounded(t, a)
	m, _ := NewOllamaModel(srv.URL(), "endless", nil)
	if err := m.Check(context.Background()); !errors.Is(err, ErrUnreachable) {
		t.Fatalf("Check on a dead server: %v", err)
	}
}

func TestCallerCancelReturnsError(t *testing.T) {
	srv := ollamatest.Shared(t)
	cfg := testConfig(ollamatest.EndlessModel)
	cfg.NumPredict = 900
	c := newChain(t, srv.URL(), cfg)
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	if _, err := c.Recommend(ctx, Request{Query: "black dress"}, nil); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("a caller that gave up gets its context error, got %v", err)
	}
}
