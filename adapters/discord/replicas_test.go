package discordadapter

import (
	"encoding/hex"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stylistbot/stylist/adapters/discord/discordtest"
	"github.com/stylistbot/stylist/bot"
)

// TestHTTPModeAnyReplicaAnswersAnyRequest: in http mode behind a load balancer,
// two replicas with the same configuration and no shared memory each verify any
// signed request, and a button click on an answer that replica 0 gave is handled
// by replica 1 (the reply ref travels in the custom_id; replies go to the
// interaction's webhook, known from the request and the configured application id).
// De-duplicating a platform retry that lands on another replica is the store's
// job (issue 15, the durable queue), not the adapter's.
func TestHTTPModeAnyReplicaAnswersAnyRequest(t *testing.T) {
	pub, priv := testKey()
	srv := discordtest.NewServer(t)
	var replicas [2]*Adapter
	cores := [2]*fakeCore{newFakeCore(answerWith(fullReply)), newFakeCore(answerWith(bot.Reply{Text: "Thanks!", Ephemeral: true}))}
	for i := range replicas {
		cfg := DefaultConfig()
		cfg.Mode, cfg.ApplicationID, cfg.PublicKey = ModeHTTP, discordtest.AppID, hex.EncodeToString(pub)
		a, err := New(cfg, quietLogger(), WithHTTPClient(srv.Client()))
		if err != nil {
			t.Fatal(err)
		}
		replicas[i] = a
		defer startAdapter(t, a, cores[i])()
		for deadline := time.Now().Add(5 * time.Second); a.Status() != nil; time.Sleep(time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatalf("replica %d not ready: %v", i, a.Status())
			}
		}
	}

	for i, a := range replicas {
		if w := serve(a, discordtest.SignedRequest(priv, time.Now(), fixture(t, "interaction_ping.json"))); w.Code != 200 {
			t.Errorf("replica %d: PING -> %d", i, w.Code)
		}
		bad := discordtest.SignedRequest(priv, time.Now(), fixture(t, "interaction_ping.json"))
		bad.Header.Set("X-Signature-Ed25519", strings.Repeat("ab", 64))
		if w := serve(a, bad); w.Code != 401 {
			t.Errorf("replica %d: bad signature -> %d, want 401", i, w.Code)
		}
	}

	// The request goes to replica 0, which answers by editing the original response.
	if w := serve(replicas[0], discordtest.SignedRequest(priv, time.Now(), fixture(t, "interaction_slash_guild.json"))); w.Code != 200 {
		t.Fatalf("slash -> %d %s", w.Code, w.Body)
	}
	cores[0].wait(t, 1)
	edit := srv.Wait(t, 1, 5*time.Second, func(r discordtest.Request) bool { return r.Is("PATCH", "/messages/@original") })[0]
	var msg struct {
		Components []struct {
			Components []struct {
				CustomID string `json:"custom_id"`
			} `json:"components"`
		} `json:"components"`
	}
	if err := edit.Decode(&msg); err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, row := range msg.Components {
		for _, c := range row.Components {
			ids = append(ids, c.CustomID)
		}
	}
	notHelpful := FeedbackCustomID(false, fullReply.Ref)
	if !slices.Contains(ids, notHelpful) {
		t.Fatalf("the answer's buttons %v lack %q", ids, notHelpful)
	}

	// The click on that answer lands on replica 1.
	var click map[string]any
	if err := json.Unmarshal(fixture(t, "interaction_button.json"), &click); err != nil {
		t.Fatal(err)
	}
	click["data"].(map[string]any)["custom_id"] = notHelpful
	body, _ := json.Marshal(click)
	w := serve(replicas[1], discordtest.SignedRequest(priv, time.Now(), body))
	var ack struct {
		Type int `json:"type"`
	}
	if err := json.Unmarshal(w.Body.Bytes(), &ack); err != nil || w.Code != 200 || ack.Type != 6 {
		t.Fatalf("click on replica 1 -> %d %s, want 200 type 6", w.Code, w.Body)
	}
	cores[1].wait(t, 1)
	got := cores[1].requests()
	if len(got) != 1 || got[0].Kind != bot.KindFeedback || got[0].ReplyRef != fullReply.Ref || got[0].Helpful {
		t.Fatalf("replica 1 got %+v, want the not-helpful vote on %s", got, fullReply.Ref)
	}
	if n := len(cores[0].requests()); n != 1 {
		t.Errorf("replica 0 handled %d requests, want 1", n)
	}
}
