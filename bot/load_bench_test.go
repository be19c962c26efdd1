package bot_test

import (
	"context"
	"flag"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/stylistbot/stylist/bot"
)

var (
	loadLatency = flag.Duration("load.latency", 10*time.Millisecond, "BenchmarkCoreLoad: fake recommender latency")
	loadWorkers = flag.Int("load.workers", 16, "BenchmarkCoreLoad: Config.Workers")
	loadChunks  = flag.Int("load.chunks", 4, "BenchmarkCoreLoad: streamed chunks per answer (0 = no streaming)")
)

// BenchmarkCoreLoad sends 1,000 requests from 200 concurrent users (5 each, one
// after another) per iteration through the core, with a fake recommender of
// -load.latency, and reports throughput and time-to-first-reply / total latency
// percentiles. Every request must get exactly one final reply, and it must be an answer.
func BenchmarkCoreLoad(b *testing.B) {
	const users, perUser = 200, 5
	cfg := bot.DefaultConfig()
	cfg.Workers = *loadWorkers
	cfg.QueueSize = users // every user has at most one request in flight
	cfg.UserRate, cfg.ChannelRate = 0, 0
	cfg.StreamInterval = 0
	if *loadChunks > 0 {
		cfg.StreamInterval = max(*loadLatency/time.Duration(*loadChunks), time.Millisecond)
	}
	rec := &latencyRec{latency: *loadLatency, chunks: *loadChunks}
	c := bot.New(cfg, rec, nil, nil)
	defer func() { _ = c.Shutdown(context.Background()) }()

	var first, total []time.Duration
	var elapsed time.Duration
	b.ResetTimer()
	for range b.N {
		start := time.Now()
		f, tot := loadRound(b, c, users, perUser)
		elapsed += time.Since(start)
		first, total = append(first, f...), append(total, tot...)
	}
	b.StopTimer()
	n := len(total)
	b.ReportMetric(float64(n)/elapsed.Seconds(), "req/s")
	b.ReportMetric(pct(first, 50), "p50-first-ms")
	b.ReportMetric(pct(first, 99), "p99-first-ms")
	b.ReportMetric(pct(total, 50), "p50-total-ms")
	b.ReportMetric(pct(total, 99), "p99-total-ms")
}

// loadRound runs users×perUser requests and returns per-request latencies.
func loadRound(b *testing.B, c *bot.Core, users, perUser int) (first, total []time.Duration) {
	var mu sync.Mutex
	var wg sync.WaitGroup
	for u := range users {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range perUser {
				req := bot.Request{Kind: bot.KindMention, User: fmt.Sprintf("U%03d", u), Text: fmt.Sprintf("look %d", i),
					Conversation: bot.Conversation{Platform: bot.PlatformSlack, Workspace: "T", Channel: fmt.Sprintf("C%02d", u%20), Thread: fmt.Sprint(u)}}
				r := newRecorder()
				var firstAt time.Time
				var once sync.Once
				start := time.Now()
				c.Handle(context.Background(), req, func(ctx context.Context, rep bot.Reply) error {
					once.Do(func() { firstAt = time.Now() })
					return r.reply(ctx, rep)
				})
				rep := r.wait(b, time.Minute)
				end := time.Now()
				if rep.Error != nil || len(rep.Items) == 0 {
					b.Errorf("user %d request %d: %+v", u, i, rep)
				}
				if finals, after, _ := r.counts(); finals != 1 || after != 0 {
					b.Errorf("user %d request %d: %d finals, %d after", u, i, finals, after)
				}
				mu.Lock()
				first = append(first, firstAt.Sub(start))
				total = append(total, end.Sub(start))
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	return first, total
}

// latencyRec answers after latency, streaming chunks evenly along the way.
type latencyRec struct {
	latency time.Duration
	chunks  int
}

func (l *latencyRec) Recommend(ctx context.Context, req bot.Ask, stream bot.StreamFunc) (*bot.Answer, error) {
	steps := max(l.chunks, 1)
	for range steps {
		select {
		case <-time.After(l.latency / time.Duration(steps)):
		case <-ctx.Done():
			return nil, ctx.Err()
		}
		if stream != nil && l.chunks > 0 {
			_ = stream(ctx, "token ")
		}
	}
	return answerFor(req), nil
}

// pct returns the p-th percentile of ds in milliseconds.
func pct(ds []time.Duration, p float64) float64 {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	i := int(float64(len(s)-1) * p / 100)
	return float64(s[i]) / float64(time.Millisecond)
}
