package slackadapter

import (
	"encoding/json"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/stylistbot/stylist/adapters/slack/slackfake"
	"github.com/stylistbot/stylist/bot"
)

// TestHTTPReplaysHandledOnce sends every inbound kind twice, byte for byte and
// validly signed (a replay within the signature's five minutes, or a proxy
// retry): each reaches the core once and posts once.
func TestHTTPReplaysHandledOnce(t *testing.T) {
	answer := func(req bot.Request) []bot.Reply {
		if req.Kind == bot.KindFeedback {
			return []bot.Reply{{Text: "Thanks for the feedback!"}}
		}
		return []bot.Reply{{Ref: "r1", Text: "An answer."}}
	}
	h := start(t, ModeHTTP, newFakeCore(answer), nil)

	form, _ := url.ParseQuery(string(readFixture(t, "slash_command.form")))
	form.Set("response_url", h.srv.ResponseURL("slash-1"))
	var payload map[string]any
	_ = json.Unmarshal(readFixture(t, "block_actions.json"), &payload)
	payload["response_url"] = h.srv.ResponseURL("fb")
	action, _ := json.Marshal(payload)

	cases := []struct {
		name, path, contentType string
		body                    []byte
	}{
		{"event", "/slack/events", slackfake.JSONContentType, readFixture(t, "app_mention.json")},
		{"slash command", "/slack/commands", slackfake.FormContentType, []byte(form.Encode())},
		{"button click", "/slack/interactions", slackfake.FormContentType, slackfake.InteractionForm(action)},
	}
	for i, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			for n := range 3 {
				if rec := h.signed(tc.path, tc.contentType, tc.body); rec.Code != http.StatusOK {
					t.Fatalf("delivery %d: status %d", n+1, rec.Code)
				}
			}
			h.core.wait(t, 1)
			time.Sleep(50 * time.Millisecond) // a second request would arrive by now
			if got := h.accepted(); got != i+1 {
				t.Fatalf("core got %d requests after %d kinds each sent 3 times", got, i+1)
			}
		})
	}
	if n := len(h.srv.Calls("chat.postMessage")); n != 3 { // mention answer, looking-for, slash answer
		t.Errorf("%d messages posted, want 3", n)
	}
}

// TestHTTPFeedbackAckFollowsTheVote: a feedback click gets 200 only once the core
// stored the vote; a refused one (here: busy) gets 503, so Slack shows the user
// the click did not count, and the core's ephemeral reason is still delivered.
func TestHTTPFeedbackAckFollowsTheVote(t *testing.T) {
	for _, tc := range []struct {
		name  string
		reply bot.Reply
		want  int
	}{
		{"stored", bot.Reply{Text: "Thanks for the feedback!", Ephemeral: true}, http.StatusOK},
		{"refused", bot.Reply{Ephemeral: true, Error: &bot.Error{Code: bot.CodeBusy, Message: "I'm busy."}}, http.StatusServiceUnavailable},
	} {
		t.Run(tc.name, func(t *testing.T) {
			core := newFakeCore(func(bot.Request) []bot.Reply { return []bot.Reply{tc.reply} })
			h := start(t, ModeHTTP, core, nil)
			var payload map[string]any
			_ = json.Unmarshal(readFixture(t, "block_actions.json"), &payload)
			payload["response_url"] = h.srv.ResponseURL("fb")
			raw, _ := json.Marshal(payload)
			if rec := h.signed("/slack/interactions", slackfake.FormContentType, slackfake.InteractionForm(raw)); rec.Code != tc.want {
				t.Fatalf("ack %d, want %d", rec.Code, tc.want)
			}
			h.srv.WaitCalls(t, slackfake.MethodResponseURL, 1)
		})
	}
}
