package slackadapter

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stylistbot/stylist/adapters/slack/slackfake"
	"github.com/stylistbot/stylist/bot"
	"github.com/stylistbot/stylist/internal/ttlset"
)

// serve runs one request through the adapter's HTTP handler.
func (h *harness) serve(r *http.Request) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	h.a.HTTPHandler().ServeHTTP(rec, r)
	return rec
}

func (h *harness) signed(path, contentType string, body []byte) *httptest.ResponseRecorder {
	return h.serve(slackfake.SignedRequest(testSecret, path, contentType, body))
}

// accepted waits for in-flight inbound processing and returns how many requests reached the core.
func (h *harness) accepted() int {
	h.a.work.Wait()
	return len(h.core.requests())
}

func TestHTTPSignature(t *testing.T) {
	h := start(t, ModeHTTP, newFakeCore(nil), nil)
	body := slackfake.EventCallback("Ev0SIG", map[string]any{"type": "app_mention", "user": "U0SHOPPER1",
		"text": "<@UBOT00001> hi", "ts": "1718000000.000100", "channel": "C0FASHION1", "event_ts": "1718000000.000100"})
	now := time.Now()
	req := func(mut func(r *http.Request)) *http.Request {
		r := httptest.NewRequest(http.MethodPost, "/slack/events", bytes.NewReader(body))
		r.Header.Set("Content-Type", slackfake.JSONContentType)
		slackfake.Sign(r.Header, testSecret, now, body)
		if mut != nil {
			mut(r)
		}
		return r
	}
	tests := []struct {
		name string
		req  *http.Request
		want int
	}{
		{"wrong secret", req(func(r *http.Request) { slackfake.Sign(r.Header, "not-the-secret", now, body) }), 401},
		{"stale timestamp", req(func(r *http.Request) { slackfake.Sign(r.Header, testSecret, now.Add(-6*time.Minute), body) }), 401},
		{"future timestamp", req(func(r *http.Request) { slackfake.Sign(r.Header, testSecret, now.Add(6*time.Minute), body) }), 401},
		{"tampered body", req(func(r *http.Request) {
			r.Body = httptestBody(bytes.Replace(body, []byte("hi"), []byte("ho"), 1))
		}), 401},
		{"missing signature", req(func(r *http.Request) { r.Header.Del("X-Slack-Signature") }), 401},
		{"missing timestamp", req(func(r *http.Request) { r.Header.Del("X-Slack-Request-Timestamp") }), 401},
		{"no v0 prefix", req(func(r *http.Request) {
			r.Header.Set("X-Slack-Signature", strings.TrimPrefix(r.Header.Get("X-Slack-Signature"), "v0="))
		}), 401},
		{"timestamp not a number", req(func(r *http.Request) { r.Header.Set("X-Slack-Request-Timestamp", "yesterday") }), 401},
		{"GET", httptest.NewRequest(http.MethodGet, "/slack/events", nil), 405},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if rec := h.serve(tt.req); rec.Code != tt.want {
				t.Fatalf("status %d, want %d", rec.Code, tt.want)
			}
		})
	}
	if n := h.accepted(); n != 0 {
		t.Fatalf("%d rejected requests reached the core", n)
	}
	if rec := h.serve(req(nil)); rec.Code != http.StatusOK {
		t.Fatalf("valid request: status %d", rec.Code)
	}
	if got := h.core.wait(t, 1); len(got) != 1 || got[0].Kind != bot.KindMention {
		t.Fatalf("core got %+v", got)
	}
}

func TestHTTPBodyLimit(t *testing.T) {
	h := start(t, ModeHTTP, newFakeCore(nil), nil)
	h.a.maxBody = 1024
	big := slackfake.EventCallback("Ev0BIG", map[string]any{"type": "app_mention", "text": strings.Repeat("x", 4096)})
	if rec := h.signed("/slack/events", slackfake.JSONContentType, big); rec.Code != http.StatusRequestEntityTooLarge {
		t.Fatalf("status %d, want 413", rec.Code)
	}
	if n := h.accepted(); n != 0 {
		t.Fatalf("oversized request reached the core")
	}
}

func TestHTTPURLVerification(t *testing.T) {
	h := start(t, ModeHTTP, newFakeCore(nil), nil)
	body := []byte(`{"token":"Jhj5dZrVaK7ZwHHjRyZWjbDl","challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P","type":"url_verification"}`)
	rec := h.signed("/slack/events", slackfake.JSONContentType, body)
	if rec.Code != http.StatusOK || rec.Body.String() != "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P" {
		t.Fatalf("got %d %q", rec.Code, rec.Body.String())
	}
	unsigned := httptest.NewRequest(http.MethodPost, "/slack/events", bytes.NewReader(body))
	unsigned.Header.Set("Content-Type", slackfake.JSONContentType)
	if rec := h.serve(unsigned); rec.Code != http.StatusUnauthorized || strings.Contains(rec.Body.String(), "3eZbrw") {
		t.Fatalf("unsigned url_verification answered: %d %q", rec.Code, rec.Body.String())
	}
}

