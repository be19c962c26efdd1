package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"github.com/stylistbot/stylist/adapters/console"
	discordadapter "github.com/stylistbot/stylist/adapters/discord"
	slackadapter "github.com/stylistbot/stylist/adapters/slack"
	"github.com/stylistbot/stylist/bot"
	"github.com/stylistbot/stylist/internal/confcheck"
)

func init() { commands = append(commands, newServeCmd) }

func newServeCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "serve [--config FILE] [--listen ADDR]",
		Short: "Run the bot: every adapter enabled in config, plus /healthz, /readyz and /metrics",
		Long: `serve starts the Slack and Discord adapters enabled in the config (the console when
standard input is a terminal and no platform is configured), and an HTTP server with
/healthz, /readyz, /metrics and the HTTP endpoints of Slack (slack.http_path) and Discord
(discord.http_path) when they run in http mode. SIGINT/SIGTERM stop accepting requests and
drain the ones in flight within bot.drain_timeout.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := a.load(cmd); err != nil {
				return err
			}
			return a.serve(cmd.Context())
		},
	}
	cmd.Flags().String("listen", "", "HTTP listen address (default server.listen)")
	cmd.Flags().String("index", "", "index directory (default: the demo index)")
	a.bind("listen", "server.listen")
	a.bind("index", "index.dir")
	return cmd
}

func (a *app) serve(ctx context.Context) error {
	rt, err := a.newRuntime(ctx)
	if err != nil {
		return err
	}
	defer rt.close()

	var adapters []bot.Adapter
	mux := http.NewServeMux()
	if sc := a.cfg.Slack; sc.Enabled {
		opts := append([]slackadapter.Option{slackadapter.WithThreadMemory(a.cfg.Bot.HistoryTTL, a.cfg.Bot.HistoryMaxThreads),
			slackadapter.WithAuthBackoff(slackAuthBackoff)}, rt.shared.slackOptions(a.cfg.Bot.HistoryTTL)...)
		ad, err := slackadapter.New(sc, a.log.With("adapter", "slack"), opts...)
		if err != nil {
			return fmt.Errorf("slack: %w", err)
		}
		if sc.Mode == slackadapter.ModeHTTP {
			mux.Handle(sc.HTTPPath, ad.HTTPHandler())
		}
		adapters = append(adapters, ad)
	}
	if dc := a.cfg.Discord; dc.Enabled {
		ad, err := discordadapter.New(dc, a.log.With("adapter", "discord"), rt.shared.discordOptions()...)
		if err != nil {
			return fmt.Errorf("discord: %w", err)
		}
		if dc.Mode == discordadapter.ModeHTTP {
			mux.Handle(dc.HTTPPath, ad.HTTPHandler())
		}
		adapters = append(adapters, ad)
	}
	if len(adapters) == 0 && isTTY(os.Stdin) {
		adapters = append(adapters, console.New(os.Stdin, os.Stdout, console.WithStreaming(rt.chain.HasLLM())))
	}
	if len(adapters) == 0 {
		a.log.Warn("no chat platform enabled (slack.enabled, discord.enabled); serving health and metrics only")
	}

	rt.adapters = adapters
	ready := rt.readiness(adapters)
	readyCtx, stopReady := context.WithCancel(ctx)
	defer stopReady()
	ready.Run(readyCtx)
	rt.runHealth(readyCtx, a.cfg.LLM.HealthInterval)
	mux.Handle("/", bot.NewHTTPHandler(ready, rt.metrics.Handler()))
	ln, err := net.Listen("tcp", a.cfg.Server.Listen)
	if err != nil {
		return confcheck.Wrap("server.listen", err)
	}
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	httpErr := make(chan error, 1)
	go func() { httpErr <- srv.Serve(ln) }()
	a.log.Info("serving", "listen", ln.Addr().String(), "adapters", adapterNames(adapters), "articles", rt.index.Manifest().Articles, "llm", a.llmURLs(), "api", a.cfg.LLM.API, "model", a.cfg.LLM.Model)

	runCtx, stop := context.WithCancel(ctx)
	defer stop()
	var wg sync.WaitGroup
	adErr := make(chan error, len(adapters))
	for _, ad := range adapters {
		wg.Add(1)
		go func(ad bot.Adapter) {
			defer wg.Done()
			if err := ad.Start(runCtx, rt.core); err != nil && !errors.Is(err, context.Canceled) {
				adErr <- fmt.Errorf("%s: %w", ad.Name(), err)
			}
		}(ad)
	}
	go rt.watchConfig(runCtx, a)
	rt.runJobs(runCtx, adapters)

	var runErr error
	select {
	case <-ctx.Done():
		a.log.Info("shutting down", "reason", "signal")
	case err := <-httpErr:
		runErr = fmt.Errorf("http server: %w", err)
	case err := <-adErr:
		runErr = err
	}
	// Stop accepting, drain in-flight replies, then disconnect.
	drain := a.cfg.Bot.DrainTimeout
	sctx, cancel := context.WithTimeout(context.Background(), drain+5*time.Second)
	defer cancel()
	t0 := time.Now()
	if err := rt.core.Shutdown(sctx); err != nil {
		a.log.Warn("drain incomplete", "err", err)
	}
	for _, ad := range adapters {
		if err := ad.Stop(sctx); err != nil {
			a.log.Warn("adapter stop", "adapter", ad.Name(), "err", err)
		}
	}
	stop()
	_ = srv.Shutdown(sctx)
	wg.Wait()
	a.log.Info("stopped", "drained_in", time.Since(t0).Round(time.Millisecond))
	return runErr
}

// slackAuthBackoff is the first wait after a failed Slack auth.test (tests shorten it).
var slackAuthBackoff = time.Second

func adapterNames(ads []bot.Adapter) string {
	var s []string
	for _, a := range ads {
		s = append(s, string(a.Name()))
	}
	return strings.Join(s, ",")
}
