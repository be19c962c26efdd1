package slackadapter

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"

	"github.com/stylistbot/stylist/bot"
)

// Polite refusals returned in a slash command's acknowledgement.
const (
	msgStarting = "I'm just starting up — please try again in a moment."
)

// slashAck decides the immediate answer to a slash command: "" accepts it (the
// work continues after the acknowledgement), anything else is an ephemeral
// refusal to send as the acknowledgement's payload.
func (a *Adapter) slashAck(cmd slack.SlashCommand) string {
	switch {
	case cmd.Command != a.cfg.SlashCommand:
		return fmt.Sprintf("Sorry, I don't know the command %s.", Escape(cmd.Command))
	}
	h, _, ok := a.running()
	if !ok {
		return msgStarting
	}
	// The core's policy (allow-list, paused channels) answers here, in the
	// acknowledgement, so that a refused command posts nothing public.
	if sc, ok := h.(bot.Screener); ok {
		if rep, refused := sc.Screen(slashRequest(cmd)); refused {
			return plainText(rep)
		}
	}
	return ""
}

// plainText is the text of a short reply (a refusal) for an acknowledgement.
func plainText(r bot.Reply) string {
	if r.Error != nil && r.Error.Message != "" {
		return r.Error.Message
	}
	return r.Text
}

// ephemeralAck is the payload of an acknowledgement that answers the user privately.
func ephemeralAck(text string) map[string]string {
	return map[string]string{"response_type": slack.ResponseTypeEphemeral, "text": text}
}

// firstDelivery reports whether the inbound delivery kind/id is seen for the
// first time; a replay (Slack's retries, or the same signed request sent again
// within the signature's five minutes) must be acknowledged and otherwise
// ignored. An empty id cannot be de-duplicated and counts as new.
func (a *Adapter) firstDelivery(kind, id string) bool {
	if id == "" || a.seen.Add(kind+":"+id) {
		return true
	}
	a.log.Debug("slack: replayed delivery ignored", "kind", kind, "id", id)
	return false
}

// jobKeys is implemented by a key set shared by replicas (store/cluster.Keys):
// the key of a delivery that becomes a job is only a claim until the job is
// stored, so that a replica dying between the two steps does not turn the
// platform's retry on another replica into an ignored duplicate.
type jobKeys interface {
	// Claim reports whether this replica must handle the delivery key whose job
	// id is job, and then call handled once it was handled.
	Claim(key, job string) (claimed bool, handled func())
}

// claimDelivery is firstDelivery for a delivery that becomes a job whose id is
// the delivery's id (the request's ID): handled must be called once the core
// took the request (Handle returned).
func (a *Adapter) claimDelivery(kind, id string) (first bool, handled func()) {
	c, ok := a.seen.(jobKeys)
	if !ok || id == "" {
		return a.firstDelivery(kind, id), func() {}
	}
	if first, handled = c.Claim(kind+":"+id, id); !first {
		a.log.Debug("slack: replayed delivery ignored", "kind", kind, "id", id)
	}
	return first, handled
}

// claimSlash reports whether cmd (identified by its trigger_id, also its job
// id) is new; handled is then called by acceptSlash.
func (a *Adapter) claimSlash(cmd slack.SlashCommand) (first bool, handled func()) {
	return a.claimDelivery("slash", cmd.TriggerID)
}

// acceptSlash processes a slash command in the background; the returned
// channel is closed once the core took it (Handle returned: queued, or in
// replica mode stored as a job) or it was dropped, after handled was called.
func (a *Adapter) acceptSlash(cmd slack.SlashCommand, handled func()) <-chan struct{} {
	taken := make(chan struct{})
	var once sync.Once
	done := func() { once.Do(func() { handled(); close(taken) }) }
	h, ctx, ok := a.running()
	if !ok {
		done()
		return taken
	}
	if !a.goWork("slash_command", func() { defer done(); a.handleSlash(ctx, h, cmd) }) {
		done()
	}
	return taken
}