func TestHTTPRetryDedup(t *testing.T) {
	h := start(t, ModeHTTP, newFakeCore(nil), nil)
	body := readFixture(t, "app_mention.json")
	if rec := h.signed("/slack/events", slackfake.JSONContentType, body); rec.Code != http.StatusOK {
		t.Fatalf("first delivery: %d", rec.Code)
	}
	h.core.wait(t, 1)
	for i := 1; i <= 3; i++ {
		r := slackfake.SignedRequest(testSecret, "/slack/events", slackfake.JSONContentType, body)
		r.Header.Set("X-Slack-Retry-Num", string(rune('0'+i)))
		r.Header.Set("X-Slack-Retry-Reason", "http_timeout")
		if rec := h.serve(r); rec.Code != http.StatusOK {
			t.Fatalf("retry %d: status %d", i, rec.Code)
		}
	}
	if n := h.accepted(); n != 1 {
		t.Fatalf("core got %d requests for one event", n)
	}
	if got := len(h.srv.Calls("chat.postMessage")); got != 1 {
		t.Fatalf("%d answers posted for one event", got)
	}
}

func TestHTTPSlashCommandFlow(t *testing.T) {
	core := newFakeCore(func(req bot.Request) []bot.Reply {
		return []bot.Reply{
			{Ref: "rep-7", Text: "Looking at coats", Partial: true},
			{Ref: "rep-7", Text: "Looking at coats and boots", Partial: true},
			{Ref: "rep-7", Intro: "Three warm picks.", Items: sampleItems(3, "Warm."), Tip: "Add a scarf.", Feedback: true},
		}
	})
	h := start(t, ModeHTTP, core, nil)
	form, _ := url.ParseQuery(string(readFixture(t, "slash_command.form")))
	form.Set("response_url", h.srv.ResponseURL("slash-1"))
	start := time.Now()
	rec := h.signed("/slack/commands", slackfake.FormContentType, []byte(form.Encode()))
	if rec.Code != http.StatusOK || rec.Body.Len() != 0 {
		t.Fatalf("ack: %d %q", rec.Code, rec.Body.String())
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Fatalf("ack took %v", d)
	}
	reqs := core.wait(t, 1)
	posts := h.srv.Calls("chat.postMessage")
	if len(posts) != 2 {
		t.Fatalf("%d chat.postMessage calls, want looking-for + first partial", len(posts))
	}
	lookingFor, partial := posts[0], posts[1]
	if lookingFor.Values.Get("channel") != "C0FASHION1" || lookingFor.Values.Get("thread_ts") != "" {
		t.Errorf("looking-for posted to %v", lookingFor.Values)
	}
	if txt := lookingFor.Text(); !strings.Contains(txt, "Looking for") || !strings.Contains(txt, "&amp; not &lt;wool&gt;") || !strings.Contains(txt, "<@U0SHOPPER1>") {
		t.Errorf("looking-for text %q", txt)
	}
	want := bot.Conversation{Platform: bot.PlatformSlack, Workspace: "T00000001", Channel: "C0FASHION1", Thread: lookingFor.TS}
	if reqs[0].Kind != bot.KindSlash || reqs[0].Conversation != want || reqs[0].Text != "a warm black coat for winter walks & not <wool>" {
		t.Errorf("request %+v", reqs[0])
	}
	if partial.Values.Get("thread_ts") != lookingFor.TS {
		t.Errorf("partial thread_ts %q, want %q", partial.Values.Get("thread_ts"), lookingFor.TS)
	}
	updates := h.srv.Calls("chat.update")
	if len(updates) != 2 {
		t.Fatalf("%d chat.update calls, want 2", len(updates))
	}
	for _, u := range updates {
		if u.Values.Get("ts") != partial.TS || u.Values.Get("channel") != "C0FASHION1" {
			t.Errorf("update of %v, want ts %s", u.Values, partial.TS)
		}
	}
	final, err := updates[1].Blocks()
	if err != nil {
		t.Fatal(err)
	}
	if n := len(final.BlockSet); n != 11 || final.BlockSet[n-1].BlockType() != "actions" {
		t.Errorf("final message has %d blocks", n)
	}
	if strings.Contains(updates[0].Values.Get("blocks"), "stylist_feedback") {
		t.Error("partial update carries feedback buttons")
	}
	for _, secret := range []string{testBotToken, testSecret} {
		if strings.Contains(h.logs.String(), secret) {
			t.Fatal("logs contain a secret")
		}
	}
}

