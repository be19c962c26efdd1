package slackadapter

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/stylistbot/stylist/adapters/slack/slackfake"
	"github.com/stylistbot/stylist/bot"
)

// hostile is user text with control and bidirectional-control characters and
// the normalised text the core must receive.
var hostile = []struct{ name, in, want string }{
	{"NUL BEL ESC DEL", "red\x00 dress\x07\x1b[2J\x7f", "red dress[2J"},
	{"NEL and CR LF", "red\u0085dress\r\nfor a\rwedding", "red dress for a wedding"},
	{"unclosed RLO", "dress \u202eyltsoc", "dress yltsoc"},
	{"isolates and RLM", "\u2066coat\u2069\u2067 \u2068boots\u200f", "coat boots"},
	{"whitespace runs", "  linen\t\t shirt \u00a0 ", "linen shirt"},
}

// visibleOnly reports a rune that must never reach a posted message.
func badRune(r rune) bool {
	return (unicode.IsControl(r) && r != '\n') || r == '\u202e' || r == '\u200f' || r == '\u200e' || (r >= '\u2066' && r <= '\u2069') || (r >= '\u202a' && r <= '\u202d')
}

// TestHostileTextNormalisedAtTheEdge: a slash command's text is normalised before
// it is echoed in the public "Looking for…" message or handed to the core.
func TestHostileTextNormalisedAtTheEdge(t *testing.T) {
	core := newFakeCore(func(bot.Request) []bot.Reply { return []bot.Reply{{Text: "ok"}} })
	h := start(t, ModeHTTP, core, nil)
	for i, tc := range hostile {
		t.Run(tc.name, func(t *testing.T) {
			form, _ := url.ParseQuery(string(slackfake.SlashForm("/outfit", tc.in, "C0FASHION1", "U0SHOPPER1", "")))
			form.Set("trigger_id", "trigger-"+strconv.Itoa(i))
			rec := h.signed("/slack/commands", slackfake.FormContentType, []byte(form.Encode()))
			if rec.Code != http.StatusOK {
				t.Fatalf("status %d", rec.Code)
			}
			reqs := core.wait(t, i+1)
			if got := reqs[i].Text; got != tc.want {
				t.Errorf("core got %q, want %q", got, tc.want)
			}
			posts := h.srv.Calls("chat.postMessage")
			echo := posts[len(posts)-2].Text() // looking-for, then the answer
			if !strings.Contains(echo, "Looking for") || strings.IndexFunc(echo, badRune) >= 0 {
				t.Errorf("echo %q carries control characters", echo)
			}
		})
	}
}

// TestTooLongRefusedBeforeEcho: the core's length check (through Screen) answers
// in the acknowledgement, so an over-long text is never echoed publicly.
func TestTooLongRefusedBeforeEcho(t *testing.T) {
	real := bot.New(bot.DefaultConfig(), bot.RecommenderFunc(func(_ context.Context, a bot.Ask, s bot.StreamFunc) (*bot.Answer, error) {
		return &bot.Answer{}, nil
	}), nil, nil)
	core := newFakeCore(nil)
	core.screen = real
	h := start(t, ModeHTTP, core, nil)
	text := strings.Repeat("very long request ", 100) // 1,800 runes > 500
	rec := h.signed("/slack/commands", slackfake.FormContentType, slackfake.SlashForm("/outfit", text, "C0FASHION1", "U0SHOPPER1", ""))
	if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "characters long") || !strings.Contains(rec.Body.String(), "ephemeral") {
		t.Fatalf("ack %d %q, want an ephemeral too-long refusal", rec.Code, rec.Body.String())
	}
	if n := len(h.srv.Calls("chat.postMessage")); n != 0 || h.accepted() != 0 {
		t.Fatalf("over-long text echoed (%d posts) or handed over (%d)", n, h.accepted())
	}
}
