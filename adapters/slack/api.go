package slackadapter

import (
	"context"
	"net/url"
	"strings"

	"github.com/slack-go/slack"

	"github.com/stylistbot/stylist/bot"
)

// msgOptions renders r into message options (blocks, fallback text, no unfurls).
func msgOptions(r bot.Reply) []slack.MsgOption {
	blocks, text := Render(r)
	return []slack.MsgOption{
		slack.MsgOptionBlocks(blocks...),
		slack.MsgOptionText(text, false),
		slack.MsgOptionDisableLinkUnfurl(),
		slack.MsgOptionDisableMediaUnfurl(),
	}
}

// postMessage posts (chat.postMessage) into channel, in thread when thread != "", and returns the ts.
func (a *Adapter) postMessage(ctx context.Context, channel, thread string, opts ...slack.MsgOption) (string, error) {
	if thread != "" {
		opts = append(opts, slack.MsgOptionTS(thread))
	}
	var ts string
	err := a.call(ctx, "chat.postMessage", func(ctx context.Context) (err error) {
		_, ts, err = a.api.PostMessageContext(ctx, channel, opts...)
		return err
	})
	return ts, err
}

// post renders r and posts it.
func (a *Adapter) post(ctx context.Context, channel, thread string, r bot.Reply) (string, error) {
	return a.postMessage(ctx, channel, thread, msgOptions(r)...)
}

// update replaces message ts in channel with r (chat.update).
func (a *Adapter) update(ctx context.Context, channel, ts string, r bot.Reply) error {
	opts := msgOptions(r)
	return a.call(ctx, "chat.update", func(ctx context.Context) error {
		_, _, _, err := a.api.UpdateMessageContext(ctx, channel, ts, opts...)
		return err
	})
}

// remove deletes a message the bot posted (chat.delete).
func (a *Adapter) remove(ctx context.Context, channel, ts string) error {
	return a.call(ctx, "chat.delete", func(ctx context.Context) error {
		_, _, err := a.api.DeleteMessageContext(ctx, channel, ts)
		return err
	})
}

// postEphemeral shows r to user only (chat.postEphemeral).
func (a *Adapter) postEphemeral(ctx context.Context, channel, thread, user string, r bot.Reply) error {
	opts := msgOptions(r)
	if thread != "" {
		opts = append(opts, slack.MsgOptionTS(thread))
	}
	return a.call(ctx, "chat.postEphemeral", func(ctx context.Context) error {
		_, err := a.api.PostEphemeralContext(ctx, channel, user, opts...)
		return err
	})
}

// respond posts r as an ephemeral message to a slash command's or interaction's response_url.
func (a *Adapter) respond(ctx context.Context, responseURL string, r bot.Reply) error {
	opts := append(msgOptions(r), slack.MsgOptionResponseURL(responseURL, slack.ResponseTypeEphemeral))
	return a.call(ctx, "response_url", func(ctx context.Context) error {
		_, _, err := a.api.PostMessageContext(ctx, "", opts...)
		return err
	})
}

// trustedResponseURL accepts only Slack's own response URLs (https, *.slack.com)
// or, when slack.api_url is set, URLs on that host or (https) its subdomains
// (https://hooks.slack-gov.com for https://slack-gov.com/api/).
func (a *Adapter) trustedResponseURL(raw string) bool {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return false
	}
	if u.Scheme == "https" && (u.Hostname() == "slack.com" || strings.HasSuffix(u.Hostname(), ".slack.com")) {
		return true
	}
	if a.cfg.APIURL != "" {
		api, err := url.Parse(a.cfg.APIURL)
		return err == nil && api.Scheme == u.Scheme &&
			(api.Host == u.Host || (u.Scheme == "https" && strings.HasSuffix(u.Hostname(), "."+api.Hostname())))
	}
	return false
}

// sendEphemeral shows r to user only: through responseURL when there is one,
// as a normal message in a DM, else with chat.postEphemeral.
func (a *Adapter) sendEphemeral(ctx context.Context, to bot.Conversation, user, responseURL string, r bot.Reply) error {
	if responseURL != "" && a.trustedResponseURL(responseURL) {
		err := a.respond(ctx, responseURL, r)
		if err == nil {
			return nil
		}
		a.log.Warn("slack: response_url failed, falling back", "err", err)
	}
	if isDM(to.Channel) {
		_, err := a.post(ctx, to.Channel, to.Thread, r)
		return err
	}
	if user == "" {
		return ErrNoUser
	}
	return a.postEphemeral(ctx, to.Channel, to.Thread, user, r)
}
