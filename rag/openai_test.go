package rag

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/tmc/langchaingo/llms"
)

// fakeOpenAI is an OpenAI-compatible server that requires a bearer key and
// answers with status (200: a streamed completion), recording the last request body.
func fakeOpenAI(t *testing.T, key string, status *atomic.Int32, body *atomic.Value) *httptest.Server {
	t.Helper()
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Bearer "+key {
			w.WriteHeader(http.StatusUnauthorized)
			fmt.Fprint(w, `{"error":{"message":"Incorrect API key provided"}}`)
			return
		}
		if r.URL.Path == "/v1/models" {
			fmt.Fprint(w, `{"object":"list","data":[{"id":"m"}]}`)
			return
		}
		var b bytes.Buffer
		_, _ = b.ReadFrom(r.Body)
		body.Store(b.String())
		if c := int(status.Load()); c != http.StatusOK {
			w.WriteHeader(c)
			fmt.Fprint(w, `{"error":{"message":"overloaded"}}`)
			return
		}
		w.Header().Set("Content-Type", "text/event-stream")
		for _, c := range []string{`{"choices":[{"delta":{"content":"{\"intro\":"}}]}`, `{"choices":[{"delta":{"content":"\"hi\"}"},"finish_reason":"stop"}]}`} {
			fmt.Fprintf(w, "data: %s\n\n", c)
		}
		fmt.Fprint(w, "data: [DONE]\n\n")
	}))
	t.Cleanup(s.Close)
	return s
}

// The key goes as the bearer token and never into errors or logs; the schema
// becomes response_format json_schema, max_tokens is sent, Ollama's options are
// not; a refused key is ErrAuth (no failover), a 503 is ErrServerStatus (failover).
func TestOpenAIModelKeyFormatAndErrors(t *testing.T) {
	const key = "sk-very-secret"
	var status atomic.Int32
	status.Store(http.StatusOK)
	var body atomic.Value
	srv := fakeOpenAI(t, key, &status, &body)
	var logs bytes.Buffer
	cfg := DefaultConfig()
	cfg.API, cfg.Model, cfg.APIKey, cfg.URLs = APIOpenAI, "m", key, []string{srv.URL + "/v1", srv.URL + "/v1/"}
	p, err := NewServerPool(cfg, &http.Client{}, WithPoolLogger(slog.New(slog.NewTextHandler(&logs, nil))))
	if err != nil {
		t.Fatal(err)
	}
	if err := p.Check(context.Background()); err != nil {
		t.Fatal(err)
	}
	call := func() (*llms.ContentResponse, error) {
		return p.GenerateContent(context.Background(), []llms.MessageContent{llms.TextParts(llms.ChatMessageTypeHuman, "hi")},
			llms.WithMaxTokens(99), llms.WithMetadata(map[string]any{MetaFormat: answerSchema, MetaOptions: map[string]any{"num_ctx": 4096}}))
	}
	resp, err := call()
	if err != nil || resp.Choices[0].Content != `{"intro":"hi"}` {
		t.Fatalf("%v %+v", err, resp)
	}
	var sent map[string]any
	if err := json.Unmarshal([]byte(body.Load().(string)), &sent); err != nil {
		t.Fatal(err)
	}
	rf, _ := sent["response_format"].(map[string]any)
	if rf["type"] != "json_schema" || sent["max_tokens"] != float64(99) || sent["metadata"] != nil || sent["options"] != nil {
		t.Fatalf("request sent %s", body.Load())
	}
	status.Store(http.StatusServiceUnavailable)
	_, err = call()
	if !errors.Is(err, ErrNoServer) || !errors.Is(err, ErrServerStatus) {
		t.Fatalf("503 on both: %v", err)
	}
	bad := cfg
	bad.APIKey = "sk-wrong-secret"
	status.Store(http.StatusOK)
	pb, _ := NewServerPool(bad, &http.Client{})
	_, err = pb.GenerateContent(context.Background(), []llms.MessageContent{llms.TextParts(llms.ChatMessageTypeHuman, "hi")})
	var pe *PoolError
	if !errors.Is(err, ErrAuth) || errors.As(err, &pe) || !strings.Contains(err.Error(), "llm.api_key") {
		t.Fatalf("a refused key: want ErrAuth without failover, got %v", err)
	}
	if err := pb.Check(context.Background()); !errors.Is(err, ErrAuth) {
		t.Fatalf("Check with a refused key: %v", err)
	}
	for _, s := range []string{err.Error(), logs.String()} {
		if strings.Contains(s, "secret") {
			t.Fatalf("a key leaked: %s", s)
		}
	}
}
