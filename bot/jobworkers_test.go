package bot_test

import (
	"cmp"
	"context"
	"encoding/json"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stylistbot/stylist/bot"
)

// chanQueue is a bot.JobQueue in memory: Take waits for a job on jobs and
// counts the workers waiting; Claim and Done record the job's end.
type chanQueue struct {
	jobs chan bot.Job

	mu      sync.Mutex
	waiting int
	claimed map[string][]byte
	done    map[string]bool
	changed chan struct{}
}

func newChanQueue() *chanQueue {
	return &chanQueue{jobs: make(chan bot.Job), claimed: map[string][]byte{}, done: map[string]bool{}, changed: make(chan struct{})}
}

func (q *chanQueue) note(f func()) {
	q.mu.Lock()
	f()
	close(q.changed)
	q.changed = make(chan struct{})
	q.mu.Unlock()
}

// await waits until cond holds (checked under the lock after every change).
func (q *chanQueue) await(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.After(5 * time.Second)
	for {
		q.mu.Lock()
		ok, ch := cond(), q.changed
		q.mu.Unlock()
		if ok {
			return
		}
		select {
		case <-ch:
		case <-deadline:
			q.mu.Lock()
			defer q.mu.Unlock()
			t.Fatalf("waited for %s: %d workers waiting, %d claimed, %d done", what, q.waiting, len(q.claimed), len(q.done))
		}
	}
}

func (q *chanQueue) Enqueue(context.Context, string, bot.Platform, []byte, int) error { return nil }

func (q *chanQueue) Take(ctx context.Context, _ []bot.Platform) (bot.Job, context.Context, error) {
	q.note(func() { q.waiting++ })
	defer q.note(func() { q.waiting-- })
	select {
	case j := <-q.jobs:
		return j, context.Background(), nil
	case <-ctx.Done():
		return bot.Job{}, nil, ctx.Err()
	}
}

func (q *chanQueue) Claim(_ context.Context, id string, reply []byte) (bool, error) {
	won := false
	q.note(func() {
		if _, ok := q.claimed[id]; !ok {
			q.claimed[id], won = reply, true
		}
	})
	return won, nil
}

func (q *chanQueue) Done(_ context.Context, id string) error {
	q.note(func() { q.done[id] = true })
	return nil
}

func (q *chanQueue) Release(context.Context, string) error { return nil }

// redeliverer rebuilds a job's delivery on platform p (console when empty) as a call of fn.
type redeliverer struct {
	p  bot.Platform
	fn bot.ReplyFunc
}

func (r redeliverer) Name() bot.Platform { return cmp.Or(r.p, bot.PlatformConsole) }

func (r redeliverer) Redeliver(bot.Target) (bot.ReplyFunc, error) { return r.fn, nil }

// A hot reload of bot.workers resizes the durable-job workers as it does the
// local pool: more workers wait for jobs at once, fewer stop waiting, and a
// retired worker still finishes the job it holds.
func TestJobWorkersFollowReload(t *testing.T) {
	q := newChanQueue()
	cfg := testConfig()
	cfg.Workers, cfg.StreamInterval = 2, 0
	release := make(chan struct{})
	rec := &fakeRec{fn: func(ctx context.Context, a bot.Ask, _ bot.StreamFunc) (*bot.Answer, error) {
		<-release
		return answerFor(a), nil
	}}
	core := bot.New(cfg, rec, nil, nil, bot.WithShared(bot.Shared{Queue: q}))
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = core.Shutdown(ctx)
	})
	finals := make(chan bot.Reply, 4)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	core.RunJobs(ctx, redeliverer{fn: func(_ context.Context, r bot.Reply) error {
		if !r.Partial {
			finals <- r
		}
		return nil
	}})
	waiting := func(n int) func() bool { return func() bool { return q.waiting == n } }
	q.await(t, "2 workers", waiting(2))

	cfg.Workers = 5
	if err := core.SetConfig(cfg); err != nil {
		t.Fatal(err)
	}
	q.await(t, "5 workers after growing", waiting(5))

	// One worker holds a job while the pool shrinks to 1.
	payload, _ := json.Marshal(map[string]any{
		"request": bot.Request{ID: "j1", Kind: bot.KindDirect, Text: "black dress",
			Conversation: bot.Conversation{Platform: bot.PlatformConsole, Channel: "c"},
			ReplyTo:      &bot.Target{Platform: bot.PlatformConsole, Data: json.RawMessage(`{}`)}},
		"query": "black dress", "accepted": time.Now(), "deadline": time.Now().Add(time.Minute),
	})
	q.jobs <- bot.Job{ID: "j1", Payload: payload, Attempt: 1, Enqueued: time.Now()}
	q.await(t, "4 waiting beside the busy one", waiting(4))
	cfg.Workers = 1
	if err := core.SetConfig(cfg); err != nil {
		t.Fatal(err)
	}
	q.await(t, "at most 1 waiting after shrinking", func() bool { return q.waiting <= 1 })
	close(release)
	select {
	case r := <-finals:
		if r.Error != nil || len(r.Items) == 0 {
			t.Fatalf("the held job's reply: %+v", r)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the job held by a retired worker was not answered")
	}
	q.await(t, "the held job done", func() bool { return q.done["j1"] })
	q.await(t, "1 worker after shrinking", waiting(1))
	time.Sleep(50 * time.Millisecond) // a worker that was not retired would be back in Take by now
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.waiting != 1 {
		t.Fatalf("%d workers wait for jobs, want 1", q.waiting)
	}
}

