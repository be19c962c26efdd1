package main

import (
	"context"
	"errors"
	"github.com/spf13/cobra"
	"github.com/stylistbot/stylist/eval"
	"github.com/stylistbot/stylist/retrieve"

	"github.com/stylistbot/stylist/index"
)

// ollamaTrainer returns the Ollama embedder family for index builds.
func (a *app) ollamaTrainer() (index.Trainer, error) {
	return nil, errors.New("the ollama embedder is not wired yet")
}

// ollamaEmbedderFor returns the Ollama embedder for model.
func (a *app) ollamaEmbedderFor(ctx context.Context, model string) (index.Embedder, error) {
	return nil, errors.New("the ollama embedder is not wired yet")
}

// evalAnswers runs the full chain for eval --generate.
func (a *app) evalAnswers(cmd *cobra.Command, r *retrieve.Retriever, qs []eval.Query, rep *eval.Report) error {
	chain, err := a.newChain(cmd.Context(), r, cmd.ErrOrStderr(), false)
	if err != nil {
		return err
	}
	return eval.RunAnswersChecked(cmd.Context(), chain, r, qs, a.cfg.LLM.DefaultCount, rep)
}
