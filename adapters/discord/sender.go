package discordadapter

import (
	"context"
	"fmt"
	"sync"

	"github.com/bwmarrin/discordgo"

	"github.com/stylistbot/stylist/bot"
)

// target is the Discord channel a conversation's messages go to: the thread when set.
func target(c bot.Conversation) string {
	if c.Thread != "" {
		return c.Thread
	}
	return c.Channel
}

// Send implements bot.Sender: it posts r into the conversation's thread (or channel / DM)
// and returns the id of the first message as the handle.
func (a *Adapter) Send(ctx context.Context, to bot.Conversation, r bot.Reply) (bot.Conversation, string, error) {
	cr := &channelReplier{a: a, channel: target(to)}
	if err := cr.reply(ctx, r); err != nil {
		return to, cr.handle, err
	}
	return to, cr.handle, nil
}

// sendDM opens (or reuses) the DM channel with user and posts r there.
func (a *Adapter) sendDM(ctx context.Context, user string, r bot.Reply) error {
	if a.cfg.Token == "" {
		return ErrNoToken
	}
	ch, err := callValue(ctx, a, "open DM", func(o ...discordgo.RequestOption) (*discordgo.Channel, error) {
		return a.s.UserChannelCreate(user, o...)
	})
	if err != nil {
		return err
	}
	cr := &channelReplier{a: a, channel: ch.ID}
	return cr.reply(ctx, r)
}

// channelReplier delivers replies as ordinary channel messages: the first message is
// created once and edited by later partial replies; the final reply edits it and posts
// the rest of a split rendering. Channel messages cannot be ephemeral.
type channelReplier struct {
	a       *Adapter
	channel string
	ref     *discordgo.MessageReference // reply-to for the first message (unthreaded mentions)

	mu     sync.Mutex
	handle string
}

func (c *channelReplier) reply(ctx context.Context, r bot.Reply) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.a.cfg.Token == "" {
		return ErrNoToken
	}
	msgs := Render(r)
	if c.handle == "" {
		m, err := c.post(ctx, msgs[0], c.ref)
		if err != nil {
			return err
		}
		c.handle = m.ID
	} else if err := c.edit(ctx, msgs[0]); err != nil {
		if r.Partial || APICode(err) != codeUnknownMessage {
			return err
		}
		// The message was deleted (someone removed the placeholder): the answer is posted anew.
		c.a.log.Warn("message to edit is gone; posting the answer", "channel", c.channel, "message", c.handle)
		m, err := c.post(ctx, msgs[0], c.ref)
		if err != nil {
			return err
		}
		c.handle = m.ID
	}
	if r.Partial {
		return nil
	}
	for _, m := range msgs[1:] {
		if _, err := c.post(ctx, m, nil); err != nil {
			return err
		}
	}
	return nil
}

func (c *channelReplier) post(ctx context.Context, m Message, ref *discordgo.MessageReference) (*discordgo.Message, error) {
	msg, err := callValue(ctx, c.a, "send message", func(o ...discordgo.RequestOption) (*discordgo.Message, error) {
		return c.a.s.ChannelMessageSendComplex(c.channel, m.send(ref), o...)
	})
	if err != nil {
		return nil, err
	}
	if msg == nil {
		return nil, fmt.Errorf("discord: send message: empty response")
	}
	return msg, nil
}

func (c *channelReplier) edit(ctx context.Context, m Message) error {
	return c.a.call(ctx, "edit message", func(o ...discordgo.RequestOption) error {
		_, err := c.a.s.ChannelMessageEditComplex(m.edit(c.channel, c.handle), o...)
		return err
	})
}
