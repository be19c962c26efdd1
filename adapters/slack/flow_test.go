package slackadapter

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/slack-go/slack"

	"github.com/stylistbot/stylist/adapters/slack/slackfake"
	"github.com/stylistbot/stylist/bot"
)

func answer(ref string) []bot.Reply {
	return []bot.Reply{{Ref: ref, Intro: "Picks.", Items: sampleItems(2, "Nice."), Feedback: true}}
}

func TestMentionDMAndFollowUp(t *testing.T) {
	core := newFakeCore(func(req bot.Request) []bot.Reply { return answer("rep-" + string(req.Kind)) })
	h := start(t, ModeHTTP, core, nil)

	// A mention is answered in the mention's thread.
	h.signed("/slack/events", slackfake.JSONContentType, readFixture(t, "app_mention.json"))
	reqs := core.wait(t, 1)
	if reqs[0].Kind != bot.KindMention || reqs[0].Conversation.Thread != "1718000000.000100" {
		t.Fatalf("mention request %+v", reqs[0])
	}
	post := h.srv.WaitCalls(t, "chat.postMessage", 1)[0]
	if post.Values.Get("channel") != "C0FASHION1" || post.Values.Get("thread_ts") != "1718000000.000100" {
		t.Fatalf("mention answer posted to %v", post.Values)
	}

	// A plain reply in that thread is a follow-up in the same conversation.
	var reply map[string]any
	_ = json.Unmarshal(readFixture(t, "thread_reply.json"), &reply)
	ev := reply["event"].(map[string]any)
	ev["thread_ts"] = "1718000000.000100"
	body, _ := json.Marshal(reply)
	h.signed("/slack/events", slackfake.JSONContentType, body)
	reqs = core.wait(t, 2)
	if reqs[1].Kind != bot.KindFollowUp || reqs[1].Conversation != reqs[0].Conversation || reqs[1].Text != "the same idea but in blue" {
		t.Fatalf("follow-up %+v, want conversation %+v", reqs[1], reqs[0].Conversation)
	}
	if got := h.srv.WaitCalls(t, "chat.postMessage", 2)[1].Values.Get("thread_ts"); got != "1718000000.000100" {
		t.Fatalf("follow-up answered in thread %q", got)
	}

	// The same reply in a thread the bot never joined is ignored.
	ev["thread_ts"], reply["event_id"] = "1718000000.555555", "Ev0OTHER"
	body, _ = json.Marshal(reply)
	h.signed("/slack/events", slackfake.JSONContentType, body)
	if n := h.accepted(); n != 2 {
		t.Fatalf("reply in a foreign thread reached the core (%d requests)", n)
	}

	// A DM is answered in the DM, top level.
	h.signed("/slack/events", slackfake.JSONContentType, readFixture(t, "message_im.json"))
	reqs = core.wait(t, 3)
	if reqs[2].Kind != bot.KindDirect || reqs[2].Conversation.Channel != "D0DIRECT01" || reqs[2].Conversation.Workspace != "" {
		t.Fatalf("DM request %+v", reqs[2])
	}
	dm := h.srv.WaitCalls(t, "chat.postMessage", 3)[2]
	if dm.Values.Get("channel") != "D0DIRECT01" || dm.Values.Get("thread_ts") != "" {
		t.Fatalf("DM answer posted to %v", dm.Values)
	}

	// Edits and bot messages never reach the core.
	h.signed("/slack/events", slackfake.JSONContentType, readFixture(t, "message_changed.json"))
	h.signed("/slack/events", slackfake.JSONContentType, readFixture(t, "bot_message.json"))
	if n := h.accepted(); n != 3 {
		t.Fatalf("ignored events reached the core: %d", n)
	}
}

func TestThreadOnlyOff(t *testing.T) {
	core := newFakeCore(func(bot.Request) []bot.Reply { return answer("rep-top") })
	h := start(t, ModeHTTP, core, func(c *Config) { c.ThreadOnly = false })
	h.signed("/slack/events", slackfake.JSONContentType, readFixture(t, "app_mention.json"))
	core.wait(t, 1)
	post := h.srv.WaitCalls(t, "chat.postMessage", 1)[0]
	if post.Values.Get("thread_ts") != "" {
		t.Fatalf("ThreadOnly=false still answered in a thread: %v", post.Values)
	}
	if !h.a.isBotThread("C0FASHION1", post.TS) {
		t.Fatal("a top-level answer must start a thread the bot follows")
	}
}

