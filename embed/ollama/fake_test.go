package ollamaembed

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/ollama/ollama/api"
)

// fakeOllama is an httptest stand-in for error paths a real server will not produce on demand.
type fakeOllama struct {
	t     *testing.T
	model string // listed as "<model>:latest"
	// embed answers /api/embed; nil means "one vector [len(text), 1, 0] per input".
	embed func(w http.ResponseWriter, r *http.Request, req api.EmbedRequest)

	mu   sync.Mutex
	reqs []api.EmbedRequest
}

func newFake(t *testing.T, f *fakeOllama) *httptest.Server {
	f.t = t
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	return srv
}

func (f *fakeOllama) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch r.URL.Path {
	case "/api/tags":
		writeJSON(w, http.StatusOK, api.ListResponse{Models: []api.ListModelResponse{
			{Name: f.model + ":latest", Model: f.model + ":latest", Digest: "0123456789abcdef0123456789abcdef"},
		}})
	case "/api/embed":
		var req api.EmbedRequest
		if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
			f.t.Errorf("fake: bad embed request: %v", err)
		}
		f.mu.Lock()
		f.reqs = append(f.reqs, req)
		f.mu.Unlock()
		if f.embed != nil {
			f.embed(w, r, req)
			return
		}
		var vecs [][]float32
		for _, in := range inputs(req) {
			vecs = append(vecs, []float32{float32(len(in)), 1, 0})
		}
		writeJSON(w, http.StatusOK, api.EmbedResponse{Model: req.Model, Embeddings: vecs})
	default:
		http.NotFound(w, r)
	}
}

// requests returns the embed requests seen so far.
func (f *fakeOllama) requests() []api.EmbedRequest {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]api.EmbedRequest(nil), f.reqs...)
}

func inputs(req api.EmbedRequest) []string {
	var out []string
	switch in := req.Input.(type) {
	case string:
		out = append(out, in)
	case []any:
		for _, s := range in {
			out = append(out, s.(string))
		}
	}
	return out
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}
