package outfit

import (
	"context"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/stylistbot/stylist/embed"
	"github.com/stylistbot/stylist/index"
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

// BenchmarkAssembleRealCatalog times understanding + every slot retrieval +
// combination on the real catalog's prebuilt index:
//
//	STYLIST_HM_INDEX=/work/hm-index go test ./outfit -run '^$' -bench AssembleRealCatalog -benchtime 200x
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
	a := New(r, x.Articles(), k)
	ctx := context.Background()
	for _, q := range benchRequests { // warm-up
		if _, err := a.Assemble(ctx, q); err != nil {
			b.Fatal(err)
		}
	}
	lats := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		t0 := time.Now()
		if _, err := a.Assemble(ctx, benchRequests[i%len(benchRequests)]); err != nil {
			b.Fatal(err)
		}
		lats = append(lats, time.Since(t0))
	}
	b.StopTimer()
	slices.Sort(lats)
	b.ReportMetric(float64(lats[len(lats)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(lats[(len(lats)*99)/100].Microseconds())/1000, "p99-ms")
}
