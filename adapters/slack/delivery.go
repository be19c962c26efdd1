package slackadapter

import (
	"context"
	"errors"
	"sync"

	"github.com/stylistbot/stylist/bot"
)

// errNoChannel is returned when a conversation has no channel to post into.
var errNoChannel = errors.New("slack: conversation has no channel")

// delivery routes the replies of one inbound request (it is the request's
// bot.ReplyFunc). Visible replies go to `to`: partial replies post one message
// and then update it in place, the final reply updates that message or posts a
// new one. Errors and ephemeral replies are shown to the requesting user only.
type delivery struct {
	a             *Adapter
	to            bot.Conversation // where visible replies go; Thread "" = top level
	user          string
	responseURL   string // slash command / interaction response_url, "" if none
	anchor        string // ts of the "looking for…" message of a slash command
	ephemeralOnly bool   // every reply is ephemeral (slash help, feedback)

	mu       sync.Mutex
	streamTS string // the message partial replies update
	answered bool
}

// reply implements bot.ReplyFunc.
func (d *delivery) reply(ctx context.Context, r bot.Reply) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	if (r.Error != nil || r.Ephemeral || d.ephemeralOnly) && !d.privateHere() {
		if r.Partial {
			return nil // ephemeral messages cannot be edited; wait for the final reply
		}
		err := d.a.sendEphemeral(ctx, d.to, d.user, d.responseURL, r)
		d.cleanup(ctx) // a private final answer leaves nothing public behind
		return err
	}
	if d.streamTS != "" {
		err := d.a.update(ctx, d.to.Channel, d.streamTS, r)
		if err == nil || r.Partial {
			d.answered = d.answered || !r.Partial
			return err
		}
		d.a.log.Warn("slack: final update failed, posting a new message", "err", err)
	}
	ts, err := d.a.post(ctx, d.to.Channel, d.to.Thread, r)
	if err != nil {
		if !r.Partial {
			d.surface(ctx, "Sorry, I couldn't post my answer here.")
		}
		return err
	}
	if d.to.Thread == "" && !isDM(d.to.Channel) {
		d.a.threads.Add(threadKey(d.to.Channel, ts))
	}
	if r.Partial {
		d.streamTS = ts
	} else {
		d.answered = true
	}
	return nil
}

// privateHere reports whether every reply may edit the placeholder because the
// conversation is a DM without a response_url: a private reply then replaces
// the "looking for…" message like an answer (a redelivery edits it again
// instead of posting a second message).
func (d *delivery) privateHere() bool {
	return isDM(d.to.Channel) && d.responseURL == "" && d.anchor != "" && !d.ephemeralOnly
}

// cleanup runs after a private (ephemeral or error) final reply: unless a public
// answer was already given, it deletes the unfinished streamed message and the
// "looking for…" message, so the channel is left clean and only the user sees
// the outcome.
func (d *delivery) cleanup(ctx context.Context) {
	if d.answered {
		return
	}
	for i, ts := range []string{d.streamTS, d.anchor} {
		if ts == "" || (i == 1 && ts == d.streamTS) {
			continue
		}
		if err := d.a.remove(ctx, d.to.Channel, ts); err != nil {
			d.a.log.Warn("slack: could not delete message after error", "err", err)
		}
	}
	d.streamTS, d.anchor = "", ""
}

// surface tells the user about a delivery problem, ephemerally where possible.
func (d *delivery) surface(ctx context.Context, msg string) {
	r := bot.Reply{Text: msg, Error: &bot.Error{Code: "delivery", Message: msg}}
	if err := d.a.sendEphemeral(ctx, d.to, d.user, d.responseURL, r); err != nil {
		d.a.log.Warn("slack: could not tell the user about a delivery error", "err", err)
	}
}

// Send posts r into a conversation (in its thread when Thread is set). A top-level
// post in a channel starts a thread: the returned conversation has Thread set to
// the message ts, and replies in it are treated as follow-ups. The handle is the
// message ts, usable with Edit.
func (a *Adapter) Send(ctx context.Context, to bot.Conversation, r bot.Reply) (bot.Conversation, string, error) {
	if to.Channel == "" {
		return to, "", errNoChannel
	}
	ts, err := a.post(ctx, to.Channel, to.Thread, r)
	if err != nil {
		return to, "", err
	}
	if to.Thread == "" && !isDM(to.Channel) {
		to.Thread = ts
		a.threads.Add(threadKey(to.Channel, ts))
	}
	return to, ts, nil
}
