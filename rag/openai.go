package rag

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/tmc/langchaingo/llms"
	"github.com/tmc/langchaingo/llms/openai"
)

// How an OpenAI-compatible server is asked for JSON (llm.response_format).
const (
	FormatJSONSchema = "json_schema" // response_format json_schema with the answer's schema (vLLM, llama.cpp, Ollama, LiteLLM, OpenAI)
	FormatJSONObject = "json_object" // response_format json_object: valid JSON, shape only from the prompt
	FormatNone       = "none"        // no response_format: the prompt alone asks for JSON
)

// ErrAuth is returned when an OpenAI-compatible server refuses the API key.
var ErrAuth = errors.New("rag: model server refused the API key")

// OpenAIModel is a langchaingo llms.Model for an OpenAI-compatible chat
// completions server (vLLM, llama.cpp's server, TGI, a LiteLLM gateway,
// Ollama's /v1), through langchaingo's openai provider. It maps the chain's
// structured-output request (MetaFormat) to the server's response_format
// according to its format (FormatJSONSchema, FormatJSONObject, FormatNone),
// sends max_tokens (which every such server knows), and ignores MetaOptions
// (num_ctx and num_thread are the server's own settings there).
type OpenAIModel struct {
	base   string // e.g. http://vllm:8000/v1
	model  string
	key    string
	format string
	hc     *http.Client
	mu     sync.Mutex
	byFmt  map[string]*openai.LLM // one client per response format (langchaingo sets it per client)
}

var _ Backend = (*OpenAIModel)(nil)

// NewOpenAIModel talks to the OpenAI-compatible API at baseURL (including its
// version path, e.g. http://127.0.0.1:8000/v1) with hc, sending key as the
// bearer token ("" sends a placeholder: local servers need none).
func NewOpenAIModel(baseURL, model, key, format string, hc *http.Client) (*OpenAIModel, error) {
	u, err := url.Parse(baseURL)
	if err != nil || u.Scheme == "" || u.Host == "" {
		return nil, fmt.Errorf("rag: bad OpenAI-compatible URL %q", Redact(baseURL))
	}
	if hc == nil {
		hc = &http.Client{}
	}
	return &OpenAIModel{base: strings.TrimRight(baseURL, "/"), model: model, key: cmp.Or(key, "none"), format: cmp.Or(format, FormatJSONSchema),
		hc: hc, byFmt: map[string]*openai.LLM{}}, nil
}

// URL returns the server URL without credentials.
func (m *OpenAIModel) URL() string { return Redact(m.base) }

// Model returns the model name.
func (m *OpenAIModel) Model() string { return m.model }

// Call implements llms.Model.
func (m *OpenAIModel) Call(ctx context.Context, prompt string, options ...llms.CallOption) (string, error) {
	return llms.GenerateFromSinglePrompt(ctx, m, prompt, options...)
}

// GenerateContent implements llms.Model.
func (m *OpenAIModel) GenerateContent(ctx context.Context, messages []llms.MessageContent, options ...llms.CallOption) (*llms.ContentResponse, error) {
	opts := llms.CallOptions{Model: m.model}
	for _, o := range options {
		o(&opts)
	}
	rf, err := m.responseFormat(opts)
	if err != nil {
		return nil, err
	}
	client, err := m.client(rf)
	if err != nil {
		return nil, err
	}
	// Only the options the server understands: MetaFormat became response_format,
	// MetaOptions are Ollama's; "openai:" metadata is not sent.
	call := []llms.CallOption{llms.WithModel(cmp.Or(opts.Model, m.model)), llms.WithTemperature(opts.Temperature),
		llms.WithMetadata(map[string]any{"openai:use_legacy_max_tokens": true})}
	if opts.MaxTokens > 0 {
		call = append(call, llms.WithMaxTokens(opts.MaxTokens))
	}
	if opts.Seed != 0 {
		call = append(call, llms.WithSeed(opts.Seed))
	}
	if len(opts.StopWords) > 0 {
		call = append(call, llms.WithStopWords(opts.StopWords))
	}
	if opts.StreamingFunc != nil {
		call = append(call, llms.WithStreamingFunc(opts.StreamingFunc))
	}
	resp, err := client.GenerateContent(ctx, messages, call...)
	if err != nil {
		return nil, m.classify(ctx, err)
	}
	if len(resp.Choices) == 0 {
		return nil, fmt.Errorf("%w: %s returned no choices", ErrIncomplete, m.URL())
	}
	if opts.StreamingFunc != nil && resp.Choices[0].StopReason == "" {
		return nil, fmt.Errorf("%w: the reply from %s ended without a finish reason (server died or cut the stream)", ErrIncomplete, m.URL())
	}
	return resp, nil
}