func TestHTTPSlashRefusals(t *testing.T) {
	core := newFakeCore(nil)
	core.refuse = map[string]bool{"C0FASHION1": true}
	h := start(t, ModeHTTP, core, nil)
	tests := []struct {
		name, command, channel, want string
	}{
		{"channel refused by the core's policy", "/outfit", "C0FASHION1", "not enabled in this channel"},
		{"unknown command", "/weather", "C0ALLOWED1", "don't know the command /weather"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body := slackfake.SlashForm(tt.command, "red coat", tt.channel, "U0SHOPPER1", h.srv.ResponseURL("x"))
			rec := h.signed("/slack/commands", slackfake.FormContentType, body)
			if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), `"response_type":"ephemeral"`) ||
				!strings.Contains(rec.Body.String(), tt.want) {
				t.Fatalf("got %d %s", rec.Code, rec.Body.String())
			}
		})
	}
	if n := h.accepted(); n != 0 || len(h.srv.Calls("chat.postMessage")) != 0 {
		t.Fatalf("refused commands reached the core (%d) or posted", n)
	}
	body := slackfake.SlashForm("/outfit", "red coat", "D0DIRECT01", "U0SHOPPER1", h.srv.ResponseURL("dm"))
	if rec := h.signed("/slack/commands", slackfake.FormContentType, body); rec.Body.Len() != 0 {
		t.Fatalf("DM slash command refused: %s", rec.Body.String())
	}
	if got := h.core.wait(t, 1); got[0].Conversation.Workspace != "" || got[0].Conversation.Channel != "D0DIRECT01" {
		t.Fatalf("DM request %+v", got[0])
	}
}

func httptestBody(b []byte) *readCloser { return &readCloser{bytes.NewReader(b)} }

type readCloser struct{ *bytes.Reader }

func (readCloser) Close() error { return nil }

func TestHTTPBeforeStart(t *testing.T) {
	cfg := DefaultConfig()
	cfg.Mode, cfg.BotToken, cfg.SigningSecret, cfg.APIURL = ModeHTTP, testBotToken, testSecret, "http://127.0.0.1:1/"
	log, _ := testLogger(t)
	a, err := New(cfg, log)
	if err != nil {
		t.Fatal(err)
	}
	serve := func(ct string, body []byte) *httptest.ResponseRecorder {
		rec := httptest.NewRecorder()
		a.HTTPHandler().ServeHTTP(rec, slackfake.SignedRequest(testSecret, "/slack/", ct, body))
		return rec
	}
	if rec := serve(slackfake.JSONContentType, []byte(`{"type":"url_verification","challenge":"c1"}`)); rec.Body.String() != "c1" {
		t.Errorf("url_verification before Start: %d %q", rec.Code, rec.Body.String())
	}
	if rec := serve(slackfake.JSONContentType, readFixture(t, "app_mention.json")); rec.Code != http.StatusServiceUnavailable {
		t.Errorf("event before Start: %d, want 503 so Slack retries", rec.Code)
	}
	rec := serve(slackfake.FormContentType, slackfake.SlashForm("/outfit", "coat", "C1", "U1", ""))
	if !strings.Contains(rec.Body.String(), "starting up") {
		t.Errorf("slash before Start: %q", rec.Body.String())
	}
	if a.seen.(*ttlset.Set).Len() != 0 {
		t.Error("an event seen before Start was recorded as handled; Slack's retry would be dropped")
	}
}

// In replica mode an Events API callback that can become a request is claimed
// under its event_id, which is also its job id; one that never can (a bot's
// message, an edit, a reply in a thread the bot is not in) records no key.
func TestHTTPEventClaims(t *testing.T) {
	keys := &slowClaims{keys: map[string]bool{}}
	h := start(t, ModeHTTP, newFakeCore(nil), nil, WithSharedMemory(keys, nil))
	for _, name := range []string{"bot_message.json", "message_changed.json", "app_mention.json", "thread_reply.json"} {
		if rec := h.signed("/slack/events", slackfake.JSONContentType, readFixture(t, name)); rec.Code != http.StatusOK {
			t.Fatalf("%s -> %d", name, rec.Code)
		}
	}
	if n := h.accepted(); n != 1 {
		t.Fatalf("%d requests, want the mention's", n)
	}
	// thread_reply.json may be a follow-up (it is in a thread): it is claimed,
	// and ignored once its thread is known not to be the bot's.
	got, claims := keys.recorded()
	want := []string{"event:Ev0MENTION01", "event:Ev0THREAD001"}
	if !slices.Equal(got, want) {
		t.Errorf("keys %v, want %v", got, want)
	}
	if want := []string{"event:Ev0MENTION01 job Ev0MENTION01", "event:Ev0THREAD001 job Ev0THREAD001"}; !slices.Equal(claims, want) {
		t.Errorf("claims %v, want %v", claims, want)
	}
	if id := h.core.requests()[0].ID; id != "Ev0MENTION01" {
		t.Errorf("request ID %q, want the event_id", id)
	}
}
