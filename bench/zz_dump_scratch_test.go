package bench

import (
	"context"
	"os"
	"testing"

	"github.com/stylistbot/stylist/catalog"
	"github.com/stylistbot/stylist/embed"
	"github.com/stylistbot/stylist/embed/lsa"
)

// TEMPORARY scratch: dump real-catalog vectors for offline factory exploration.
func TestZZDump(t *testing.T) {
	if os.Getenv("STYLIST_BENCH_DUMP") == "" {
		t.Skip()
	}
	cat, _, err := catalog.LoadFile("/work/shared/data/hm/articles.csv.gz")
	if err != nil {
		t.Fatal(err)
	}
	o := lsa.DefaultOptions()
	o.Dim, o.MinDF, o.MaxFeatures, o.CharNGrams, o.PowerIters, o.Seed = 256, 2, 200000, true, 3, 42
	texts := make([]string, cat.Len())
	for i, a := range cat.Articles {
		texts[i] = catalog.DefaultText().Render(a)
	}
	ctx := context.Background()
	emb, vecs, err := embed.LSATrainer{Options: o}.Fit(ctx, texts, nil)
	if err != nil {
		t.Fatal(err)
	}
	c, err := newCorpus(ctx, emb, vecs, MakeQueries(cat.Articles, BuiltinSeeds, 400, 1), 20)
	if err != nil {
		t.Fatal(err)
	}
	if err := writeNPY("/tmp/bw/xb.npy", c.flat, c.n, c.dim); err != nil {
		t.Fatal(err)
	}
	if err := writeNPY("/tmp/bw/xq.npy", c.qvecs, len(c.annQ), c.dim); err != nil {
		t.Fatal(err)
	}
}
