package slackadapter

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stylistbot/stylist/adapters/slack/slackfake"
	"github.com/stylistbot/stylist/bot"
)

// A slash command's reply target rebuilt on any replica updates the
// "looking for…" message: delivering the final reply twice (a job whose
// replica died after answering) edits that message again, never posts a second answer.
func TestRedeliverUpdatesThePlaceholder(t *testing.T) {
	core := newFakeCore(func(bot.Request) []bot.Reply { return nil })
	h := start(t, ModeHTTP, core, nil)
	rec := h.serve(slackfake.SignedRequest(testSecret, "/slack/commands", slackfake.FormContentType,
		slackfake.SlashForm("/outfit", "black dress", "C1", "U1", h.srv.ResponseURL("r1"))))
	if rec.Code != 200 {
		t.Fatalf("ack %d", rec.Code)
	}
	req := core.wait(t, 1)[0]
	anchor := h.srv.WaitCalls(t, "chat.postMessage", 1)[0]
	if req.ReplyTo == nil || req.ReplyTo.Platform != bot.PlatformSlack {
		t.Fatalf("slash request without a reply target: %+v", req.ReplyTo)
	}
	if _, err := h.a.Redeliver(bot.Target{Platform: bot.PlatformDiscord, Data: req.ReplyTo.Data}); err == nil {
		t.Fatal("a Discord target was accepted")
	}
	final := bot.Reply{Intro: "Here you go", Items: []bot.Item{{ArticleID: "0108775015", Name: "Strap top"}}}
	for range 2 {
		fn, err := h.a.Redeliver(*req.ReplyTo)
		if err != nil {
			t.Fatal(err)
		}
		if err := fn(context.Background(), final); err != nil {
			t.Fatal(err)
		}
	}
	updates := h.srv.WaitCalls(t, "chat.update", 2)
	for _, u := range updates {
		if u.Values.Get("ts") != anchor.TS || u.Values.Get("channel") != "C1" {
			t.Errorf("update of %s in %s, want the placeholder %s", u.Values.Get("ts"), u.Values.Get("channel"), anchor.TS)
		}
	}
	if n := len(h.srv.Calls("chat.postMessage")); n != 1 {
		t.Fatalf("%d messages posted, want only the placeholder", n)
	}
}

// threadReply is the thread_reply.json event in thread ts of C0FASHION1.
func threadReply(t *testing.T, ts string) []byte {
	var reply map[string]any
	_ = json.Unmarshal(readFixture(t, "thread_reply.json"), &reply)
	reply["event"].(map[string]any)["thread_ts"] = ts
	b, _ := json.Marshal(reply)
	return b
}

// On a replica (the core makes requests durable jobs), a mention, a DM and a
// thread reply first post a "looking for…" placeholder where the answer goes;
// the request's reply target is that message, so the replica running the job,
// and any redelivery, edits it: one message, never a second answer.
func TestRedeliverMentionsEditThePlaceholder(t *testing.T) {
	final := bot.Reply{Intro: "Here you go", Items: []bot.Item{{ArticleID: "0108775015", Name: "Strap top"}}}
	limited := bot.Reply{Ephemeral: true, Error: &bot.Error{Code: bot.CodeRateLimited, Message: "Slow down."}}
	for _, tc := range []struct {
		name, channel, thread string
		event                 func(t *testing.T) []byte
		kind                  bot.Kind
	}{
		{"mention", "C0FASHION1", "1718000000.000100", func(t *testing.T) []byte { return readFixture(t, "app_mention.json") }, bot.KindMention},
		{"direct message", "D0DIRECT01", "", func(t *testing.T) []byte { return readFixture(t, "message_im.json") }, bot.KindDirect},
		{"thread reply", "C0FASHION1", "1718000200.000300", func(t *testing.T) []byte { return threadReply(t, "1718000200.000300") }, bot.KindFollowUp},
	} {
		t.Run(tc.name, func(t *testing.T) {
			core := newFakeCore(func(bot.Request) []bot.Reply { return nil }) // the job answers, not Handle's ReplyFunc
			core.durable = true
			h := start(t, ModeHTTP, core, nil)
			h.a.threads.Add(threadKey("C0FASHION1", "1718000200.000300")) // a thread another replica started
			if rec := h.signed("/slack/events", slackfake.JSONContentType, tc.event(t)); rec.Code != 200 {
				t.Fatalf("ack %d", rec.Code)
			}
			req := core.wait(t, 1)[0]
			ph := h.srv.WaitCalls(t, "chat.postMessage", 1)[0]
			if req.Kind != tc.kind || req.ReplyTo == nil {
				t.Fatalf("request %s with reply target %v", req.Kind, req.ReplyTo)
			}
			if ph.Values.Get("channel") != tc.channel || ph.Values.Get("thread_ts") != tc.thread || !strings.Contains(ph.Text(), "Looking for") {
				t.Fatalf("placeholder %v", ph.Values)
			}
			if got := strings.Contains(ph.Text(), "<@U0SHOPPER1>"); got == (tc.kind == bot.KindDirect) {
				t.Errorf("placeholder %q: names the user in a DM or not in a channel", ph.Text())
			}
			for _, rep := range []bot.Reply{{Text: "half", Partial: true}, final, final} { // the job, then a redelivery
				fn, err := h.a.Redeliver(*req.ReplyTo)
				if err != nil {
					t.Fatal(err)
				}
				if err := fn(context.Background(), rep); err != nil {
					t.Fatal(err)
				}
			}
			for _, u := range h.srv.WaitCalls(t, "chat.update", 3) {
				if u.Values.Get("ts") != ph.TS || u.Values.Get("channel") != tc.channel {
					t.Errorf("update of %s in %s, want the placeholder %s", u.Values.Get("ts"), u.Values.Get("channel"), ph.TS)
				}
			}
			if n := len(h.srv.Calls("chat.postMessage")); n != 1 {
				t.Fatalf("%d messages posted, want only the placeholder", n)
			}
			// A refusal (rate limited) delivered through the target: privately in a
			// channel, where the placeholder is removed; in a DM it replaces it.
			fn, _ := h.a.Redeliver(*req.ReplyTo)
			if err := fn(context.Background(), limited); err != nil {
				t.Fatal(err)
			}
			if tc.kind == bot.KindDirect {
				if u := h.srv.WaitCalls(t, "chat.update", 4)[3]; u.Values.Get("ts") != ph.TS || !strings.Contains(u.Text(), "Slow down") {
					t.Fatalf("DM refusal %v", u.Values)
				}
				if n := len(h.srv.Calls("chat.postMessage")) + len(h.srv.Calls("chat.delete")); n != 1 {
					t.Fatalf("DM refusal posted or deleted messages (%d calls besides the placeholder)", n-1)
				}
				return
			}
			eph := h.srv.WaitCalls(t, "chat.postEphemeral", 1)[0]
			del := h.srv.WaitCalls(t, "chat.delete", 1)[0]
			if eph.Values.Get("user") != "U0SHOPPER1" || eph.Values.Get("thread_ts") != tc.thread || del.Values.Get("ts") != ph.TS {
				t.Fatalf("refusal %v, delete %v", eph.Values, del.Values)
			}
		})
	}
}

