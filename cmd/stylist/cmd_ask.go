package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/stylistbot/stylist/adapters/console"
	"github.com/stylistbot/stylist/bot"
	"github.com/stylistbot/stylist/internal/glue"
	"github.com/stylistbot/stylist/rag"
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
prints a one-line notice and answers from retrieval alone. Help and chat ("hi", "thanks") are
answered by the bot core, as in Slack and Discord, without a search.`,
		Example: `  stylist ask "a light yellow summer dress"
  stylist ask --index hm-index --stream --count 3 "jeans for women, tight"`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := a.load(cmd); err != nil {
				return err
			}
			r, closeFn, err := a.openRetriever(cmd.Context(), cmd.ErrOrStderr(), false)
			if err != nil {
				return err
			}
			defer closeFn()
			chain, err := a.newChain(cmd.Context(), r, cmd.ErrOrStderr(), true)
			if err != nil {
				return err
			}
			w := cmd.OutOrStdout()
			text := bot.NormalizeText(strings.Join(args, " "))
			req := bot.Request{Kind: bot.KindDirect, Conversation: bot.Conversation{Platform: bot.PlatformConsole, Channel: "ask"}, User: "cli", Text: text}
			if bot.Unsearched(req) { // the core's own decision: it answers help and chat
				rep, err := a.coreReply(cmd.Context(), chain, req)
				if err != nil {
					return err
				}
				return printReply(w, rep, asJSON)
			}
			var sf func(ctx context.Context, s string) error
			if stream && !asJSON {
				sf = func(_ context.Context, s string) error { _, err := fmt.Fprint(w, "… "+s); return err }
			}
			ans, err := chain.Recommend(cmd.Context(), ragRequest(text, count), sf)
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
			return printReply(w, glue.Answer(ans).Reply(), false)
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

// coreReply has the bot core answer req (help and chat: the core's policy,
// bot.Unsearched) and returns its final reply.
func (a *app) coreReply(ctx context.Context, chain *rag.Chain, req bot.Request) (bot.Reply, error) {
	cfg := a.cfg.Bot
	cfg.UserRate, cfg.ChannelRate = 0, 0
	core := bot.New(cfg, glue.Recommender(chain), nil, a.log)
	defer core.Shutdown(context.WithoutCancel(ctx))
	final := make(chan bot.Reply, 1)
	core.Handle(ctx, req, func(_ context.Context, r bot.Reply) error {
		if !r.Partial {
			final <- r
		}
		return nil
	})
	select {
	case r := <-final:
		return r, nil
	case <-ctx.Done():
		return bot.Reply{}, ctx.Err()
	}
}

// printReply prints a reply as the console renders it (no feedback prompt), or as JSON.
func printReply(w io.Writer, r bot.Reply, asJSON bool) error {
	if asJSON {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(r)
	}
	r.Feedback = false
	_, err := fmt.Fprint(w, console.Render(r))
	return err
}
