package slackadapter

import (
	"context"
	"testing"

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
