package e2e

import (
	"context"
	"net/http"
	"os"
	"testing"
	"time"

	"github.com/tmc/langchaingo/llms"

	"github.com/stylistbot/stylist/embed"
	"github.com/stylistbot/stylist/index"
	"github.com/stylistbot/stylist/internal/ollamatest"
	"github.com/stylistbot/stylist/prompts"
	"github.com/stylistbot/stylist/rag"
	"github.com/stylistbot/stylist/retrieve"
)

// timedModel measures the time spent inside the LLM.
type timedModel struct {
	llms.Model
	spent time.Duration
}

func (m *timedModel) GenerateContent(ctx context.Context, msgs []llms.MessageContent, opts ...llms.CallOption) (*llms.ContentResponse, error) {
	t0 := time.Now()
	r, err := m.Model.GenerateContent(ctx, msgs, opts...)
	m.spent += time.Since(t0)
	return r, err
}

// benchRetriever opens $STYLIST_BENCH_INDEX (e.g. an index of the real catalog) or the demo index.
func benchRetriever(b *testing.B) *retrieve.Retriever {
	dir := os.Getenv("STYLIST_BENCH_INDEX")
	if dir == "" {
		return demoRetriever(b)
	}
	x, err := index.Open(context.Background(), dir, index.OpenOptions{LoadEmbedder: embed.Loader(nil), SkipChecksum: true})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { x.Close() })
	r, err := retrieve.NewWithTemplate(x, x.Manifest().TextTemplate, retrieve.DefaultConfig())
	if err != nil {
		b.Fatal(err)
	}
	return r
}

// BenchmarkChainOverhead measures what the chain adds around generation (retrieve,
// prompt build, parse, ground) with the real tiny model; the LLM's own time is
// subtracted. For the real catalog:
//
//	STYLIST_BENCH_INDEX=/tmp/hm-index go test ./e2e -run '^$' -bench ChainOverhead -benchtime 200x
func BenchmarkChainOverhead(b *testing.B) {
	r := benchRetriever(b)
	base, _ := rag.NewOllamaModel(ollamatest.Shared(b).URL(), ollamatest.TinyModel, &http.Client{})
	tm := &timedModel{Model: base}
	ps, _ := prompts.Load("")
	cfg := rag.DefaultConfig()
	cfg.Model, cfg.NumCtx, cfg.NumPredict, cfg.NumThread, cfg.ContextItems, cfg.DefaultCount = ollamatest.TinyModel, 1024, 256, 1, 20, 5
	chain, err := rag.New(r, tm, ps, cfg, rag.WithLogger(quiet))
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	var overheads []time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		tm.spent = 0
		t0 := time.Now()
		a, err := chain.Recommend(ctx, rag.Request{Query: loadQueries[i%len(loadQueries)]}, nil)
		if err != nil || a.RetrievalOnly {
			b.Fatalf("err %v, fallback %v", err, a != nil && a.RetrievalOnly)
		}
		overheads = append(overheads, time.Since(t0)-tm.spent)
	}
	b.ReportMetric(ms(pct(overheads, 50)), "overhead-p50-ms")
	b.ReportMetric(ms(pct(overheads, 99)), "overhead-p99-ms")
}