// responseFormat is the response_format for the request's MetaFormat (nil: none).
func (m *OpenAIModel) responseFormat(opts llms.CallOptions) (*openai.ResponseFormat, error) {
	f, ok := opts.Metadata[MetaFormat].(json.RawMessage)
	if !ok && !opts.JSONMode || m.format == FormatNone {
		return nil, nil
	}
	if !ok || m.format == FormatJSONObject || string(f) == `"json"` {
		return openai.ResponseFormatJSON, nil
	}
	var schema openai.ResponseFormatJSONSchemaProperty
	if err := json.Unmarshal(f, &schema); err != nil {
		return nil, fmt.Errorf("rag: the output schema cannot be sent as response_format: %w", err)
	}
	return &openai.ResponseFormat{Type: FormatJSONSchema, JSONSchema: &openai.ResponseFormatJSONSchema{Name: "answer", Schema: &schema}}, nil
}

// client returns the langchaingo client that sends rf (made once per format).
func (m *OpenAIModel) client(rf *openai.ResponseFormat) (*openai.LLM, error) {
	key := "none"
	if rf != nil {
		b, _ := json.Marshal(rf) //nolint:errchkjson // plain struct
		key = string(b)
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if c, ok := m.byFmt[key]; ok {
		return c, nil
	}
	opts := []openai.Option{openai.WithBaseURL(m.base), openai.WithToken(m.key), openai.WithModel(m.model), openai.WithHTTPClient(m.hc)}
	if rf != nil {
		opts = append(opts, openai.WithResponseFormat(rf))
	}
	c, err := openai.New(opts...)
	if err != nil {
		return nil, fmt.Errorf("rag: openai client: %w", err)
	}
	m.byFmt[key] = c
	return c, nil
}

var statusRE = regexp.MustCompile(`status code: (\d{3})`)

// classify turns langchaingo's openai errors (plain strings) into the typed errors.
func (m *OpenAIModel) classify(ctx context.Context, err error) error {
	if ctx.Err() != nil {
		return fmt.Errorf("rag: generate: %w", ctx.Err())
	}
	msg := err.Error()
	if sm := statusRE.FindStringSubmatch(msg); sm != nil {
		code, _ := strconv.Atoi(sm[1])
		switch {
		case code == http.StatusUnauthorized || code == http.StatusForbidden:
			return fmt.Errorf("%w: %s answered HTTP %d (set llm.api_key or STYLIST_LLM__API_KEY)", ErrAuth, m.URL(), code)
		case code == http.StatusNotFound:
			return fmt.Errorf("%w: %q on %s (HTTP 404: load it there, or set llm.model; is the URL's /v1 right?)", ErrModelNotFound, m.model, m.URL())
		case code >= 500 || code == http.StatusTooManyRequests:
			return fmt.Errorf("%w: HTTP %d from %s: %s", ErrServerStatus, code, m.URL(), msg)
		}
		return fmt.Errorf("rag: %s refused the request: %s", m.URL(), msg)
	}
	switch {
	case strings.Contains(msg, "network error"), strings.Contains(msg, "request timeout"):
		return fmt.Errorf("%w at %s: %s", ErrUnreachable, m.URL(), msg)
	case strings.Contains(msg, "error reading streaming response"):
		return fmt.Errorf("%w: %s: %s", ErrIncomplete, m.URL(), msg)
	}
	return fmt.Errorf("rag: openai: %w", err)
}

// Check reports whether the server answers GET /models with the model listed.
func (m *OpenAIModel) Check(ctx context.Context) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, m.base+"/models", nil)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+m.key)
	resp, err := m.hc.Do(req)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err // the URL is named once, redacted
		}
		return fmt.Errorf("%w at %s: %v", ErrUnreachable, m.URL(), err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 4<<20))
	if resp.StatusCode != http.StatusOK {
		return m.classify(ctx, fmt.Errorf("GET /models: status code: %d", resp.StatusCode))
	}
	var list struct {
		Data []struct {
			ID string `json:"id"`
		} `json:"data"`
	}
	if err := json.Unmarshal(body, &list); err != nil {
		return fmt.Errorf("%w: %s/models is not an OpenAI model list: %v", ErrServerStatus, m.URL(), err)
	}
	var ids []string
	for _, d := range list.Data {
		if d.ID == m.model || d.ID == m.model+":latest" {
			return nil
		}
		ids = append(ids, d.ID)
	}
	if len(ids) > 10 {
		ids = append(ids[:10], fmt.Sprintf("and %d more", len(ids)-10))
	}
	return fmt.Errorf("%w: %q on %s (it serves %s; set llm.model)", ErrModelNotFound, m.model, m.URL(), strings.Join(ids, ", "))
}
