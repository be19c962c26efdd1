package discordadapter

import (
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stylistbot/stylist/adapters/discord/discordtest"
	"github.com/stylistbot/stylist/bot"
)

func TestSlashCommandInGuild(t *testing.T) {
	core := newFakeCore(answerWith(
		bot.Reply{Partial: true, Intro: "Looking…"},
		fullReply,
	))
	a, srv := newTestAdapter(t, core, nil)
	a.handleGatewayInteraction(fixture(t, "interaction_slash_guild.json"))
	core.wait(t, 1)

	reqs := srv.Requests()
	if len(reqs) != 3 {
		t.Fatalf("requests = %d, want ack + 2 edits:%v", len(reqs), paths(reqs))
	}
	ack := reqs[0]
	if !ack.Is("POST", "/interactions/1300000000000000001/aW50ZXJhY3Rpb246MTMwMDAwMDAwMDAwMDAwMDAwMTpndWlsZHRva2Vu/callback") {
		t.Fatalf("first request %s %s, want the interaction callback", ack.Method, ack.Path)
	}
	if got := body(t, ack)["type"]; got != float64(5) {
		t.Errorf("ack type = %v, want 5 (deferred channel message)", got)
	}
	for _, r := range reqs[1:] {
		if !r.Is("PATCH", "/webhooks/"+discordtest.AppID+"/aW50ZXJhY3Rpb246MTMwMDAwMDAwMDAwMDAwMDAwMTpndWlsZHRva2Vu/messages/@original") {
			t.Errorf("%s %s, want PATCH @original", r.Method, r.Path)
		}
	}
	partial, final := body(t, reqs[1]), body(t, reqs[2])
	if partial["content"] != "Looking…" || len(partial["components"].([]any)) != 0 {
		t.Errorf("partial edit = %s", reqs[1].Body)
	}
	if n := len(final["embeds"].([]any)); n != 2 {
		t.Errorf("final edit has %d embeds, want 2", n)
	}
	if n := len(final["components"].([]any)); n != 1 {
		t.Errorf("final edit has %d component rows, want 1 (feedback buttons)", n)
	}
	assertNoMentions(t, reqs)

	got := core.requests()[0]
	want := bot.Request{ID: "1300000000000000001", Kind: bot.KindSlash, User: fxUser,
		UserRoles: []string{"1100000000000000100", "1100000000000000101"}, Text: "a red summer dress for a wedding",
		Conversation: bot.Conversation{Platform: bot.PlatformDiscord, Workspace: fxGuild, Channel: fxChannel}}
	if !equalRequest(got, want) {
		t.Errorf("request = %+v\nwant      %+v", got, want)
	}
	for _, err := range core.replyErrors() {
		if err != nil {
			t.Errorf("reply error: %v", err)
		}
	}
}

func TestSlashCommandInDMAndHelp(t *testing.T) {
	tests := []struct {
		fixture string
		want    bot.Request
	}{
		{"interaction_slash_dm.json", bot.Request{ID: "1300000000000000002", Kind: bot.KindSlash, User: fxUser,
			Text: "cosy knitwear for autumn", Conversation: bot.Conversation{Platform: bot.PlatformDiscord, Channel: fxDM}}},
		{"interaction_help.json", bot.Request{ID: "1300000000000000003", Kind: bot.KindSlash, User: fxUser,
			UserRoles: []string{"1100000000000000100", "1100000000000000101"}, Text: "help",
			Conversation: bot.Conversation{Platform: bot.PlatformDiscord, Workspace: fxGuild, Channel: fxChannel}}},
	}
	for _, tt := range tests {
		t.Run(tt.fixture, func(t *testing.T) {
			core := newFakeCore(answerWith(bot.Reply{Text: "Ask me for outfits: /outfit request:<what you need>"}))
			a, srv := newTestAdapter(t, core, nil)
			a.handleGatewayInteraction(fixture(t, tt.fixture))
			core.wait(t, 1)
			if got := core.requests()[0]; !equalRequest(got, tt.want) {
				t.Errorf("request = %+v\nwant      %+v", got, tt.want)
			}
			reqs := srv.Requests()
			if len(reqs) != 2 || !strings.HasSuffix(reqs[1].Path, "/messages/@original") {
				t.Fatalf("requests: %v", paths(reqs))
			}
			if c := body(t, reqs[1])["content"]; c != "Ask me for outfits: /outfit request:<what you need>" {
				t.Errorf("content = %q", c)
			}
			assertNoMentions(t, reqs)
		})
	}
}

