package glue_test

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http/httptest"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	discordadapter "github.com/stylistbot/stylist/adapters/discord"
	"github.com/stylistbot/stylist/adapters/discord/discordtest"
	slackadapter "github.com/stylistbot/stylist/adapters/slack"
	"github.com/stylistbot/stylist/adapters/slack/slackfake"
	"github.com/stylistbot/stylist/bot"
	"github.com/stylistbot/stylist/internal/glue"
	"github.com/stylistbot/stylist/store/cluster"
	"github.com/stylistbot/stylist/store/storetest"
)

const chatSecret = "durable-chat-secret"

// chatReplica is one replica of a deployment: a core on the shared queue with
// a real chat adapter in front of it.
type chatReplica struct {
	core  *bot.Core
	stop  context.CancelFunc // the replica "dies": its leases lapse, it takes no more jobs
	asked atomic.Int64
}

// historyAnswer answers with how many turns of the thread it was given.
var historyAnswer = bot.RecommenderFunc(func(ctx context.Context, a bot.Ask, _ bot.StreamFunc) (*bot.Answer, error) {
	select {
	case <-time.After(20 * time.Millisecond):
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	return &bot.Answer{Intro: fmt.Sprintf("answer with %d turns of history", len(a.History)),
		Items: []bot.Item{{ArticleID: "0108775015", Name: "Strap top"}}}, nil
})

// startChatReplica starts a core named name on db's queue with the adapter
// made by adapter (started on the core), taking jobs for it.
func startChatReplica(t *testing.T, db *pgxpool.Pool, name string, rec bot.Recommender, turns bot.TurnStore,
	adapter func(core *bot.Core) bot.Redeliverer) *chatReplica {
	t.Helper()
	cfg := bot.DefaultConfig()
	cfg.UserRate, cfg.ChannelRate, cfg.StreamInterval, cfg.Workers = 0, 0, 0, 2
	q := cluster.NewQueue(db, cluster.Options{Owner: name, Lease: 600 * time.Millisecond, Poll: 50 * time.Millisecond})
	ctx, cancel := context.WithCancel(context.Background())
	r := &chatReplica{stop: cancel}
	go q.Run(ctx)
	counted := bot.RecommenderFunc(func(ctx context.Context, a bot.Ask, s bot.StreamFunc) (*bot.Answer, error) {
		r.asked.Add(1)
		return rec.Recommend(ctx, a, s)
	})
	r.core = bot.New(cfg, counted, turns, nil, bot.WithShared(bot.Shared{Queue: glue.Queue{Q: q}, Limits: cluster.NewBuckets(db)}))
	r.core.RunJobs(ctx, adapter(r.core))
	t.Cleanup(func() {
		sctx, c := context.WithTimeout(context.Background(), 5*time.Second)
		defer c()
		_ = r.core.Shutdown(sctx)
		cancel()
	})
	return r
}

// waitFor polls cond for up to 20 s.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(20 * time.Second); !cond(); time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("waited for %s", what)
		}
	}
}

// slackEvent reads an Events API fixture of the Slack adapter, with thread_ts
// set on its event when thread is not empty.
func slackEvent(t *testing.T, name, thread string) []byte {
	b, err := os.ReadFile("../../adapters/slack/testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	if thread == "" {
		return b
	}
	var ev map[string]any
	_ = json.Unmarshal(b, &ev)
	ev["event"].(map[string]any)["thread_ts"] = thread
	b, _ = json.Marshal(ev)
	return b
}

