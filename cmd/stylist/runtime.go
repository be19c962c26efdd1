package main

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"
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
	llmCheck  atomic.Pointer[llmStatus]
	state     *state
	adapters  []bot.Adapter
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
	opts = append(opts, bot.WithObserver(rt.metrics))
	rt.core = bot.New(a.cfg.Bot, glue.Recommender(rt.chain), st, a.log, opts...)
	return rt, nil
}

// ready is /readyz: the index is loaded and the core accepts requests. An unreachable
// LLM is not "not ready": answers are retrieval-only (fallback mode) until it returns.
func (rt *runtime) ready(ctx context.Context) error {
	if err := rt.core.Ready(ctx); err != nil {
		return err
	}
	if rt.index == nil {
		return errors.New("index not loaded")
	}
	if err := rt.llmState(ctx); err != nil {
		return fmt.Errorf("%w: retrieval-only answers (%v)", bot.ErrDegraded, err)
	}
	return nil
}

type llmStatus struct {
	at  time.Time
	err error
}

// llmState checks the model at most every 10 s.
func (rt *runtime) llmState(ctx context.Context) error {
	if st := rt.llmCheck.Load(); st != nil && time.Since(st.at) < 10*time.Second {
		return st.err
	}
	err := rt.chain.CheckLLM(ctx)
	rt.llmCheck.Store(&llmStatus{at: time.Now(), err: err})
	return err
}

func (rt *runtime) close() {
	for i := len(rt.closers) - 1; i >= 0; i-- {
		rt.closers[i]()
	}
}
