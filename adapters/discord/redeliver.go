package discordadapter

import (
	"errors"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/stylistbot/stylist/bot"
)

var _ bot.Redeliverer = (*Adapter)(nil)

// replyTarget is a delivery as data (bot.Target.Data). For an interaction, the
// token lets any replica edit the deferred original response; for a gateway
// message (mention, DM, thread reply), Message is the "looking for…"
// placeholder in ChannelID that the replies edit. Either way delivering the
// final reply again (a job whose replica died) edits the same message instead
// of posting a second answer.
type replyTarget struct {
	Message   string    `json:"message,omitempty"` // the placeholder's id; set only for a gateway message
	ID        string    `json:"id"`
	AppID     string    `json:"application_id"`
	Token     string    `json:"token"`
	GuildID   string    `json:"guild_id,omitempty"`
	ChannelID string    `json:"channel_id"`
	User      string    `json:"user"`
	Acked     bool      `json:"acked"`
	Component bool      `json:"component,omitempty"`
	Received  time.Time `json:"received"`
}

// replyTo returns r as a bot.Target for Request.ReplyTo.
func (r *interactionReplier) replyTo() *bot.Target {
	user, _ := interactionUser(r.it)
	t := replyTarget{ID: r.it.ID, AppID: r.it.AppID, Token: r.it.Token, GuildID: r.it.GuildID, ChannelID: r.it.ChannelID,
		User: user, Acked: r.acked, Component: r.component, Received: r.received}
	return bot.NewTarget(bot.PlatformDiscord, t)
}

// replyTo returns the delivery of c, whose placeholder is c.handle, as a bot.Target.
func (c *channelReplier) replyTo() *bot.Target {
	return bot.NewTarget(bot.PlatformDiscord, replyTarget{Message: c.handle, ChannelID: c.channel})
}

// Redeliver implements bot.Redeliverer: it rebuilds the delivery of an
// interaction or a gateway message that another replica (or this one, before a
// restart) accepted.
func (a *Adapter) Redeliver(t bot.Target) (bot.ReplyFunc, error) {
	var tg replyTarget
	if err := t.Decode(bot.PlatformDiscord, &tg); err != nil {
		return nil, err
	}
	if tg.Message != "" {
		if tg.ChannelID == "" {
			return nil, errors.New("discord: reply target without a channel")
		}
		return (&channelReplier{a: a, channel: tg.ChannelID, handle: tg.Message}).reply, nil
	}
	if tg.ID == "" || tg.AppID == "" || tg.Token == "" || tg.ChannelID == "" {
		return nil, errors.New("discord: reply target without interaction id, application id, token or channel")
	}
	it := &discordgo.Interaction{ID: tg.ID, AppID: tg.AppID, Token: tg.Token, GuildID: tg.GuildID, ChannelID: tg.ChannelID,
		User: &discordgo.User{ID: tg.User}}
	rp := &interactionReplier{a: a, it: it, acked: tg.Acked, component: tg.Component, received: tg.Received}
	return rp.reply, nil
}
