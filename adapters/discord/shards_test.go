package discordadapter

import (
	"context"
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stylistbot/stylist/adapters/discord/discordtest"
	"github.com/stylistbot/stylist/bot"
)

// identifiedShards decodes the shard of every identify frame.
func identifiedShards(t *testing.T, frames []discordtest.Frame) [][2]int {
	t.Helper()
	var out [][2]int
	for _, f := range frames {
		if f.Op != 2 {
			continue
		}
		var id struct {
			Shard [2]int `json:"shard"`
		}
		if err := json.Unmarshal(f.Data, &id); err != nil {
			t.Fatal(err)
		}
		out = append(out, id.Shard)
	}
	slices.SortFunc(out, func(a, b [2]int) int { return a[0] - b[0] })
	return out
}

// startAdapter runs Start in the background and returns a function that stops it
// and checks that Start returned.
func startAdapter(t *testing.T, a *Adapter, core bot.Handler) (stop func()) {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- a.Start(t.Context(), core) }()
	return func() {
		t.Helper()
		ctx, cancel := context.WithTimeout(t.Context(), 5*time.Second)
		defer cancel()
		if err := a.Stop(ctx); err != nil {
			t.Errorf("Stop: %v", err)
		}
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("Start returned %v", err)
			}
		case <-time.After(5 * time.Second):
			t.Error("Start did not return after Stop")
		}
	}
}

