package main

import (
	"fmt"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/stylistbot/stylist/finetune"
	"github.com/stylistbot/stylist/internal/confcheck"
	"github.com/stylistbot/stylist/prompts"
	"github.com/stylistbot/stylist/rag"
)

func init() { commands = append(commands, newFinetuneCmd) }

func newFinetuneCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "finetune",
		Short: "Build training data for the stylist model from our own prompts",
		Args:  cobra.NoArgs,
	}
	cmd.AddCommand(newFinetuneDataCmd(a))
	return cmd
}

func newFinetuneDataCmd(a *app) *cobra.Command {
	var style, out string
	var synthetic, outfits int
	var seed uint64
	var valShare float64
	cmd := &cobra.Command{
		Use:   "data [--index DIR] [--style-instruct FILE] [--synthetic N] [--outfits M] [--seed S] [--val-share 0.1] --out DIR",
		Short: "Write train/val JSONL (chat messages and Alpaca) exactly as the chain prompts and parses",
		Long: `data writes DIR/train.jsonl and DIR/val.jsonl in the chat "messages" format (system, user,
assistant) that TRL's SFTTrainer, Unsloth and axolotl (type: chat_template) load as-is,
DIR/alpaca_train.jsonl and DIR/alpaca_val.jsonl (Alpaca fields plus the prompt exactly as
the alpaca template serves it), and DIR/report.json.

Every example is the prompt the chain sends for the request (system prompt, the llm.prompt
template, the context retrieval finds in --index, history for follow-ups) and the JSON answer
the chain parses, picking only articles in that context:
  --style-instruct FILE  fashion-style-instruct rows (Parquet or JSONL: input, context,
                         completion); each outfit line ("Top: …", "Shoe: …") becomes a request
                         whose answer is the catalog article retrieval finds for it (type,
                         colour, material, audience); lines without a match are dropped and counted
  --synthetic N          N requests generated over the catalog: types, colours, details,
                         counts, negations, follow-ups, and honest "nothing suitable" answers
  --outfits M            M outfit requests (occasions, seasons, audiences, counts, anchors,
                         and follow-ups such as "swap the shoes"), answered with the outfit
                         assembly's looks as the outfit prompt shows them; style-instruct rows
                         also become outfit requests whose looks take, per line, the slot
                         candidate that matches it
Output is deterministic for --seed, deduplicated, and split by request (no request in both).`,
		Example: `  stylist finetune data --index hm-index --style-instruct fashion-style-instruct.parquet --synthetic 20000 --out data/stylist-sft`,
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := a.load(cmd); err != nil {
				return err
			}
			if out == "" {
				return &usageError{msg: "--out DIR is required"}
			}
			if style == "" && synthetic <= 0 {
				return &usageError{msg: "give --style-instruct FILE and/or --synthetic N"}
			}
			opts := finetune.Options{Seed: seed, Synthetic: synthetic, ValShare: valShare}
			if style != "" {
				rows, err := finetune.ReadStyleInstruct(style)
				if err != nil {
					return err
				}
				opts.Style = rows
			}
			x, err := a.openIndex(cmd.Context(), cmd.ErrOrStderr(), true) // the same seed writes the same file
			if err != nil {
				return err
			}
			defer x.Close()
			r, err := newRetriever(x, a.cfg.Retrieve)
			if err != nil {
				return err
			}
			ps, err := prompts.Load(a.cfg.Prompts.Dir)
			if err != nil {
				return confcheck.Wrap("prompts.dir", err)
			}
			chainOpts := []rag.Option{rag.WithLogger(a.log)}
			if a.cfg.Outfits.Enabled {
				asm, err := a.newAssembler(r)
				if err != nil {
					return err
				}
				chainOpts = append(chainOpts, rag.WithOutfits(asm))
				opts.Parser = r
				opts.Outfits = outfits
				if outfits < 0 {
					opts.Outfits = synthetic / 3
				}
			}
			chain, err := rag.New(r, nil, ps, a.cfg.LLM, chainOpts...)
			if err != nil {
				return err
			}
			ds, err := finetune.Build(cmd.Context(), chain, x.Articles(), opts)
			if err != nil {
				return err
			}
			if err := finetune.WriteDir(out, ds); err != nil {
				return err
			}
			w := cmd.OutOrStdout()
			fmt.Fprintf(w, "wrote %s, %s, %s, %s and %s\n", filepath.Join(out, finetune.TrainFile), finetune.ValFile,
				finetune.AlpacaTrainFile, finetune.AlpacaValFile, finetune.ReportFile)
			return ds.Report.WriteText(w)
		},
	}
	cmd.Flags().String("index", "", "index directory (default: the demo index)")
	cmd.Flags().StringVar(&style, "style-instruct", "", "fashion-style-instruct rows: .parquet or JSONL with input, context, completion")
	cmd.Flags().IntVar(&synthetic, "synthetic", 0, "synthetic requests to generate over the catalog")
	cmd.Flags().IntVar(&outfits, "outfits", -1, "synthetic outfit requests (default: a third of --synthetic; needs outfits.enabled)")
	cmd.Flags().Uint64Var(&seed, "seed", 1, "seed: the same seed, index and inputs give the same files")
	cmd.Flags().Float64Var(&valShare, "val-share", 0.1, "share of requests held out for validation")
	cmd.Flags().StringVar(&out, "out", "", "output directory")
	a.bind("index", "index.dir")
	return cmd
}
