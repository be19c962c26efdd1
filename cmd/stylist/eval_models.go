package main

import (
	"cmp"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/stylistbot/stylist/eval"
	"github.com/stylistbot/stylist/rag"
)

// compareModels runs eval --models: one chain per model, each reporting its LLM
// calls to a recorder, on the same retriever and prompts.
func (a *app) compareModels(cmd *cobra.Command, queries, outfits string, models []string, asJSON bool, chartDir string) error {
	if queries == "" && outfits == "" {
		return &usageError{msg: "--models needs --queries FILE and/or --outfits FILE"}
	}
	var qs []eval.Query
	var oqs []eval.OutfitQuery
	if queries != "" {
		var err error
		if qs, err = readFile(queries, eval.ReadQueries); err != nil {
			return err
		}
	}
	if outfits != "" {
		var err error
		if oqs, err = readFile(outfits, eval.ReadOutfitQueries); err != nil {
			return err
		}
	}
	r, closeFn, err := a.openRetriever(cmd.Context(), cmd.ErrOrStderr(), true)
	if err != nil {
		return err
	}
	defer closeFn()
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
	res, err := eval.CompareModels(cmd.Context(), runs, r, qs, oqs, a.cfg.LLM.DefaultCount)
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
	fmt.Fprintf(w, "%d queries, %d outfit requests, index %s, llm.url %s\n", res.Queries, res.OutfitQueries, cmp.Or(a.cfg.Index.Dir, "(demo)"), a.llmURL())
	return res.WriteTable(w)
}

// readFile opens path and reads it with read.
func readFile[T any](path string, read func(io.Reader) (T, error)) (T, error) {
	f, err := os.Open(path)
	if err != nil {
		var zero T
		return zero, err
	}
	defer f.Close()
	return read(f)
}
