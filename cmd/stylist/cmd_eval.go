package main

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/stylistbot/stylist/eval"
)

func init() { commands = append(commands, newEvalCmd) }

func newEvalCmd(a *app) *cobra.Command {
	var queries, understanding, outfits, knowledge string
	var k int
	var asJSON, generate bool
	var models []string
	var chartDir string
	cmd := &cobra.Command{
		Use:   "eval [--index DIR] --queries FILE [--k 10] [--json] [--generate [--models A,B,… [--chart DIR]]]",
		Short: "Measure retrieval (and answer) quality on a query set",
		Long: `eval runs every query of a JSONL file ({"q": ..., "types": [...], "colour_master": [...],
"index_group": [...], "exclude_colour_master": [...]}) and reports per query and overall:
type precision@k (the share of items whose product type is one asked for), full-constraint
precision@k, nDCG@k with graded relevance from attribute matches, latency, and the audience
metric: the share of the top k for the expected audience ("audience": adult, women, men, children,
baby or teen, with "bands" of children's index names; adult unless "index_group" names
Baby/Children), the share of children's articles on requests not mentioning a child, and the
share of fitting children's articles on requests for a child ("kind" groups queries).

With --understanding FILE it runs a set of requests and conversations through the chain
without a model and checks understanding: false spelling corrections, notices for what the
catalog cannot answer, negated details absent from the top 5, chat answered without a search,
paging that never repeats, multi-item requests, expected types (eval/testdata/understanding.jsonl).

With --generate it runs the whole chain (retrieval + LLM + grounding) and also reports the
share of answers that were grounded, respected the requested count, and fell back.

With --outfits it assembles outfits for a JSONL file of outfit requests with expectations
(eval/testdata/outfits.jsonl) and reports the share of outfits that are complete,
single-audience, slot-sane, free of forbidden and junk items, and honour the occasion and
colours, with the assembly latency.

With --models A,B,… it compares those Ollama models on the query set instead: per model the
share of valid-JSON replies, of picks found in the retrieved context (grounded), of replies
with the requested count, the type precision of the picks, prompt and answer tokens, answer
latency (p50, p95) and tokens per second; with --outfits FILE also on those outfit requests:
valid JSON, pieces among the slot candidates, pieces the model chose, looks passing every
outfit check — a table, --json, and with --chart DIR one PNG bar chart per metric.`,
		Example: `  stylist eval --index hm-index --queries eval/testdata/dev.jsonl
  stylist eval --index hm-index --queries eval/testdata/audience.jsonl
  stylist eval --index hm-index --queries eval/testdata/dev.jsonl --k 10 --json > eval.json
  stylist eval --index hm-index --understanding eval/testdata/understanding.jsonl
  stylist eval --index hm-index --outfits eval/testdata/outfits.jsonl
  stylist eval --index hm-index --queries eval/testdata/dev.jsonl --generate --models stylist-ref,stylist-tuned \
      --outfits eval/testdata/outfits.jsonl --chart charts`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := a.load(cmd); err != nil {
				return err
			}
			if len(models) > 0 {
				return a.compareModels(cmd, queries, outfits, models, asJSON, chartDir)
			}
			if outfits != "" {
				return a.evalOutfits(cmd.Context(), cmd.OutOrStdout(), cmd.ErrOrStderr(), outfits, knowledge, asJSON)
			}
			if queries == "" && understanding == "" {
				return &usageError{msg: "--queries FILE, --understanding FILE or --outfits FILE is required"}
			}
			if queries == "" {
				return a.evalUnderstanding(cmd, understanding, asJSON)
			}
			f, err := os.Open(queries)
			if err != nil {
				return err
			}
			qs, err := eval.ReadQueries(f)
			f.Close()
			if err != nil {
				return err
			}
			r, closeFn, err := a.openRetriever(cmd.Context(), cmd.ErrOrStderr(), true)
			if err != nil {
				return err
			}
			defer closeFn()
			rep, err := eval.Run(cmd.Context(), r, qs, k)
			if err != nil {
				return err
			}
			if generate {
				if err := a.evalAnswers(cmd, r, qs, rep); err != nil {
					return err
				}
			}
			if asJSON {
				return rep.WriteJSON(cmd.OutOrStdout())
			}
			fmt.Fprintf(cmd.OutOrStdout(), "index %s, k=%d\n", a.cfg.Index.Dir, k)
			return rep.WriteTable(cmd.OutOrStdout())
		},
	}
	cmd.Flags().String("index", "", "index directory (default: the demo index)")
	cmd.Flags().StringVar(&queries, "queries", "", "JSONL file of queries with expected attributes")
	cmd.Flags().StringVar(&outfits, "outfits", "", "JSONL file of outfit requests with expectations (outfit metrics)")
	cmd.Flags().StringVar(&knowledge, "outfit-knowledge", "", "directory overriding the outfit knowledge files (occasions.yaml, slots.yaml, colours.yaml, anchors.yaml)")
	cmd.Flags().IntVar(&k, "k", 10, "items scored per query")
	cmd.Flags().StringVar(&understanding, "understanding", "", "JSONL understanding set (requests and conversations with expectations), run through the chain without a model")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the report as JSON")
	cmd.Flags().BoolVar(&generate, "generate", false, "also run the full chain (LLM) and report grounding, count and fallback rates")
	cmd.Flags().StringSliceVar(&models, "models", nil, "compare these Ollama models (comma-separated; implies --generate)")
	cmd.Flags().StringVar(&chartDir, "chart", "", "with --models: write one PNG bar chart per metric into this directory")
	a.bind("index", "index.dir")
	return cmd
}
