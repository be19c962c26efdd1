package main

import (
	"io"
	"log/slog"
	"os"
	"strings"

	"github.com/mattn/go-isatty"
	"github.com/spf13/cobra"

	"github.com/stylistbot/stylist/configs"
	"github.com/stylistbot/stylist/outfit"
)

// app carries what every subcommand shares.
type app struct {
	configFile string
	logLevel   string
	flagMap    map[string]string // flag name → config key, per command
	cfg        *configs.Config
	log        *slog.Logger
	outfits    *outfit.Assembler // built once per run by newAssembler
}

func newRootCmd() *cobra.Command {
	a := &app{flagMap: map[string]string{}}
	root := &cobra.Command{
		Use:   "stylist",
		Short: "A fashion stylist for Slack and Discord, grounded in a real catalog",
		Long: `stylist indexes a fashion catalog (H&M articles.csv schema) with FAISS, understands
requests like "a light yellow summer dress", and answers in Slack, Discord or the
terminal with recommendations picked and explained by an LLM served by Ollama.

With no configuration it uses an embedded demo catalog and the built-in embedder.`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.PersistentFlags().StringVar(&a.configFile, "config", "", "YAML config file (overrides the embedded defaults; STYLIST_* env vars override it)")
	root.PersistentFlags().StringVar(&a.logLevel, "log-level", "", "log level: debug, info, warn, error")
	a.flagMap["log-level"] = "log.level"
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return &usageError{msg: err.Error() + "\nRun '" + c.CommandPath() + " --help' for usage."}
	})
	for _, add := range commands {
		root.AddCommand(add(a))
	}
	return root
}

// commands is filled by the subcommand files' init functions.
var commands []func(*app) *cobra.Command

// bind records that flag name overrides config key for this command.
func (a *app) bind(name, key string) { a.flagMap[name] = key }

// load reads the configuration for cmd (defaults, file, env, changed flags) and sets up logging.
func (a *app) load(cmd *cobra.Command) error {
	// cmd.Flags() holds the parsed local and inherited persistent flags with their Changed state.
	cfg, err := configs.Load(configs.Options{File: a.configFile, Flags: cmd.Flags(), FlagMap: a.flagMap})
	if err != nil {
		return err
	}
	a.cfg = cfg
	a.log = newLogger(cmd.ErrOrStderr(), cfg.Log)
	slog.SetDefault(a.log)
	return nil
}

func newLogger(w io.Writer, c configs.Log) *slog.Logger {
	var lvl slog.Level
	_ = lvl.UnmarshalText([]byte(strings.ToUpper(c.Level)))
	opts := &slog.HandlerOptions{Level: lvl}
	format := c.Format
	if format == "auto" {
		format = "json"
		if f, ok := w.(*os.File); ok && isatty.IsTerminal(f.Fd()) {
			format = "text"
		}
	}
	if format == "text" {
		return slog.New(slog.NewTextHandler(w, opts))
	}
	return slog.New(slog.NewJSONHandler(w, opts))
}

// isTTY reports whether w is a terminal.
func isTTY(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && isatty.IsTerminal(f.Fd())
}