func waitReady(t *testing.T, a *Adapter) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for a.Status() != nil || a.botUserID() == "" {
		if time.Now().After(deadline) {
			t.Fatalf("not ready: %v", a.Status())
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func commandLists(reqs []discordtest.Request) int {
	n := 0
	for _, r := range reqs {
		if r.Method == "GET" && strings.HasSuffix(r.Path, "/commands") {
			n++
		}
	}
	return n
}

// TestShardsInOneProcess: with shard_count 2 and no shard_ids, one process opens
// one session per shard, each identifying with its own shard, and serves the
// events of both (a guild's events only arrive on its shard).
func TestShardsInOneProcess(t *testing.T) {
	if testing.Short() {
		t.Skip("Stop waits for discordgo's 1 s close handshake")
	}
	srv := discordtest.NewServer(t)
	cfg := DefaultConfig()
	cfg.Token, cfg.ShardCount, cfg.IdentifyInterval = "secret", 2, 20*time.Millisecond
	a, err := New(cfg, quietLogger(), WithHTTPClient(srv.Client()))
	if err != nil {
		t.Fatal(err)
	}
	core := newFakeCore(answerWith(fullReply))
	stop := startAdapter(t, a, core)

	if got := identifiedShards(t, srv.Hellos(t, 2, 10*time.Second)); !slices.Equal(got, [][2]int{{0, 2}, {1, 2}}) {
		t.Fatalf("identified shards %v, want [0 2] and [1 2]", got)
	}
	waitReady(t, a)

	srv.DispatchShard(t, 1, "INTERACTION_CREATE", fixture(t, "interaction_slash_guild.json"))
	core.wait(t, 1)
	srv.Wait(t, 1, 5*time.Second, func(r discordtest.Request) bool { return r.Is("PATCH", "/messages/@original") })
	srv.DispatchShard(t, 0, "MESSAGE_CREATE", fixture(t, "message_mention.json"))
	core.wait(t, 1)
	srv.Wait(t, 1, 5*time.Second, func(r discordtest.Request) bool { return r.Is("POST", "/threads") })
	if reqs := core.requests(); len(reqs) != 2 || reqs[0].Kind == bot.KindMention || reqs[1].Kind != bot.KindMention {
		t.Errorf("requests = %+v", reqs)
	}
	stop()
	if n := commandLists(srv.Requests()); n != 1 {
		t.Errorf("commands listed %d times, want once (by the process running shard 0)", n)
	}
	assertNoMentions(t, srv.Requests())
}

// TestShardsAcrossReplicas: two adapters (two replicas) split shard_count 2 with
// shard_ids [0] and [1]; each identifies with its own shard, serves only the events
// of its shard, and only the one running shard 0 registers the commands.
func TestShardsAcrossReplicas(t *testing.T) {
	if testing.Short() {
		t.Skip("Stop waits for discordgo's 1 s close handshake")
	}
	srv := discordtest.NewServer(t)
	var adapters [2]*Adapter
	var cores [2]*fakeCore
	for i := range adapters {
		cfg := DefaultConfig()
		cfg.Token, cfg.ShardCount, cfg.ShardIDs = "secret", 2, []int{i}
		a, err := New(cfg, quietLogger(), WithHTTPClient(srv.Client()))
		if err != nil {
			t.Fatal(err)
		}
		adapters[i], cores[i] = a, newFakeCore(answerWith(fullReply))
		defer startAdapter(t, a, cores[i])()
	}
	if got := identifiedShards(t, srv.Hellos(t, 2, 10*time.Second)); !slices.Equal(got, [][2]int{{0, 2}, {1, 2}}) {
		t.Fatalf("identified shards %v, want [0 2] and [1 2]", got)
	}
	for _, a := range adapters {
		waitReady(t, a)
	}
	srv.DispatchShard(t, 1, "INTERACTION_CREATE", fixture(t, "interaction_slash_guild.json"))
	cores[1].wait(t, 1)
	srv.DispatchShard(t, 0, "MESSAGE_CREATE", fixture(t, "message_mention.json"))
	cores[0].wait(t, 1)
	if r0, r1 := cores[0].requests(), cores[1].requests(); len(r0) != 1 || r0[0].Kind != bot.KindMention || len(r1) != 1 || r1[0].Kind == bot.KindMention {
		t.Errorf("replica 0 got %+v, replica 1 got %+v", r0, r1)
	}
	srv.Wait(t, 1, 5*time.Second, func(r discordtest.Request) bool { return r.Is("PATCH", "/messages/@original") })
	if n := commandLists(srv.Requests()); n != 1 {
		t.Errorf("commands listed %d times, want once (only the replica running shard 0)", n)
	}
}

// TestShardStatusNamesTheShard: while one shard cannot open the gateway, Status
// names that shard; the adapter reports ready once every shard is connected.
func TestShardStatusNamesTheShard(t *testing.T) {
	srv := discordtest.NewServer(t)
	srv.Override("GET", "/api/v9/gateway", 2, func(w http.ResponseWriter, _ discordtest.Request) {
		discordtest.WriteError(w, 500, 0, "Internal Server Error")
	})
	cfg := DefaultConfig()
	cfg.Token, cfg.RegisterCommands, cfg.ShardCount, cfg.ShardIDs = "secret", false, 3, []int{2}
	a, err := New(cfg, quietLogger(), WithHTTPClient(srv.Client()))
	if err != nil {
		t.Fatal(err)
	}
	a.openWait = 50 * time.Millisecond
	if err := a.Status(); err == nil || err.Error() != "starting" {
		t.Errorf("before Start: %v", err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() { done <- a.Start(ctx, newFakeCore(answerWith(fullReply))) }()
	saw := ""
	for deadline := time.Now().Add(10 * time.Second); a.Status() != nil; time.Sleep(2 * time.Millisecond) {
		if err := a.Status(); err != nil && strings.Contains(err.Error(), "open gateway") {
			saw = err.Error()
		}
		if time.Now().After(deadline) {
			t.Fatalf("never connected: %v", a.Status())
		}
	}
	if !strings.HasPrefix(saw, "shard 2: open gateway: ") {
		t.Errorf("status while the gateway was down = %q, want it to name shard 2", saw)
	}
	if got := identifiedShards(t, srv.Hellos(t, 1, 10*time.Second)); !slices.Equal(got, [][2]int{{2, 3}}) {
		t.Errorf("identified %v", got)
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("Start returned %v", err)
	}
}
