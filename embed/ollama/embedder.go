package ollamaembed

import (
	"context"
	"fmt"
	"log/slog"
	"math"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/ollama/ollama/api"
	"github.com/ollama/ollama/types/model"
)

// probeText is embedded once by New to learn the model's dimension.
const probeText = "dimension probe"

// Embedder embeds text with an Ollama embedding model; safe for concurrent use.
type Embedder struct {
	cfg        Config
	client     *api.Client
	httpClient *http.Client
	log        *slog.Logger
	onProgress func(done, total int)
	id         string
	dim        int
}

// Option customises an Embedder.
type Option func(*Embedder)

// WithProgress calls fn after every batch of EmbedDocuments with texts done so far and the total.
func WithProgress(fn func(done, total int)) Option { return func(e *Embedder) { e.onProgress = fn } }

// WithHTTPClient sets the HTTP client (default: a client without its own timeout).
func WithHTTPClient(c *http.Client) Option { return func(e *Embedder) { e.httpClient = c } }

// WithLogger sets the logger (default slog.Default()).
func WithLogger(l *slog.Logger) Option { return func(e *Embedder) { e.log = l } }

// New checks the config, finds the model's digest on the server and probes its dimension.
func New(ctx context.Context, cfg Config, opts ...Option) (*Embedder, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	e := &Embedder{cfg: cfg, httpClient: &http.Client{}, log: slog.Default()}
	for _, o := range opts {
		o(e)
	}
	base, _ := url.Parse(strings.TrimRight(cfg.URL, "/"))
	e.client = api.NewClient(base, e.httpClient)

	name, digest, err := e.resolve(ctx)
	if err != nil {
		return nil, err
	}
	vecs, err := e.embed(ctx, []string{probeText})
	if err != nil {
		return nil, err
	}
	e.dim = len(vecs[0])
	if e.dim == 0 {
		return nil, fmt.Errorf("ollamaembed: model %q returned an empty embedding", cfg.Model)
	}
	e.id = fmt.Sprintf("ollama/%s@%s", name, digest[:min(12, len(digest))])
	e.log.Debug("ollama embedder ready", "id", e.id, "dim", e.dim, "url", cfg.URL)
	return e, nil
}

// resolve finds the model in the server's list and returns its full name and digest.
func (e *Embedder) resolve(ctx context.Context) (name, digest string, err error) {
	rctx, cancel := e.requestContext(ctx)
	defer cancel()
	list, err := e.client.List(rctx)
	if err != nil {
		return "", "", e.classify(rctx, "list models", err)
	}
	want := model.ParseName(e.cfg.Model)
	for _, m := range list.Models {
		if model.ParseName(m.Name).EqualFold(want) || model.ParseName(m.Model).EqualFold(want) {
			return m.Name, m.Digest, nil
		}
	}
	return "", "", &ModelNotFoundError{Model: e.cfg.Model, URL: e.cfg.URL}
}

// ID names the model and its digest, e.g. "ollama/nomic-embed-text:latest@0a109f422b47".
func (e *Embedder) ID() string { return e.id }

// Dim is the embedding dimension, probed once by New.
func (e *Embedder) Dim() int { return e.dim }

// CheckDim returns a *DimensionError unless the model's dimension is want.
func (e *Embedder) CheckDim(want int) error {
	if e.dim != want {
		return &DimensionError{Model: e.cfg.Model, Want: want, Got: e.dim}
	}
	return nil
}

// EmbedDocuments embeds texts in batches of Config.BatchSize; vectors are L2-normalised.
func (e *Embedder) EmbedDocuments(ctx context.Context, texts []string) ([][]float32, error) {
	out := make([][]float32, 0, len(texts))
	for start := 0; start < len(texts); start += e.cfg.BatchSize {
		batch := texts[start:min(start+e.cfg.BatchSize, len(texts))]
		vecs, err := e.embed(ctx, batch)
		if err != nil {
			return nil, fmt.Errorf("%w (texts %d-%d of %d)", err, start, start+len(batch)-1, len(texts))
		}
		for _, v := range vecs {
			if len(v) != e.dim {
				return nil, &DimensionError{Model: e.cfg.Model, Want: e.dim, Got: len(v)}
			}
		}
		out = append(out, vecs...)
		if e.onProgress != nil {
			e.onProgress(len(out), len(texts))
		}
	}
	return out, nil
}

// EmbedQuery embeds one query text; the vector is L2-normalised.
func (e *Embedder) EmbedQuery(ctx context.Context, text string) ([]float32, error) {
	vecs, err := e.embed(ctx, []string{text})
	if err != nil {
		return nil, err
	}
	if len(vecs[0]) != e.dim {
		return nil, &DimensionError{Model: e.cfg.Model, Want: e.dim, Got: len(vecs[0])}
	}
	return vecs[0], nil
}

// embed sends one /api/embed request and normalises the vectors.
func (e *Embedder) embed(ctx context.Context, texts []string) ([][]float32, error) {
	rctx, cancel := e.requestContext(ctx)
	defer cancel()
	truncate := e.cfg.Truncate
	req := &api.EmbedRequest{Model: e.cfg.Model, Input: texts, Truncate: &truncate}
	if e.cfg.KeepAlive != 0 {
		req.KeepAlive = &api.Duration{Duration: e.cfg.KeepAlive}
	}
	began := time.Now()
	resp, err := e.client.Embed(rctx, req)
	if err != nil {
		return nil, e.classify(rctx, "embed", err)
	}
	if len(resp.Embeddings) != len(texts) {
		return nil, fmt.Errorf("ollamaembed: %s returned %d embeddings for %d texts", e.cfg.URL, len(resp.Embeddings), len(texts))
	}
	for _, v := range resp.Embeddings {
		normalize(v)
	}
	e.log.Debug("ollama embed", "texts", len(texts), "took", since(began))
	return resp.Embeddings, nil
}

// normalize scales v to unit L2 norm in place; a zero vector stays zero.
func normalize(v []float32) {
	var sum float64
	for _, x := range v {
		sum += float64(x) * float64(x)
	}
	if sum == 0 {
		return
	}
	inv := 1 / math.Sqrt(sum)
	for i := range v {
		v[i] = float32(float64(v[i]) * inv)
	}
}
