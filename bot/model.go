// Package bot is the platform-neutral conversation engine: it routes inbound chat
// requests to the recommender, enforces limits, and hands neutral replies to adapters.
package bot

import (
	"context"
	"errors"
)

// Platform names a chat platform.
type Platform string

// Known platforms.
const (
	PlatformConsole Platform = "console"
	PlatformSlack   Platform = "slack"
	PlatformDiscord Platform = "discord"
)

// Kind says how a request reached the bot.
type Kind string

// Request kinds.
const (
	KindSlash    Kind = "slash"    // /outfit <text>
	KindMention  Kind = "mention"  // @stylist <text> in a channel
	KindDirect   Kind = "direct"   // direct message
	KindFollowUp Kind = "followup" // a message in a thread the bot started
	KindFeedback Kind = "feedback" // a helpful / not-helpful button or reaction
	KindAdmin    Kind = "admin"    // a moderator command
)

// Conversation identifies a thread on a platform.
type Conversation struct {
	Platform  Platform `json:"platform"`
	Workspace string   `json:"workspace"` // Slack team / Discord guild; "" for DMs or console
	Channel   string   `json:"channel"`
	Thread    string   `json:"thread"` // thread key (Slack thread_ts, Discord thread/channel id); "" = not yet threaded
}

// Key is a stable identifier for the conversation, used for thread memory.
func (c Conversation) Key() string {
	return string(c.Platform) + "/" + c.Workspace + "/" + c.Channel + "/" + c.Thread
}

// Request is one inbound message from any platform.
type Request struct {
	ID           string       `json:"id"` // request id for logs; set by the core if empty
	Kind         Kind         `json:"kind"`
	Conversation Conversation `json:"conversation"`
	User         string       `json:"user"`
	UserRoles    []string     `json:"user_roles,omitempty"` // Slack user-group ids / Discord role ids, for moderator checks
	Text         string       `json:"text"`                 // normalised by the adapter with NormalizeText
	// Feedback fields (Kind == KindFeedback).
	Helpful  bool   `json:"helpful,omitempty"`
	ReplyRef string `json:"reply_ref,omitempty"` // the reply the feedback is about (Reply.Ref)
	NonText  bool   `json:"non_text,omitempty"`  // message carried only files/stickers etc.
	// ReplyTo is where the replies go, as data an adapter of any replica can turn
	// back into delivery (Redeliverer); with it, and a shared queue, an accepted
	// recommendation is a durable job. nil keeps it on this process.
	ReplyTo *Target `json:"reply_to,omitempty"`
}

// Item is one recommended article as shown to users.
type Item struct {
	ArticleID  string `json:"article_id"`
	Name       string `json:"name"`
	Type       string `json:"type"`
	Colour     string `json:"colour"`
	Department string `json:"department"`
	Reason     string `json:"reason"`
	ImageURL   string `json:"image_url,omitempty"`
	Slot       string `json:"slot,omitempty"`       // outfit replies: the item's slot ("top", "shoes")
	SlotLabel  string `json:"slot_label,omitempty"` // the slot as shown ("Top", "Shoes")
}

// Reply is the neutral outbound message; adapters render it for their platform.
type Reply struct {
	Ref       string   `json:"ref"` // opaque id of this reply, echoed back by feedback buttons
	Intro     string   `json:"intro,omitempty"`
	Items     []Item   `json:"items,omitempty"`
	Outfits   []Outfit `json:"outfits,omitempty"` // outfit replies: each look with its items; Items then lists them all
	Tip       string   `json:"tip,omitempty"`
	Notices   []string `json:"notices,omitempty"` // e.g. "retrieval-only answer"
	Text      string   `json:"text,omitempty"`    // plain text (help, errors, busy), used when there are no items
	Error     *Error   `json:"error,omitempty"`
	Partial   bool     `json:"partial,omitempty"`   // a streaming update; a final reply follows
	Ephemeral bool     `json:"ephemeral,omitempty"` // only the requesting user should see it, where supported
	Feedback  bool     `json:"feedback,omitempty"`  // show helpful / not-helpful buttons
}

// Error is a rendering-neutral error shown to the user.
type Error struct {
	Code    string `json:"code"` // "empty", "too_long", "busy", "rate_limited", "internal", "refused", ...
	Message string `json:"message"`
}

// Error implements error.
func (e *Error) Error() string { return e.Code + ": " + e.Message }

// Outfit is one look of an outfit reply; adapters render each as its own
// headed group with the items' slot labels.
type Outfit struct {
	Title     string `json:"title"`
	Rationale string `json:"rationale,omitempty"`
	Items     []Item `json:"items"`
}

// Sender posts replies into a conversation. Send returns the conversation as the
// platform now knows it (with Thread set when the adapter started a thread) and the
// platform's handle of the posted message.
type Sender interface {
	Send(ctx context.Context, to Conversation, r Reply) (Conversation, string, error)
}

// Adapter connects one chat platform to the core.
type Adapter interface {
	Sender
	// Name returns the platform name.
	Name() Platform
	// Start connects and delivers inbound requests to h until ctx ends or Stop is called.
	Start(ctx context.Context, h Handler) error
	// Stop disconnects; it must return promptly.
	Stop(ctx context.Context) error
}

// Handler receives inbound requests from adapters. The core implements it.
// Handle must return quickly (adapters acknowledge within platform deadlines);
// replies are delivered through the adapter's Sender, or through the ReplyFunc
// when the adapter needs to control delivery (e.g. Discord interaction follow-ups).
type Handler interface {
	Handle(ctx context.Context, req Request, reply ReplyFunc)
}

// ReplyFunc delivers a reply for one request. Partial replies may be followed by
// more partial replies and exactly one final (Partial == false) reply.
type ReplyFunc func(ctx context.Context, r Reply) error

// HandlerFunc adapts a function to Handler.
type HandlerFunc func(ctx context.Context, req Request, reply ReplyFunc)

// Handle implements Handler.
func (f HandlerFunc) Handle(ctx context.Context, req Request, reply ReplyFunc) { f(ctx, req, reply) }

// Sentinel errors.
var (
	ErrBusy        = errors.New("bot: busy")
	ErrRateLimited = errors.New("bot: rate limited")
	ErrStopped     = errors.New("bot: stopped")
)

// Screener is implemented by the core. Screen returns the reply the core gives
// at once, without recommending, to a request its policy refuses (a channel
// outside the allow-list, a channel paused by a moderator, a text longer than
// max_query_runes); ok is false when the
// request would be served. An adapter that must answer before handing a request
// over (Slack's slash-command acknowledgement, which otherwise posts a public
// "looking for…" message first) calls it instead of deciding on its own; Handle
// applies the same decision again.
type Screener interface {
	Screen(req Request) (rep Reply, refused bool)
}

// Decided wraps reply for an adapter that must not acknowledge a request to its
// platform before the core decided it (a feedback click is acknowledged only once
// its vote is stored): the returned channel receives the final reply just before
// it is delivered through reply. The core's answer to a feedback request is a
// reply without Error when the vote is stored, and an Error reply when it was
// refused (rate limited, busy, store failure) and not recorded.
func Decided(reply ReplyFunc) (ReplyFunc, <-chan Reply) {
	ch := make(chan Reply, 1)
	return func(ctx context.Context, r Reply) error {
		if !r.Partial {
			select {
			case ch <- r:
			default:
			}
		}
		return reply(ctx, r)
	}, ch
}
