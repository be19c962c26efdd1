package glue_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/stylistbot/stylist/bot"
	"github.com/stylistbot/stylist/internal/glue"
	"github.com/stylistbot/stylist/internal/pgtest"
	"github.com/stylistbot/stylist/store/cluster"
	"github.com/stylistbot/stylist/store/storetest"
)

func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }

// outbox records the replies delivered to each request, whichever replica delivers them.
type outbox struct {
	mu     sync.Mutex
	finals map[string][]bot.Reply
}

func (o *outbox) Name() bot.Platform { return bot.PlatformSlack }

func (o *outbox) Redeliver(t bot.Target) (bot.ReplyFunc, error) {
	var id string
	if err := json.Unmarshal(t.Data, &id); err != nil {
		return nil, err
	}
	return func(_ context.Context, r bot.Reply) error {
		if !r.Partial {
			o.mu.Lock()
			o.finals[id] = append(o.finals[id], r)
			o.mu.Unlock()
		}
		return nil
	}, nil
}

func (o *outbox) count() (answered, duplicates int) {
	o.mu.Lock()
	defer o.mu.Unlock()
	for _, rs := range o.finals {
		answered++
		if len(rs) > 1 {
			duplicates++
		}
	}
	return answered, duplicates
}

type replica struct {
	core  *bot.Core
	q     *cluster.Queue
	stop  context.CancelFunc
	asked atomic.Int64
}

func startReplica(t *testing.T, db *pgxpool.Pool, name string, cfg bot.Config, rec bot.Recommender, turns bot.TurnStore, box *outbox) *replica {
	t.Helper()
	q := cluster.NewQueue(db, cluster.Options{Owner: name, Lease: 600 * time.Millisecond, Poll: 50 * time.Millisecond})
	ctx, cancel := context.WithCancel(context.Background())
	r := &replica{q: q, stop: cancel}
	go q.Run(ctx)
	counted := bot.RecommenderFunc(func(ctx context.Context, a bot.Ask, s bot.StreamFunc) (*bot.Answer, error) {
		r.asked.Add(1)
		return rec.Recommend(ctx, a, s)
	})
	r.core = bot.New(cfg, counted, turns, nil, bot.WithShared(bot.Shared{Queue: glue.Queue{Q: q}, Limits: cluster.NewBuckets(db)}))
	r.core.RunJobs(ctx, box)
	t.Cleanup(func() {
		sctx, c := context.WithTimeout(context.Background(), 5*time.Second)
		defer c()
		_ = r.core.Shutdown(sctx)
		cancel()
	})
	return r
}

func slashReq(id, user, channel, thread, text string) bot.Request {
	data, _ := json.Marshal(id)
	return bot.Request{ID: id, Kind: bot.KindSlash, User: user, Text: text,
		Conversation: bot.Conversation{Platform: bot.PlatformSlack, Workspace: "T1", Channel: channel, Thread: thread},
		ReplyTo:      &bot.Target{Platform: bot.PlatformSlack, Data: data}}
}