func TestFeedbackButton(t *testing.T) {
	core := newFakeCore(func(bot.Request) []bot.Reply { return []bot.Reply{{Text: "Thanks for the feedback!"}} })
	h := start(t, ModeHTTP, core, nil)
	var payload map[string]any
	_ = json.Unmarshal(readFixture(t, "block_actions.json"), &payload)
	payload["response_url"] = h.srv.ResponseURL("fb")
	raw, _ := json.Marshal(payload)
	rec := h.signed("/slack/interactions", slackfake.FormContentType, slackfake.InteractionForm(raw))
	if rec.Code != 200 {
		t.Fatalf("status %d", rec.Code)
	}
	reqs := core.wait(t, 1)
	if reqs[0].Kind != bot.KindFeedback || reqs[0].Helpful || reqs[0].ReplyRef != "rep-42" || reqs[0].User != "U0SHOPPER1" {
		t.Fatalf("feedback request %+v", reqs[0])
	}
	resp := h.srv.WaitCalls(t, slackfake.MethodResponseURL, 1)[0]
	var msg slack.Msg
	_ = json.Unmarshal(resp.Body, &msg)
	if msg.ResponseType != slack.ResponseTypeEphemeral || !strings.Contains(msg.Text, "Thanks") {
		t.Fatalf("feedback answer %s", resp.Body)
	}
	if n := len(h.srv.Calls("chat.postMessage")); n != 0 {
		t.Fatalf("feedback thanks posted publicly (%d)", n)
	}
}

func TestErrorsAreEphemeral(t *testing.T) {
	tooLong := bot.Reply{Text: "Too long.", Error: &bot.Error{Code: "too_long", Message: "Too long."}}
	core := newFakeCore(func(bot.Request) []bot.Reply { return []bot.Reply{{Text: "half", Partial: true}, tooLong} })
	h := start(t, ModeHTTP, core, nil)

	t.Run("slash error removes the looking-for message", func(t *testing.T) {
		body := slackfake.SlashForm("/outfit", "coat", "C0FASHION1", "U0SHOPPER1", h.srv.ResponseURL("err"))
		h.signed("/slack/commands", slackfake.FormContentType, body)
		core.wait(t, 1)
		resp := h.srv.WaitCalls(t, slackfake.MethodResponseURL, 1)[0]
		if !strings.Contains(resp.Text(), "Too long.") || !strings.Contains(string(resp.Body), `"response_type":"ephemeral"`) {
			t.Fatalf("error response %s", resp.Body)
		}
		posts := h.srv.Calls("chat.postMessage") // looking-for + partial
		dels := h.srv.WaitCalls(t, "chat.delete", 2)
		if len(posts) != 2 || dels[0].Values.Get("ts") != posts[1].TS || dels[1].Values.Get("ts") != posts[0].TS {
			t.Fatalf("posted %d, deleted %v", len(posts), dels)
		}
	})
	t.Run("mention error is posted ephemeral in the thread", func(t *testing.T) {
		h.signed("/slack/events", slackfake.JSONContentType, readFixture(t, "app_mention.json"))
		core.wait(t, 2)
		eph := h.srv.WaitCalls(t, "chat.postEphemeral", 1)[0]
		if eph.Values.Get("user") != "U0SHOPPER1" || eph.Values.Get("thread_ts") != "1718000000.000100" || eph.Values.Get("channel") != "C0FASHION1" {
			t.Fatalf("ephemeral %v", eph.Values)
		}
	})
}

func TestSlashHelpIsPrivate(t *testing.T) {
	core := newFakeCore(func(bot.Request) []bot.Reply { return []bot.Reply{{Ref: "h", Text: bot.HelpText}} })
	h := start(t, ModeHTTP, core, nil)
	h.signed("/slack/commands", slackfake.FormContentType, slackfake.SlashForm("/outfit", "help", "C0FASHION1", "U0SHOPPER1", h.srv.ResponseURL("help")))
	reqs := core.wait(t, 1)
	if reqs[0].Kind != bot.KindSlash || reqs[0].Text != "help" {
		t.Fatalf("help request %+v", reqs[0])
	}
	if resp := h.srv.WaitCalls(t, slackfake.MethodResponseURL, 1)[0]; !strings.Contains(resp.Text(), "/outfit") {
		t.Fatalf("help answer %s", resp.Body)
	}
	if n := len(h.srv.Calls("chat.postMessage")); n != 0 {
		t.Fatalf("help posted %d public messages", n)
	}
}

func TestSlashChatIsPrivate(t *testing.T) {
	core := newFakeCore(func(bot.Request) []bot.Reply { return []bot.Reply{{Ref: "c", Text: "Hi! Ask me for an outfit."}} })
	h := start(t, ModeHTTP, core, nil)
	h.signed("/slack/commands", slackfake.FormContentType, slackfake.SlashForm("/outfit", "hi", "C0FASHION1", "U0SHOPPER1", h.srv.ResponseURL("hi")))
	core.wait(t, 1)
	if resp := h.srv.WaitCalls(t, slackfake.MethodResponseURL, 1)[0]; !strings.Contains(resp.Text(), "Hi!") {
		t.Fatalf("chat answer %s", resp.Body)
	}
	if n := len(h.srv.Calls("chat.postMessage")); n != 0 {
		t.Fatalf("a greeting posted %d public messages", n)
	}
}

