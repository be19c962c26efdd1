package slackadapter

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"
	"time"

	"github.com/stylistbot/stylist/adapters/slack/slackfake"
)

// FuzzHTTPUnsigned sends requests with arbitrary bodies, signatures and
// timestamps: none may panic, all must be rejected, none may reach the core.
func FuzzHTTPUnsigned(f *testing.F) {
	h := start(f, ModeHTTP, newFakeCore(nil), nil)
	now := time.Now()
	for _, name := range []string{"app_mention.json", "message_im.json", "block_actions.json", "slash_command.form"} {
		body := readFixture(f, name)
		f.Add(body, slackfake.Signature("wrong-secret", now, body), strconv.FormatInt(now.Unix(), 10), "application/json")
		f.Add(body, slackfake.Signature(testSecret, now.Add(-10*time.Minute), body), strconv.FormatInt(now.Add(-10*time.Minute).Unix(), 10), slackfake.FormContentType)
		f.Add(body, "", "", "")
		f.Add(body, "v0=zz", "1e9", "text/plain")
	}
	f.Fuzz(func(t *testing.T, body []byte, sig, ts, contentType string) {
		r := httptest.NewRequest(http.MethodPost, "/slack/events", bytes.NewReader(body))
		r.Header.Set("Content-Type", contentType)
		r.Header.Set("X-Slack-Signature", sig)
		r.Header.Set("X-Slack-Request-Timestamp", ts)
		rec := h.serve(r)
		if rec.Code != http.StatusUnauthorized && rec.Code != http.StatusRequestEntityTooLarge {
			t.Fatalf("unsigned request got %d", rec.Code)
		}
		if n := h.accepted(); n != 0 {
			t.Fatalf("unsigned request reached the core")
		}
	})
}

// FuzzHTTPSignedPayload sends correctly signed but arbitrary payloads through
// every parser (events JSON, slash form, interactivity payload): nothing may
// panic and every request gets an HTTP answer.
func FuzzHTTPSignedPayload(f *testing.F) {
	h := start(f, ModeHTTP, newFakeCore(nil), nil)
	for _, name := range []string{"app_mention.json", "message_im.json", "thread_reply.json", "message_changed.json", "bot_message.json"} {
		f.Add(readFixture(f, name), true)
	}
	f.Add(slackfake.InteractionForm(readFixture(f, "block_actions.json")), false)
	f.Add(readFixture(f, "slash_command.form"), false)
	f.Add([]byte(`{"type":"event_callback","event":null}`), true)
	f.Add([]byte(`{"type":"event_callback","event":{"type":"message","channel_type":"im","user":"U1","channel":"D1"}}`), true)
	f.Add([]byte(`payload=%7B%22type%22%3A%22block_actions%22%2C%22actions%22%3A%5Bnull%5D%7D`), false)
	f.Fuzz(func(t *testing.T, body []byte, isJSON bool) {
		ct := slackfake.FormContentType
		if isJSON {
			ct = slackfake.JSONContentType
		}
		rec := h.signed("/slack/x", ct, body)
		switch rec.Code {
		case http.StatusOK, http.StatusBadRequest, http.StatusRequestEntityTooLarge:
		default:
			t.Fatalf("signed request got %d", rec.Code)
		}
		h.a.work.Wait()
	})
}
