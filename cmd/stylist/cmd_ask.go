package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/stylistbot/stylist/adapters/console"
	"github.com/stylistbot/stylist/internal/glue"
)

func init() { commands = append(commands, newAskCmd) }

func newAskCmd(a *app) *cobra.Command {
	var stream, asJSON bool
	var count int
	cmd := &cobra.Command{
		Use:   "ask [--index DIR] [--stream] [--count N] QUERY ...",
		Short: "Ask the stylist once and print the recommendations",
		Long: `ask retrieves matching articles, lets the LLM (Ollama, llm.model) pick and explain the best
ones, and prints them. Every item is a real catalog article. If the model is unreachable it
prints a one-line notice and answers from retrieval alone.`,
		Example: `  stylist ask "a light yellow summer dress"
  stylist ask --index hm-index --stream --count 3 "jeans for women, tight"`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := a.load(cmd); err != nil {
				return err
			}
			r, closeFn, err := a.openRetriever(cmd.Context(), cmd.ErrOrStderr())
			if err != nil {
				return err
			}
			defer closeFn()
			chain, err := a.newChain(cmd.Context(), r, cmd.ErrOrStderr(), true)
			if err != nil {
				return err
			}
			w := cmd.OutOrStdout()
			var sf func(ctx context.Context, s string) error
			if stream && !asJSON {
				sf = func(_ context.Context, s string) error { _, err := fmt.Fprint(w, "… "+s); return err }
			}
			ans, err := chain.Recommend(cmd.Context(), ragRequest(strings.Join(args, " "), count), sf)
			if err != nil {
				return err
			}
			if asJSON {
				enc := json.NewEncoder(w)
				enc.SetIndent("", "  ")
				return enc.Encode(ans)
			}
			if sf != nil {
				fmt.Fprintln(w)
			}
			reply := glue.Answer(ans).Reply()
			reply.Feedback = false
			_, err = fmt.Fprint(w, console.Render(reply))
			return err
		},
	}
	cmd.Flags().String("index", "", "index directory (default: the demo index)")
	cmd.Flags().BoolVar(&stream, "stream", false, "print the model's text as it arrives")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the answer as JSON")
	cmd.Flags().IntVar(&count, "count", 0, "items to recommend (default llm.default_count; \"top 3\" in the query also works)")
	cmd.Flags().String("model", "", "Ollama model (default llm.model)")
	a.bind("index", "index.dir")
	a.bind("model", "llm.model")
	return cmd
}
