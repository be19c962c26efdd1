package discordadapter

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stylistbot/stylist/adapters/discord/discordtest"
)

// TestReplaysHandledOnce delivers every inbound kind twice (the same signed HTTP
// interaction, the same gateway interaction, the same message id): each reaches
// the core once, so one interaction token gets one final answer.
func TestReplaysHandledOnce(t *testing.T) {
	_, priv := testKey()
	cases := []struct {
		name    string
		http    bool
		deliver func(a *Adapter)
	}{
		{"http slash command", true, func(a *Adapter) {
			if w := serve(a, discordtest.SignedRequest(priv, time.Now(), fixture(t, "interaction_slash_guild.json"))); w.Code != 200 {
				t.Errorf("status %d", w.Code)
			}
		}},
		{"http button click", true, func(a *Adapter) {
			if w := serve(a, discordtest.SignedRequest(priv, time.Now(), fixture(t, "interaction_button.json"))); w.Code != 200 {
				t.Errorf("status %d", w.Code)
			}
		}},
		{"gateway slash command", false, func(a *Adapter) { a.handleGatewayInteraction(fixture(t, "interaction_slash_guild.json")) }},
		{"gateway direct message", false, func(a *Adapter) { a.handleMessage(message(t, "message_dm.json")) }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			core := newFakeCore(answerWith(fullReply))
			var a *Adapter
			var srv *discordtest.Server
			if tc.http {
				a, srv = newHTTPAdapter(t, core, nil)
			} else {
				a, srv = newTestAdapter(t, core, nil)
			}
			tc.deliver(a)
			tc.deliver(a)
			core.wait(t, 1)
			time.Sleep(50 * time.Millisecond) // a second answer would be on its way by now
			if n := len(core.requests()); n != 1 {
				t.Fatalf("core got %d requests for one delivery sent twice", n)
			}
			finals := 0
			for _, r := range srv.Requests() {
				if r.Is("PATCH", "/messages/@original") || (r.Method == "POST" && strings.HasSuffix(r.Path, "/messages")) {
					finals++
				}
			}
			if finals > 1 {
				t.Errorf("%d answers written: %v", finals, paths(srv.Requests()))
			}
		})
	}
}

// TestInteractionMissingFieldsRejected: a correctly signed interaction without
// the fields its answer needs is refused with 400 before anything is
// acknowledged, and nothing reaches the core or Discord.
func TestInteractionMissingFieldsRejected(t *testing.T) {
	_, priv := testKey()
	for _, tc := range []struct{ name, fixture, field string }{
		{"command without token", "interaction_slash_guild.json", "token"},
		{"command without application_id", "interaction_slash_guild.json", "application_id"},
		{"command without id", "interaction_slash_guild.json", "id"},
		{"command without channel_id", "interaction_slash_guild.json", "channel_id"},
		{"command without user", "interaction_slash_guild.json", "member"},
		{"button without token", "interaction_button.json", "token"},
		{"button without application_id", "interaction_button.json", "application_id"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			core := newFakeCore(answerWith(fullReply))
			a, srv := newHTTPAdapter(t, core, nil)
			var m map[string]any
			if err := json.Unmarshal(fixture(t, tc.fixture), &m); err != nil {
				t.Fatal(err)
			}
			delete(m, tc.field)
			if tc.field == "member" {
				delete(m, "user")
			}
			raw, _ := json.Marshal(m)
			w := serve(a, discordtest.SignedRequest(priv, time.Now(), raw))
			if w.Code != http.StatusBadRequest {
				t.Fatalf("status %d %s, want 400", w.Code, w.Body)
			}
			a.handleGatewayInteraction(raw) // the gateway path decodes the same way
			time.Sleep(20 * time.Millisecond)
			if len(core.requests()) != 0 || len(srv.Requests()) != 0 {
				t.Errorf("rejected interaction reached the core or Discord: %v", paths(srv.Requests()))
			}
		})
	}
}
