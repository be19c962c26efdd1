package glue_test

import (
	"context"
	"fmt"
	"log/slog"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	discordadapter "github.com/stylistbot/stylist/adapters/discord"
	"github.com/stylistbot/stylist/adapters/discord/discordtest"
	slackadapter "github.com/stylistbot/stylist/adapters/slack"
	"github.com/stylistbot/stylist/adapters/slack/slackfake"
	"github.com/stylistbot/stylist/bot"
	"github.com/stylistbot/stylist/store/cluster"
	"github.com/stylistbot/stylist/store/storetest"
)

// dyingCore is the core of a replica that dies while it stores a request as
// a job: it makes search requests durable (the adapter posts the placeholder
// first, as in replica mode), then Handle signals reached and never returns.
// ownPool opens a second pool on db's database: a replica's own connections,
// which the test can close as if the replica died.
func ownPool(t *testing.T, db *pgxpool.Pool) *pgxpool.Pool {
	t.Helper()
	p, err := pgxpool.New(context.Background(), db.Config().ConnString())
	if err != nil {
		t.Fatal(err)
	}
	return p
}

type dyingCore struct {
	reached chan struct{}
	hang    chan struct{}
}

// Durable implements the adapters' job handler: every request is a search.
func (dyingCore) Durable(bot.Request) bool { return true }

// Handle signals that the request reached the core and hangs (a dead process).
func (c dyingCore) Handle(context.Context, bot.Request, bot.ReplyFunc) {
	close(c.reached)
	<-c.hang
}

// A replica takes the de-duplication key of a Slack mention, posts its
// placeholder and dies before the mention is a job (its database connections
// gone, as after kill -9). Slack's retry of the same event on another replica
// must be answered exactly once (that replica's placeholder edited once), and
// a later replay must not be: as for slash commands, the key of an event that
// becomes a job is a fact only together with its job.
func TestMentionRetryAfterAReplicaDiedBeforeItsJob(t *testing.T) {
	db := storetest.Pool(t)
	fake := slackfake.New(t)

	deadDB := ownPool(t, db)
	dying := dyingCore{reached: make(chan struct{}), hang: make(chan struct{})}
	t.Cleanup(func() { close(dying.hang) })
	dead := slackReplica(t, deadDB, fake, dying)
	mention := slackEvent(t, "app_mention.json", "")
	send := func(ad *slackadapter.Adapter, retry int) int {
		r := slackfake.SignedRequest(claimSecret, "/slack/events", slackfake.JSONContentType, mention)
		if retry > 0 {
			r.Header.Set("X-Slack-Retry-Num", fmt.Sprint(retry))
			r.Header.Set("X-Slack-Retry-Reason", "http_timeout")
		}
		w := httptest.NewRecorder()
		ad.HTTPHandler().ServeHTTP(w, r)
		return w.Code
	}
	go send(dead, 0) // its acknowledgement never reaches Slack
	select {
	case <-dying.reached:
	case <-time.After(10 * time.Second):
		t.Fatal("the first replica never handled the mention")
	}
	deadDB.Close()
	deadPlaceholder := fake.WaitCalls(t, "chat.postMessage", 1)[0]

	// Replica b: a real core on the shared queue.
	var live *slackadapter.Adapter
	b := startChatReplica(t, db, "b", historyAnswer, bot.NewMemoryTurns(time.Hour, 100, 10), func(core *bot.Core) bot.Redeliverer {
		live = slackReplica(t, db, fake, core)
		return live
	})

	// Slack retries the event on replica b, and later replays it once more.
	if code := send(live, 1); code != 200 {
		t.Fatalf("retry on the live replica -> %d", code)
	}
	posts := fake.WaitCalls(t, "chat.postMessage", 2)
	placeholder := posts[1]
	if !strings.Contains(placeholder.Text(), "Looking for") {
		t.Fatalf("second message %q, want the live replica's placeholder", placeholder.Text())
	}
	updatesOf := func(ts string) (n int, last string) {
		for _, u := range fake.Calls("chat.update") {
			if u.Values.Get("ts") == ts {
				n, last = n+1, u.Text()
			}
		}
		return n, last
	}
	waitFor(t, "the retry answered (it was taken for a replay)", func() bool { n, _ := updatesOf(placeholder.TS); return n > 0 })
	if _, text := updatesOf(placeholder.TS); !strings.Contains(text, "answer with 0 turns") {
		t.Fatalf("answer %q", text)
	}
	if code := send(live, 2); code != 200 {
		t.Fatalf("replay -> %d", code)
	}
	time.Sleep(300 * time.Millisecond)
	if n, _ := updatesOf(placeholder.TS); n != 1 {
		t.Errorf("the live replica's placeholder edited %d times, want one final answer", n)
	}
	if n, _ := updatesOf(deadPlaceholder.TS); n != 0 {
		t.Errorf("the dead replica's placeholder edited %d times, want none", n)
	}
	if n := len(fake.Calls("chat.postMessage")); n != 2 {
		t.Errorf("%d messages posted, want 2 (each replica's placeholder)", n)
	}
	if n := b.asked.Load(); n != 1 {
		t.Errorf("the live replica recommended %d times, want 1 (the replay is no job)", n)
	}
}

