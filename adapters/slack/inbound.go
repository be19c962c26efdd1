package slackadapter

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"

	"github.com/stylistbot/stylist/bot"
	"github.com/stylistbot/stylist/internal/replay"
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
	if replay.First(a.seen, kind, id) {
		return true
	}
	a.log.Debug("slack: replayed delivery ignored", "kind", kind, "id", id)
	return false
}

// claimDelivery is firstDelivery for a delivery that becomes a job whose id is
// the delivery's id (the request's ID): handled must be called once the core
// took the request (Handle returned); see replay.Claim.
func (a *Adapter) claimDelivery(kind, id string) (first bool, handled func()) {
	if first, handled = replay.Claim(a.seen, kind, id); !first {
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
	h, ctx, ok := a.running()
	if !ok {
		handled()
		return closedChan()
	}
	return a.goTaken("slash_command", func() { a.handleSlash(ctx, h, cmd) }, handled)
}

// goTaken runs fn with goWork and returns a channel closed once fn returned
// (at once when fn cannot run); then (optional) is called just before.
func (a *Adapter) goTaken(name string, fn, then func()) <-chan struct{} {
	taken := make(chan struct{})
	var once sync.Once
	done := func() {
		once.Do(func() {
			if then != nil {
				then()
			}
			close(taken)
		})
	}
	if !a.goWork(name, func() { defer done(); fn() }) {
		done()
	}
	return taken
}

// closedChan returns a closed channel: nothing to wait for.
func closedChan() <-chan struct{} {
	c := make(chan struct{})
	close(c)
	return c
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
// deliveries) and processes it in the background. It returns nil for a
// duplicate, which must be acknowledged and otherwise ignored, else a channel
// closed once the core took the request (Handle returned: in replica mode,
// the placeholder is posted and the request stored as a job) or the event was
// dropped. An event that can never be a request is dropped before its key is
// recorded. A mention, DM or thread reply may become a job whose id is the
// event_id, so in replica mode its key is a claim until the core took it
// (claimDelivery): a retry after a replica died in between is handled by
// another one. The claim may wait up to 1.5 s for another replica's: never
// call it from Socket Mode's event loop.
func (a *Adapter) acceptEvent(ev slackevents.EventsAPIEvent) <-chan struct{} {
	cb, ok := ev.Data.(*slackevents.EventsAPICallbackEvent)
	if !ok {
		return closedChan()
	}
	if _, ok := a.eventRequest(ev, cb, anyThread); !ok {
		// Never a request, whichever replica gets it (bots, edits, channel
		// chatter): no key to record, no database round trip.
		a.log.Debug("slack: event ignored", "type", ev.InnerEvent.Type)
		return closedChan()
	}
	first, handled := a.claimDelivery("event", cb.EventID)
	if !first {
		a.log.Debug("slack: duplicate event ignored", "event_id", cb.EventID)
		return nil
	}
	h, ctx, ok := a.running()
	if !ok {
		handled()
		return closedChan()
	}
	return a.goTaken("event", func() { a.handleEvent(ctx, h, ev, cb) }, handled)
}

// eventRequest maps a mention, DM or thread follow-up to a request (botThread
// tells the threads the bot takes part in); ok is false for any other event.
// The request's ID is the event_id: it names the delivery, and so the job (a
// retry whose job is stored is a duplicate).
func (a *Adapter) eventRequest(ev slackevents.EventsAPIEvent, cb *slackevents.EventsAPICallbackEvent, botThread func(channel, ts string) bool) (req bot.Request, ok bool) {
	id := a.identity()
	team := firstNonEmpty(ev.TeamID, cb.TeamID, id.TeamID)
	switch e := ev.InnerEvent.Data.(type) {
	case *slackevents.AppMentionEvent:
		req, ok = mentionRequest(team, e, id, a.cfg.ThreadOnly)
	case *slackevents.MessageEvent:
		req, ok = messageRequest(team, e, id, botThread)
	}
	req.ID = cb.EventID
	return req, ok
}

// anyThread is the bot-thread test of a look-ahead that needs no I/O: a reply
// in any thread may be a follow-up.
func anyThread(string, string) bool { return true }

// handleEvent maps mentions, DMs and thread follow-ups to requests.
func (a *Adapter) handleEvent(ctx context.Context, h bot.Handler, ev slackevents.EventsAPIEvent, cb *slackevents.EventsAPICallbackEvent) {
	req, ok := a.eventRequest(ev, cb, a.isBotThread)
	if !ok {
		a.log.Debug("slack: event ignored", "type", ev.InnerEvent.Type)
		return
	}
	if req.Kind == bot.KindMention && req.Conversation.Thread != "" {
		a.threads.Add(threadKey(req.Conversation.Channel, req.Conversation.Thread))
	}
	d := &delivery{a: a, to: req.Conversation, user: req.User}
	if durable(h, req) {
		a.placeholder(ctx, d, &req)
	}
	h.Handle(ctx, req, d.reply)
}

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

// placeholder posts the "looking for…" message where the answer to a mention,
// DM or thread reply goes, and makes it the message the replies edit and the
// request's reply target: whichever replica runs the job edits that one
// message, and a redelivery edits it again instead of posting a second answer.
// When it cannot be posted the request is answered as on a single box.
func (a *Adapter) placeholder(ctx context.Context, d *delivery, req *bot.Request) {
	to := req.Conversation
	user := req.User
	if isDM(to.Channel) {
		user = "" // no need to name the only person in the conversation
	}
	ts, err := a.postMessage(ctx, to.Channel, to.Thread, lookingFor(req.Text, user)...)
	if err != nil {
		a.log.Warn("slack: could not post the looking-for message; answering from this replica", "channel", to.Channel, "err", err)
		return
	}
	if to.Thread == "" && !isDM(to.Channel) {
		a.threads.Add(threadKey(to.Channel, ts)) // replies in the answer's thread are follow-ups
	}
	d.anchor, d.streamTS = ts, ts
	req.ReplyTo = d.replyTo()
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
