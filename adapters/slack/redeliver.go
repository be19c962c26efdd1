package slackadapter

import (
	"errors"

	"github.com/stylistbot/stylist/bot"
)

var _ bot.Redeliverer = (*Adapter)(nil)

// target is a delivery as data (bot.Target.Data): what any replica needs to
// deliver the replies of a request. For a slash command the "looking for…"
// message is both the anchor and the message the replies update, so delivering
// the final reply again (a job whose replica died) edits that message instead
// of posting a second answer.
type target struct {
	To            bot.Conversation `json:"to"`
	User          string           `json:"user"`
	ResponseURL   string           `json:"response_url,omitempty"`
	Anchor        string           `json:"anchor,omitempty"`
	Update        string           `json:"update,omitempty"` // ts of the message the replies update
	EphemeralOnly bool             `json:"ephemeral_only,omitempty"`
}

// replyTo returns d as a bot.Target for Request.ReplyTo.
func (d *delivery) replyTo() *bot.Target {
	t := target{To: d.to, User: d.user, ResponseURL: d.responseURL, Anchor: d.anchor, Update: d.anchor, EphemeralOnly: d.ephemeralOnly}
	return bot.NewTarget(bot.PlatformSlack, t)
}

// Redeliver implements bot.Redeliverer: it rebuilds the delivery of a request
// that another replica (or this one, before a restart) accepted.
func (a *Adapter) Redeliver(t bot.Target) (bot.ReplyFunc, error) {
	var tg target
	if err := t.Decode(bot.PlatformSlack, &tg); err != nil {
		return nil, err
	}
	if tg.To.Channel == "" {
		return nil, errors.New("slack: reply target without a channel")
	}
	d := &delivery{a: a, to: tg.To, user: tg.User, responseURL: tg.ResponseURL, anchor: tg.Anchor,
		streamTS: tg.Update, ephemeralOnly: tg.EphemeralOnly}
	return d.reply, nil
}