// gatewayReplica is a real Discord adapter on gateway shard `shard` of 2 in
// replica mode (its de-duplication keys in PostgreSQL through db), started on h.
func gatewayReplica(t *testing.T, db *pgxpool.Pool, srv *discordtest.Server, shard int, h bot.Handler) *discordadapter.Adapter {
	t.Helper()
	cfg := discordadapter.DefaultConfig()
	cfg.Token, cfg.ShardIDs, cfg.ShardCount = "claim", []int{shard}, 2
	ad, err := discordadapter.New(cfg, slog.New(slog.DiscardHandler), discordadapter.WithHTTPClient(srv.Client()),
		discordadapter.WithDeduper(cluster.NewKeys(db, "discord:", time.Minute, nil)))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	go func() { _ = ad.Start(ctx, h) }()
	waitFor(t, fmt.Sprintf("shard %d connected", shard), func() bool { return ad.Status() == nil })
	return ad
}

// The same for a Discord gateway mention: the replica on shard 0 takes the
// message's key, starts its thread, posts its placeholder and dies before the
// job; the message delivered again on shard 1 is answered exactly once, in the
// thread already started, and a later replay is no job.
func TestGatewayMentionAfterAReplicaDiedBeforeItsJob(t *testing.T) {
	db := storetest.Pool(t)
	srv := discordtest.NewServer(t)

	deadDB := ownPool(t, db)
	dying := dyingCore{reached: make(chan struct{}), hang: make(chan struct{})}
	t.Cleanup(func() { close(dying.hang) })
	gatewayReplica(t, deadDB, srv, 0, dying)
	const thread = "1700000000000000042" // a thread started from a message has its id
	mention := discordtest.Mention(thread, "linen shirt for a summer wedding")
	srv.DispatchShard(t, 0, "MESSAGE_CREATE", mention)
	select {
	case <-dying.reached:
	case <-time.After(10 * time.Second):
		t.Fatal("the first replica never handled the mention")
	}
	deadDB.Close()

	live := startChatReplica(t, db, "live", historyAnswer, bot.NewMemoryTurns(time.Hour, 100, 10), func(core *bot.Core) bot.Redeliverer {
		return gatewayReplica(t, db, srv, 1, core)
	})
	edits := func() (n int, last string) { // edits of the messages in the thread
		prefix := "/api/v9/channels/" + thread + "/messages/"
		for _, r := range srv.Requests() {
			if r.Method == "PATCH" && strings.HasPrefix(r.Path, prefix) {
				n, last = n+1, string(r.Body)
			}
		}
		return n, last
	}
	posted := func() (inThread, elsewhere int) {
		for _, r := range srv.Requests() {
			if r.Method == "POST" && strings.HasSuffix(r.Path, "/messages") {
				if r.Path == "/api/v9/channels/"+thread+"/messages" {
					inThread++
				} else {
					elsewhere++
				}
			}
		}
		return inThread, elsewhere
	}
	srv.DispatchShard(t, 1, "MESSAGE_CREATE", mention) // delivered again, on another replica
	waitFor(t, "the message answered (it was taken for a replay)", func() bool { n, _ := edits(); return n > 0 })
	if _, body := edits(); !strings.Contains(body, "answer with 0 turns") {
		t.Fatalf("answer %s", body)
	}
	srv.DispatchShard(t, 1, "MESSAGE_CREATE", mention) // a later replay
	time.Sleep(300 * time.Millisecond)
	if n, _ := edits(); n != 1 {
		t.Errorf("%d edits in the thread, want one final answer", n)
	}
	if in, out := posted(); in != 2 || out != 0 {
		t.Errorf("%d messages posted in the thread and %d elsewhere, want each replica's placeholder in the thread", in, out)
	}
	if n := live.asked.Load(); n != 1 {
		t.Errorf("the live replica recommended %d times, want 1 (the replay is no job)", n)
	}
}
