package e2e

import (
	"context"
	"fmt"
	"net/http"
	"sort"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stylistbot/stylist/bot"
	"github.com/stylistbot/stylist/internal/glue"
	"github.com/stylistbot/stylist/internal/ollamatest"
	"github.com/stylistbot/stylist/prompts"
	"github.com/stylistbot/stylist/rag"
)

var loadQueries = []string{"a light yellow summer dress", "black sweater", "jeans for women, tight", "waterproof jacket for men",
	"white t-shirt with a print", "red dress for a party", "navy blazer", "kids pyjamas", "sneakers", "a beanie hat"}

// BenchmarkCoreLoadRealOllama sends 1,000 requests from 200 concurrent users
// through the core, the chain and the real tiny-model Ollama, and checks that
// every request gets exactly one final reply. Run:
//
//	go test ./e2e -run '^$' -bench CoreLoadRealOllama -benchtime 1x
func BenchmarkCoreLoadRealOllama(b *testing.B) {
	const users, perUser = 200, 5
	r := demoRetriever(b)
	m, _ := rag.NewOllamaModel(ollamatest.Shared(b).URL(), ollamatest.TinyModel, &http.Client{})
	ps, _ := prompts.Load("")
	cfg := rag.DefaultConfig()
	// The tiny model tokenizes about one token per character: the short prompt and
	// 3 context items keep each generation short, so the run measures the core.
	cfg.Model, cfg.NumCtx, cfg.NumPredict, cfg.NumThread, cfg.ContextItems, cfg.DefaultCount = ollamatest.TinyModel, 1024, 128, 1, 3, 3
	cfg.Prompt = prompts.Short
	chain, err := rag.New(r, m, ps, cfg, rag.WithLogger(quiet))
	if err != nil {
		b.Fatal(err)
	}
	for i := 0; i < b.N; i++ {
		bc := bot.DefaultConfig()
		bc.UserRate, bc.ChannelRate = 0, 0
		bc.QueueSize = users * perUser
		bc.Workers = 4
		bc.RequestTimeout = 5 * time.Minute
		core := bot.New(bc, glue.Recommender(chain), nil, nil)
		var finals, partials, dup atomic.Int64
		var mu sync.Mutex
		var ttfr, total []time.Duration
		outcomes := map[string]int{}
		var wg sync.WaitGroup
		t0 := time.Now()
		for u := 0; u < users; u++ {
			wg.Add(1)
			go func(u int) {
				defer wg.Done()
				for j := 0; j < perUser; j++ {
					start := time.Now()
					done := make(chan struct{})
					var first, got atomic.Bool
					req := bot.Request{Kind: bot.KindSlash, User: fmt.Sprintf("U%03d", u), Text: loadQueries[(u+j)%len(loadQueries)],
						Conversation: bot.Conversation{Platform: bot.PlatformConsole, Channel: "C1", Thread: fmt.Sprintf("t%d-%d", u, j)}}
					core.Handle(context.Background(), req, func(_ context.Context, rep bot.Reply) error {
						if first.CompareAndSwap(false, true) {
							mu.Lock()
							ttfr = append(ttfr, time.Since(start))
							mu.Unlock()
						}
						if rep.Partial {
							partials.Add(1)
							return nil
						}
						if !got.CompareAndSwap(false, true) {
							dup.Add(1)
							return nil
						}
						finals.Add(1)
						mu.Lock()
						total = append(total, time.Since(start))
						code := "ok"
						if rep.Error != nil {
							code = rep.Error.Code
						}
						outcomes[code]++
						mu.Unlock()
						close(done)
						return nil
					})
					select {
					case <-done:
					case <-time.After(5 * time.Minute):
						b.Errorf("request %d/%d got no final reply", u, j)
						return
					}
				}
			}(u)
		}
		wg.Wait()
		el := time.Since(t0)
		_ = core.Shutdown(context.Background())
		if finals.Load() != users*perUser || dup.Load() != 0 {
			b.Fatalf("finals %d (want %d), duplicates %d", finals.Load(), users*perUser, dup.Load())
		}
		b.ReportMetric(float64(users*perUser)/el.Seconds(), "req/s")
		b.ReportMetric(ms(pct(ttfr, 50)), "ttfr-p50-ms")
		b.ReportMetric(ms(pct(ttfr, 99)), "ttfr-p99-ms")
		b.ReportMetric(ms(pct(total, 50)), "total-p50-ms")
		b.ReportMetric(ms(pct(total, 99)), "total-p99-ms")
		b.Logf("%d requests in %s: outcomes %v, %d partial replies, 0 lost, 0 duplicated", users*perUser, el.Round(time.Millisecond), outcomes, partials.Load())
	}
}

func pct(ds []time.Duration, p float64) time.Duration {
	s := append([]time.Duration(nil), ds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	if len(s) == 0 {
		return 0
	}
	i := int(float64(len(s))*p/100+0.5) - 1
	return s[max(0, min(i, len(s)-1))]
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
