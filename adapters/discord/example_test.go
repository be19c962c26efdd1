package discordadapter_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	discordadapter "github.com/stylistbot/stylist/adapters/discord"
	"github.com/stylistbot/stylist/adapters/discord/discordtest"
	"github.com/stylistbot/stylist/bot"
)

// TestWithFakeDiscord shows the wiring an end-to-end test uses: the real adapter in
// gateway mode against discordtest's fake REST API and gateway, any bot.Handler (here a
// canned one; the real core in the end-to-end test), and events built by discordtest.
func TestWithFakeDiscord(t *testing.T) {
	srv := discordtest.NewServer(t)
	cfg := discordadapter.DefaultConfig()
	cfg.Token = "test"
	a, err := discordadapter.New(cfg, nil, discordadapter.WithHTTPClient(srv.Client()))
	if err != nil {
		t.Fatal(err)
	}
	answered := make(chan bot.Request, 4)
	core := bot.HandlerFunc(func(ctx context.Context, req bot.Request, reply bot.ReplyFunc) {
		go func() {
			_ = reply(ctx, bot.Reply{Ref: "r-" + req.ID, Text: "you said: " + req.Text, Feedback: true})
			answered <- req
		}()
	})
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	go func() { _ = a.Start(ctx, core) }()
	srv.Hellos(t, 1, 10*time.Second)
	srv.Wait(t, 2, 10*time.Second, func(r discordtest.Request) bool { return r.Is("POST", "/commands") })

	srv.Dispatch(t, "INTERACTION_CREATE", discordtest.SlashCommand("1300000000000000100", "outfit", "a green coat"))
	srv.Dispatch(t, "MESSAGE_CREATE", discordtest.Mention("1500000000000000100", "a green coat"))
	srv.Dispatch(t, "MESSAGE_CREATE", discordtest.DirectMessage("1600000000000000200", "a green coat"))
	srv.Dispatch(t, "INTERACTION_CREATE", discordtest.FeedbackClick("1300000000000000101", true, "r-1"))
	kinds := map[bot.Kind]bool{}
	for range 4 {
		select {
		case req := <-answered:
			kinds[req.Kind] = true
		case <-time.After(10 * time.Second):
			t.Fatalf("answered %v", kinds)
		}
	}
	if len(kinds) != 4 || !kinds[bot.KindSlash] || !kinds[bot.KindMention] || !kinds[bot.KindDirect] || !kinds[bot.KindFeedback] {
		t.Errorf("kinds = %v", kinds)
	}
	edit := srv.Wait(t, 1, 5*time.Second, func(r discordtest.Request) bool {
		return r.Is("PATCH", "/webhooks/"+discordtest.AppID+"/"+discordtest.Token("1300000000000000100")+"/messages/@original")
	})[0]
	var body struct {
		Content string `json:"content"`
	}
	if err := edit.Decode(&body); err != nil || body.Content != "you said: a green coat" {
		t.Errorf("edit = %s (%v)", edit.Body, err)
	}
	_ = a.Stop(context.Background())
}

func ExampleRender() {
	msgs := discordadapter.Render(bot.Reply{
		Ref: "r-1", Intro: "Two picks:", Feedback: true,
		Items: []bot.Item{{ArticleID: "0108775015", Name: "Strap top", Type: "Vest top", Colour: "Black", Department: "Jersey Basic", Reason: "A simple base layer."}},
	})
	m := msgs[0]
	fmt.Println(len(msgs), m.Content, m.Embeds[0].Title, m.Embeds[0].Footer.Text, len(m.Components))
	// Output: 1 Two picks: Strap top article 0108775015 1
}
