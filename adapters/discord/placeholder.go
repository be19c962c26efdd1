package discordadapter

import (
	"context"

	"github.com/stylistbot/stylist/bot"
)

// jobHandler is a handler whose requests may become durable jobs that any
// replica answers (bot.Core in replica mode).
type jobHandler interface {
	Durable(req bot.Request) bool
}

// durable reports whether the answer to req should edit a placeholder posted
// first: the core makes it a job that any replica may finish (help, chat and
// the core's refusals are answered at once, with no placeholder).
func durable(h bot.Handler, req bot.Request) bool {
	jh, ok := h.(jobHandler)
	return ok && jh.Durable(req)
}

// lookingFor is the placeholder's text (mentions are never pinged: messages
// are sent without allowed mentions).
func lookingFor(text string) string {
	return "🔍 Looking for “" + truncate(text, 300) + "”…"
}

// placeholder posts the "looking for…" message where the answer to a gateway
// message (mention, DM, thread reply) goes when the core makes the request a
// durable job, and makes it the message cr edits and the request's reply
// target: whichever replica runs the job edits that one message, and a
// redelivery edits it again instead of posting a second answer. When it cannot
// be posted the request is answered as on a single box.
func (a *Adapter) placeholder(ctx context.Context, h bot.Handler, cr *channelReplier, req *bot.Request) {
	if !durable(h, *req) {
		return
	}
	m, err := cr.post(ctx, Message{Content: lookingFor(req.Text)}, cr.ref)
	if err != nil {
		a.log.Warn("could not post the looking-for message; answering from this replica", "channel", cr.channel, "err", err)
		return
	}
	cr.handle = m.ID
	req.ReplyTo = cr.replyTo()
}
