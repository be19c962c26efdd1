package bot

import (
	"context"
	"time"
)

// Feedback is one helpful / not-helpful vote on a reply.
type Feedback struct {
	RequestID    string       `json:"request_id"`
	ReplyRef     string       `json:"reply_ref"`
	Conversation Conversation `json:"conversation"`
	User         string       `json:"user"`
	Helpful      bool         `json:"helpful"`
	At           time.Time    `json:"at"`
}

// FeedbackRecorder stores feedback votes.
type FeedbackRecorder interface {
	RecordFeedback(ctx context.Context, f Feedback) error
}

// FeedbackRecorderFunc adapts a function to FeedbackRecorder.
type FeedbackRecorderFunc func(ctx context.Context, f Feedback) error

// RecordFeedback implements FeedbackRecorder.
func (f FeedbackRecorderFunc) RecordFeedback(ctx context.Context, fb Feedback) error {
	return f(ctx, fb)
}
