package bot_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stylistbot/stylist/bot"
)

func TestRateLimitUser(t *testing.T) {
	cfg := testConfig()
	cfg.UserRate, cfg.UserBurst = 1, 2 // one per minute after a burst of two
	obs := newTestObserver()
	c := newCore(t, cfg, &fakeRec{}, bot.WithObserver(obs))
	for i := range 2 {
		if r := ask(t, c, slackReq(bot.KindMention, "U1", "C1", "coat")); r.Error != nil {
			t.Fatalf("request %d refused: %+v", i, r)
		}
	}
	r := ask(t, c, slackReq(bot.KindMention, "U1", "C1", "coat"))
	if code(r) != bot.CodeRateLimited || !r.Ephemeral || !strings.Contains(r.Text, "seconds") {
		t.Fatalf("third request: %+v, want an ephemeral rate_limited reply with a wait", r)
	}
	if r := ask(t, c, slackReq(bot.KindMention, "U1", "C1", "help")); r.Text != bot.HelpText {
		t.Errorf("help should not be rate limited: %+v", r)
	}
	if r := ask(t, c, slackReq(bot.KindMention, "U2", "C1", "coat")); r.Error != nil {
		t.Errorf("another user was limited: %+v", r)
	}
	other := slackReq(bot.KindMention, "U1", "C1", "coat")
	other.Conversation.Workspace = "T2"
	if r := ask(t, c, other); r.Error != nil {
		t.Errorf("same user id in another workspace was limited: %+v", r)
	}
	if obs.rateLimited["user"] != 1 || obs.rateLimited["channel"] != 0 {
		t.Errorf("rate-limited observations = %v", obs.rateLimited)
	}
}

func TestRateLimitChannel(t *testing.T) {
	cfg := testConfig()
	cfg.ChannelRate, cfg.ChannelBurst = 1, 2
	cfg.UserRate, cfg.UserBurst = 1, 1
	obs := newTestObserver()
	c := newCore(t, cfg, &fakeRec{}, bot.WithObserver(obs))
	for _, u := range []string{"U1", "U2"} {
		if r := ask(t, c, slackReq(bot.KindMention, u, "C1", "coat")); r.Error != nil {
			t.Fatalf("%s refused: %+v", u, r)
		}
	}
	r := ask(t, c, slackReq(bot.KindMention, "U3", "C1", "coat"))
	if code(r) != bot.CodeRateLimited || !strings.Contains(r.Text, "channel") {
		t.Fatalf("third user in C1: %+v, want a channel rate limit", r)
	}
	// U3's token was given back when the channel refused, so U3 can still ask elsewhere.
	if r := ask(t, c, slackReq(bot.KindMention, "U3", "C2", "coat")); r.Error != nil {
		t.Errorf("U3 in C2 refused: %+v", r)
	}
	if obs.rateLimited["channel"] != 1 || obs.rateLimited["user"] != 0 {
		t.Errorf("rate-limited observations = %v", obs.rateLimited)
	}
}

// blockingRec blocks every call until release is closed (or ctx ends, if honour).
type blockingRec struct {
	started chan string
	release chan struct{}
	honour  bool
}

func newBlockingRec(honour bool) *blockingRec {
	return &blockingRec{started: make(chan string, 100), release: make(chan struct{}), honour: honour}
}

func (b *blockingRec) Recommend(ctx context.Context, req bot.Ask, _ bot.StreamFunc) (*bot.Answer, error) {
	b.started <- req.Query
	if b.honour {
		select {
		case <-b.release:
		case <-ctx.Done():
			return nil, context.Cause(ctx)
		}
	} else {
		<-b.release
	}
	return answerFor(req), nil
}

func waitStarted(t *testing.T, b *blockingRec, want string) {
	t.Helper()
	select {
	case q := <-b.started:
		if q != want {
			t.Fatalf("started %q, want %q", q, want)
		}
	case <-time.After(5 * time.Second):
		t.Fatalf("%q never started", want)
	}
}

