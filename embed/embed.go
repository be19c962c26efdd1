// Package embed connects the embedder families (built-in LSA, Ollama) to index
// building and loading.
package embed

import (
	"context"
	"fmt"
	"io"

	"github.com/stylistbot/stylist/embed/lsa"
	ollamaembed "github.com/stylistbot/stylist/embed/ollama"
	"github.com/stylistbot/stylist/index"
)

// Kinds of embedders.
const (
	KindLSA    = "lsa"
	KindOllama = "ollama"
)

var _ index.Embedder = (*lsa.Model)(nil)

// LSATrainer fits the built-in LSA embedder on the corpus at index time.
type LSATrainer struct{ Options lsa.Options }

// Kind implements index.Trainer.
func (LSATrainer) Kind() string { return KindLSA }

// Fit implements index.Trainer.
func (t LSATrainer) Fit(ctx context.Context, texts []string, progress index.ProgressFunc) (index.Embedder, [][]float32, error) {
	opts := t.Options
	if progress != nil {
		opts.Progress = progress
	}
	m, vecs, err := lsa.FitTransform(ctx, texts, opts)
	if err != nil {
		return nil, nil, err
	}
	return m, vecs, nil
}

// Loader restores the embedder recorded in an index manifest. ollama builds the
// Ollama embedder for a model name (nil when Ollama embedders are not configured).
func Loader(ollama func(ctx context.Context, model string) (index.Embedder, error)) index.LoadEmbedderFunc {
	return func(ctx context.Context, m *index.Manifest, state io.Reader) (index.Embedder, error) {
		switch m.EmbedderKind {
		case KindLSA:
			if state == nil {
				return nil, fmt.Errorf("embed: LSA index without %s", index.EmbedderFile)
			}
			m, err := lsa.Load(state)
			if err != nil {
				return nil, err // never a non-nil interface holding a nil *lsa.Model
			}
			return m, nil
		case KindOllama:
			if ollama == nil {
				return nil, fmt.Errorf("embed: index %s needs an Ollama embedder, which is not configured", m.EmbedderID)
			}
			return ollama(ctx, ollamaModel(m.EmbedderID))
		}
		return nil, fmt.Errorf("embed: unknown embedder kind %q in manifest", m.EmbedderKind)
	}
}

// ollamaModel extracts the model name from an id like "ollama/<model>@<digest>".
func ollamaModel(id string) string {
	s := id
	if len(s) > 7 && s[:7] == "ollama/" {
		s = s[7:]
	}
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] == '@' {
			return s[:i]
		}
	}
	return s
}

// OllamaTrainer embeds the corpus with an Ollama-served model (batched /api/embed).
type OllamaTrainer struct{ Config ollamaembed.Config }

// Kind implements index.Trainer.
func (OllamaTrainer) Kind() string { return KindOllama }

// Fit implements index.Trainer: nothing is fitted, every text is embedded by the server.
func (t OllamaTrainer) Fit(ctx context.Context, texts []string, progress index.ProgressFunc) (index.Embedder, [][]float32, error) {
	var opts []ollamaembed.Option
	if progress != nil {
		opts = append(opts, ollamaembed.WithProgress(func(done, total int) { progress("embed", done, total) }))
	}
	e, err := ollamaembed.New(ctx, t.Config, opts...)
	if err != nil {
		return nil, nil, err
	}
	vecs, err := e.EmbedDocuments(ctx, texts)
	if err != nil {
		return nil, nil, err
	}
	return e, vecs, nil
}

var _ index.Embedder = (*ollamaembed.Embedder)(nil)
