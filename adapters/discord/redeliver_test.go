package discordadapter

import (
	"context"
	"testing"
	"time"

	"github.com/stylistbot/stylist/adapters/discord/discordtest"
	"github.com/stylistbot/stylist/bot"
)

// An acknowledged interaction's reply target rebuilt on any replica edits the
// original response: the final reply delivered twice is one answer.
func TestRedeliverEditsTheOriginalResponse(t *testing.T) {
	_, priv := testKey()
	core := newFakeCore(answerWith()) // the core answers nothing here: a job does, later
	a, srv := newHTTPAdapter(t, core, nil)
	if w := serve(a, discordtest.SignedRequest(priv, time.Now(), fixture(t, "interaction_slash_guild.json"))); w.Code != 200 {
		t.Fatalf("ack %d", w.Code)
	}
	core.wait(t, 1)
	req := core.requests()[0]
	if req.ReplyTo == nil || req.ReplyTo.Platform != bot.PlatformDiscord {
		t.Fatalf("slash request without a reply target: %+v", req.ReplyTo)
	}
	srv.Reset()
	for range 2 {
		fn, err := a.Redeliver(*req.ReplyTo)
		if err != nil {
			t.Fatal(err)
		}
		if err := fn(context.Background(), bot.Reply{Ref: "r-1", Intro: "Two picks.", Items: []bot.Item{itemRed}}); err != nil {
			t.Fatal(err)
		}
	}
	reqs := srv.Requests()
	if len(reqs) != 2 {
		t.Fatalf("requests: %v", paths(reqs))
	}
	for _, r := range reqs {
		if !r.Is("PATCH", "/messages/@original") {
			t.Fatalf("a redelivery did %s %s, want an edit of the original response", r.Method, r.Path)
		}
	}
	if _, err := a.Redeliver(bot.Target{Platform: bot.PlatformDiscord, Data: []byte(`{"id":"1"}`)}); err == nil {
		t.Fatal("a target without a token was accepted")
	}
}