func TestButtonClickIsFeedback(t *testing.T) {
	core := newFakeCore(answerWith(bot.Reply{Text: "Thanks for the feedback!"}))
	a, srv := newTestAdapter(t, core, nil)
	a.handleGatewayInteraction(fixture(t, "interaction_button.json"))
	core.wait(t, 1)

	got := core.requests()[0]
	want := bot.Request{ID: "1300000000000000004", Kind: bot.KindFeedback, User: fxUser,
		UserRoles: []string{"1100000000000000100", "1100000000000000101"}, Helpful: false, ReplyRef: "r-42",
		Conversation: bot.Conversation{Platform: bot.PlatformDiscord, Workspace: fxGuild, Channel: fxChannel, Thread: fxThread}}
	if !equalRequest(got, want) {
		t.Errorf("request = %+v\nwant      %+v", got, want)
	}
	reqs := srv.Requests()
	if len(reqs) != 2 {
		t.Fatalf("requests: %v", paths(reqs))
	}
	if typ := body(t, reqs[0])["type"]; typ != float64(6) {
		t.Errorf("ack type = %v, want 6 (deferred update: the stylist message stays as it is)", typ)
	}
	fu := reqs[1]
	if fu.Method != "POST" || !strings.Contains(fu.Path, "/webhooks/") || fu.Query.Get("wait") != "true" {
		t.Fatalf("thanks sent as %s %s?%s, want a follow-up", fu.Method, fu.Path, fu.Query.Encode())
	}
	if flags := body(t, fu)["flags"]; flags != float64(64) {
		t.Errorf("follow-up flags = %v, want 64 (ephemeral)", flags)
	}
	assertNoMentions(t, reqs)
}

func TestUnrelatedButtonIsOnlyAcknowledged(t *testing.T) {
	core := newFakeCore(answerWith(bot.Reply{Text: "unexpected"}))
	a, srv := newTestAdapter(t, core, nil)
	raw := strings.Replace(string(fixture(t, "interaction_button.json")), "stylist_feedback:no:r-42", "other:thing", 1)
	a.handleGatewayInteraction([]byte(raw))
	if n := len(core.requests()); n != 0 {
		t.Errorf("core got %d requests for a foreign button", n)
	}
	if reqs := srv.Requests(); len(reqs) != 1 || body(t, reqs[0])["type"] != float64(6) {
		t.Errorf("requests: %v", paths(reqs))
	}
}

func TestErrorReplyBecomesEphemeralFollowUp(t *testing.T) {
	core := newFakeCore(answerWith(bot.Reply{Error: &bot.Error{Code: "rate_limited", Message: "Slow down a little."}}))
	a, srv := newTestAdapter(t, core, nil)
	a.handleGatewayInteraction(fixture(t, "interaction_slash_guild.json"))
	core.wait(t, 1)
	reqs := srv.Requests()
	if len(reqs) != 3 {
		t.Fatalf("requests: %v", paths(reqs))
	}
	if !reqs[1].Is("DELETE", "/messages/@original") {
		t.Errorf("second request %s %s, want the deferred placeholder deleted", reqs[1].Method, reqs[1].Path)
	}
	fu := body(t, reqs[2])
	if fu["flags"] != float64(64) || fu["content"] != "⚠️ Slow down a little." {
		t.Errorf("error follow-up = %s", reqs[2].Body)
	}
	assertNoMentions(t, reqs)
}

func TestSplitReplySendsFollowUps(t *testing.T) {
	r := fullReply
	r.Items = nil
	for i := 0; i < 12; i++ {
		r.Items = append(r.Items, itemDress)
	}
	core := newFakeCore(answerWith(r))
	a, srv := newTestAdapter(t, core, nil)
	a.handleGatewayInteraction(fixture(t, "interaction_slash_guild.json"))
	core.wait(t, 1)
	reqs := srv.Requests()
	if len(reqs) != 3 || !reqs[1].Is("PATCH", "@original") || !reqs[2].Is("POST", "/aW50ZXJhY3Rpb246MTMwMDAwMDAwMDAwMDAwMDAwMTpndWlsZHRva2Vu") {
		t.Fatalf("requests: %v", paths(reqs))
	}
	first, second := body(t, reqs[1]), body(t, reqs[2])
	if len(first["embeds"].([]any)) != 10 || len(second["embeds"].([]any)) != 2 {
		t.Errorf("embeds split %d + %d, want 10 + 2", len(first["embeds"].([]any)), len(second["embeds"].([]any)))
	}
	if _, ok := second["flags"]; ok {
		t.Errorf("public follow-up carries flags: %s", reqs[2].Body)
	}
	if len(first["components"].([]any)) != 0 || len(second["components"].([]any)) != 1 {
		t.Errorf("feedback buttons must be on the last message only")
	}
	assertNoMentions(t, reqs)
}

