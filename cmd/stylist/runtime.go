package main

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/stylistbot/stylist/bot"
	"github.com/stylistbot/stylist/index"
	"github.com/stylistbot/stylist/internal/glue"
	"github.com/stylistbot/stylist/rag"
	"github.com/stylistbot/stylist/retrieve"
)

// runtime is everything a serving process holds.
type runtime struct {
	index     *index.Index
	retriever *retrieve.Retriever
	chain     *rag.Chain
	pool      *rag.Pool // the chain's model servers
	core      *bot.Core
	metrics   *bot.Metrics
	state     *state
	adapters  []bot.Adapter
	shared    *sharedState // nil on a single box
	started   time.Time
	closers   []func()
}

func (a *app) newRuntime(ctx context.Context) (*runtime, error) {
	rt := &runtime{started: time.Now()}
	x, err := a.openIndex(ctx, a.logWriter(), false)
	if err != nil {
		return nil, err
	}
	rt.index = x
	rt.closers = append(rt.closers, func() { x.Close() })
	if rt.retriever, err = newRetriever(x, a.cfg.Retrieve); err != nil {
		rt.close()
		return nil, err
	}
	rt.metrics = bot.NewMetrics()
	// A server keeps its model even when Ollama is down at start: each request falls
	// back to retrieval-only until the model answers again. LLM calls are logged and
	// timed into the "generate" stage metric through langchaingo callbacks.
	obs, err := glue.ModelServerMetrics(rt.metrics.Registry(), strings.Split(a.llmURLs(), ","))
	if err != nil {
		rt.close()
		return nil, err
	}
	if rt.pool, err = a.newPool(rag.WithPoolObserver(obs), rag.WithPoolLogger(a.log.With("component", "llm"))); err != nil {
		rt.close()
		return nil, err
	}
	if rt.chain, err = a.newChainOn(ctx, rt.pool, rt.retriever, nil, false, rag.WithCallbacks(glue.LLMCallbacks(rt.metrics, a.log))); err != nil {
		rt.close()
		return nil, err
	}
	opts, st, err := a.openState(ctx, rt)
	if err != nil {
		rt.close()
		return nil, err
	}
	opts = append(opts, a.openShared(rt, st.Pool())...)
	opts = append(opts, bot.WithObserver(rt.metrics))
	rt.core = bot.New(a.cfg.Bot, glue.Recommender(rt.chain), st, a.log, opts...)
	return rt, nil
}

// statusReporter is an adapter that reports, without blocking, whether it serves.
type statusReporter interface{ Status() error }

// readiness builds /readyz: the core and the index are required; the model
// servers are optional: "llm: ok" when every server is up, "degraded: 1 of 2
// model servers up (…)" when some are down, "degraded: retrieval-only answers
// (…)" when none is. It reads the state the pool's own health checks keep
// (runHealth), so a stalled server never slows /readyz. Each chat platform is a
// platform probe (one down = degraded, all down = not ready).
func (rt *runtime) readiness(adapters []bot.Adapter) *bot.Readiness {
	probes := []bot.Probe{
		{Name: "core", Check: rt.core.Ready},
		{Name: "index", Check: func(context.Context) error {
			if rt.index == nil {
				return errors.New("index not loaded")
			}
			return nil
		}},
		{Name: "llm", Kind: bot.ProbeOptional, Check: func(context.Context) error {
			h := rt.pool.Health()
			if err := h.Err(); err != nil && h.Up == 0 && h.Unknown == 0 {
				return fmt.Errorf("retrieval-only answers (%w)", err)
			} else if err != nil {
				return err
			}
			return nil
		}},
	}
	for _, ad := range adapters {
		if sr, ok := ad.(statusReporter); ok {
			probes = append(probes, bot.Probe{Name: string(ad.Name()), Kind: bot.ProbePlatform, Check: func(context.Context) error { return sr.Status() }})
		}
	}
	return bot.NewReadiness(probes...)
}

// runHealth checks the model servers every llm.health_interval until ctx ends
// (each round bounded by llmCheckTimeout); it returns at once.
func (rt *runtime) runHealth(ctx context.Context, every time.Duration) {
	go rt.pool.Run(ctx, every, llmCheckTimeout)
}

// llmCheckTimeout bounds one round of model server health checks.
var llmCheckTimeout = 5 * time.Second

func (rt *runtime) close() {
	for i := len(rt.closers) - 1; i >= 0; i-- {
		rt.closers[i]()
	}
}