func TestQueueFullRepliesBusyImmediately(t *testing.T) {
	cfg := testConfig()
	cfg.Workers, cfg.QueueSize = 1, 1
	cfg.UserRate, cfg.UserBurst = 1, 1 // one request per user: busy must not cost it
	b := newBlockingRec(false)
	obs := newTestObserver()
	c := newCore(t, cfg, b, bot.WithObserver(obs))

	r1, r2, r3 := newRecorder(), newRecorder(), newRecorder()
	c.Handle(context.Background(), slackReq(bot.KindMention, "U1", "C1", "one"), r1.reply)
	waitStarted(t, b, "one")
	c.Handle(context.Background(), slackReq(bot.KindMention, "U2", "C1", "two"), r2.reply)
	c.Handle(context.Background(), slackReq(bot.KindMention, "U3", "C1", "three"), r3.reply)
	busy := r3.wait(t, 2*time.Second) // arrives while the worker is still blocked
	if code(busy) != bot.CodeBusy || !strings.Contains(busy.Text, "try again in a moment") {
		t.Fatalf("third request: %+v, want busy", busy)
	}
	if f, _, _ := r1.counts(); f != 0 {
		t.Fatal("first request answered before release")
	}
	close(b.release)
	waitStarted(t, b, "two")
	for i, r := range []*recorder{r1, r2} {
		if rep := r.wait(t, 5*time.Second); rep.Error != nil {
			t.Errorf("request %d: %+v", i+1, rep)
		}
	}
	retry := newRecorder()
	c.Handle(context.Background(), slackReq(bot.KindMention, "U3", "C1", "three"), retry.reply)
	waitStarted(t, b, "three")
	if rep := retry.wait(t, 5*time.Second); rep.Error != nil {
		t.Errorf("retry after busy: %+v, want an answer (busy refunds the token)", rep)
	}
	if obs.maxDepth != 1 {
		t.Errorf("max queue depth observed = %d, want 1", obs.maxDepth)
	}
}

func TestRequestTimeout(t *testing.T) {
	for _, honour := range []bool{true, false} {
		t.Run(fmt.Sprintf("recommender honours ctx=%v", honour), func(t *testing.T) {
			cfg := testConfig()
			cfg.RequestTimeout = 50 * time.Millisecond
			b := newBlockingRec(honour)
			c := newCore(t, cfg, b)
			r := newRecorder()
			start := time.Now()
			c.Handle(context.Background(), slackReq(bot.KindSlash, "U1", "C1", "slow"), r.reply)
			rep := r.wait(t, 5*time.Second)
			if code(rep) != bot.CodeTimeout || rep.Text == "" {
				t.Fatalf("got %+v, want a friendly timeout", rep)
			}
			if el := time.Since(start); el > 3*time.Second {
				t.Errorf("timeout reply took %v", el)
			}
			close(b.release) // a recommender that ignored ctx returns only now
		})
	}
}

func TestRecommenderFailures(t *testing.T) {
	for _, tc := range []struct {
		name string
		fn   func() (*bot.Answer, error)
		code string
	}{
		{"error", func() (*bot.Answer, error) { return nil, fmt.Errorf("ollama: connection refused") }, bot.CodeUnavailable},
		{"nil answer", func() (*bot.Answer, error) { return nil, nil }, bot.CodeInternal},
		{"panic", func() (*bot.Answer, error) { panic("boom") }, bot.CodeInternal},
	} {
		t.Run(tc.name, func(t *testing.T) {
			calls := 0
			rec := &fakeRec{fn: func(_ context.Context, req bot.Ask, _ bot.StreamFunc) (*bot.Answer, error) {
				calls++
				if calls == 1 {
					return tc.fn()
				}
				return answerFor(req), nil
			}}
			cfg := testConfig()
			cfg.Workers = 1
			c := newCore(t, cfg, rec)
			r := ask(t, c, slackReq(bot.KindSlash, "U1", "C1", "anything"))
			if code(r) != tc.code || r.Text == "" || strings.Contains(r.Text, "boom") || strings.Contains(r.Text, "ollama") {
				t.Fatalf("got %+v, want code %q with a friendly text", r, tc.code)
			}
			if r := ask(t, c, slackReq(bot.KindSlash, "U1", "C1", "again")); r.Error != nil || len(r.Items) == 0 {
				t.Fatalf("core did not recover: %+v", r)
			}
		})
	}
}

func TestReplyFuncPanicDoesNotKillCore(t *testing.T) {
	c := newCore(t, testConfig(), &fakeRec{})
	c.Handle(context.Background(), slackReq(bot.KindSlash, "U1", "C1", "x"), func(context.Context, bot.Reply) error {
		panic("adapter bug")
	})
	if r := ask(t, c, slackReq(bot.KindSlash, "U1", "C1", "y")); r.Error != nil {
		t.Fatalf("got %+v", r)
	}
}