func TestUnknownInteractionFallsBackToChannel(t *testing.T) {
	unknown := func(w http.ResponseWriter, _ discordtest.Request) {
		discordtest.WriteError(w, 404, 10062, "Unknown interaction")
	}
	t.Run("ack fails", func(t *testing.T) {
		core := newFakeCore(answerWith(fullReply))
		a, srv := newTestAdapter(t, core, nil)
		srv.Override("POST", "/api/v9/interactions/", -1, unknown)
		a.handleGatewayInteraction(fixture(t, "interaction_slash_guild.json"))
		core.wait(t, 1)
		reqs := srv.Requests()
		if len(reqs) != 2 || !reqs[1].Is("POST", "/channels/"+fxChannel+"/messages") {
			t.Fatalf("requests: %v", paths(reqs))
		}
		if n := len(body(t, reqs[1])["embeds"].([]any)); n != 2 {
			t.Errorf("fallback message has %d embeds", n)
		}
		assertNoMentions(t, reqs)
	})
	t.Run("edit fails", func(t *testing.T) {
		core := newFakeCore(answerWith(fullReply))
		clock := newTestClock()
		release := make(chan struct{})
		core.answer = func(bot.Request) []bot.Reply { <-release; return []bot.Reply{fullReply} }
		a, srv := newTestAdapter(t, core, nil, WithClock(clock.Now))
		srv.Override("PATCH", "/api/v9/webhooks/", -1, unknown)
		a.handleGatewayInteraction(fixture(t, "interaction_slash_guild.json"))
		clock.Advance(11 * time.Second) // too old for the "not registered yet" retry
		close(release)
		core.wait(t, 1)
		reqs := srv.Requests()
		if len(reqs) != 3 || !reqs[2].Is("POST", "/channels/"+fxChannel+"/messages") {
			t.Fatalf("requests: %v", paths(reqs))
		}
		for _, err := range core.replyErrors() {
			if err != nil {
				t.Errorf("reply error after fallback: %v", err)
			}
		}
	})
}

func TestExpiredTokenGoesStraightToChannel(t *testing.T) {
	clock := newTestClock()
	release := make(chan struct{})
	core := newFakeCore(func(bot.Request) []bot.Reply { <-release; return []bot.Reply{fullReply} })
	a, srv := newTestAdapter(t, core, nil, WithClock(clock.Now))
	a.handleGatewayInteraction(fixture(t, "interaction_slash_guild.json"))
	clock.Advance(16 * time.Minute)
	close(release)
	core.wait(t, 1)
	reqs := srv.Requests()
	if len(reqs) != 2 || !reqs[1].Is("POST", "/channels/"+fxChannel+"/messages") {
		t.Fatalf("requests: %v", paths(reqs))
	}
}

func TestAckRespectsDeadline(t *testing.T) {
	core := newFakeCore(answerWith(fullReply))
	a, srv := newTestAdapter(t, core, func(c *Config) { c.AckTimeout = 200 * time.Millisecond })
	hung := make(chan struct{})
	t.Cleanup(func() { close(hung) })
	srv.Override("POST", "/api/v9/interactions/", 1, func(w http.ResponseWriter, _ discordtest.Request) { <-hung })
	done := make(chan struct{})
	go func() { a.handleGatewayInteraction(fixture(t, "interaction_slash_guild.json")); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("acknowledgement did not give up at its deadline")
	}
	core.wait(t, 1)
	reqs := srv.Requests()
	if len(reqs) != 2 || !reqs[1].Is("POST", "/channels/"+fxChannel+"/messages") {
		t.Fatalf("an unacknowledged interaction must be answered in the channel: %v", paths(reqs))
	}
}

func equalRequest(a, b bot.Request) bool {
	return a.ID == b.ID && a.Kind == b.Kind && a.Conversation == b.Conversation && a.User == b.User &&
		slices.Equal(a.UserRoles, b.UserRoles) && a.Text == b.Text && a.Helpful == b.Helpful &&
		a.ReplyRef == b.ReplyRef && a.NonText == b.NonText
}

func paths(reqs []discordtest.Request) string {
	var b strings.Builder
	for _, r := range reqs {
		b.WriteString("\n  " + r.Method + " " + r.Path + " " + string(r.Body))
	}
	return b.String()
}

func TestPrivateRepliesWhenTokenGone(t *testing.T) {
	unknown := func(w http.ResponseWriter, _ discordtest.Request) {
		discordtest.WriteError(w, 404, 10062, "Unknown interaction")
	}
	t.Run("slash error goes to a DM", func(t *testing.T) {
		core := newFakeCore(answerWith(bot.Reply{Error: &bot.Error{Code: "busy", Message: "Busy."}}))
		a, srv := newTestAdapter(t, core, nil)
		srv.Override("POST", "/api/v9/interactions/", -1, unknown)
		a.handleGatewayInteraction(fixture(t, "interaction_slash_guild.json"))
		core.wait(t, 1)
		reqs := srv.Requests()
		if len(reqs) != 3 || !reqs[1].Is("POST", "/users/@me/channels") || !reqs[2].Is("POST", "/messages") {
			t.Fatalf("requests: %v", paths(reqs))
		}
		if body(t, reqs[1])["recipient_id"] != fxUser {
			t.Errorf("DM opened with %s", reqs[1].Body)
		}
	})
	t.Run("button thanks is dropped", func(t *testing.T) {
		core := newFakeCore(answerWith(bot.Reply{Text: "Thanks!"}))
		a, srv := newTestAdapter(t, core, nil)
		srv.Override("POST", "/api/v9/interactions/", -1, unknown)
		a.handleGatewayInteraction(fixture(t, "interaction_button.json"))
		core.wait(t, 1)
		if reqs := srv.Requests(); len(reqs) != 1 {
			t.Fatalf("requests: %v", paths(reqs))
		}
	})
}
