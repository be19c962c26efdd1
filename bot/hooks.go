package bot

import (
	"context"
	"time"
)

// Moderator handles moderator commands and paused channels; see package moderation.
type Moderator interface {
	// IsCommand reports whether req is a moderator command.
	IsCommand(req Request) bool
	// Handle runs a moderator command and returns its (ephemeral) reply.
	Handle(ctx context.Context, req Request) Reply
	// Paused reports whether the bot is paused in the conversation's channel.
	Paused(conv Conversation) bool
}

// AnswerRecorder receives every answered recommendation, e.g. for A/B statistics.
type AnswerRecorder interface {
	RecordAnswer(ctx context.Context, req Request, rep Reply, ans *Answer, latency time.Duration)
}

// VariantFunc picks the prompt variant of a request ("" = the default prompt).
type VariantFunc func(req Request) string

// WithModerator routes moderator commands and honours paused channels.
func WithModerator(m Moderator) Option { return func(c *Core) { c.mod = m } }

// WithAnswerRecorder records every answered recommendation.
func WithAnswerRecorder(r AnswerRecorder) Option { return func(c *Core) { c.answers = r } }

// WithVariants assigns a prompt variant to each recommendation request.
func WithVariants(f VariantFunc) Option { return func(c *Core) { c.variant = f } }

// pausedReply tells a user the bot is paused here.
func pausedReply() Reply {
	return Reply{Ephemeral: true, Error: &Error{Code: CodePaused, Message: "The stylist is paused in this channel by a moderator."}}
}

// CodePaused is the error code of requests in a paused channel.
const CodePaused = "paused"
