package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/stylistbot/stylist/bot"
	"github.com/stylistbot/stylist/eval"
	"github.com/stylistbot/stylist/internal/glue"
	"github.com/stylistbot/stylist/prompts"
	"github.com/stylistbot/stylist/rag"
)

// evalUnderstanding runs an understanding set through the bot core and a
// retrieval-only chain that, as served, answers outfit requests with
// assembled outfits when outfits.enabled is set.
func (a *app) evalUnderstanding(cmd *cobra.Command, path string, asJSON bool) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	suite, err := eval.ReadSuite(f)
	f.Close()
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	r, closeFn, err := a.openRetriever(cmd.Context(), cmd.ErrOrStderr(), true)
	if err != nil {
		return err
	}
	defer closeFn()
	ps, err := prompts.Load(a.cfg.Prompts.Dir)
	if err != nil {
		return err
	}
	counting := &eval.CountingRetrieval{Retrieval: r}
	searches := counting.Searches
	opts := []rag.Option{rag.WithoutLLMReason("benchmark without a model"), rag.WithLogger(a.log)}
	if a.cfg.Outfits.Enabled {
		asm, err := a.newAssembler(r)
		if err != nil {
			return err
		}
		outfits := &eval.CountingOutfitter{Outfitter: asm}
		opts = append(opts, rag.WithOutfits(outfits))
		searches = func() int { return counting.Searches() + outfits.Searches() }
	}
	chain, err := rag.New(counting, nil, ps, a.cfg.LLM, opts...)
	if err != nil {
		return err
	}
	// The bot core answers help and chat itself and keeps each thread's turns,
	// as it does for users; no rate limits for a benchmark.
	bc := a.cfg.Bot
	bc.UserRate, bc.ChannelRate, bc.StreamInterval = 0, 0, 0
	core := bot.New(bc, glue.Recommender(chain), nil, a.log)
	defer core.Shutdown(context.WithoutCancel(cmd.Context()))
	rep, err := eval.RunUnderstanding(cmd.Context(), eval.UnderstandEnv{Core: core, Searches: searches, Parse: r.Parse, Catalog: r}, suite)
	if err != nil {
		return err
	}
	if asJSON {
		enc := json.NewEncoder(cmd.OutOrStdout())
		enc.SetIndent("", "  ")
		return enc.Encode(rep)
	}
	fmt.Fprintf(cmd.OutOrStdout(), "index %s\n", a.cfg.Index.Dir)
	return rep.WriteTable(cmd.OutOrStdout())
}
