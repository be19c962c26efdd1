package rag

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"time"

	"github.com/ollama/ollama/api"
	"github.com/tmc/langchaingo/llms"
)

// Metadata keys understood by OllamaModel in llms.CallOptions.Metadata.
const (
	MetaFormat  = "ollama.format"  // json.RawMessage: a JSON schema (or "json")
	MetaOptions = "ollama.options" // map[string]any merged into the request options (num_ctx, num_thread, ...)
)

// OllamaModel is a langchaingo llms.Model over github.com/ollama/ollama/api. Unlike
// langchaingo's own Ollama client it supports JSON-schema structured output
// (https://github.com/ollama/ollama/blob/main/docs/api.md#request-structured-outputs).
type OllamaModel struct {
	client    *api.Client
	base      *url.URL
	model     string
	keepAlive time.Duration
}

var _ llms.Model = (*OllamaModel)(nil)

// ErrModelNotFound is returned when the server does not have the model.
var ErrModelNotFound = errors.New("rag: model not found on the Ollama server")

// ErrIncomplete is returned when a reply stream ends without its final chunk.
var ErrIncomplete = errors.New("rag: incomplete reply")

// ErrUnreachable is returned when no model server answers at the URL.
var ErrUnreachable = errors.New("rag: model server unreachable")

// ErrServerStatus is returned when a model server answers with a server error
// (HTTP 5xx) or says it is overloaded (HTTP 429): another server may answer.
var ErrServerStatus = errors.New("rag: model server error")

// NewOllamaModel talks to the Ollama server at rawURL (e.g. http://127.0.0.1:11434) with hc.
func NewOllamaModel(rawURL, model string, hc *http.Client) (*OllamaModel, error) {
	u, err := url.Parse(rawURL)
	if err != nil || u.Scheme == "" || u.Host == "" {
		return nil, fmt.Errorf("rag: bad Ollama URL %q", rawURL)
	}
	if hc == nil {
		hc = &http.Client{}
	}
	// api.Client reports a streamed error body ({"error": …}) without its HTTP
	// status: a transport that notes the status tells server failures (5xx, 429)
	// from other errors.
	rec := *hc
	rec.Transport = statusTransport{base: cmp.Or[http.RoundTripper](hc.Transport, http.DefaultTransport)}
	return &OllamaModel{client: api.NewClient(u, &rec), base: u, model: model, keepAlive: 10 * time.Minute}, nil
}

// statusTransport records each response's status code in the *int a request's
// context carries under statusKey{}.
type statusTransport struct{ base http.RoundTripper }

type statusKey struct{}

func (t statusTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := t.base.RoundTrip(r)
	if p, ok := r.Context().Value(statusKey{}).(*atomic.Int32); ok && resp != nil {
		p.Store(int32(resp.StatusCode))
	}
	return resp, err
}

// Model returns the model name.
func (m *OllamaModel) Model() string { return m.model }

// URL returns the server URL (without credentials: see Redact).
func (m *OllamaModel) URL() string { return Redact(m.base.String()) }

// Check reports whether the server answers and has the model.
func (m *OllamaModel) Check(ctx context.Context) error {
	var status atomic.Int32
	if _, err := m.client.Show(context.WithValue(ctx, statusKey{}, &status), &api.ShowRequest{Model: m.model}); err != nil {
		return m.classify(err, int(status.Load()))
	}
	return nil
}

// Call implements llms.Model.
func (m *OllamaModel) Call(ctx context.Context, prompt string, options ...llms.CallOption) (string, error) {
	return llms.GenerateFromSinglePrompt(ctx, m, prompt, options...)
}

