package main

import (
	"context"
	"errors"
	"fmt"
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
	x, err := a.openIndex(ctx, a.logWriter())
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
	if rt.chain, err = a.newChain(ctx, rt.retriever, nil, false, rag.WithCallbacks(glue.LLMCallbacks(rt.metrics, a.log))); err != nil {
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

// readiness builds /readyz: the core and the index are required; the LLM is
// optional (unreachable = retrieval-only answers, "ready, degraded"), checked
// every 10 s in the background so a stalled Ollama never slows /readyz; each
// chat platform is a platform probe (one down = degraded, all down = not ready).
func (rt *runtime) readiness(adapters []bot.Adapter) *bot.Readiness {
	probes := []bot.Probe{
		{Name: "core", Check: rt.core.Ready},
		{Name: "index", Check: func(context.Context) error {
			if rt.index == nil {
				return errors.New("index not loaded")
			}
			return nil
		}},
		{Name: "llm", Kind: bot.ProbeOptional, Every: llmCheckEvery, Timeout: llmCheckTimeout, Check: func(ctx context.Context) error {
			if err := rt.chain.CheckLLM(ctx); err != nil {
				return fmt.Errorf("retrieval-only answers (%w)", err)
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

// How often and how long the background readiness probe asks the LLM.
var (
	llmCheckEvery   = 10 * time.Second
	llmCheckTimeout = 5 * time.Second
)

func (rt *runtime) close() {
	for i := len(rt.closers) - 1; i >= 0; i-- {
		rt.closers[i]()
	}
}