// Slack mentions, DMs and thread replies are durable jobs on replicas: the
// replica that received a mention dies while answering it, another edits its
// placeholder (one final answer), Slack's retry of the event on a third replica
// is no second job, and a thread reply on another replica sees the history.
func TestDurableSlackMentionsSurviveADeadReplica(t *testing.T) {
	db := storetest.Pool(t)
	fake := slackfake.New(t)
	turns := bot.NewMemoryTurns(time.Hour, 100, 10) // the shared store's turns
	hang := make(chan struct{})
	handlers := map[string]*slackadapter.Adapter{}
	start := func(name string, rec bot.Recommender) *chatReplica {
		return startChatReplica(t, db, name, rec, turns, func(core *bot.Core) bot.Redeliverer {
			cfg := slackadapter.DefaultConfig()
			cfg.Mode, cfg.BotToken, cfg.SigningSecret, cfg.APIURL = slackadapter.ModeHTTP, "xoxb-durable", chatSecret, fake.APIURL()
			ad, err := slackadapter.New(cfg, nil, slackadapter.WithSharedMemory(
				cluster.NewKeys(db, "slack:", time.Minute, nil), cluster.NewKeys(db, "slack-thread:", time.Hour, nil)))
			if err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithCancel(context.Background())
			t.Cleanup(cancel)
			go func() { _ = ad.Start(ctx, core) }()
			<-ad.Ready()
			handlers[name] = ad
			return ad
		})
	}
	dead := start("dead", bot.RecommenderFunc(func(context.Context, bot.Ask, bot.StreamFunc) (*bot.Answer, error) {
		<-hang // a dead process neither answers nor notices cancellation
		return &bot.Answer{Intro: "too late"}, nil
	}))
	var a, b *chatReplica
	send := func(replica string, body []byte, retry int) {
		t.Helper()
		r := slackfake.SignedRequest(chatSecret, "/slack/events", slackfake.JSONContentType, body)
		if retry > 0 {
			r.Header.Set("X-Slack-Retry-Num", fmt.Sprint(retry))
			r.Header.Set("X-Slack-Retry-Reason", "http_timeout")
		}
		w := httptest.NewRecorder()
		handlers[replica].HTTPHandler().ServeHTTP(w, r)
		if w.Code != 200 {
			t.Fatalf("%s acknowledged the event with %d", replica, w.Code)
		}
	}
	updatesOf := func(ts string) (n int, last string) {
		for _, u := range fake.Calls("chat.update") {
			if u.Values.Get("ts") == ts {
				n, last = n+1, u.Text()
			}
		}
		return n, last
	}

	// The mention reaches the replica that dies holding it (the only one running yet).
	mention := slackEvent(t, "app_mention.json", "")
	send("dead", mention, 0)
	var jobs int // acknowledged means stored: the ack waited for the job
	if err := db.QueryRow(context.Background(), `SELECT count(*) FROM work_jobs`).Scan(&jobs); err != nil || jobs != 1 {
		t.Fatalf("%d jobs stored when the mention was acknowledged (%v)", jobs, err)
	}
	waitFor(t, "the dead replica to start answering", func() bool { return dead.asked.Load() == 1 })
	dead.stop()
	// The live replicas start only now: they could have taken the job first.
	a, b = start("a", historyAnswer), start("b", historyAnswer)
	// Slack's retries of the same event_id reach other replicas.
	send("a", mention, 1)
	send("b", mention, 2)
	placeholder := fake.WaitCalls(t, "chat.postMessage", 1)[0]
	if placeholder.Values.Get("thread_ts") != "1718000000.000100" || !strings.Contains(placeholder.Text(), "Looking for") {
		t.Fatalf("placeholder %v", placeholder.Values)
	}
	waitFor(t, "another replica to edit the placeholder", func() bool { n, _ := updatesOf(placeholder.TS); return n > 0 })
	if _, text := updatesOf(placeholder.TS); !strings.Contains(text, "answer with 0 turns") {
		t.Fatalf("answer %q", text)
	}

	// A DM on one replica; a thread reply in the mention's thread on another,
	// which knows the thread only from the shared keys and sees its history.
	send("b", slackEvent(t, "message_im.json", ""), 0)
	send("a", slackEvent(t, "thread_reply.json", "1718000000.000100"), 0)
	posts := fake.WaitCalls(t, "chat.postMessage", 3)
	byChannel := map[string]slackfake.Call{}
	for _, p := range posts[1:] {
		byChannel[p.Values.Get("channel")] = p
	}
	dm, follow := byChannel["D0DIRECT01"], byChannel["C0FASHION1"]
	if dm.TS == "" || follow.Values.Get("thread_ts") != "1718000000.000100" {
		t.Fatalf("placeholders %v", byChannel)
	}
	waitFor(t, "the DM and the thread reply answered", func() bool {
		n1, _ := updatesOf(dm.TS)
		n2, _ := updatesOf(follow.TS)
		return n1 > 0 && n2 > 0
	})
	if _, text := updatesOf(follow.TS); !strings.Contains(text, "answer with 1 turns") {
		t.Fatalf("thread reply answered %q, want the mention's turn in its history", text)
	}

	close(hang) // the dead replica's recommender returns: it must deliver nothing
	time.Sleep(300 * time.Millisecond)
	for _, ts := range []string{placeholder.TS, dm.TS, follow.TS} {
		if n, _ := updatesOf(ts); n != 1 {
			t.Errorf("placeholder %s edited %d times, want one final answer", ts, n)
		}
	}
	if n := len(fake.Calls("chat.postMessage")); n != 3 {
		t.Errorf("%d messages posted, want the 3 placeholders only", n)
	}
	if got := a.asked.Load() + b.asked.Load(); got != 3 {
		t.Errorf("live replicas recommended %d times, want 3 (the retries are no job)", got)
	}
}