// GenerateContent implements llms.Model: one chat request, streamed to
// opts.StreamingFunc when set.
func (m *OllamaModel) GenerateContent(ctx context.Context, messages []llms.MessageContent, options ...llms.CallOption) (*llms.ContentResponse, error) {
	opts := llms.CallOptions{Model: m.model}
	for _, o := range options {
		o(&opts)
	}
	req := &api.ChatRequest{Model: opts.Model, Options: map[string]any{}}
	ka := api.Duration{Duration: m.keepAlive}
	req.KeepAlive = &ka
	for _, mc := range messages {
		var text strings.Builder
		for _, p := range mc.Parts {
			if tc, ok := p.(llms.TextContent); ok {
				text.WriteString(tc.Text)
			}
		}
		req.Messages = append(req.Messages, api.Message{Role: role(mc.Role), Content: text.String()})
	}
	if opts.Temperature > 0 {
		req.Options["temperature"] = opts.Temperature
	}
	if opts.MaxTokens > 0 {
		req.Options["num_predict"] = opts.MaxTokens
	}
	if opts.Seed != 0 {
		req.Options["seed"] = opts.Seed
	}
	if len(opts.StopWords) > 0 {
		req.Options["stop"] = opts.StopWords
	}
	if f, ok := opts.Metadata[MetaFormat].(json.RawMessage); ok {
		req.Format = f
	} else if opts.JSONMode {
		req.Format = json.RawMessage(`"json"`)
	}
	if extra, ok := opts.Metadata[MetaOptions].(map[string]any); ok {
		for k, v := range extra {
			req.Options[k] = v
		}
	}
	stream := opts.StreamingFunc != nil
	req.Stream = &stream
	var out strings.Builder
	var last api.ChatResponse
	var status atomic.Int32
	err := m.client.Chat(context.WithValue(ctx, statusKey{}, &status), req, func(r api.ChatResponse) error {
		out.WriteString(r.Message.Content)
		if stream && r.Message.Content != "" {
			if err := opts.StreamingFunc(ctx, []byte(r.Message.Content)); err != nil {
				return err
			}
		}
		last = r
		return nil
	})
	if err != nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("rag: generate: %w", ctx.Err())
		}
		return nil, m.classify(err, int(status.Load()))
	}
	// api.Client.Chat (0.6.5) returns nil when the stream breaks: a reply without
	// its final done chunk is a failure, not an answer.
	if !last.Done {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("rag: generate: %w", ctx.Err())
		}
		return nil, fmt.Errorf("%w: the reply ended before it was done (server died or cut the stream)", ErrIncomplete)
	}
	return &llms.ContentResponse{Choices: []*llms.ContentChoice{{
		Content:    out.String(),
		StopReason: last.DoneReason,
		GenerationInfo: map[string]any{
			"PromptTokens": last.PromptEvalCount, "CompletionTokens": last.EvalCount,
			"TotalDuration": last.TotalDuration, "LoadDuration": last.LoadDuration, "EvalDuration": last.EvalDuration,
		},
	}}}, nil
}

// classify turns an api.Client error into the typed errors; status is the
// HTTP status of the response (0: none).
func (m *OllamaModel) classify(err error, status int) error {
	var se api.StatusError
	if errors.As(err, &se) {
		status = se.StatusCode
	}
	if status == http.StatusNotFound || strings.Contains(err.Error(), "not found, try pulling it") {
		return fmt.Errorf("%w: %q on %s (run `ollama pull %s` there, or set llm.model)", ErrModelNotFound, m.model, Redact(m.base.String()), m.model)
	}
	if status >= 500 || status == http.StatusTooManyRequests {
		return fmt.Errorf("%w: HTTP %d from %s: %v", ErrServerStatus, status, Redact(m.base.String()), err)
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		return fmt.Errorf("%w at %s: %v", ErrUnreachable, Redact(m.base.String()), ue.Err)
	}
	return fmt.Errorf("rag: ollama: %w", err)
}

func role(r llms.ChatMessageType) string {
	switch r {
	case llms.ChatMessageTypeSystem:
		return "system"
	case llms.ChatMessageTypeAI:
		return "assistant"
	case llms.ChatMessageTypeTool:
		return "tool"
	}
	return "user"
}
