package rag

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/tmc/langchaingo/callbacks"
	"github.com/tmc/langchaingo/llms"

	"github.com/stylistbot/stylist/catalog"
	"github.com/stylistbot/stylist/prompts"
	"github.com/stylistbot/stylist/query"
	"github.com/stylistbot/stylist/retrieve"
)

// Parser is query understanding; *retrieve.Retriever implements it.
type Parser interface {
	Parse(text string) query.Query
}

// Retrieval is what the chain needs from retrieval; *retrieve.Retriever implements it.
type Retrieval interface {
	Parser
	SearchQuery(ctx context.Context, q query.Query, k int, tm *retrieve.Timings) (*retrieve.Result, error)
}

// ErrBadOutput is returned when the model's answer is not the requested JSON.
var ErrBadOutput = errors.New("rag: model output is not valid JSON")

// Chain is retrieve → prompt → LLM → parse → ground, with a retrieval-only fallback.
type Chain struct {
	ret      Retrieval
	docs     *Retriever        // the retrieval step, a schema.Retriever over ret
	cb       callbacks.Handler // told about retrieval and every LLM call; nil = none
	llm      llms.Model        // nil: always retrieval-only
	prompts  atomic.Pointer[prompts.Set]
	cfg      atomic.Pointer[Config]
	mu       sync.Mutex // serializes SetConfig, SetPrompts and Swap
	imageURL func(catalog.Article) string
	log      *slog.Logger
	noLLM    string // why there is no model, for the retrieval-only notice
	outfits  Outfitter
}

var _ Recommender = (*Chain)(nil)

// Option configures a Chain.
type Option func(*Chain)

// WithImageURL sets how item image URLs are made.
func WithImageURL(f func(catalog.Article) string) Option { return func(c *Chain) { c.imageURL = f } }

// WithoutLLMReason says why the chain has no model (shown in retrieval-only notices).
func WithoutLLMReason(why string) Option { return func(c *Chain) { c.noLLM = why } }

// WithCallbacks reports the chain's retrieval, LLM calls (start, end, error; see
// LLMElapsed for their timing) and streamed chunks to h, and, through
// chains.Call, the chain's start and end.
func WithCallbacks(h callbacks.Handler) Option { return func(c *Chain) { c.cb = h } }

// WithLogger sets the logger.
func WithLogger(l *slog.Logger) Option { return func(c *Chain) { c.log = l } }

// New builds a chain. llm may be nil for retrieval-only answers.
func New(ret Retrieval, llm llms.Model, ps *prompts.Set, cfg Config, opts ...Option) (*Chain, error) {
	if ps == nil {
		return nil, errors.New("rag: prompts are required")
	}
	c := &Chain{ret: ret, llm: llm, log: slog.Default(), noLLM: "no stylist model is configured"}
	for _, o := range opts {
		o(c)
	}
	c.docs = NewRetriever(ret, nil, 0)
	c.docs.cb = c.cb
	c.prompts.Store(ps)
	if err := c.SetConfig(cfg); err != nil {
		return nil, err
	}
	return c, nil
}

// SetConfig swaps the configuration; requests in flight keep the one they
// started with. It refuses (changing nothing) a config that does not validate or
// names a template the current prompt set lacks.
func (c *Chain) SetConfig(cfg Config) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if err := cfg.Check(c.prompts.Load()); err != nil {
		return err
	}
	c.cfg.Store(&cfg)
	return nil
}

