package bot_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stylistbot/stylist/bot"
)

func TestStreamingPartials(t *testing.T) {
	const chunks = 20
	streamingRec := func(gotStream *bool) *fakeRec {
		return &fakeRec{fn: func(ctx context.Context, req bot.Ask, stream bot.StreamFunc) (*bot.Answer, error) {
			*gotStream = stream != nil
			for i := range chunks {
				if stream != nil {
					if err := stream(ctx, string(rune('a'+i))); err != nil {
						return nil, err
					}
				}
				time.Sleep(5 * time.Millisecond)
			}
			return answerFor(req), nil
		}}
	}
	t.Run("throttled partials then final", func(t *testing.T) {
		cfg := testConfig()
		cfg.StreamInterval = 25 * time.Millisecond
		var got bool
		c := newCore(t, cfg, streamingRec(&got))
		r := newRecorder()
		c.Handle(context.Background(), slackReq(bot.KindSlash, "U1", "C1", "coat"), r.reply)
		final := r.wait(t, 5*time.Second)
		if !got {
			t.Fatal("recommender got no stream func")
		}
		if final.Partial || len(final.Items) == 0 {
			t.Fatalf("final reply = %+v", final)
		}
		r.mu.Lock()
		defer r.mu.Unlock()
		partials := r.replies[:len(r.replies)-1]
		// ~100ms of streaming at one update per 25ms: at least 2, far fewer than 20 chunks.
		if len(partials) < 2 || len(partials) > chunks/2 {
			t.Fatalf("%d partial replies for %d chunks at a 25ms interval", len(partials), chunks)
		}
		all := "abcdefghijklmnopqrst"
		prev := ""
		for _, p := range partials {
			if !p.Partial || p.Ref != final.Ref || !strings.HasPrefix(all, p.Text) || len(p.Text) <= len(prev) {
				t.Fatalf("bad partial %+v after %q", p, prev)
			}
			prev = p.Text
		}
	})
	t.Run("disabled by zero interval", func(t *testing.T) {
		var got bool
		c := newCore(t, testConfig(), streamingRec(&got))
		r := newRecorder()
		c.Handle(context.Background(), slackReq(bot.KindSlash, "U1", "C1", "coat"), r.reply)
		r.wait(t, 5*time.Second)
		if got {
			t.Error("recommender got a stream func with StreamInterval 0")
		}
		if _, _, total := r.counts(); total != 1 {
			t.Errorf("%d replies, want only the final", total)
		}
	})
}

func TestSetConfigKeepsInFlightConfig(t *testing.T) {
	cfg := testConfig()
	cfg.RequestTimeout = 2 * time.Second
	b := newBlockingRec(true)
	c := newCore(t, cfg, b)
	r := newRecorder()
	c.Handle(context.Background(), slackReq(bot.KindSlash, "U1", "C1", "one"), r.reply)
	waitStarted(t, b, "one")
	short := cfg
	short.RequestTimeout = 10 * time.Millisecond
	if err := c.SetConfig(short); err != nil {
		t.Fatal(err)
	}
	time.Sleep(50 * time.Millisecond)
	close(b.release)
	if rep := r.wait(t, 5*time.Second); rep.Error != nil {
		t.Fatalf("in-flight request used the new timeout: %+v", rep)
	}
	if got := c.Config().RequestTimeout; got != short.RequestTimeout {
		t.Errorf("Config().RequestTimeout = %v", got)
	}
	bad := cfg
	bad.Workers = 0
	if err := c.SetConfig(bad); err == nil || !strings.Contains(err.Error(), "workers") {
		t.Errorf("SetConfig(bad) = %v, want an error naming workers", err)
	}
}

func TestSetConfigUnderLoad(t *testing.T) {
	base := testConfig()
	base.Workers, base.QueueSize = 2, 4
	base.RequestTimeout = 100 * time.Millisecond
	base.StreamInterval = time.Millisecond
	rec := &fakeRec{fn: mixedBehaviour}
	c := bot.New(base, rec, nil, nil)

	stop := make(chan struct{})
	var swaps sync.WaitGroup
	swaps.Add(1)
	go func() {
		defer swaps.Done()
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			cfg := base
			cfg.Workers, cfg.QueueSize = 1+i%5, i%50
			cfg.UserRate, cfg.UserBurst = float64(i%3)*300, 1+i%4
			cfg.ChannelRate, cfg.ChannelBurst = float64(i%2)*600, 5
			cfg.MaxQueryRunes = 3 + i%10
			cfg.HistoryMaxTurns = 1 + i%3
			cfg.AllowedChannels = []string{"CA", "CB", "CC"}[:i%4]
			if err := c.SetConfig(cfg); err != nil {
				t.Error(err)
				return
			}
			time.Sleep(100 * time.Microsecond)
		}
	}()

	const n = 600
	rs := make([]*recorder, n)
	var wg sync.WaitGroup
	for i := range n {
		rs[i] = newRecorder()
		wg.Add(1)
		go func() {
			defer wg.Done()
			time.Sleep(time.Duration(i%50) * time.Millisecond)
			c.Handle(context.Background(), mixedRequest(i), rs[i].reply)
		}()
	}
	wg.Wait()
	close(stop)
	swaps.Wait()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := c.Shutdown(ctx); err != nil {
		t.Fatal(err)
	}
	for i, r := range rs {
		if finals, after, _ := r.counts(); finals != 1 || after != 0 {
			t.Fatalf("request %d: %d finals, %d replies after the final", i, finals, after)
		}
	}
}