// handleSlash posts the visible "looking for…" message, then hands the request
// to the core with the thread of that message as the conversation. Help, chat
// ("hi", "thanks") and an empty command are answered privately and post nothing.
func (a *Adapter) handleSlash(ctx context.Context, h bot.Handler, cmd slack.SlashCommand) {
	req := slashRequest(cmd)
	d := &delivery{a: a, to: req.Conversation, user: cmd.UserID, responseURL: cmd.ResponseURL}
	if bot.Unsearched(req) { // answered privately by the core without a search: post nothing public
		d.ephemeralOnly = true
		h.Handle(ctx, req, d.reply)
		return
	}
	ts, err := a.postMessage(ctx, cmd.ChannelID, "", lookingFor(req.Text, req.User)...)
	if err != nil {
		a.log.Warn("slack: could not post the looking-for message", "channel", cmd.ChannelID, "err", err)
		d.surface(ctx, cannotPost(err))
		return
	}
	req.Conversation.Thread = ts
	d.to, d.anchor = req.Conversation, ts
	a.threads.Add(threadKey(cmd.ChannelID, ts))
	req.ReplyTo = d.replyTo()
	h.Handle(ctx, req, d.reply)
}

// lookingFor builds the visible message a slash command starts with.
func lookingFor(text, user string) []slack.MsgOption {
	msg := ":mag: Looking for “" + clip(Escape(text), 300) + "”"
	if userIDRe.MatchString(user) {
		msg += " for <@" + user + ">"
	}
	msg += "…"
	return []slack.MsgOption{slack.MsgOptionText(msg, false), slack.MsgOptionDisableLinkUnfurl(), slack.MsgOptionDisableMediaUnfurl()}
}

// cannotPost explains a failed chat.postMessage to the user.
func cannotPost(err error) string {
	var se slack.SlackErrorResponse
	if errors.As(err, &se) {
		switch se.Err {
		case "not_in_channel", "channel_not_found", "is_archived", "restricted_action":
			return "I can't post in this channel. Invite me with /invite, or send me a direct message."
		}
	}
	return "Sorry, I couldn't start on that. Please try again in a moment."
}

// acceptEvent de-duplicates an Events API callback by event_id (Slack retries
// deliveries) and processes it in the background. It reports false for a
// duplicate, which must be acknowledged and otherwise ignored.
func (a *Adapter) acceptEvent(ev slackevents.EventsAPIEvent) bool {
	cb, ok := ev.Data.(*slackevents.EventsAPICallbackEvent)
	if !ok {
		return true
	}
	if !a.firstDelivery("event", cb.EventID) {
		a.log.Debug("slack: duplicate event ignored", "event_id", cb.EventID)
		return false
	}
	h, ctx, ok := a.running()
	if !ok {
		return true
	}
	a.goWork("event", func() { a.handleEvent(ctx, h, ev, cb) })
	return true
}

// handleEvent maps mentions, DMs and thread follow-ups to requests.
func (a *Adapter) handleEvent(ctx context.Context, h bot.Handler, ev slackevents.EventsAPIEvent, cb *slackevents.EventsAPICallbackEvent) {
	id := a.identity()
	team := firstNonEmpty(ev.TeamID, cb.TeamID, id.TeamID)
	var (
		req bot.Request
		ok  bool
	)
	switch e := ev.InnerEvent.Data.(type) {
	case *slackevents.AppMentionEvent:
		req, ok = mentionRequest(team, e, id, a.cfg.ThreadOnly)
	case *slackevents.MessageEvent:
		req, ok = messageRequest(team, e, id, a.isBotThread)
	default:
		a.log.Debug("slack: event ignored", "type", ev.InnerEvent.Type)
		return
	}
	if !ok {
		return
	}
	if req.Kind == bot.KindMention && req.Conversation.Thread != "" {
		a.threads.Add(threadKey(req.Conversation.Channel, req.Conversation.Thread))
	}
	d := &delivery{a: a, to: req.Conversation, user: req.User}
	h.Handle(ctx, req, d.reply)
}

// isBotThread reports whether the bot takes part in the thread channel/ts.
func (a *Adapter) isBotThread(channel, ts string) bool {
	return a.threads.Has(threadKey(channel, ts))
}

// acceptInteraction hands a feedback click to the core (Handle returns at once)
// and returns the channel that receives the core's decision, or nil when the
// interaction is ignored (not a feedback click, a replay, before Start).
func (a *Adapter) acceptInteraction(cb *slack.InteractionCallback) <-chan bot.Reply {
	req, ok := feedbackRequest(cb)
	if !ok {
		a.log.Debug("slack: interaction ignored", "type", cb.Type)
		return nil
	}
	if !a.firstDelivery("interaction", interactionID(cb)) {
		return nil
	}
	h, ctx, ok := a.running()
	if !ok {
		return nil
	}
	d := &delivery{a: a, to: req.Conversation, user: req.User, responseURL: cb.ResponseURL, ephemeralOnly: true}
	reply, decided := bot.Decided(d.reply)
	h.Handle(ctx, req, reply)
	return decided
}