// Three cores share one queue; one takes jobs and dies (its leases stop being
// extended, its recommender hangs). Every request still gets exactly one final
// reply, replays are one job, and when the dead replica's recommender finally
// returns it delivers nothing.
func TestDurableJobsSurviveADeadReplica(t *testing.T) {
	db := storetest.Pool(t)
	cfg := bot.DefaultConfig()
	cfg.UserRate, cfg.ChannelRate, cfg.StreamInterval, cfg.Workers, cfg.QueueSize = 0, 0, 0, 2, 1000
	turns := bot.NewMemoryTurns(time.Hour, 100, 10) // the shared store's turns
	box := &outbox{finals: map[string][]bot.Reply{}}
	answer := bot.RecommenderFunc(func(ctx context.Context, a bot.Ask, _ bot.StreamFunc) (*bot.Answer, error) {
		select {
		case <-time.After(20 * time.Millisecond):
		case <-ctx.Done():
			return nil, ctx.Err()
		}
		return &bot.Answer{Intro: fmt.Sprintf("answer with %d turns of history", len(a.History)), Items: []bot.Item{{ArticleID: "0108775015", Name: "Strap top"}}}, nil
	})
	hang := make(chan struct{})
	dead := startReplica(t, db, "dead", cfg, bot.RecommenderFunc(func(ctx context.Context, a bot.Ask, s bot.StreamFunc) (*bot.Answer, error) {
		<-hang // a dead process neither answers nor notices cancellation
		return &bot.Answer{Intro: "too late"}, nil
	}), turns, box)
	a := startReplica(t, db, "a", cfg, answer, turns, box)
	b := startReplica(t, db, "b", cfg, answer, turns, box)
	replicas := []*replica{dead, a, b}

	// The dead replica takes its two jobs first, then "dies": its leases lapse.
	ctx := context.Background()
	for i := range 2 {
		dead.core.Handle(ctx, slashReq(fmt.Sprint("r", i), "U1", "C1", fmt.Sprint("t", i), "black dress"), nil)
	}
	deadline := time.Now().Add(5 * time.Second)
	for dead.asked.Load() < 2 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	dead.stop()
	const n = 40
	for i := 2; i < n; i++ {
		req := slashReq(fmt.Sprint("r", i), fmt.Sprint("U", i), "C1", fmt.Sprint("t", i), "linen shirt")
		replicas[1+i%2].core.Handle(ctx, req, nil)
		if i%5 == 0 { // a platform retry of the same request reaches another replica
			replicas[1+(i+1)%2].core.Handle(ctx, req, nil)
		}
	}
	deadline = time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		if got, _ := box.count(); got == n {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if got, dup := box.count(); got != n || dup != 0 {
		t.Fatalf("%d of %d requests answered, %d more than once", got, n, dup)
	}
	for _, id := range []string{"r0", "r1"} {
		if rep := box.finals[id][0]; rep.Error != nil || !strings.HasPrefix(rep.Intro, "answer") {
			t.Fatalf("the dead replica's job %s: %+v", id, rep)
		}
	}
	// A follow-up in thread t3, answered by another replica, sees the first turn.
	follow := slashReq("f3", "U3", "C1", "t3", "in blue")
	follow.Kind = bot.KindFollowUp
	dead.core.Handle(ctx, follow, nil) // a replica that no longer takes jobs still enqueues
	deadline = time.Now().Add(10 * time.Second)
	for len(box.finalsOf("f3")) == 0 && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if f := box.finalsOf("f3"); len(f) != 1 || f[0].Intro != "answer with 1 turns of history" {
		t.Fatalf("follow-up: %+v", f)
	}
	close(hang) // the dead replica's recommender returns: it must not deliver
	time.Sleep(300 * time.Millisecond)
	if got, dup := box.count(); got != n+1 || dup != 0 {
		t.Fatalf("after the dead replica woke: %d answered, %d duplicates", got, dup)
	}
	if a.asked.Load()+b.asked.Load() != n-2+2+1 {
		t.Errorf("live replicas recommended %d times, want %d (retries are one job)", a.asked.Load()+b.asked.Load(), n+1)
	}
}

func (o *outbox) finalsOf(id string) []bot.Reply {
	o.mu.Lock()
	defer o.mu.Unlock()
	return append([]bot.Reply(nil), o.finals[id]...)
}

// The per-user limit holds across replicas: a burst of 2 is 2 in total.
func TestSharedRateLimits(t *testing.T) {
	db := storetest.Pool(t)
	cfg := bot.DefaultConfig()
	cfg.UserRate, cfg.UserBurst, cfg.StreamInterval = 1, 2, 0
	box := &outbox{finals: map[string][]bot.Reply{}}
	ok := bot.RecommenderFunc(func(context.Context, bot.Ask, bot.StreamFunc) (*bot.Answer, error) {
		return &bot.Answer{Intro: "ok"}, nil
	})
	turns := bot.NewMemoryTurns(time.Hour, 100, 10)
	var rs []*replica
	for i := range 3 {
		rs = append(rs, startReplica(t, db, fmt.Sprint("r", i), cfg, ok, turns, box))
	}
	for i := range 6 {
		req := slashReq(fmt.Sprint("q", i), "U1", fmt.Sprint("C", i), "", "coat")
		local, _ := box.Redeliver(*req.ReplyTo) // refusals are answered by the receiving replica
		rs[i%3].core.Handle(context.Background(), req, local)
	}
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if got, _ := box.count(); got == 6 {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	limited := 0
	for i := range 6 {
		f := box.finalsOf(fmt.Sprint("q", i))
		if len(f) != 1 {
			t.Fatalf("q%d: %d final replies", i, len(f))
		}
		if f[0].Error != nil && f[0].Error.Code == bot.CodeRateLimited {
			limited++
		}
	}
	if limited != 4 {
		t.Fatalf("%d of 6 requests rate limited across replicas, want 4", limited)
	}
}
