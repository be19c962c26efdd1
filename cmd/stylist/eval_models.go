package main

import (
	"cmp"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/stylistbot/stylist/eval"
	"github.com/stylistbot/stylist/rag"
	"github.com/stylistbot/stylist/retrieve"
)

// compareModels runs eval --models: one chain per model, each reporting its LLM
// calls to a recorder, on the same retriever and prompts.
func (a *app) compareModels(cmd *cobra.Command, r *retrieve.Retriever, qs []eval.Query, models []string, asJSON bool, chartDir string) error {
	var runs []eval.ModelRun
	configured := a.cfg.LLM.Model
	defer func() { a.cfg.LLM.Model = configured }()
	for _, m := range models {
		a.cfg.LLM.Model = m
		rec := &eval.LLMRecorder{}
		chain, err := a.newChain(cmd.Context(), r, nil, false, rag.WithCallbacks(rec))
		if err != nil {
			return err
		}
		if err := chain.CheckLLM(cmd.Context()); err != nil {
			return fmt.Errorf("--models: %w", err)
		}
		runs = append(runs, eval.ModelRun{Model: m, Rec: chain, Calls: rec})
	}
	res, err := eval.CompareModels(cmd.Context(), runs, r, qs, a.cfg.LLM.DefaultCount)
	if err != nil {
		return err
	}
	w := cmd.OutOrStdout()
	if chartDir != "" {
		files, err := res.WriteCharts(chartDir)
		if err != nil {
			return err
		}
		if !asJSON {
			defer fmt.Fprintf(w, "charts: %d PNG files in %s\n", len(files), chartDir)
		}
	}
	if asJSON {
		return res.WriteJSON(w)
	}
	fmt.Fprintf(w, "%d queries, index %s, llm.url %s\n", res.Queries, cmp.Or(a.cfg.Index.Dir, "(demo)"), a.llmURL())
	return res.WriteTable(w)
}