// SetPrompts swaps the prompt templates; it refuses (changing nothing) a set
// that lacks a template the current config uses.
func (c *Chain) SetPrompts(ps *prompts.Set) error {
	if ps == nil {
		return errors.New("rag: nil prompt set")
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if cfg := c.cfg.Load(); cfg != nil {
		if err := cfg.Check(ps); err != nil {
			return err
		}
	}
	c.prompts.Store(ps)
	return nil
}

// Swap replaces the config and the prompt set together (both or neither), for an
// all-or-nothing reload.
func (c *Chain) Swap(cfg Config, ps *prompts.Set) error {
	if ps == nil {
		return errors.New("rag: nil prompt set")
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if err := cfg.Check(ps); err != nil {
		return err
	}
	c.prompts.Store(ps)
	c.cfg.Store(&cfg)
	return nil
}

// Config returns the current configuration.
func (c *Chain) Config() Config { return *c.cfg.Load() }

// CheckLLM reports whether the model answers (nil when it does).
func (c *Chain) CheckLLM(ctx context.Context) error {
	if c.llm == nil {
		return errors.New(c.noLLM)
	}
	if ch, ok := c.llm.(interface{ Check(context.Context) error }); ok {
		return ch.Check(ctx)
	}
	return nil
}

// HasLLM reports whether the chain has a model to ask.
func (c *Chain) HasLLM() bool { return c.llm != nil }

// Recommend implements Recommender.
func (c *Chain) Recommend(ctx context.Context, req Request, stream StreamFunc) (*Answer, error) {
	if c.outfits != nil {
		if ans, ok, err := c.recommendOutfit(ctx, req, stream); ok {
			return ans, err
		}
	}
	cfg := c.cfg.Load()
	ps := c.prompts.Load()
	p, err := c.prepare(ctx, cfg, ps, req)
	if err != nil {
		return nil, err
	}
	q, n, hits, notices, model, res := p.Query, p.Count, p.Hits, p.Notices, p.Model, p.Result
	if len(hits) == 0 {
		msg := "I could not find anything in the catalog for that."
		if q.NothingClose() {
			msg = "Sorry, that's not something I can find in the H&M catalog."
		}
		if p.Excluded > 0 {
			msg = "That's everything I have for this request; try describing it differently."
		}
		return &Answer{Intro: msg, Notices: notices, Variant: req.Variant}, nil
	}
	if c.llm == nil {
		return c.finish(c.fallback(hits, n, notices, req.Variant, "retrieval-only answer: "+c.noLLM), q, res), nil
	}
	system, prompt, temp := p.System, p.Prompt, p.Temperature
	gctx, cancel := context.WithTimeout(ctx, cfg.Timeout)
	defer cancel()
	opts := []llms.CallOption{
		llms.WithModel(model), llms.WithTemperature(temp), llms.WithMaxTokens(cfg.NumPredict),
		llms.WithMetadata(map[string]any{MetaFormat: answerSchema, MetaOptions: modelOptions(cfg)}),
	}
	t0 := time.Now()
	resp, err := c.ask(ctx, gctx, system, prompt, stream, opts)
	if err != nil {
		if ctx.Err() != nil { // the caller gave up: no answer to give
			return nil, ctx.Err()
		}
		c.log.Warn("stylist model failed; answering from retrieval", "model", model, "err", err, "after", time.Since(t0))
		return c.finish(c.fallback(hits, n, notices, req.Variant, "retrieval-only answer: "+reasonOf(err, cfg.Timeout)), q, res), nil
	}
	if len(resp.Choices) == 0 {
		c.log.Warn("stylist model returned no choices; answering from retrieval", "model", model)
		return c.fallback(hits, n, notices, req.Variant, "retrieval-only answer: the stylist model returned nothing"), nil
	}
	ma, err := parseAnswer(resp.Choices[0].Content)
	if err != nil {
		c.log.Warn("stylist model answered with invalid JSON; answering from retrieval", "model", model, "err", err)
		return c.finish(c.fallback(hits, n, notices, req.Variant, "retrieval-only answer: the stylist's reply could not be read"), q, res), nil
	}
	items, dropped := ground(ma, hits, n, c.imageURL)
	if len(dropped) > 0 {
		c.log.Warn("dropped article ids not in the retrieved context", "ids", dropped, "model", model)
	}
	ans := &Answer{Intro: strings.TrimSpace(ma.Intro), Items: items, Tip: strings.TrimSpace(ma.Tip), Alternative: strings.TrimSpace(ma.Alternative),
		Notices: notices, DroppedIDs: dropped, Variant: req.Variant, Model: model}
	picked := 0
	for _, it := range items {
		if !it.FromRetrieval {
			picked++
		}
	}
	if picked < len(items) {
		ans.Notices = append(ans.Notices, fmt.Sprintf("the stylist picked %d of %d items; the rest are the best catalog matches", picked, len(items)))
	}
	if ans.Intro == "" {
		ans.Intro = defaultIntro(q, len(items))
	}
	ans.Items = groupItems(ans.Items, res)
	return ans, nil
}

func (c *Chain) fallback(hits []retrieve.Hit, n int, notices []string, variant, why string) *Answer {
	a := &Answer{RetrievalOnly: true, Variant: variant, Notices: append(append([]string(nil), notices...), why)}
	for _, h := range hits[:min(n, len(hits))] {
		a.Items = append(a.Items, toItem(h, templatedReason(h), true, c.imageURL))
	}
	a.Intro = fmt.Sprintf("Here are the %d best matches from the catalog.", len(a.Items))
	return a
}

// finish completes a retrieval-only answer: items grouped by the item of a
// multi-item request, and an intro that says the items are only the closest
// ones when the request asked for something the catalog cannot answer.
func (c *Chain) finish(a *Answer, q query.Query, res *retrieve.Result) *Answer {
	a.Items = groupItems(a.Items, res)
	switch {
	case len(q.Limits) > 0 && len(a.Items) > 0:
		a.Intro = fmt.Sprintf("I couldn't do all of that, but here are the %d closest items from the catalog.", len(a.Items))
	case len(res.Parts) > 1 && len(a.Items) > 0:
		a.Intro = fmt.Sprintf("Here are picks for each item: %s.", strings.Join(res.Parts, "; "))
	}
	return a
}

func defaultIntro(q query.Query, n int) string {
	return fmt.Sprintf("Here are %d picks for \"%s\".", n, q.Text)
}

func reasonOf(err error, timeout time.Duration) string {
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		return fmt.Sprintf("the stylist model did not answer within %s", timeout)
	case errors.Is(err, ErrNoServer):
		return "no stylist model server is available"
	case errors.Is(err, ErrUnreachable):
		return "the stylist model is unreachable"
	case errors.Is(err, ErrModelNotFound):
		return "the stylist model is not installed on the Ollama server"
	}
	return "the stylist model failed"
}

func modelOptions(cfg *Config) map[string]any {
	o := map[string]any{"num_ctx": cfg.NumCtx}
	if cfg.NumThread > 0 {
		o["num_thread"] = cfg.NumThread
	}
	return o
}

// noticesFor keeps the retrieval notices that matter for an answer of n items.
func noticesFor(res *retrieve.Result, n int) []string {
	var out []string
	if s := res.Parsed.LimitNotice(len(res.Hits) > 0); s != "" { // prices, sizes, brands, unsold categories
		out = append(out, s)
	}
	if s := res.Relaxation(n); s != "" {
		out = append(out, s)
	}
	return append(out, res.AudienceNotices(n)...)
}

// Prompts returns the current prompt set.
func (c *Chain) Prompts() *prompts.Set { return c.prompts.Load() }

// generate calls the model and reports the call to the callbacks handler, with
// its start time in the context (LLMElapsed).
// ask sends the system prompt and the request to the model within gctx; stream
// (optional) gets the answer's text as it is written (ctx is the caller's), and
// the callbacks get the raw chunks.
func (c *Chain) ask(ctx, gctx context.Context, system, prompt string, stream StreamFunc, opts []llms.CallOption) (*llms.ContentResponse, error) {
	if stream != nil || c.cb != nil {
		ex := &textExtractor{emit: func(s string) error {
			if stream == nil {
				return nil
			}
			return stream(ctx, s)
		}}
		opts = append(opts, llms.WithStreamingFunc(func(ctx context.Context, chunk []byte) error {
			if c.cb != nil {
				c.cb.HandleStreamingFunc(ctx, chunk)
			}
			return ex.feed(ctx, chunk)
		}))
	}
	return c.generate(gctx, []llms.MessageContent{
		llms.TextParts(llms.ChatMessageTypeSystem, system),
		llms.TextParts(llms.ChatMessageTypeHuman, prompt),
	}, opts...)
}

func (c *Chain) generate(ctx context.Context, msgs []llms.MessageContent, opts ...llms.CallOption) (*llms.ContentResponse, error) {
	if c.cb == nil {
		return c.llm.GenerateContent(ctx, msgs, opts...)
	}
	ctx = context.WithValue(ctx, llmStartKey{}, time.Now())
	c.cb.HandleLLMGenerateContentStart(ctx, msgs)
	resp, err := c.llm.GenerateContent(ctx, msgs, opts...)
	if err != nil {
		c.cb.HandleLLMError(ctx, err)
		return nil, err
	}
	c.cb.HandleLLMGenerateContentEnd(ctx, resp)
	return resp, nil
}

type llmStartKey struct{}

// LLMElapsed returns the time since the LLM call reported in ctx started; a
// callbacks.Handler given to WithCallbacks calls it in HandleLLMGenerateContentEnd
// and HandleLLMError to time the call.
func LLMElapsed(ctx context.Context) (time.Duration, bool) {
	t, ok := ctx.Value(llmStartKey{}).(time.Time)
	if !ok {
		return 0, false
	}
	return time.Since(t), true
}
