package slackadapter

import (
	"encoding/json"
	"net/url"
	"reflect"
	"testing"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"

	"github.com/stylistbot/stylist/bot"
)

var testIdentity = identity{UserID: "UBOT00001", BotID: "BBOT00001", TeamID: "T00000001"}

func parseFixtureEvent(t *testing.T, name string) slackevents.EventsAPIEvent {
	t.Helper()
	ev, err := slackevents.ParseEvent(json.RawMessage(readFixture(t, name)), slackevents.OptionNoVerifyToken())
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return ev
}

func TestMentionRequest(t *testing.T) {
	ev := parseFixtureEvent(t, "app_mention.json")
	e := ev.InnerEvent.Data.(*slackevents.AppMentionEvent)
	tests := []struct {
		name       string
		mut        func(e *slackevents.AppMentionEvent)
		threadOnly bool
		want       *bot.Request
	}{
		{"top-level mention answered in its thread", nil, true, &bot.Request{
			Kind: bot.KindMention, User: "U0SHOPPER1", Text: "summer dress for a beach wedding, not white",
			Conversation: bot.Conversation{Platform: bot.PlatformSlack, Workspace: "T00000001", Channel: "C0FASHION1", Thread: "1718000000.000100"}}},
		{"top-level mention without thread-only", nil, false, &bot.Request{
			Kind: bot.KindMention, User: "U0SHOPPER1", Text: "summer dress for a beach wedding, not white",
			Conversation: bot.Conversation{Platform: bot.PlatformSlack, Workspace: "T00000001", Channel: "C0FASHION1"}}},
		{"mention in a thread keeps the thread", func(e *slackevents.AppMentionEvent) { e.ThreadTimeStamp = "1717999999.000001" }, false, &bot.Request{
			Kind: bot.KindMention, User: "U0SHOPPER1", Text: "summer dress for a beach wedding, not white",
			Conversation: bot.Conversation{Platform: bot.PlatformSlack, Workspace: "T00000001", Channel: "C0FASHION1", Thread: "1717999999.000001"}}},
		{"mention with label and colon", func(e *slackevents.AppMentionEvent) { e.Text = "<@UBOT00001|stylist>: red scarf" }, true, &bot.Request{
			Kind: bot.KindMention, User: "U0SHOPPER1", Text: "red scarf",
			Conversation: bot.Conversation{Platform: bot.PlatformSlack, Workspace: "T00000001", Channel: "C0FASHION1", Thread: "1718000000.000100"}}},
		{"other user's mention kept", func(e *slackevents.AppMentionEvent) { e.Text = "<@U0FRIEND01> <@UBOT00001> hi" }, true, &bot.Request{
			Kind: bot.KindMention, User: "U0SHOPPER1", Text: "<@U0FRIEND01> <@UBOT00001> hi",
			Conversation: bot.Conversation{Platform: bot.PlatformSlack, Workspace: "T00000001", Channel: "C0FASHION1", Thread: "1718000000.000100"}}},
		{"bot author ignored", func(e *slackevents.AppMentionEvent) { e.BotID = "B0OTHER" }, true, nil},
		{"own user ignored", func(e *slackevents.AppMentionEvent) { e.User = "UBOT00001" }, true, nil},
		{"mention in a DM left to message.im", func(e *slackevents.AppMentionEvent) { e.Channel = "D0DIRECT01" }, true, nil},
		{"edited mention ignored", func(e *slackevents.AppMentionEvent) { e.Edited = &slackevents.Edited{User: "U0SHOPPER1"} }, true, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ec := *e
			if tt.mut != nil {
				tt.mut(&ec)
			}
			got, ok := mentionRequest(ev.TeamID, &ec, testIdentity, tt.threadOnly)
			if tt.want == nil {
				if ok {
					t.Fatalf("expected ignore, got %+v", got)
				}
				return
			}
			if !ok || !reflect.DeepEqual(got, *tt.want) {
				t.Fatalf("got %+v (ok=%v)\nwant %+v", got, ok, *tt.want)
			}
		})
	}
}

