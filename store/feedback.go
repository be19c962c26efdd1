package store

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// ErrNoReplyRef is returned for feedback or request records without a reply ref.
var ErrNoReplyRef = errors.New("store: reply ref is required")

// FeedbackEvent is one stored helpful / not-helpful vote. Only a user's latest
// vote on a reply is kept.
type FeedbackEvent struct {
	RequestID string    `json:"request_id,omitempty"`
	ReplyRef  string    `json:"reply_ref"`
	Platform  string    `json:"platform"`
	Workspace string    `json:"workspace,omitempty"`
	Channel   string    `json:"channel,omitempty"`
	UserHash  string    `json:"user_hash,omitempty"` // pseudonymous: HMAC of the user id with a per-store key
	Variant   string    `json:"variant,omitempty"`   // from the request record, when it was known at vote time
	Helpful   bool      `json:"helpful"`
	At        time.Time `json:"at"`
}

// RequestRecord describes one answered request, keyed by the reply it produced.
type RequestRecord struct {
	ReplyRef  string        `json:"reply_ref"`
	RequestID string        `json:"request_id,omitempty"`
	Variant   string        `json:"variant"`
	Model     string        `json:"model,omitempty"`
	Platform  string        `json:"platform"`
	Workspace string        `json:"workspace,omitempty"`
	Channel   string        `json:"channel,omitempty"`
	User      string        `json:"-"`                   // raw user id; stored only as UserHash
	UserHash  string        `json:"user_hash,omitempty"` // filled by the store
	Latency   time.Duration `json:"latency"`
	FellBack  bool          `json:"fell_back"` // retrieval-only answer: the LLM was unreachable or failed
	Grounded  bool          `json:"grounded"`  // the model named no article outside the catalog (nothing dropped)
	Items     int           `json:"items"`
	At        time.Time     `json:"at"`
}

// Vote is one helpful / not-helpful vote as it reaches the store.
type Vote struct {
	RequestID string
	ReplyRef  string // the reply voted on (required)
	Platform  string
	Workspace string
	Channel   string
	User      string // raw user id; stored only as a pseudonymous hash
	Helpful   bool
	At        time.Time // zero = now
}

// RecordFeedback stores a vote. A later vote by the same user on the same reply
// replaces the earlier one, so the same vote recorded twice (a platform retry,
// another replica) counts once. It returns once the vote is durable.
func (s *Store) RecordFeedback(ctx context.Context, f Vote) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if f.ReplyRef == "" {
		return ErrNoReplyRef
	}
	if err := checkKey(f.ReplyRef); err != nil {
		return err
	}
	if f.At.IsZero() {
		f.At = s.now()
	}
	ev := FeedbackEvent{
		RequestID: f.RequestID, ReplyRef: f.ReplyRef, Platform: f.Platform, Workspace: f.Workspace,
		Channel: f.Channel, UserHash: s.userHash(f.Platform, f.Workspace, f.User), Helpful: f.Helpful, At: storeTime(f.At),
	}
	if err := s.be.putVote(ctx, ev); err != nil {
		return fmt.Errorf("store: record feedback: %w", err)
	}
	return nil
}

// RecordRequest stores (or replaces) the record of one answered request.
func (s *Store) RecordRequest(ctx context.Context, r RequestRecord) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if r.ReplyRef == "" {
		return ErrNoReplyRef
	}
	if err := checkKey(r.ReplyRef); err != nil {
		return err
	}
	if r.At.IsZero() {
		r.At = s.now()
	}
	r.At = storeTime(r.At)
	if r.User != "" {
		r.UserHash = s.userHash(r.Platform, r.Workspace, r.User)
	}
	r.User = ""
	if err := s.be.putRequest(ctx, r); err != nil {
		return fmt.Errorf("store: record request: %w", err)
	}
	return nil
}

// Request returns the record of the reply ref, if stored.
func (s *Store) Request(ctx context.Context, ref string) (RequestRecord, bool, error) {
	if err := ctx.Err(); err != nil {
		return RequestRecord{}, false, err
	}
	r, ok, err := s.be.request(ctx, ref)
	if err != nil {
		return RequestRecord{}, false, fmt.Errorf("store: request %q: %w", ref, err)
	}
	return r, ok, nil
}

// Feedback returns the stored votes cast at or after since, oldest first.
func (s *Store) Feedback(ctx context.Context, since time.Time) ([]FeedbackEvent, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	out, err := s.be.votes(ctx, storeTime(since))
	if err != nil {
		return nil, fmt.Errorf("store: feedback: %w", err)
	}
	return out, nil
}
