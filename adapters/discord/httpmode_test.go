package discordadapter

import (
	"encoding/hex"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stylistbot/stylist/adapters/discord/discordtest"
	"github.com/stylistbot/stylist/bot"
)

func newHTTPAdapter(t *testing.T, core bot.Handler, mutate func(*Config)) (*Adapter, *discordtest.Server) {
	pub, _ := testKey()
	return newTestAdapter(t, core, func(c *Config) {
		c.Mode, c.Token, c.ApplicationID, c.PublicKey = ModeHTTP, "", discordtest.AppID, hex.EncodeToString(pub)
		if mutate != nil {
			mutate(c)
		}
	})
}

func serve(a *Adapter, r *http.Request) *httptest.ResponseRecorder {
	w := httptest.NewRecorder()
	a.HTTPHandler().ServeHTTP(w, r)
	return w
}

func TestHTTPPing(t *testing.T) {
	_, priv := testKey()
	a, _ := newHTTPAdapter(t, newFakeCore(answerWith()), nil)
	w := serve(a, discordtest.SignedRequest(priv, time.Now(), fixture(t, "interaction_ping.json")))
	if w.Code != 200 || strings.TrimSpace(w.Body.String()) != `{"type":1}` {
		t.Fatalf("PING -> %d %s, want 200 {\"type\":1}", w.Code, w.Body)
	}
	if ct := w.Header().Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type = %q", ct)
	}
}

func TestHTTPRejectsBeforeParsing(t *testing.T) {
	_, priv := testKey()
	core := newFakeCore(answerWith(fullReply))
	a, srv := newHTTPAdapter(t, core, nil)
	tests := []struct {
		name string
		req  func() *http.Request
		want int
	}{
		{"garbage unsigned", func() *http.Request {
			return httptest.NewRequest("POST", "/interactions", strings.NewReader("{not json"))
		}, 401},
		{"garbage with a bad signature", func() *http.Request {
			r := discordtest.SignedRequest(priv, time.Now(), []byte("{not json"))
			r.Header.Set("X-Signature-Ed25519", strings.Repeat("ab", 64))
			return r
		}, 401},
		{"stale", func() *http.Request {
			return discordtest.SignedRequest(priv, time.Now().Add(-10*time.Minute), fixture(t, "interaction_slash_guild.json"))
		}, 401},
		{"too large", func() *http.Request {
			return discordtest.SignedRequest(priv, time.Now(), []byte(strings.Repeat(" ", 2<<20)))
		}, 413},
		{"GET", func() *http.Request { return httptest.NewRequest("GET", "/interactions", nil) }, 405},
		{"signed garbage", func() *http.Request { return discordtest.SignedRequest(priv, time.Now(), []byte("{not json")) }, 400},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if w := serve(a, tt.req()); w.Code != tt.want {
				t.Errorf("status = %d, want %d", w.Code, tt.want)
			}
		})
	}
	time.Sleep(10 * time.Millisecond)
	if len(core.requests()) != 0 || len(srv.Requests()) != 0 {
		t.Errorf("rejected requests reached the core or Discord")
	}
}

func TestHTTPSlashCommand(t *testing.T) {
	_, priv := testKey()
	core := newFakeCore(answerWith(fullReply))
	a, srv := newHTTPAdapter(t, core, nil)
	w := serve(a, discordtest.SignedRequest(priv, time.Now(), fixture(t, "interaction_slash_guild.json")))
	var resp struct {
		Type int `json:"type"`
	}
	if err := json.Unmarshal(w.Body.Bytes(), &resp); err != nil || w.Code != 200 || resp.Type != 5 {
		t.Fatalf("response %d %s, want 200 with type 5", w.Code, w.Body)
	}
	core.wait(t, 1)
	reqs := srv.Requests()
	if len(reqs) != 1 || !reqs[0].Is("PATCH", "/messages/@original") {
		t.Fatalf("requests: %v", paths(reqs))
	}
	if _, ok := reqs[0].Header["Authorization"]; ok {
		t.Errorf("webhook edit sent a bot token although none is configured")
	}
	if n := len(body(t, reqs[0])["embeds"].([]any)); n != 2 {
		t.Errorf("edit has %d embeds", n)
	}
	assertNoMentions(t, reqs)
	if got := core.requests()[0]; got.Kind != bot.KindSlash || got.Conversation.Channel != fxChannel {
		t.Errorf("request = %+v", got)
	}
}

func TestHTTPEditRetriesWhileDiscordCatchesUp(t *testing.T) {
	_, priv := testKey()
	core := newFakeCore(answerWith(fullReply))
	a, srv := newHTTPAdapter(t, core, nil)
	srv.Override("PATCH", "/api/v9/webhooks/", 1, func(w http.ResponseWriter, _ discordtest.Request) {
		discordtest.WriteError(w, 404, 10015, "Unknown Webhook")
	})
	serve(a, discordtest.SignedRequest(priv, time.Now(), fixture(t, "interaction_slash_guild.json")))
	core.wait(t, 1)
	reqs := srv.Requests()
	if len(reqs) != 2 || !reqs[1].Is("PATCH", "/messages/@original") {
		t.Fatalf("requests: %v", paths(reqs))
	}
	if errs := core.replyErrors(); errs[0] != nil {
		t.Errorf("reply error: %v", errs[0])
	}
}

func TestHTTPImmediateAnswers(t *testing.T) {
	_, priv := testKey()
	core := newFakeCore(answerWith(fullReply))
	tests := []struct {
		name   string
		cfg    func(*Config)
		raw    string
		status int
		want   string
	}{
		{"unknown command", nil,
			strings.Replace(string(fixture(t, "interaction_slash_guild.json")), `"name": "outfit"`, `"name": "other"`, 1), 200, textUnknownCommand},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, _ := newHTTPAdapter(t, core, tt.cfg)
			w := serve(a, discordtest.SignedRequest(priv, time.Now(), []byte(tt.raw)))
			var resp struct {
				Type int `json:"type"`
				Data struct {
					Content         string `json:"content"`
					Flags           int    `json:"flags"`
					AllowedMentions struct {
						Parse []string `json:"parse"`
					} `json:"allowed_mentions"`
				} `json:"data"`
			}
			if err := json.Unmarshal(w.Body.Bytes(), &resp); err != nil || w.Code != tt.status {
				t.Fatalf("response %d %s", w.Code, w.Body)
			}
			if resp.Type != 4 || resp.Data.Flags != 64 || resp.Data.Content != tt.want || resp.Data.AllowedMentions.Parse == nil {
				t.Errorf("response = %s, want an ephemeral type-4 %q", w.Body, tt.want)
			}
		})
	}
	if len(core.requests()) != 0 {
		t.Errorf("core reached")
	}
}

func TestHTTPNotStarted(t *testing.T) {
	pub, priv := testKey()
	cfg := DefaultConfig()
	cfg.Mode, cfg.ApplicationID, cfg.PublicKey = ModeHTTP, "1", hex.EncodeToString(pub)
	a, err := New(cfg, quietLogger())
	if err != nil {
		t.Fatal(err)
	}
	if w := serve(a, discordtest.SignedRequest(priv, time.Now(), fixture(t, "interaction_slash_guild.json"))); w.Code != 503 {
		t.Errorf("status = %d, want 503 before Start", w.Code)
	}
	if w := serve(a, discordtest.SignedRequest(priv, time.Now(), fixture(t, "interaction_ping.json"))); w.Code != 200 {
		t.Errorf("PING before Start = %d, want 200 (Discord validates the URL when it is saved)", w.Code)
	}
}
