package outfit

import (
	"context"
	"os"
	"slices"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stylistbot/stylist/embed"
	"github.com/stylistbot/stylist/index"
	"github.com/stylistbot/stylist/query"
	"github.com/stylistbot/stylist/retrieve"
)

// benchRequests are varied outfit requests for the latency benchmark.
var benchRequests = []string{
	"what should I wear to a wedding as a guest, I'm a man",
	"I'm a tall athletic man with broad shoulders; outfit for a job interview",
	"complete the look: I have black leather boots, what goes with them?",
	"a casual summer outfit for a weekend trip",
	"3 outfit ideas for a party",
	"what to wear to the beach",
	"an outfit for a ski trip",
	"back to school outfit for my 8 year old son",
	"something red for date night",
	"outfit in dark colours for a winter dinner",
}

// pairingBenchRequests are requests built around a piece the person has.
var pairingBenchRequests = []string{
	"what shoes go with a red dress",
	"what colour trousers go with a navy blazer",
	"what goes with my brown boots?",
	"I bought a camel coat, how do I style it?",
	"what shoes go with my grey trousers, I'm a man",
}

// countingRetrieval counts the slot searches of the assembly.
type countingRetrieval struct {
	Retrieval
	n atomic.Int64
}

func (c *countingRetrieval) SearchNarrow(ctx context.Context, q query.Query, k int, n retrieve.Narrow, tm *retrieve.Timings) (*retrieve.Result, error) {
	c.n.Add(1)
	return c.Retrieval.SearchNarrow(ctx, q, k, n, tm)
}

// BenchmarkAssembleRealCatalog times understanding + every slot retrieval +
// combination on the real catalog's prebuilt index, for occasion looks
// (benchRequests) and pairing requests; searches/op counts the slot searches:
//
//	STYLIST_HM_INDEX=/work/hm-w3 go test ./outfit -run '^$' -bench AssembleRealCatalog -benchtime 400x
func BenchmarkAssembleRealCatalog(b *testing.B) {
	dir := os.Getenv("STYLIST_HM_INDEX")
	if dir == "" {
		b.Skip("set STYLIST_HM_INDEX to the real catalog's index directory")
	}
	x, err := index.Open(context.Background(), dir, index.OpenOptions{LoadEmbedder: embed.Loader(nil), SkipChecksum: true})
	if err != nil {
		b.Fatal(err)
	}
	defer x.Close()
	r, err := retrieve.NewWithTemplate(x, x.Manifest().TextTemplate, retrieve.DefaultConfig())
	if err != nil {
		b.Fatal(err)
	}
	k, err := Load("", NewVocabulary(x.Articles()))
	if err != nil {
		b.Fatal(err)
	}
	cr := &countingRetrieval{Retrieval: r}
	a := New(cr, x.Articles(), k)
	for _, c := range []struct {
		name string
		reqs []string
	}{{"looks", benchRequests}, {"pairing", pairingBenchRequests}} {
		b.Run(c.name, func(b *testing.B) { benchAssemble(b, a, cr, c.reqs) })
	}
}

func benchAssemble(b *testing.B, a *Assembler, cr *countingRetrieval, reqs []string) {
	ctx := context.Background()
	for _, q := range reqs { // warm-up
		if _, err := a.Assemble(ctx, q); err != nil {
			b.Fatal(err)
		}
	}
	lats := make([]time.Duration, 0, b.N)
	cr.n.Store(0)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		t0 := time.Now()
		if _, err := a.Assemble(ctx, reqs[i%len(reqs)]); err != nil {
			b.Fatal(err)
		}
		lats = append(lats, time.Since(t0))
	}
	b.StopTimer()
	slices.Sort(lats)
	b.ReportMetric(float64(lats[len(lats)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(lats[(len(lats)*99)/100].Microseconds())/1000, "p99-ms")
	b.ReportMetric(float64(cr.n.Load())/float64(b.N), "searches/op")
}