// Discord gateway mentions, DMs and thread replies are durable jobs too: the
// replica on shard 0 dies while answering a mention, the replica on shard 1
// edits its placeholder once, a replay of the same message on shard 1 is no
// second job, and a reply in the thread replica 0 started is answered by
// replica 1 with the history.
func TestDurableDiscordMessagesSurviveADeadReplica(t *testing.T) {
	db := storetest.Pool(t)
	srv := discordtest.NewServer(t)
	turns := bot.NewMemoryTurns(time.Hour, 100, 10)
	hang := make(chan struct{})
	start := func(name string, shard int, rec bot.Recommender) *chatReplica {
		return startChatReplica(t, db, name, rec, turns, func(core *bot.Core) bot.Redeliverer {
			cfg := discordadapter.DefaultConfig()
			cfg.Token, cfg.ShardIDs, cfg.ShardCount = "durable", []int{shard}, 2
			ad, err := discordadapter.New(cfg, slog.New(slog.DiscardHandler), discordadapter.WithHTTPClient(srv.Client()),
				discordadapter.WithDeduper(cluster.NewKeys(db, "discord:", time.Minute, nil)))
			if err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithCancel(context.Background())
			t.Cleanup(cancel)
			go func() { _ = ad.Start(ctx, core) }()
			waitFor(t, name+" connected", func() bool { return ad.Status() == nil })
			return ad
		})
	}
	// edits maps the messages edited in channel to the bodies of their edits.
	edits := func(channel string) map[string][]string {
		out := map[string][]string{}
		prefix := "/api/v9/channels/" + channel + "/messages/"
		for _, r := range srv.Requests() {
			if r.Method == "PATCH" && strings.HasPrefix(r.Path, prefix) {
				msg := strings.TrimPrefix(r.Path, prefix)
				out[msg] = append(out[msg], string(r.Body))
			}
		}
		return out
	}
	placeholders := func() int {
		n := 0
		for _, r := range srv.Requests() {
			if r.Method == "POST" && strings.HasSuffix(r.Path, "/messages") && strings.Contains(string(r.Body), "Looking for") {
				n++
			}
		}
		return n
	}

	dead := start("dead", 0, bot.RecommenderFunc(func(context.Context, bot.Ask, bot.StreamFunc) (*bot.Answer, error) {
		<-hang
		return &bot.Answer{Intro: "too late"}, nil
	}))
	const thread = "1700000000000000001" // the fake starts a thread with the id of the message
	mention := discordtest.Mention(thread, "linen shirt for a summer wedding")
	srv.DispatchShard(t, 0, "MESSAGE_CREATE", mention)
	waitFor(t, "the dead replica to start answering", func() bool { return dead.asked.Load() == 1 })
	dead.stop()
	// The live replica starts only now: it could have taken the job first.
	live := start("live", 1, historyAnswer)
	srv.DispatchShard(t, 1, "MESSAGE_CREATE", mention) // the gateway replays the message on another replica
	waitFor(t, "the live replica to edit the placeholder", func() bool { return len(edits(thread)) == 1 })
	var first string
	for msg, bodies := range edits(thread) {
		first = msg
		if !strings.Contains(bodies[0], "answer with 0 turns") {
			t.Fatalf("answer %s", bodies[0])
		}
	}

	// A DM, and a reply in the thread the dead replica started.
	srv.DispatchShard(t, 1, "MESSAGE_CREATE", discordtest.DirectMessage("1700000000000000002", "black dress"))
	srv.DispatchShard(t, 1, "MESSAGE_CREATE", discordtest.ThreadMessage("1700000000000000003", thread, "the same in navy", true))
	waitFor(t, "the DM and the thread reply answered", func() bool { return len(edits(discordtest.DMID)) == 1 && len(edits(thread)) == 2 })
	for msg, bodies := range edits(thread) {
		if msg != first && !strings.Contains(bodies[0], "answer with 1 turns") {
			t.Fatalf("thread reply answered %s, want the mention's turn in its history", bodies[0])
		}
	}

	close(hang) // the dead replica's recommender returns: it must deliver nothing
	time.Sleep(300 * time.Millisecond)
	for _, ch := range []string{thread, discordtest.DMID} {
		for msg, bodies := range edits(ch) {
			if len(bodies) != 1 {
				t.Errorf("placeholder %s in %s edited %d times, want one final answer", msg, ch, len(bodies))
			}
		}
	}
	if n := placeholders(); n != 3 {
		t.Errorf("%d placeholders posted, want 3", n)
	}
	if n := live.asked.Load(); n != 3 {
		t.Errorf("the live replica recommended %d times, want 3 (the replay is no job)", n)
	}
}