func TestMessageRequest(t *testing.T) {
	botThreads := map[string]bool{"C0FASHION1/1718000200.000300": true}
	isBot := func(ch, ts string) bool { return botThreads[threadKey(ch, ts)] }
	tests := []struct {
		fixture string
		mut     func(e *slackevents.MessageEvent)
		want    *bot.Request
	}{
		{"message_im.json", nil, &bot.Request{Kind: bot.KindDirect, User: "U0SHOPPER1", Text: "top 3 running shoes for men",
			Conversation: bot.Conversation{Platform: bot.PlatformSlack, Channel: "D0DIRECT01"}}},
		{"message_im.json", func(e *slackevents.MessageEvent) { e.Text = "<@UBOT00001> hats" }, &bot.Request{Kind: bot.KindDirect,
			User: "U0SHOPPER1", Text: "hats", Conversation: bot.Conversation{Platform: bot.PlatformSlack, Channel: "D0DIRECT01"}}},
		{"thread_reply.json", nil, &bot.Request{Kind: bot.KindFollowUp, User: "U0SHOPPER1", Text: "the same idea but in blue",
			Conversation: bot.Conversation{Platform: bot.PlatformSlack, Workspace: "T00000001", Channel: "C0FASHION1", Thread: "1718000200.000300"}}},
		{"thread_reply.json", func(e *slackevents.MessageEvent) { e.ThreadTimeStamp = "1718000000.999999" }, nil}, // not a bot thread
		{"thread_reply.json", func(e *slackevents.MessageEvent) { e.ThreadTimeStamp = "" }, nil},                  // top-level chatter
		{"thread_reply.json", func(e *slackevents.MessageEvent) { e.Text = "<@UBOT00001> again" }, nil},           // comes as app_mention
		{"thread_reply.json", func(e *slackevents.MessageEvent) { e.User = "UBOT00001" }, nil},                    // the bot itself
		{"thread_reply.json", func(e *slackevents.MessageEvent) { e.SubType = "thread_broadcast" }, &bot.Request{Kind: bot.KindFollowUp,
			User: "U0SHOPPER1", Text: "the same idea but in blue",
			Conversation: bot.Conversation{Platform: bot.PlatformSlack, Workspace: "T00000001", Channel: "C0FASHION1", Thread: "1718000200.000300"}}},
		{"message_changed.json", nil, nil},
		{"bot_message.json", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.fixture, func(t *testing.T) {
			ev := parseFixtureEvent(t, tt.fixture)
			e := *ev.InnerEvent.Data.(*slackevents.MessageEvent)
			if tt.mut != nil {
				tt.mut(&e)
			}
			got, ok := messageRequest(ev.TeamID, &e, testIdentity, isBot)
			if tt.want == nil {
				if ok {
					t.Fatalf("expected ignore, got %+v", got)
				}
				return
			}
			if !ok || !reflect.DeepEqual(got, *tt.want) {
				t.Fatalf("got %+v (ok=%v)\nwant %+v", got, ok, *tt.want)
			}
		})
	}
}

func TestFeedbackRequest(t *testing.T) {
	var cb slack.InteractionCallback
	if err := json.Unmarshal(readFixture(t, "block_actions.json"), &cb); err != nil {
		t.Fatal(err)
	}
	got, ok := feedbackRequest(&cb)
	want := bot.Request{Kind: bot.KindFeedback, User: "U0SHOPPER1", Helpful: false, ReplyRef: "rep-42",
		Conversation: bot.Conversation{Platform: bot.PlatformSlack, Workspace: "T00000001", Channel: "C0FASHION1", Thread: "1718000200.000300"}}
	if !ok || !reflect.DeepEqual(got, want) {
		t.Fatalf("got %+v (ok=%v)\nwant %+v", got, ok, want)
	}
	cb.ActionCallback.BlockActions[0].ActionID = ActionFeedbackYes
	if got, _ := feedbackRequest(&cb); !got.Helpful {
		t.Fatal("yes button must be helpful")
	}
	cb.ActionCallback.BlockActions[0].ActionID = "something_else"
	if _, ok := feedbackRequest(&cb); ok {
		t.Fatal("unknown action must be ignored")
	}
	cb.Type = slack.InteractionTypeViewSubmission
	if _, ok := feedbackRequest(&cb); ok {
		t.Fatal("non block_actions must be ignored")
	}
}

func TestSlashRequest(t *testing.T) {
	form, err := url.ParseQuery(string(readFixture(t, "slash_command.form")))
	if err != nil {
		t.Fatal(err)
	}
	cmd := slack.SlashCommand{TeamID: form.Get("team_id"), ChannelID: form.Get("channel_id"), UserID: form.Get("user_id"),
		Command: form.Get("command"), Text: form.Get("text"), TriggerID: form.Get("trigger_id")}
	got := slashRequest(cmd)
	want := bot.Request{ID: form.Get("trigger_id"), Kind: bot.KindSlash, User: "U0SHOPPER1", Text: "a warm black coat for winter walks & not <wool>",
		Conversation: bot.Conversation{Platform: bot.PlatformSlack, Workspace: "T00000001", Channel: "C0FASHION1"}}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %+v\nwant %+v", got, want)
	}
}
