package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stylistbot/stylist/configs"
	"github.com/stylistbot/stylist/internal/ollamatest"
	"github.com/stylistbot/stylist/rag"
)

// deadModelURL is a loopback URL where nothing listens.
func deadModelURL(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	u := "http://" + ln.Addr().String()
	ln.Close()
	return u
}

// `ask` over llm.urls with a dead server first and the real Ollama second, and
// over the real Ollama's OpenAI-compatible /v1: both answered by the model.
func TestAskModelServerPool(t *testing.T) {
	srv := ollamatest.Shared(t)
	t.Setenv("STYLIST_LLM__URL", "")
	t.Setenv("STYLIST_LLM__NUM_CTX", "1024")
	t.Setenv("STYLIST_LLM__NUM_PREDICT", "256")
	for _, tc := range []struct{ name, api, urls string }{
		{"ollama", "ollama", deadModelURL(t) + "," + srv.URL()},
		{"openai /v1", "openai", deadModelURL(t) + "/v1," + srv.URL() + "/v1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv("STYLIST_LLM__URLS", tc.urls)
			t.Setenv("STYLIST_LLM__API", tc.api)
			out, stderr, err := run(t, "", "ask", "--json", "--model", ollamatest.TinyModel, "--count", "2", "a black sweater")
			if err != nil {
				t.Fatalf("%v\n%s", err, stderr)
			}
			var ans rag.Answer
			if err := json.Unmarshal([]byte(out), &ans); err != nil {
				t.Fatalf("%v: %s", err, out)
			}
			if ans.RetrievalOnly || ans.Model != ollamatest.TinyModel || len(ans.Items) != 2 {
				t.Fatalf("want a model answer with 2 items: %+v\n%s", ans, stderr)
			}
		})
	}
}

// serve with two model servers, one dead: /readyz is ready but degraded and
// names the dead one; /metrics has the per-server series.
func TestServeModelServerPool(t *testing.T) {
	srv := ollamatest.Shared(t)
	dead := deadModelURL(t)
	t.Setenv("STYLIST_LLM__URL", "")
	dir := t.TempDir()
	file := filepath.Join(dir, "stylist.yaml")
	yaml := fmt.Sprintf("llm:\n  urls: [%q, %q]\n  model: %s\n  health_interval: 200ms\nstore:\n  path: %q\n", dead, srv.URL(), ollamatest.TinyModel, filepath.Join(dir, "state.db"))
	if err := os.WriteFile(file, []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	addr, cancel, done := startServe(t, "--config", file)
	get := func(path string) string {
		for deadline := time.Now().Add(60 * time.Second); ; time.Sleep(100 * time.Millisecond) {
			resp, err := http.Get("http://" + addr + path)
			if err == nil {
				b, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				if resp.StatusCode != http.StatusOK {
					t.Fatalf("%s: %d %s", path, resp.StatusCode, b)
				}
				return string(b)
			}
			if time.Now().After(deadline) {
				t.Fatalf("%s: %v", path, err)
			}
		}
	}
	body := get("/readyz")
	for deadline := time.Now().Add(30 * time.Second); !strings.Contains(body, "llm: degraded: 1 of 2 model servers up") && time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		body = get("/readyz")
	}
	if !strings.HasPrefix(body, "ready, degraded") || !strings.Contains(body, "1 of 2 model servers up") || !strings.Contains(body, dead) {
		t.Fatalf("/readyz with one of two model servers dead: %q", body)
	}
	metrics := get("/metrics")
	for _, want := range []string{
		fmt.Sprintf("stylist_llm_server_up{server=%q} 0", dead),
		fmt.Sprintf("stylist_llm_server_up{server=%q} 1", srv.URL()),
		fmt.Sprintf("stylist_llm_server_in_flight{server=%q} 0", srv.URL()),
		fmt.Sprintf("stylist_llm_server_requests_total{outcome=\"failover\",server=%q} 0", dead),
		fmt.Sprintf("stylist_llm_server_request_duration_seconds_count{server=%q} 0", srv.URL()),
	} {
		if !strings.Contains(metrics, want) {
			t.Errorf("/metrics lacks %q", want)
		}
	}
	stopServe(t, cancel, done)
}

// A reload changes the model servers live: a server is added to the pool and
// answers; the key is not a restart key.
func TestReloadModelServers(t *testing.T) {
	srv := ollamatest.Shared(t)
	store := filepath.Join(t.TempDir(), "state.db")
	a, rt, _ := newTestRuntime(t, fmt.Sprintf("store:\n  path: %s\nllm:\n  model: %s\n  num_ctx: 1024\n  num_predict: 256\n", store, ollamatest.TinyModel))
	dead := rt.pool.Servers()[0]
	if ans, err := rt.chain.Recommend(context.Background(), rag.Request{Query: "a black sweater"}, nil); err != nil || !ans.RetrievalOnly {
		t.Fatalf("only a dead server: want a retrieval-only answer, got %v %+v", err, ans)
	}
	old := rt.state.watcher.Current()
	next := *old
	next.LLM.URL, next.LLM.URLs = "", []string{dead, srv.URL()}
	d := configs.Compare(old, &next)
	if d.NeedsRestart() {
		t.Fatalf("llm.urls must reload live: %+v", d)
	}
	if err := a.applyConfig(rt, old, &next, d); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(rt.pool.Servers(), ","); got != dead+","+srv.URL() {
		t.Fatalf("pool after reload: %s", got)
	}
	if h := rt.pool.Health(); h.Servers[0].State != "down" {
		t.Fatalf("the unchanged server kept its state: %+v", h)
	}
	ans, err := rt.chain.Recommend(context.Background(), rag.Request{Query: "a black sweater"}, nil)
	if err != nil || ans.RetrievalOnly {
		t.Fatalf("after adding a live server: want a model answer, got %v %+v", err, ans)
	}
}