func TestSlashNotInChannel(t *testing.T) {
	h := start(t, ModeHTTP, newFakeCore(nil), nil)
	h.srv.Fail("chat.postMessage", "not_in_channel", 1)
	h.signed("/slack/commands", slackfake.FormContentType, slackfake.SlashForm("/outfit", "coat", "C0PRIVATE1", "U0SHOPPER1", h.srv.ResponseURL("nic")))
	resp := h.srv.WaitCalls(t, slackfake.MethodResponseURL, 1)[0]
	if !strings.Contains(resp.Text(), "can't post in this channel") {
		t.Fatalf("user not told: %s", resp.Body)
	}
	if n := h.accepted(); n != 0 {
		t.Fatal("request reached the core although nothing could be posted")
	}
}

func TestRateLimitRetry(t *testing.T) {
	core := newFakeCore(func(bot.Request) []bot.Reply { return answer("rep-rl") })
	h := start(t, ModeHTTP, core, nil)
	ctx := context.Background()
	to := bot.Conversation{Platform: bot.PlatformSlack, Workspace: "T00000001", Channel: "C0FASHION1", Thread: "1718000000.000100"}

	h.srv.RateLimit("chat.postMessage", 2, 7)
	got, ts, err := h.a.Send(ctx, to, answer("r")[0])
	if err != nil || ts == "" || got != to {
		t.Fatalf("Send after 429s: %v %q %+v", err, ts, got)
	}
	if w := h.recordedWaits(); len(w) != 2 || w[0] != 7*time.Second || w[1] != 7*time.Second {
		t.Fatalf("waits %v, want two of 7s", w)
	}
	if n := len(h.srv.Calls("chat.postMessage:failed")); n != 2 {
		t.Fatalf("%d rate-limited attempts recorded", n)
	}

	h.srv.RateLimit("chat.update", 10, 1) // more than the 3 attempts allowed
	err = h.a.update(ctx, to.Channel, ts, answer("r")[0])
	var rl *slack.RateLimitedError
	if !errors.As(err, &rl) {
		t.Fatalf("Edit error %v, want RateLimitedError after bounded attempts", err)
	}
	if n := len(h.srv.Calls("chat.update:failed")); n != 3 {
		t.Fatalf("%d attempts, want 3", n)
	}

	cctx, cancel := context.WithCancel(ctx)
	cancel()
	h.srv.RateLimit("chat.postEphemeral", 1, 1)
	if err := h.a.sendEphemeral(cctx, to, "U0SHOPPER1", "", answer("r")[0]); !errors.Is(err, context.Canceled) {
		t.Fatalf("sendEphemeral with cancelled ctx: %v", err)
	}
}

func TestSenderAPI(t *testing.T) {
	h := start(t, ModeHTTP, newFakeCore(nil), nil)
	ctx := context.Background()
	top := bot.Conversation{Platform: bot.PlatformSlack, Workspace: "T00000001", Channel: "C0NOTIFY01"}
	conv, ts, err := h.a.Send(ctx, top, bot.Reply{Text: "config reload failed"})
	if err != nil || conv.Thread != ts || ts == "" {
		t.Fatalf("Send: %v %+v %q", err, conv, ts)
	}
	if !h.a.isBotThread("C0NOTIFY01", ts) {
		t.Fatal("top-level Send must start a followed thread")
	}
	if err := h.a.update(ctx, conv.Channel, ts, bot.Reply{Text: "fixed"}); err != nil {
		t.Fatal(err)
	}
	if u := h.srv.Calls("chat.update")[0]; u.Values.Get("ts") != ts || u.Text() != "fixed" {
		t.Fatalf("update %v", u.Values)
	}
	if err := h.a.sendEphemeral(ctx, conv, "U0SHOPPER1", "", bot.Reply{Text: "psst"}); err != nil {
		t.Fatal(err)
	}
	if e := h.srv.Calls("chat.postEphemeral")[0]; e.Values.Get("user") != "U0SHOPPER1" || e.Values.Get("thread_ts") != ts {
		t.Fatalf("ephemeral %v", e.Values)
	}
	if _, _, err := h.a.Send(ctx, bot.Conversation{}, bot.Reply{Text: "x"}); err == nil {
		t.Fatal("Send without channel succeeded")
	}
}

func TestStartStop(t *testing.T) {
	h := start(t, ModeHTTP, newFakeCore(nil), nil)
	if err := h.a.Start(context.Background(), newFakeCore(nil)); !errors.Is(err, ErrAlreadyStarted) {
		t.Fatalf("second Start: %v", err)
	}
	if h.a.Name() != bot.PlatformSlack {
		t.Fatal("Name")
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	if err := h.a.Stop(ctx); err != nil {
		t.Fatal(err)
	}
	rec := h.signed("/slack/events", slackfake.JSONContentType, readFixture(t, "app_mention.json"))
	if rec.Code != 503 {
		t.Fatalf("event after Stop: %d, want 503 so Slack retries elsewhere", rec.Code)
	}
	if n := h.accepted(); n != 0 {
		t.Fatal("event after Stop reached the core")
	}
}
