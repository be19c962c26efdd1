package main

import (
	"context"

	"github.com/spf13/cobra"

	"github.com/stylistbot/stylist/embed"
	ollamaembed "github.com/stylistbot/stylist/embed/ollama"
	"github.com/stylistbot/stylist/eval"
	"github.com/stylistbot/stylist/index"
	"github.com/stylistbot/stylist/internal/confcheck"
	"github.com/stylistbot/stylist/retrieve"
)

// ollamaEmbedConfig is the index.ollama section with another model (the one an index was built with).
func (a *app) ollamaEmbedConfig(model string) ollamaembed.Config {
	c := a.cfg.Index.Ollama
	c.Model = model
	return c
}

// ollamaTrainer returns the Ollama embedder family for index builds (index.ollama.model on llm.url).
func (a *app) ollamaTrainer() (index.Trainer, error) {
	c := a.ollamaEmbedConfig(a.cfg.Index.Ollama.Model)
	if err := c.Validate(); err != nil {
		return nil, confcheck.Wrap("index.ollama", err)
	}
	return embed.OllamaTrainer{Config: c}, nil
}

// ollamaEmbedderFor returns the Ollama embedder for the model an index was built with.
func (a *app) ollamaEmbedderFor(ctx context.Context, model string) (index.Embedder, error) {
	return ollamaembed.New(ctx, a.ollamaEmbedConfig(model))
}

// evalAnswers runs the full chain for eval --generate.
func (a *app) evalAnswers(cmd *cobra.Command, r *retrieve.Retriever, qs []eval.Query, rep *eval.Report) error {
	chain, err := a.newChain(cmd.Context(), r, cmd.ErrOrStderr(), false)
	if err != nil {
		return err
	}
	return eval.RunAnswersChecked(cmd.Context(), chain, r, qs, a.cfg.LLM.DefaultCount, rep)
}
