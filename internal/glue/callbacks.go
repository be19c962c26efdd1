package glue

import (
	"context"
	"log/slog"
	"time"

	"github.com/tmc/langchaingo/callbacks"
	"github.com/tmc/langchaingo/llms"

	"github.com/stylistbot/stylist/bot"
	"github.com/stylistbot/stylist/rag"
)

// LLMCallbacks is the chain's langchaingo callbacks.Handler in a serving process:
// every LLM call is logged (debug at start, info at end with its duration and
// token counts, warn on error) and timed into the core's "generate" stage metric.
// obs may be nil (no metrics), log may be nil (no logs).
func LLMCallbacks(obs bot.Observer, log *slog.Logger) callbacks.Handler {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &llmCallbacks{obs: obs, log: log}
}

type llmCallbacks struct {
	callbacks.SimpleHandler
	obs bot.Observer
	log *slog.Logger
}

func (h *llmCallbacks) HandleLLMGenerateContentStart(ctx context.Context, ms []llms.MessageContent) {
	h.log.DebugContext(ctx, "llm call", "messages", len(ms))
}

func (h *llmCallbacks) HandleLLMGenerateContentEnd(ctx context.Context, res *llms.ContentResponse) {
	d := h.elapsed(ctx)
	args := []any{"took", d.Round(time.Millisecond)}
	if res != nil && len(res.Choices) > 0 {
		info := res.Choices[0].GenerationInfo
		args = append(args, "prompt_tokens", info["PromptTokens"], "completion_tokens", info["CompletionTokens"], "stop", res.Choices[0].StopReason)
	}
	h.log.InfoContext(ctx, "llm call done", args...)
}

func (h *llmCallbacks) HandleLLMError(ctx context.Context, err error) {
	d := h.elapsed(ctx)
	h.log.WarnContext(ctx, "llm call failed", "took", d.Round(time.Millisecond), "err", err)
}

// elapsed returns the call's duration and records it as the "generate" stage.
func (h *llmCallbacks) elapsed(ctx context.Context) time.Duration {
	d, ok := rag.LLMElapsed(ctx)
	if ok && h.obs != nil {
		h.obs.Stage("generate", d)
	}
	return d
}
