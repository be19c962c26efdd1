package bot_test

import (
	"context"
	"errors"
	"math/rand/v2"
	"sync"
	"testing"
	"time"

	"github.com/stylistbot/stylist/bot"
)

func TestShutdownDrainsInFlight(t *testing.T) {
	cfg := testConfig()
	cfg.Workers, cfg.QueueSize, cfg.DrainTimeout = 1, 4, 5*time.Second
	rec := &fakeRec{fn: func(_ context.Context, req bot.Ask, _ bot.StreamFunc) (*bot.Answer, error) {
		time.Sleep(30 * time.Millisecond)
		return answerFor(req), nil
	}}
	c := bot.New(cfg, rec, nil, nil)
	rs := []*recorder{newRecorder(), newRecorder(), newRecorder()}
	for i, r := range rs {
		c.Handle(context.Background(), slackReq(bot.KindSlash, "U1", "C1", string(rune('a'+i))), r.reply)
	}
	if err := c.Shutdown(context.Background()); err != nil {
		t.Fatal(err)
	}
	for i, r := range rs {
		if f, _, _ := r.counts(); f != 1 {
			t.Fatalf("request %d has %d final replies when Shutdown returned", i, f)
		}
		if rep := r.wait(t, time.Second); rep.Error != nil {
			t.Errorf("request %d not completed: %+v", i, rep)
		}
	}
	if err := c.Ready(context.Background()); !errors.Is(err, bot.ErrStopped) {
		t.Errorf("Ready after shutdown = %v", err)
	}
	if r := ask(t, c, slackReq(bot.KindSlash, "U1", "C1", "late")); code(r) != bot.CodeStopped {
		t.Errorf("request after shutdown: %+v, want stopped", r)
	}
	if r := ask(t, c, slackReq(bot.KindSlash, "U1", "C1", "help")); code(r) != bot.CodeStopped {
		t.Errorf("help after shutdown: %+v, want stopped", r)
	}
	if n := len(rec.requests()); n != 3 {
		t.Errorf("recommender ran %d times, want 3", n)
	}
}

func TestShutdownCancelsBeyondDrain(t *testing.T) {
	cfg := testConfig()
	cfg.Workers, cfg.QueueSize, cfg.DrainTimeout = 1, 4, 50*time.Millisecond
	var causes []error
	var mu sync.Mutex
	rec := &fakeRec{fn: func(ctx context.Context, _ bot.Ask, _ bot.StreamFunc) (*bot.Answer, error) {
		<-ctx.Done()
		mu.Lock()
		causes = append(causes, context.Cause(ctx))
		mu.Unlock()
		return nil, ctx.Err()
	}}
	c := bot.New(cfg, rec, nil, nil)
	running, queued := newRecorder(), newRecorder()
	c.Handle(context.Background(), slackReq(bot.KindSlash, "U1", "C1", "one"), running.reply)
	c.Handle(context.Background(), slackReq(bot.KindSlash, "U1", "C1", "two"), queued.reply)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	start := time.Now()
	if err := c.Shutdown(ctx); err != nil {
		t.Fatal(err)
	}
	if el := time.Since(start); el > 2*time.Second {
		t.Errorf("shutdown took %v with a 50ms drain", el)
	}
	for name, r := range map[string]*recorder{"running": running, "queued": queued} {
		if rep := r.wait(t, time.Second); code(rep) != bot.CodeStopped {
			t.Errorf("%s request: %+v, want stopped", name, rep)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	if len(causes) != 1 || !errors.Is(causes[0], bot.ErrStopped) {
		t.Errorf("recommender cancellation causes = %v, want one ErrStopped (queued one never ran)", causes)
	}
}

func TestShutdownRespectsCallerContext(t *testing.T) {
	cfg := testConfig()
	cfg.DrainTimeout = time.Hour
	b := newBlockingRec(true)
	c := bot.New(cfg, b, nil, nil)
	r := newRecorder()
	c.Handle(context.Background(), slackReq(bot.KindSlash, "U1", "C1", "one"), r.reply)
	waitStarted(t, b, "one")
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Millisecond)
	defer cancel()
	if err := c.Shutdown(ctx); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Shutdown = %v, want deadline exceeded", err)
	}
	close(b.release)
	if err := c.Shutdown(context.Background()); err != nil {
		t.Fatal(err)
	}
	if rep := r.wait(t, time.Second); rep.Error != nil {
		t.Errorf("in-flight request: %+v", rep)
	}
}

