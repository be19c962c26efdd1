package discordadapter

import (
	"context"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/stylistbot/stylist/bot"
)

// interactionReplier delivers the core's replies to an acknowledged interaction:
// public replies edit the deferred "@original" response (partials stream into it) and
// extra messages of a split rendering become follow-ups; ephemeral replies and errors
// become ephemeral follow-ups (flag 64); button clicks only get ephemeral follow-ups.
// When the token is gone (never acknowledged, 10062/10015/50027, or older than ~15 min)
// public replies become channel messages, private ones direct messages (button replies
// other than errors are dropped).
type interactionReplier struct {
	a         *Adapter
	it        *discordgo.Interaction
	acked     bool
	component bool
	received  time.Time

	mu           sync.Mutex
	originalSet  bool // @original holds a reply
	originalGone bool // @original was deleted (an ephemeral reply came first)
	gone         bool // the token failed; everything goes through the fallback
	fallback     *channelReplier
}

func (r *interactionReplier) reply(ctx context.Context, rep bot.Reply) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	msgs := Render(rep)
	private := r.component || msgs[0].Ephemeral
	if rep.Partial && private {
		return nil // only the visible response streams
	}
	if !r.gone && r.acked && r.a.now().Sub(r.received) < tokenUsable {
		err := r.deliver(ctx, rep, msgs, private)
		if err == nil || !isInteractionGone(err) {
			if err != nil && !rep.Partial && !private {
				r.notifyError(ctx)
			}
			return err
		}
		r.a.log.Warn("interaction token gone; falling back to a channel message", "id", r.it.ID, "err", err)
	}
	r.gone = true
	return r.toChannel(ctx, rep, private)
}

func (r *interactionReplier) deliver(ctx context.Context, rep bot.Reply, msgs []Message, private bool) error {
	if private {
		if !r.component && !r.originalSet && !r.originalGone {
			r.deleteOriginal(ctx) // drop the public "thinking…" placeholder
		}
		return r.followups(ctx, msgs, true)
	}
	if r.originalGone {
		if rep.Partial {
			return nil
		}
		return r.followups(ctx, msgs, false)
	}
	if err := r.editOriginal(ctx, msgs[0]); err != nil {
		return err
	}
	r.originalSet = true
	if rep.Partial {
		return nil
	}
	return r.followups(ctx, msgs[1:], false)
}

// youngRetry retries f when Discord does not know the interaction yet: in HTTP mode the
// acknowledgement travels in our HTTP response and may land after a fast first edit.
func (r *interactionReplier) youngRetry(ctx context.Context, f func() error) error {
	err := f()
	for i := 1; i <= 3 && isInteractionGone(err) && r.a.now().Sub(r.received) < 10*time.Second; i++ {
		t := time.NewTimer(time.Duration(i) * 250 * time.Millisecond)
		select {
		case <-ctx.Done():
			t.Stop()
			return err
		case <-t.C:
		}
		err = f()
	}
	return err
}

func (r *interactionReplier) editOriginal(ctx context.Context, m Message) error {
	return r.youngRetry(ctx, func() error {
		return r.a.call(ctx, "edit interaction response", func(o ...discordgo.RequestOption) error {
			_, err := r.a.s.InteractionResponseEdit(r.it, m.webhookEdit(), o...)
			return err
		})
	})
}

func (r *interactionReplier) deleteOriginal(ctx context.Context) {
	err := r.youngRetry(ctx, func() error {
		return r.a.call(ctx, "delete interaction response", func(o ...discordgo.RequestOption) error {
			return r.a.s.InteractionResponseDelete(r.it, o...)
		})
	})
	if err != nil {
		r.a.log.Debug("could not delete the deferred response", "id", r.it.ID, "err", err)
	}
	r.originalGone = true
}

// followups posts msgs as interaction follow-up messages.
func (r *interactionReplier) followups(ctx context.Context, msgs []Message, ephemeral bool) error {
	for _, m := range msgs {
		err := r.youngRetry(ctx, func() error {
			return r.a.call(ctx, "interaction follow-up", func(o ...discordgo.RequestOption) error {
				_, err := r.a.s.FollowupMessageCreate(r.it, true, m.followup(ephemeral), o...)
				return err
			})
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// notifyError tells the user, privately, that the answer could not be posted.
func (r *interactionReplier) notifyError(ctx context.Context) {
	m := Render(bot.Reply{Error: &bot.Error{Code: "internal", Message: textPostFailed}})
	if err := r.followups(ctx, m, true); err != nil {
		r.a.log.Debug("could not send the error follow-up", "id", r.it.ID, "err", err)
	}
}

// toChannel is the fallback once the interaction token is unusable.
func (r *interactionReplier) toChannel(ctx context.Context, rep bot.Reply, private bool) error {
	if private {
		if rep.Partial || (r.component && rep.Error == nil) {
			r.a.log.Debug("dropping a button reply: interaction token gone", "id", r.it.ID)
			return nil // a late "thanks for the feedback" is not worth a DM
		}
		user, _ := interactionUser(r.it)
		return r.a.sendDM(ctx, user, rep)
	}
	if r.fallback == nil {
		r.fallback = &channelReplier{a: r.a, channel: r.it.ChannelID}
	}
	return r.fallback.reply(ctx, rep)
}
