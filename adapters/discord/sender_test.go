package discordadapter

import (
	"net/http"
	"strings"
	"testing"

	"github.com/stylistbot/stylist/adapters/discord/discordtest"
	"github.com/stylistbot/stylist/bot"
)

func TestSendAndEditInPlace(t *testing.T) {
	a, srv := newTestAdapter(t, newFakeCore(answerWith()), nil)
	conv := bot.Conversation{Platform: bot.PlatformDiscord, Workspace: fxGuild, Channel: fxChannel, Thread: fxThread}
	got, handle, err := a.Send(t.Context(), conv, bot.Reply{Partial: true, Intro: "Looking…"})
	if err != nil || got != conv || handle == "" {
		t.Fatalf("Send = %+v, %q, %v", got, handle, err)
	}
	many := fullReply
	for len(many.Items) < 11 {
		many.Items = append(many.Items, itemDress)
	}
	edit := &channelReplier{a: a, channel: target(conv), handle: handle} // how partial replies are edited in place
	if err := edit.reply(t.Context(), many); err != nil {
		t.Fatal(err)
	}
	reqs := srv.Requests()
	if len(reqs) != 3 || !reqs[0].Is("POST", "/channels/"+fxThread+"/messages") ||
		!reqs[1].Is("PATCH", "/channels/"+fxThread+"/messages/"+handle) || !reqs[2].Is("POST", "/channels/"+fxThread+"/messages") {
		t.Fatalf("requests: %v", paths(reqs))
	}
	assertNoMentions(t, reqs)

	noThread := conv
	noThread.Thread = ""
	srv.Reset()
	if _, _, err := a.Send(t.Context(), noThread, bot.Reply{Text: "hi"}); err != nil {
		t.Fatal(err)
	}
	if reqs := srv.Requests(); len(reqs) != 1 || !reqs[0].Is("POST", "/channels/"+fxChannel+"/messages") {
		t.Errorf("unthreaded send: %v", paths(reqs))
	}
}

func TestSendWithoutTokenFails(t *testing.T) {
	a, _ := newHTTPAdapter(t, newFakeCore(answerWith()), nil)
	if _, _, err := a.Send(t.Context(), bot.Conversation{Channel: fxChannel}, bot.Reply{Text: "x"}); err != ErrNoToken {
		t.Errorf("err = %v, want ErrNoToken", err)
	}
}

func TestEditFailureReachesUserEphemerally(t *testing.T) {
	core := newFakeCore(answerWith(fullReply))
	a, srv := newTestAdapter(t, core, nil)
	srv.Override("PATCH", "/api/v9/webhooks/", -1, func(w http.ResponseWriter, _ discordtest.Request) {
		discordtest.WriteError(w, 400, 50035, "Invalid Form Body")
	})
	a.handleGatewayInteraction(fixture(t, "interaction_slash_guild.json"))
	core.wait(t, 1)
	if errs := core.replyErrors(); len(errs) != 1 || errs[0] == nil {
		t.Errorf("reply errors = %v, want the edit failure", errs)
	}
	reqs := srv.Requests()
	if len(reqs) != 3 || !reqs[2].Is("POST", "/webhooks/"+discordtest.AppID+"/aW50ZXJhY3Rpb246MTMwMDAwMDAwMDAwMDAwMDAwMTpndWlsZHRva2Vu") {
		t.Fatalf("requests: %v", paths(reqs))
	}
	b := body(t, reqs[2])
	if b["flags"] != float64(64) || !strings.Contains(b["content"].(string), textPostFailed) {
		t.Errorf("error follow-up = %s", reqs[2].Body)
	}
}