// Help, chat and requests the core refuses are answered at once, with no
// placeholder and no reply target, even on a replica; on a single box nothing
// changes: no placeholder either.
func TestNoPlaceholderWithoutAJob(t *testing.T) {
	for _, tc := range []struct {
		name    string
		durable bool
		text    string
		channel string
	}{
		{"help on a replica", true, "<@UBOT00001> help", "C0FASHION1"},
		{"greeting on a replica", true, "<@UBOT00001> hi there", "C0FASHION1"},
		{"refused channel on a replica", true, "<@UBOT00001> black dress", "C0CLOSED01"},
		{"single box", false, "<@UBOT00001> black dress", "C0FASHION1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			core := newFakeCore(func(bot.Request) []bot.Reply { return []bot.Reply{{Text: "ok"}} })
			core.durable, core.refuse = tc.durable, map[string]bool{"C0CLOSED01": true}
			h := start(t, ModeHTTP, core, nil)
			h.signed("/slack/events", slackfake.JSONContentType, slackfake.EventCallback("Ev0"+tc.channel, map[string]any{
				"type": "app_mention", "user": "U0SHOPPER1", "text": tc.text, "ts": "1718000000.000100",
				"channel": tc.channel, "event_ts": "1718000000.000100"}))
			req := core.wait(t, 1)[0]
			if req.ReplyTo != nil {
				t.Fatalf("reply target %s", req.ReplyTo.Data)
			}
			if posts := h.srv.WaitCalls(t, "chat.postMessage", 1); len(posts) != 1 || posts[0].Text() != "ok" {
				t.Fatalf("posted %d messages, first %q; want only the answer", len(posts), posts[0].Text())
			}
		})
	}
}

// When the placeholder cannot be posted, the replica answers the request
// itself as on a single box (no reply target to hand to another replica).
func TestPlaceholderFailureAnswersLocally(t *testing.T) {
	core := newFakeCore(func(bot.Request) []bot.Reply { return []bot.Reply{{Text: "ok"}} })
	core.durable = true
	h := start(t, ModeHTTP, core, nil)
	h.srv.Fail("chat.postMessage", "ratelimited_hard", 1)
	h.signed("/slack/events", slackfake.JSONContentType, readFixture(t, "app_mention.json"))
	if req := core.wait(t, 1)[0]; req.ReplyTo != nil {
		t.Fatalf("reply target %s without a placeholder", req.ReplyTo.Data)
	}
	if posts := h.srv.WaitCalls(t, "chat.postMessage", 1); posts[0].Text() != "ok" { // the failed post is not a call
		t.Fatalf("answer %q", posts[0].Text())
	}
}

// In replica mode an Events API callback is acknowledged only once the core
// took the request (its placeholder posted, stored as a job), so a replica
// killed right after acknowledging loses nothing; on a single box the
// acknowledgement does not wait.
func TestEventAckWaitsForTheJobOnReplicas(t *testing.T) {
	for _, replica := range []bool{true, false} {
		t.Run(fmt.Sprint("replica=", replica), func(t *testing.T) {
			release := make(chan struct{})
			core := newFakeCore(func(bot.Request) []bot.Reply { <-release; return nil }) // Handle returns once released
			core.durable = replica
			h := start(t, ModeHTTP, core, nil)
			h.a.durableAck = replica // as WithSharedMemory sets it
			acked := make(chan int, 1)
			go func() {
				acked <- h.signed("/slack/events", slackfake.JSONContentType, readFixture(t, "app_mention.json")).Code
			}()
			if replica {
				select {
				case code := <-acked:
					close(release)
					t.Fatalf("acknowledged (%d) before the core took the request", code)
				case <-time.After(200 * time.Millisecond):
				}
			}
			if !replica {
				select {
				case <-acked:
				case <-time.After(5 * time.Second):
					t.Fatal("a single box waited for the core before acknowledging")
				}
			}
			close(release)
			if replica {
				if code := <-acked; code != 200 {
					t.Fatalf("ack %d", code)
				}
				if n := len(h.srv.Calls("chat.postMessage")); n != 1 {
					t.Fatalf("%d placeholders when acknowledged, want 1", n)
				}
			}
			core.wait(t, 1)
		})
	}
}
