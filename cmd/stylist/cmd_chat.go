package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/stylistbot/stylist/adapters/console"
	"github.com/stylistbot/stylist/bot"
	"github.com/stylistbot/stylist/internal/glue"
)

func init() { commands = append(commands, newChatCmd, newDemoCmd) }

// demoScript is what `stylist demo` types when nobody is at the terminal.
var demoScript = []string{
	"a light yellow summer dress",
	"same but in white",
	"show me more",
	"/new",
	"Jeans for women, tight.",
	"/new",
	"I want a black cool sweater with shiny decorations making me looks like a movie star.",
	"/new",
	"top 3 waterproof jackets for men, not black",
	"/new",
	"what should I wear to a summer wedding?",
	"show me another look",
	"/quit",
}

func newChatCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "chat [--index DIR]",
		Short: "Chat with the stylist in the terminal (one thread; /new, /help, /good, /bad, /quit)",
		Long: `chat is the console adapter: each line is a request, and later lines continue the same
thread ("same but in navy", "show me more") until /new. Uses the same conversation engine as
Slack and Discord.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := a.load(cmd); err != nil {
				return err
			}
			return a.runConsole(cmd.Context(), cmd.InOrStdin(), cmd.OutOrStdout(), cmd.ErrOrStderr(), false)
		},
	}
	cmd.Flags().String("index", "", "index directory (default: the demo index)")
	a.bind("index", "index.dir")
	return cmd
}

func newDemoCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "demo [--index DIR]",
		Short: "The main job on the embedded default: a chat on a terminal, a scripted conversation otherwise",
		Long: `demo builds the demo index on first use, then opens a chat when standard input is a
terminal, or plays a short scripted conversation (with follow-ups) when it is not. It uses
Ollama when reachable; otherwise it says so once and answers from retrieval alone.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := a.load(cmd); err != nil {
				return err
			}
			in := cmd.InOrStdin()
			scripted := true
			if f, ok := in.(*os.File); ok && isTTY(f) {
				scripted = false
			}
			if scripted {
				in = strings.NewReader(strings.Join(demoScript, "\n") + "\n")
			}
			return a.runConsole(cmd.Context(), in, cmd.OutOrStdout(), cmd.ErrOrStderr(), scripted)
		},
	}
	cmd.Flags().String("index", "", "index directory (default: the demo index)")
	a.bind("index", "index.dir")
	return cmd
}

// runConsole wires index → retriever → chain → core → console adapter.
func (a *app) runConsole(ctx context.Context, in io.Reader, out, errw io.Writer, echo bool) error {
	// In a terminal conversation, per-request info logs would interleave with the
	// answers: keep warnings and errors unless debug logging was asked for.
	if lc := a.cfg.Log; lc.Level == "info" {
		lc.Level = "warn"
		a.log = newLogger(errw, lc)
	}
	r, closeFn, err := a.openRetriever(ctx, errw, false)
	if err != nil {
		return err
	}
	defer closeFn()
	chain, err := a.newChain(ctx, r, errw, true)
	if err != nil {
		return err
	}
	cfg := a.cfg.Bot
	cfg.UserRate, cfg.ChannelRate = 0, 0 // one person at a keyboard is not a flood
	core := bot.New(cfg, glue.Recommender(chain), nil, a.log)
	defer core.Shutdown(context.Background())
	if !echo {
		fmt.Fprintln(out, "stylist: ask for an outfit (\"a light yellow summer dress\"); /help for commands, /quit to leave.")
	}
	ad := console.New(in, out, console.WithEcho(echo), console.WithStreaming(chain.HasLLM()))
	return ad.Start(ctx, core)
}
