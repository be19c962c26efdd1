package eval

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/tmc/langchaingo/callbacks"
	"github.com/tmc/langchaingo/llms"

	"github.com/stylistbot/stylist/catalog"
	"github.com/stylistbot/stylist/rag"
)

// LLMCall is one model call as the chain reported it.
type LLMCall struct {
	Content      string
	PromptTokens int
	AnswerTokens int
	Elapsed      time.Duration // whole call, as timed by the chain (rag.LLMElapsed)
	EvalDuration time.Duration // generation only, as the server reports it
	Err          error
}

// LLMRecorder records a chain's LLM calls; give it to rag.WithCallbacks.
type LLMRecorder struct {
	callbacks.SimpleHandler
	mu    sync.Mutex
	calls []LLMCall
}

var _ callbacks.Handler = (*LLMRecorder)(nil)

// HandleLLMGenerateContentEnd implements callbacks.Handler.
func (r *LLMRecorder) HandleLLMGenerateContentEnd(ctx context.Context, resp *llms.ContentResponse) {
	c := LLMCall{}
	c.Elapsed, _ = rag.LLMElapsed(ctx)
	if resp != nil && len(resp.Choices) > 0 {
		ch := resp.Choices[0]
		c.Content = ch.Content
		c.PromptTokens, _ = ch.GenerationInfo["PromptTokens"].(int)
		c.AnswerTokens, _ = ch.GenerationInfo["CompletionTokens"].(int)
		c.EvalDuration, _ = ch.GenerationInfo["EvalDuration"].(time.Duration)
	}
	r.add(c)
}

// HandleLLMError implements callbacks.Handler.
func (r *LLMRecorder) HandleLLMError(ctx context.Context, err error) {
	c := LLMCall{Err: err}
	c.Elapsed, _ = rag.LLMElapsed(ctx)
	r.add(c)
}

func (r *LLMRecorder) add(c LLMCall) {
	r.mu.Lock()
	r.calls = append(r.calls, c)
	r.mu.Unlock()
}

// take returns the calls recorded since the last take.
func (r *LLMRecorder) take() []LLMCall {
	r.mu.Lock()
	defer r.mu.Unlock()
	c := r.calls
	r.calls = nil
	return c
}

// ModelRun is one model to compare: a chain asking it, whose LLM calls go to Calls.
type ModelRun struct {
	Model string
	Rec   rag.Recommender
	Calls *LLMRecorder
}

// ModelStats is one model's answers on a query set. Shares are of the model's own
// replies and picks, before grounding fills or the chain falls back.
type ModelStats struct {
	Model          string        `json:"model"`
	Answers        int           `json:"answers"`
	Failed         int           `json:"failed"`          // calls that errored (timeout, server)
	ValidJSON      float64       `json:"valid_json"`      // replies that parse as the answer JSON
	Grounded       float64       `json:"grounded"`        // picks whose id was in the context
	CountRespected float64       `json:"count_respected"` // replies with exactly the requested number of picks
	TypePrecision  float64       `json:"type_precision"`  // grounded picks of a requested type, over queries with types
	PromptTokens   float64       `json:"prompt_tokens"`   // mean per call
	AnswerTokens   float64       `json:"answer_tokens"`   // mean per call
	LatencyP50     time.Duration `json:"latency_p50_ns"`
	LatencyP95     time.Duration `json:"latency_p95_ns"`
	TokensPerSec   float64       `json:"tokens_per_sec"` // answer tokens / generation time
	// Outfits is the model on the outfit requests, when there are any.
	Outfits *OutfitModelStats `json:"outfits,omitempty"`
}

// Comparison is the models' stats on one query set.
type Comparison struct {
	Queries       int          `json:"queries"`
	OutfitQueries int          `json:"outfit_queries,omitempty"`
	Models        []ModelStats `json:"models"`
}

// CompareModels asks every run every query and outfit request (one model after
// the other) and scores the model's own output. A query's expected count is its
// "count", else defaultCount.
func CompareModels(ctx context.Context, runs []ModelRun, cat Lookup, qs []Query, oqs []OutfitQuery, defaultCount int) (*Comparison, error) {
	cmp := &Comparison{Queries: len(qs)}
	for _, q := range oqs {
		if !q.Single {
			cmp.OutfitQueries++
		}
	}
	for _, run := range runs {
		st, err := runModel(ctx, run, cat, qs, defaultCount)
		if err != nil {
			return nil, fmt.Errorf("eval: model %s: %w", run.Model, err)
		}
		if cmp.OutfitQueries > 0 {
			if st.Outfits, err = runOutfits(ctx, run, cat, oqs); err != nil {
				return nil, fmt.Errorf("eval: model %s: outfits: %w", run.Model, err)
			}
		}
		cmp.Models = append(cmp.Models, st)
	}
	return cmp, nil
}

func runModel(ctx context.Context, run ModelRun, cat Lookup, qs []Query, defaultCount int) (ModelStats, error) {
	st := ModelStats{Model: run.Model}
	var valid, counted, picks, grounded, tp, ptoks, atoks float64
	var ntp, calls int
	var evalTime time.Duration
	var evalToks int
	var lats []time.Duration
	run.Calls.take()
	for _, q := range qs {
		a, err := run.Rec.Recommend(ctx, rag.Request{Query: q.Q}, nil)
		if err != nil {
			return st, err
		}
		st.Answers++
		cs := run.Calls.take()
		if len(cs) == 0 {
			continue // answered without the model (nothing retrieved)
		}
		c := cs[len(cs)-1]
		calls++
		lats = append(lats, c.Elapsed)
		if c.Err != nil {
			st.Failed++
			continue
		}
		ptoks += float64(c.PromptTokens)
		atoks += float64(c.AnswerTokens)
		evalToks += c.AnswerTokens
		evalTime += c.EvalDuration
		t, err := rag.ParseTarget(c.Content)
		if err != nil {
			if !errors.Is(err, rag.ErrBadOutput) {
				return st, err
			}
			continue
		}
		valid++
		want := defaultCount
		if q.Count > 0 {
			want = q.Count
		}
		if len(t.Items) == want {
			counted++
		}
		picks += float64(len(t.Items))
		grounded += float64(len(t.Items) - min(len(a.DroppedIDs), len(t.Items)))
		var own []catalog.Article
		for _, it := range a.Items {
			if it.FromRetrieval {
				continue
			}
			art := catalog.Article{ArticleID: it.ArticleID, ProductTypeName: it.ProductTypeName}
			if cat != nil {
				if found, ok := cat.Article(it.ArticleID); ok {
					art = found
				}
			}
			own = append(own, art)
		}
		if len(q.Types) > 0 && len(t.Items) > 0 {
			// picks that were invented count as misses: precision over everything the model named
			hits := 0
			for i := range own {
				if typeMatch(q, &own[i]) {
					hits++
				}
			}
			tp += float64(hits) / float64(len(t.Items))
			ntp++
		}
	}
	if calls > 0 {
		n := float64(calls)
		st.ValidJSON, st.CountRespected = valid/n, counted/n
		if ok := n - float64(st.Failed); ok > 0 {
			st.PromptTokens, st.AnswerTokens = ptoks/ok, atoks/ok
		}
	}
	if picks > 0 {
		st.Grounded = grounded / picks
	}
	if ntp > 0 {
		st.TypePrecision = tp / float64(ntp)
	}
	if evalTime > 0 {
		st.TokensPerSec = float64(evalToks) / evalTime.Seconds()
	}
	st.LatencyP50, st.LatencyP95 = Percentile(lats, 50), Percentile(lats, 95)
	return st, nil
}
