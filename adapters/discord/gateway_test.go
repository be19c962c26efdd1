package discordadapter

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stylistbot/stylist/adapters/discord/discordtest"
	"github.com/stylistbot/stylist/bot"
)

// TestGatewayEndToEnd runs Start against the fake gateway: identify with intents and
// shard, command registration, a slash command and a mention dispatched over the
// websocket, a dropped connection that discordgo resumes, and Stop.
func TestGatewayEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("reconnect waits for discordgo's 1 s close handshake")
	}
	srv := discordtest.NewServer(t)
	cfg := DefaultConfig()
	cfg.Token, cfg.ShardIDs, cfg.ShardCount = "secret", []int{1}, 2
	a, err := New(cfg, quietLogger(), WithHTTPClient(srv.Client()))
	if err != nil {
		t.Fatal(err)
	}
	core := newFakeCore(answerWith(fullReply))
	stop := startAdapter(t, a, core)

	hello := srv.Hellos(t, 1, 10*time.Second)[0]
	var id struct {
		Token   string `json:"token"`
		Intents int    `json:"intents"`
		Shard   [2]int `json:"shard"`
	}
	if err := json.Unmarshal(hello.Data, &id); err != nil || hello.Op != 2 {
		t.Fatalf("first frame op %d: %v", hello.Op, err)
	}
	if id.Token != "Bot secret" || id.Intents != 1|1<<9|1<<12 || id.Shard != [2]int{1, 2} {
		t.Errorf("identify = %+v", id)
	}
	// READY gives the bot id; commands are left to shard 0 (TestWithFakeDiscord covers them).
	deadline := time.Now().Add(10 * time.Second)
	for a.botUserID() != discordtest.BotID && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if got := a.botUserID(); got != discordtest.BotID {
		t.Fatalf("bot id = %q", got)
	}

	srv.Dispatch(t, "INTERACTION_CREATE", fixture(t, "interaction_slash_guild.json"))
	core.wait(t, 1)
	srv.Wait(t, 1, 5*time.Second, func(r discordtest.Request) bool { return r.Is("PATCH", "/messages/@original") })

	srv.Dispatch(t, "MESSAGE_CREATE", fixture(t, "message_mention.json"))
	core.wait(t, 1)
	srv.Wait(t, 1, 5*time.Second, func(r discordtest.Request) bool { return r.Is("POST", "/threads") })
	if reqs := core.requests(); len(reqs) != 2 || reqs[1].Kind != bot.KindMention {
		t.Errorf("requests = %+v", reqs)
	}

	srv.DropConnection()
	if f := srv.Hellos(t, 2, 15*time.Second)[1]; f.Op != 6 {
		t.Errorf("after a dropped connection got op %d, want 6 (resume)", f.Op)
	}

	stop()
	assertNoMentions(t, srv.Requests())
	for _, r := range srv.Requests() {
		if strings.Contains(r.Path, "/commands") {
			t.Errorf("shard 1 touched commands: %s %s", r.Method, r.Path)
		}
	}
}

// TestGatewayOpenRetried: when the gateway cannot be opened (Discord down), Start
// keeps retrying with backoff instead of failing (which would end `stylist serve`
// and the other platforms with it); Status says why until it connects.
func TestGatewayOpenRetried(t *testing.T) {
	srv := discordtest.NewServer(t)
	srv.Override("GET", "/api/v9/gateway", 3, func(w http.ResponseWriter, _ discordtest.Request) {
		discordtest.WriteError(w, 500, 0, "Internal Server Error")
	})
	cfg := DefaultConfig()
	cfg.Token, cfg.RegisterCommands = "secret", false
	a, err := New(cfg, quietLogger(), WithHTTPClient(srv.Client()))
	if err != nil {
		t.Fatal(err)
	}
	a.openWait = 50 * time.Millisecond
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() { done <- a.Start(ctx, newFakeCore(answerWith(fullReply))) }()
	sawFailure := false
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(5 * time.Millisecond) {
		err := a.Status()
		sawFailure = sawFailure || (err != nil && strings.Contains(err.Error(), "open gateway"))
		if err == nil {
			break
		}
		select {
		case err := <-done:
			t.Fatalf("Start returned %v while the gateway was down", err)
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("never connected: %v", err)
		}
	}
	if !sawFailure {
		t.Error("Status never reported the failed opens")
	}
	srv.Hellos(t, 1, 10*time.Second)
	cancel()
	if err := <-done; err != nil {
		t.Errorf("Start returned %v", err)
	}
}
