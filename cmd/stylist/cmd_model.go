package main

import (
	"fmt"
	"io"
	"net/http"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"text/tabwriter"

	"github.com/ollama/ollama/api"
	"github.com/spf13/cobra"

	"github.com/stylistbot/stylist/internal/confcheck"
	"github.com/stylistbot/stylist/modelfile"
	"github.com/stylistbot/stylist/prompts"
	"github.com/stylistbot/stylist/rag"
)

func init() { commands = append(commands, newModelCmd) }

func newModelCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "model",
		Short: "Package a (fine-tuned) stylist model for Ollama",
		Args:  cobra.NoArgs,
	}
	cmd.AddCommand(newModelCreateCmd(a))
	return cmd
}

func newModelCreateCmd(a *app) *cobra.Command {
	var from, adapter, tmpl, out string
	var dryRun bool
	cmd := &cobra.Command{
		Use:   "create NAME --from BASE [--adapter FILE.gguf] [--template llama3|alpaca|chatml|base] [--modelfile FILE] [--dry-run]",
		Short: "Write the Modelfile of a stylist model and create it on the Ollama server",
		Long: `create writes a Modelfile — FROM the base model, ADAPTER the LoRA adapter GGUF (from
llama.cpp's convert_lora_to_gguf.py), TEMPLATE the chat format the model was trained with,
SYSTEM stylist's system prompt (prompts.dir), and PARAMETER stop / num_ctx / num_predict /
temperature from the llm section — then creates the model on every Ollama server of llm.url / llm.urls
(uploading local GGUF files as blobs) and prints what the server reports.

BASE is an Ollama model name (llama3.1:8b-instruct-q4_K_M, hf.co/ORG/REPO) or a local GGUF
file. --template base keeps the base model's own template and stops. Serve the result
with llm.model: NAME.`,
		Example: `  # a LoRA tuned with docs/finetune.md on Llama 3.1 8B Instruct
  stylist model create stylist-tuned --from llama3.1:8b-instruct-q4_K_M --adapter out/stylist-lora.gguf --template llama3
  # the reference model, wrapped in the Alpaca format it was trained with
  stylist model create stylist-ref --from hf.co/floraliuya/recft_unsloth-Meta-Llama-3.1-8B-2 --template alpaca`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := a.load(cmd); err != nil {
				return err
			}
			name := args[0]
			if from == "" {
				return &usageError{msg: "--from BASE is required"}
			}
			var format modelfile.ChatFormat
			if tmpl != "base" {
				f, err := modelfile.Format(tmpl)
				if err != nil {
					return &usageError{msg: "--template: " + err.Error() + ", or base"}
				}
				format = f
			}
			ps, err := prompts.Load(a.cfg.Prompts.Dir)
			if err != nil {
				return confcheck.Wrap("prompts.dir", err)
			}
			system, err := ps.Render(prompts.System, prompts.Data{})
			if err != nil {
				return err
			}
			llm := a.cfg.LLM
			temp := llm.Temperature
			spec := modelfile.Spec{From: from, Adapter: adapter, Format: format, System: system,
				NumCtx: llm.NumCtx, NumPredict: llm.NumPredict, Temperature: &temp}
			if out == "" {
				out = modelfileName(name)
			}
			mf, err := spec.Write(out)
			if err != nil {
				return err
			}
			w := cmd.OutOrStdout()
			fmt.Fprintf(w, "wrote %s\n", out)
			if dryRun {
				_, err := fmt.Fprint(w, mf.String())
				return err
			}
			if a.cfg.LLM.API != rag.APIOllama {
				return &confcheck.ConfigError{Key: "llm.api", Reason: "is " + a.cfg.LLM.API + ": model create talks to Ollama servers (create the model on your OpenAI-compatible server with its own tools)"}
			}
			// Every server of the pool serves the same model: create it on each.
			for _, raw := range a.cfg.LLM.Servers() {
				u, err := url.Parse(raw)
				if err != nil {
					return confcheck.Wrap("llm.url", err)
				}
				progress := func(s string) { fmt.Fprintf(cmd.ErrOrStderr(), "%s\n", s) }
				show, err := modelfile.Create(cmd.Context(), api.NewClient(u, &http.Client{}), name, mf, filepath.Dir(out), progress)
				if err != nil {
					return fmt.Errorf("%w (Ollama at %s)", err, rag.Redact(raw))
				}
				printShow(w, name, rag.Redact(raw), show)
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&from, "from", "", "base model: an Ollama model name or a local GGUF file")
	cmd.Flags().StringVar(&adapter, "adapter", "", "LoRA adapter GGUF (convert_lora_to_gguf.py output)")
	cmd.Flags().StringVar(&tmpl, "template", "llama3", "chat format the model was trained with: "+strings.Join(modelfile.Formats(), ", ")+", or base (keep the base model's)")
	cmd.Flags().StringVar(&out, "modelfile", "", "where to write the Modelfile (default NAME.Modelfile in the current directory)")
	cmd.Flags().BoolVar(&dryRun, "dry-run", false, "write and print the Modelfile, create nothing")
	return cmd
}

var unsafeName = regexp.MustCompile(`[^A-Za-z0-9._-]+`)

// modelfileName is a file name for model name's Modelfile ("hf.co/a/b:q4" → "hf.co_a_b_q4.Modelfile").
func modelfileName(name string) string {
	return unsafeName.ReplaceAllString(name, "_") + ".Modelfile"
}

// printShow prints what the server reports about a created model.
func printShow(w io.Writer, name, server string, s *api.ShowResponse) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "created\t%s on %s\n", name, server)
	d := s.Details
	fmt.Fprintf(tw, "base\t%s %s %s\n", d.Family, d.ParameterSize, d.QuantizationLevel)
	adapters := modelfile.Adapters(s)
	if len(adapters) == 0 {
		adapters = []string{"none"}
	}
	fmt.Fprintf(tw, "adapter\t%s\n", strings.Join(adapters, ", "))
	tl := strings.Split(strings.TrimSpace(s.Template), "\n")
	fmt.Fprintf(tw, "template\t%s (%d lines)\n", clipText(tl[0], 60), len(tl))
	fmt.Fprintf(tw, "system\t%s\n", clipText(s.System, 100))
	for i, p := range strings.Split(strings.TrimSpace(s.Parameters), "\n") {
		label := ""
		if i == 0 {
			label = "parameters"
		}
		fmt.Fprintf(tw, "%s\t%s\n", label, strings.Join(strings.Fields(p), " "))
	}
	fmt.Fprintf(tw, "serve it\tllm.model: %s (or STYLIST_LLM__MODEL=%s)\n", name, name)
	_ = tw.Flush()
}

func clipText(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}
