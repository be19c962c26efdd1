package rag

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// fakeOllama is an httptest server speaking the parts of Ollama's API a pool
// uses (/api/chat streamed as NDJSON, /api/show), misbehaving on demand.
type fakeOllama struct {
	*httptest.Server
	mode  atomic.Value  // string: see the mode constants
	delay time.Duration // before the first chunk in modeSlow
	chats atomic.Int32  // /api/chat requests received
	gate  chan struct{} // modeGate: the reply waits until it is closed
	mu    sync.Mutex
	held  int // modeGate requests waiting
}

const (
	modeOK      = "ok"      // streams "hello" " world", then done
	mode500     = "500"     // HTTP 500 on everything
	modeSlow    = "slow"    // waits delay (or the client giving up) before answering
	modeCut     = "cut"     // streams one chunk, then closes without the final chunk
	modeNoModel = "nomodel" // 404 model not found
	modeGate    = "gate"    // holds the request until gate closes, then answers
	modeHang    = "hang"    // never answers anything (until the client gives up)
)

func newFakeOllama(t testing.TB, mode string) *fakeOllama {
	t.Helper()
	f := &fakeOllama{gate: make(chan struct{})}
	f.mode.Store(mode)
	f.Server = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.Close)
	return f
}

func (f *fakeOllama) setMode(m string) { f.mode.Store(m) }

func (f *fakeOllama) serve(w http.ResponseWriter, r *http.Request) {
	mode := f.mode.Load().(string)
	if r.URL.Path == "/api/chat" {
		f.chats.Add(1)
	}
	switch mode {
	case modeHang:
		_, _ = io.Copy(io.Discard, r.Body) // the server notices the client leaving only once the body is read
		<-r.Context().Done()
		return
	case mode500:
		http.Error(w, `{"error":"llama runner process has terminated"}`, http.StatusInternalServerError)
		return
	case modeNoModel:
		w.WriteHeader(http.StatusNotFound)
		fmt.Fprint(w, `{"error":"model 'm' not found, try pulling it first"}`)
		return
	}
	if r.URL.Path == "/api/show" {
		fmt.Fprint(w, `{"modelfile":"FROM m"}`)
		return
	}
	if r.URL.Path != "/api/chat" {
		http.NotFound(w, r)
		return
	}
	var req struct {
		Model string `json:"model"`
	}
	_ = json.NewDecoder(r.Body).Decode(&req)
	switch mode {
	case modeSlow:
		select {
		case <-time.After(f.delay):
		case <-r.Context().Done():
			return
		}
	case modeGate:
		f.mu.Lock()
		f.held++
		f.mu.Unlock()
		select {
		case <-f.gate:
		case <-r.Context().Done():
			return
		}
	}
	w.Header().Set("Content-Type", "application/x-ndjson")
	chunk := func(content string, done bool) {
		b, _ := json.Marshal(map[string]any{"model": req.Model, "message": map[string]string{"role": "assistant", "content": content},
			"done": done, "done_reason": map[bool]string{true: "stop"}[done]})
		w.Write(append(b, '\n'))
		w.(http.Flusher).Flush()
	}
	chunk("hello", false)
	if mode == modeCut {
		return
	}
	chunk(" world", false)
	chunk("", true)
}

// heldRequests returns how many modeGate requests are waiting.
func (f *fakeOllama) heldRequests() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.held
}

// deadURL is a URL where nothing listens (connection refused).
func deadURL(t testing.TB) string {
	t.Helper()
	s := httptest.NewServer(http.NotFoundHandler())
	u := s.URL
	s.Close()
	return u
}

// recorder is a PoolObserver that remembers everything.
type recorder struct {
	mu       sync.Mutex
	outcomes []string // "server outcome"
	health   []string // "server up|down"
	maxIn    map[string]int
}

func (r *recorder) ServerRequest(server, outcome string, _ time.Duration) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.outcomes = append(r.outcomes, server+" "+outcome)
}

func (r *recorder) ServerInFlight(server string, n int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.maxIn == nil {
		r.maxIn = map[string]int{}
	}
	r.maxIn[server] = max(r.maxIn[server], n)
}

func (r *recorder) ServerHealth(server string, up bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.health = append(r.health, server+" "+map[bool]string{true: "up", false: "down"}[up])
}

func (r *recorder) snapshot() (outcomes, health []string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.outcomes...), append([]string(nil), r.health...)
}

// testPool builds a pool of Ollama backends over urls.
func testPool(t testing.TB, firstToken time.Duration, obs PoolObserver, urls ...string) *Pool {
	t.Helper()
	cfg := DefaultConfig()
	cfg.Model = "m"
	cfg.URLs = urls
	cfg.FirstTokenTimeout = firstToken
	p, err := NewServerPool(cfg, &http.Client{}, WithPoolObserver(obs))
	if err != nil {
		t.Fatal(err)
	}
	return p
}
