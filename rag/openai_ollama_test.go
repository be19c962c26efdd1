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

// openaiConfig is testConfig on the real Ollama's OpenAI-compatible /v1 endpoint.
func openaiConfig(model, format string) Config {
	c := testConfig(model)
	c.API, c.ResponseFormat = APIOpenAI, format
	return c
}

// The chain through langchaingo's openai provider against the real Ollama's /v1:
// the JSON schema goes as response_format json_schema, the answer is parsed and
// grounded like a native one, streamed or not.
func TestRealOllamaOpenAIEndpointGrounds(t *testing.T) {
	srv := ollamatest.Shared(t)
	c := newChain(t, srv.URL()+"/v1", openaiConfig(ollamatest.TinyModel, FormatJSONSchema))
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
				t.Fatalf("want a model answer through /v1, got a fallback: %v", a.Notices)
			}
			checkGrounded(t, a)
			if len(a.Items) != 3 || len(a.DroppedIDs) == 0 || a.DroppedIDs[0] != ollamatest.DefaultJSONValue {
				t.Fatalf("items %d, dropped %v", len(a.Items), a.DroppedIDs)
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

// A real article id written by the model through /v1 is picked, with its reason.
func TestRealOllamaOpenAIEndpointPicks(t *testing.T) {
	srv := ollamatest.Shared(t)
	r := testRetriever(t)
	res, err := r.Search(context.Background(), "white t-shirt", 5)
	if err != nil {
		t.Fatal(err)
	}
	want := res.Hits[1].Article.ArticleID
	srv.CreateTinyModelWith(t, "tiny-picks-v1", ollamatest.TinyOptions{JSONValue: want})
	c := newChain(t, srv.URL()+"/v1", openaiConfig("tiny-picks-v1", FormatJSONSchema))
	a, err := c.Recommend(context.Background(), Request{Query: "white t-shirt", Count: 2}, nil)
	if err != nil {
		t.Fatal(err)
	}
	checkGrounded(t, a)
	if a.RetrievalOnly || a.Items[0].ArticleID != want || a.Items[0].FromRetrieval {
		t.Fatalf("want %s picked first, got %+v (notices %v)", want, a.Items, a.Notices)
	}
}

// Without response_format the tiny model answers plain text: the chain degrades
// clearly to a retrieval-only answer that says the reply could not be read.
func TestRealOllamaOpenAIEndpointNoFormatDegrades(t *testing.T) {
	srv := ollamatest.Shared(t)
	c := newChain(t, srv.URL()+"/v1", openaiConfig(ollamatest.TinyModel, FormatNone))
	a, err := c.Recommend(context.Background(), Request{Query: "yellow dress"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !a.RetrievalOnly || !strings.Contains(strings.Join(a.Notices, " "), "could not be read") {
		t.Fatalf("want a retrieval-only answer saying the reply was unreadable, got %+v", a)
	}
	checkGrounded(t, a)
}

// Check lists /v1/models: the model is there, a missing one is named with what
// the server serves, a dead URL is unreachable; a pool of a dead URL and the
// real /v1 answers from the live one.
func TestRealOllamaOpenAIEndpointCheckAndFailover(t *testing.T) {
	srv := ollamatest.Shared(t)
	ok, _ := NewOpenAIModel(srv.URL()+"/v1", ollamatest.TinyModel, "", "", nil)
	if err := ok.Check(context.Background()); err != nil {
		t.Fatalf("Check: %v", err)
	}
	missing, _ := NewOpenAIModel(srv.URL()+"/v1", "no-such-model", "", "", nil)
	if err := missing.Check(context.Background()); !errors.Is(err, ErrModelNotFound) || !strings.Contains(err.Error(), "tiny") {
		t.Fatalf("Check of a missing model: %v", err)
	}
	dead := deadURL(t) + "/v1"
	d, _ := NewOpenAIModel(dead, ollamatest.TinyModel, "", "", nil)
	if err := d.Check(context.Background()); !errors.Is(err, ErrUnreachable) {
		t.Fatalf("Check of a dead URL: %v", err)
	}
	cfg := openaiConfig(ollamatest.TinyModel, FormatJSONSchema)
	cfg.URLs = []string{dead, srv.URL() + "/v1"}
	rec := &recorder{}
	p, err := NewServerPool(cfg, &http.Client{}, WithPoolObserver(rec))
	if err != nil {
		t.Fatal(err)
	}
	c, err := New(testRetriever(t), p, testPrompts(t), cfg)
	if err != nil {
		t.Fatal(err)
	}
	a, err := c.Recommend(context.Background(), Request{Query: "dark blue jacket"}, nil)
	if err != nil || a.RetrievalOnly {
		t.Fatalf("want a model answer from the live server, got %v %+v", err, a)
	}
	outcomes, _ := rec.snapshot()
	if len(outcomes) != 2 || outcomes[0] != dead+" failover" || outcomes[1] != srv.URL()+"/v1 ok" {
		t.Fatalf("outcomes %q", outcomes)
	}
}

// Two real Ollama servers: one is killed, requests keep being answered by the
// other, and health checks see it down.
func TestRealOllamaTwoServersOneKilled(t *testing.T) {
	a := ollamatest.Shared(t)
	b := ollamatest.Start(t)
	b.CreateTinyModel(t, ollamatest.TinyModel)
	cfg := testConfig(ollamatest.TinyModel)
	cfg.URLs = []string{b.URL(), a.URL()} // b first in turn
	p, err := NewServerPool(cfg, &http.Client{})
	if err != nil {
		t.Fatal(err)
	}
	c, err := New(testRetriever(t), p, testPrompts(t), cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.CheckLLM(context.Background()); err != nil || p.Health().Up != 2 {
		t.Fatalf("both up: %v %+v", err, p.Health())
	}
	b.Kill()
	for i := range 3 {
		t0 := time.Now()
		ans, err := c.Recommend(context.Background(), Request{Query: "black skirt"}, nil)
		if err != nil || ans.RetrievalOnly {
			t.Fatalf("request %d after the kill: %v %+v", i, err, ans)
		}
		t.Logf("request %d answered in %s", i, time.Since(t0).Round(time.Millisecond))
	}
	h := p.Health()
	if h.Servers[0].State != "down" || !errors.Is(h.Servers[0].Err, ErrUnreachable) || h.Servers[1].State != "up" {
		t.Fatalf("health after the kill: %+v", h)
	}
	if err := c.CheckLLM(context.Background()); err != nil {
		t.Fatalf("one server up is enough: %v", err)
	}
}