// TestExactlyOneFinalReply fires 1,000 concurrent requests mixing every path
// (answers, errors, panics, timeouts, streaming, busy, rate limits, help,
// bad input, feedback) and checks each gets exactly one final reply, last.
func TestExactlyOneFinalReply(t *testing.T) {
	cfg := testConfig()
	cfg.Workers, cfg.QueueSize = 4, 20
	cfg.RequestTimeout = 200 * time.Millisecond
	cfg.UserRate, cfg.UserBurst = 600, 8
	cfg.StreamInterval = time.Millisecond
	cfg.MaxQueryRunes = 40
	rec := &fakeRec{fn: mixedBehaviour}
	obs := newTestObserver()
	c := bot.New(cfg, rec, nil, nil, bot.WithObserver(obs))

	const n = 1000
	rs := make([]*recorder, n)
	var wg sync.WaitGroup
	for i := range n {
		rs[i] = newRecorder()
		wg.Add(1)
		go func() {
			defer wg.Done()
			c.Handle(context.Background(), mixedRequest(i), rs[i].reply)
		}()
	}
	wg.Wait()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := c.Shutdown(ctx); err != nil {
		t.Fatal(err)
	}
	total := 0
	for i, r := range rs {
		finals, after, _ := r.counts()
		if finals != 1 || after != 0 {
			t.Fatalf("request %d: %d final replies, %d replies after the final", i, finals, after)
		}
	}
	obs.mu.Lock()
	defer obs.mu.Unlock()
	for _, v := range obs.outcomes {
		total += v
	}
	if total != n {
		t.Errorf("observer saw %d outcomes, want %d: %v", total, n, obs.outcomes)
	}
	for _, want := range []string{"ok", "help", bot.CodeEmpty, bot.CodeTooLong, bot.CodeInternal, bot.CodeUnavailable, "feedback"} {
		if obs.outcomes[want] == 0 {
			t.Errorf("no %q outcome in the mix: %v", want, obs.outcomes)
		}
	}
	t.Logf("outcomes: %v", obs.outcomes)
}

func mixedRequest(i int) bot.Request {
	req := slackReq(bot.KindMention, "U"+string(rune('A'+i%40)), "C"+string(rune('A'+i%7)), "")
	switch i % 10 {
	case 0:
		req.Text = "help"
	case 1:
		req.Text = ""
		req.Kind = bot.KindDirect
	case 2:
		req.Text = "a request that is certainly far longer than forty runes"
	case 3:
		req.Kind, req.ReplyRef, req.Helpful = bot.KindFeedback, "r1", true
	default:
		req.Text = []string{"ok", "err", "panic", "slow", "stream", "ok"}[i%6]
	}
	return req
}

func mixedBehaviour(ctx context.Context, req bot.Ask, stream bot.StreamFunc) (*bot.Answer, error) {
	switch req.Query {
	case "err":
		return nil, errors.New("model unreachable")
	case "panic":
		panic("recommender bug")
	case "slow":
		select {
		case <-time.After(time.Duration(rand.IntN(400)) * time.Millisecond):
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	case "stream":
		for i := range 5 {
			if stream != nil {
				_ = stream(ctx, "chunk ")
			}
			time.Sleep(time.Duration(i) * time.Millisecond)
		}
	}
	return answerFor(req), nil
}