// stubMod is a Moderator for which "admin …" is a command and channel "paused" is paused.
type stubMod struct{}

func (stubMod) IsCommand(req bot.Request) bool                { return strings.HasPrefix(req.Text, "admin ") }
func (stubMod) Handle(context.Context, bot.Request) bot.Reply { return bot.Reply{Text: "done"} }
func (stubMod) Paused(c bot.Conversation) bool                { return c.Channel == "paused" }

// Durable is the one decision adapters ask before posting a placeholder: only
// a replica taking jobs for the platform, and only for a request that searches.
func TestDurableDecision(t *testing.T) {
	cfg := testConfig()
	cfg.AllowedChannels, cfg.MaxQueryRunes = []string{"open", "paused"}, 40
	req := func(kind bot.Kind, platform bot.Platform, channel, text string) bot.Request {
		return bot.Request{Kind: kind, Text: text, User: "u", Conversation: bot.Conversation{Platform: platform, Channel: channel}}
	}
	single := bot.New(cfg, &fakeRec{}, nil, nil, bot.WithModerator(stubMod{}))
	replica := bot.New(cfg, &fakeRec{}, nil, nil, bot.WithModerator(stubMod{}), bot.WithShared(bot.Shared{Queue: newChanQueue()}))
	search := req(bot.KindMention, bot.PlatformConsole, "open", "black dress")
	if replica.Durable(search) {
		t.Fatal("durable before RunJobs")
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	replica.RunJobs(ctx, redeliverer{}, redeliverer{p: bot.PlatformSlack})
	for _, tc := range []struct {
		name string
		core *bot.Core
		req  bot.Request
		want bool
	}{
		{"search on a replica", replica, search, true},
		{"DM on a replica", replica, req(bot.KindDirect, bot.PlatformConsole, "dm", "linen shirt"), true},
		{"follow-up on a replica", replica, req(bot.KindFollowUp, bot.PlatformConsole, "open", "in blue"), true},
		{"allowed channel", replica, req(bot.KindMention, bot.PlatformSlack, "open", "black dress"), true},
		{"single box", single, search, false},
		{"platform without jobs", replica, req(bot.KindMention, bot.PlatformDiscord, "open", "black dress"), false},
		{"help", replica, req(bot.KindMention, bot.PlatformConsole, "open", "help"), false},
		{"greeting", replica, req(bot.KindMention, bot.PlatformConsole, "open", "hi there"), false},
		{"empty", replica, req(bot.KindMention, bot.PlatformConsole, "open", ""), false},
		{"too long", replica, req(bot.KindMention, bot.PlatformConsole, "open", strings.Repeat("dress ", 10)), false},
		{"moderator command", replica, req(bot.KindMention, bot.PlatformConsole, "open", "admin status"), false},
		{"channel not allowed", replica, req(bot.KindMention, bot.PlatformSlack, "closed", "black dress"), false},
		{"paused channel", replica, req(bot.KindMention, bot.PlatformConsole, "paused", "black dress"), false},
		{"feedback", replica, req(bot.KindFeedback, bot.PlatformConsole, "open", ""), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.core.Durable(tc.req); got != tc.want {
				t.Fatalf("Durable = %v, want %v", got, tc.want)
			}
		})
	}
}
