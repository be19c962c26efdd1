package slackadapter

import (
	"regexp"
	"strings"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"

	"github.com/stylistbot/stylist/bot"
)

// leadingMention matches a mention at the start of a message, e.g. "<@U0123> " or "<@U0123|stylist>: ".
var leadingMention = regexp.MustCompile(`^\s*<@([A-Z0-9]+)(?:\|[^>]*)?>[\s:,]*`)

// userIDRe matches a Slack user id.
var userIDRe = regexp.MustCompile(`^[UW][A-Z0-9]{2,}$`)

// isDM reports whether a channel id is a direct message (D…).
func isDM(channel string) bool { return strings.HasPrefix(channel, "D") }

// threadKey identifies a thread for the bot-thread record.
func threadKey(channel, ts string) string { return channel + "/" + ts }

// stripMention removes a leading mention of the bot (any leading mention when
// the bot's id is unknown) and normalises the text (bot.NormalizeText).
func stripMention(text, botUser string) string {
	if m := leadingMention.FindStringSubmatchIndex(text); m != nil && (botUser == "" || text[m[2]:m[3]] == botUser) {
		text = text[m[1]:]
	}
	return bot.NormalizeText(text)
}

// mentionsBot reports whether text mentions the bot user anywhere.
func mentionsBot(text, botUser string) bool {
	return botUser != "" && (strings.Contains(text, "<@"+botUser+">") || strings.Contains(text, "<@"+botUser+"|"))
}

// conversation builds a Slack conversation; DMs carry no workspace (bot.Conversation contract).
func conversation(team, channel, thread string) bot.Conversation {
	if isDM(channel) {
		team = ""
	}
	return bot.Conversation{Platform: bot.PlatformSlack, Workspace: team, Channel: channel, Thread: thread}
}

// slashRequest maps a slash command; Thread is set later to the "looking for"
// message. Its ID is the trigger_id, so that in replica mode its job's id is
// known from the delivery (a retry whose job is stored is a duplicate).
func slashRequest(cmd slack.SlashCommand) bot.Request {
	return bot.Request{
		ID:           cmd.TriggerID,
		Kind:         bot.KindSlash,
		Conversation: conversation(cmd.TeamID, cmd.ChannelID, ""),
		User:         cmd.UserID,
		Text:         bot.NormalizeText(cmd.Text),
	}
}

// mentionRequest maps an app_mention event; ok is false for mentions the bot
// must ignore (bots, itself, edits, DMs, which arrive as message.im). With
// threadOnly a top-level mention is answered in its own thread.
func mentionRequest(team string, e *slackevents.AppMentionEvent, id identity, threadOnly bool) (bot.Request, bool) {
	if e == nil || e.BotID != "" || e.User == "" || e.User == id.UserID || e.Edited != nil || e.Channel == "" || isDM(e.Channel) {
		return bot.Request{}, false
	}
	thread := e.ThreadTimeStamp
	if thread == "" && threadOnly {
		thread = e.TimeStamp
	}
	text := stripMention(e.Text, id.UserID)
	return bot.Request{
		Kind:         bot.KindMention,
		Conversation: conversation(team, e.Channel, thread),
		User:         e.User,
		Text:         text,
		NonText:      text == "" && len(e.Files) > 0,
	}, true
}

// messageRequest maps a message event: a DM becomes KindDirect, a reply in a
// thread the bot takes part in becomes KindFollowUp, everything else (bots,
// the bot itself, edits and other subtypes, top-level channel chatter, messages
// mentioning the bot, which arrive as app_mention too) is ignored.
func messageRequest(team string, e *slackevents.MessageEvent, id identity, botThread func(channel, ts string) bool) (bot.Request, bool) {
	if e == nil || e.BotID != "" || e.User == "" || e.User == id.UserID || e.Channel == "" {
		return bot.Request{}, false
	}
	switch e.SubType {
	case "", "file_share", "thread_broadcast":
	default:
		return bot.Request{}, false
	}
	text := bot.NormalizeText(e.Text)
	nonText := text == "" && e.Message != nil && len(e.Message.Files) > 0
	if e.ChannelType == slackevents.ChannelTypeIM || (e.ChannelType == "" && isDM(e.Channel)) {
		text = stripMention(text, id.UserID)
		return bot.Request{
			Kind:         bot.KindDirect,
			Conversation: conversation(team, e.Channel, e.ThreadTimeStamp),
			User:         e.User,
			Text:         text,
			NonText:      text == "" && nonText,
		}, true
	}
	if e.ThreadTimeStamp == "" || e.ThreadTimeStamp == e.TimeStamp || mentionsBot(text, id.UserID) {
		return bot.Request{}, false
	}
	if botThread == nil || !botThread(e.Channel, e.ThreadTimeStamp) {
		return bot.Request{}, false
	}
	return bot.Request{
		Kind:         bot.KindFollowUp,
		Conversation: conversation(team, e.Channel, e.ThreadTimeStamp),
		User:         e.User,
		Text:         text,
		NonText:      nonText,
	}, true
}

// feedbackRequest maps a block_actions interaction on a feedback button.
func feedbackRequest(cb *slack.InteractionCallback) (bot.Request, bool) {
	if cb == nil || cb.Type != slack.InteractionTypeBlockActions || cb.User.ID == "" {
		return bot.Request{}, false
	}
	for _, act := range cb.ActionCallback.BlockActions {
		if act == nil || (act.ActionID != ActionFeedbackYes && act.ActionID != ActionFeedbackNo) || act.Value == "" {
			continue
		}
		channel := firstNonEmpty(cb.Container.ChannelID, cb.Channel.ID)
		if channel == "" {
			return bot.Request{}, false
		}
		thread := firstNonEmpty(cb.Container.ThreadTs, cb.Message.ThreadTimestamp)
		team := firstNonEmpty(cb.Team.ID, cb.User.TeamID)
		return bot.Request{
			Kind:         bot.KindFeedback,
			Conversation: conversation(team, channel, thread),
			User:         cb.User.ID,
			Helpful:      act.ActionID == ActionFeedbackYes,
			ReplyRef:     act.Value,
		}, true
	}
	return bot.Request{}, false
}

// interactionID identifies one interactivity delivery: its trigger_id, or for
// payloads without one, the user and the action's timestamp.
func interactionID(cb *slack.InteractionCallback) string {
	if cb.TriggerID != "" {
		return cb.TriggerID
	}
	for _, act := range cb.ActionCallback.BlockActions {
		if act != nil && act.ActionTs != "" {
			return cb.User.ID + "/" + act.ActionTs
		}
	}
	return ""
}
