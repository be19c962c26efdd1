package bench

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/stylistbot/stylist/catalog"
	"github.com/stylistbot/stylist/embed"
	"github.com/stylistbot/stylist/embed/lsa"
	"github.com/stylistbot/stylist/index"
	"github.com/stylistbot/stylist/index/faiss"
	"github.com/stylistbot/stylist/retrieve"
)

// demoCorpus embeds the demo catalog once for all benchmarks.
var demoCorpus = sync.OnceValues(func() (*corpus, error) {
	cat, _, err := catalog.Demo()
	if err != nil {
		return nil, err
	}
	texts := make([]string, cat.Len())
	for i, a := range cat.Articles {
		texts[i] = catalog.DefaultText().Render(a)
	}
	ctx := context.Background()
	emb, vecs, err := embed.LSATrainer{Options: lsa.DefaultOptions()}.Fit(ctx, texts, nil)
	if err != nil {
		return nil, err
	}
	return newCorpus(ctx, emb, vecs, MakeQueries(cat.Articles, BuiltinSeeds, 200, 1), 20)
})

// reportPercentiles adds p50 and p99 of the per-operation times to the benchmark output.
func reportPercentiles(b *testing.B, ds []time.Duration) {
	l := Summarize(ds)
	b.ReportMetric(float64(l.P50.Nanoseconds()), "p50-ns")
	b.ReportMetric(float64(l.P99.Nanoseconds()), "p99-ns")
}

// BenchmarkANN times single-query, single-thread searches (k=20) of the demo
// catalog's vectors for a few factories; recall@20 against Flat is reported too.
func BenchmarkANN(b *testing.B) {
	c, err := demoCorpus()
	if err != nil {
		b.Fatal(err)
	}
	for _, sp := range []struct {
		name, factory string
		p             faiss.SearchParams
	}{
		{"Flat", "Flat", faiss.SearchParams{}},
		{"HNSW32/ef=16", "HNSW32", faiss.SearchParams{EfSearch: 16}},
		{"HNSW32/ef=128", "HNSW32", faiss.SearchParams{EfSearch: 128}},
		{"IVF64,Flat/nprobe=8", "IVF64,Flat", faiss.SearchParams{NProbe: 8}},
		{"IVF64,PQ32x4np,RFlat/nprobe=8,kf=4", "IVF64,PQ32x4np,RFlat", faiss.SearchParams{NProbe: 8, KFactorRF: 4}},
		{"HNSW32_SQ8/ef=64", "HNSW32_SQ8", faiss.SearchParams{EfSearch: 64}},
	} {
		b.Run(sp.name, func(b *testing.B) {
			fx, err := faiss.New(c.dim, sp.factory, faiss.InnerProduct)
			if err != nil {
				b.Fatal(err)
			}
			defer fx.Close()
			if err := fx.Train(c.flat); err != nil {
				b.Fatal(err)
			}
			if err := fx.AddWithIDs(c.flat, seqRange(0, c.n)); err != nil {
				b.Fatal(err)
			}
			p := sp.p
			p.Threads = 1
			nq := len(c.annQ)
			ids := make([][]int64, nq)
			var ds []time.Duration
			i := 0
			for b.Loop() {
				q := i % nq
				t := time.Now()
				_, got, err := fx.Search(c.qvecs[q*c.dim:(q+1)*c.dim], c.k, p)
				ds = append(ds, time.Since(t))
				if err != nil {
					b.Fatal(err)
				}
				ids[q] = got
				i++
			}
			reportPercentiles(b, ds)
			if i >= nq {
				m := &measurer{c: c}
				r, _ := m.recall(ids)
				b.ReportMetric(r, "recall@20")
			}
		})
	}
}

// BenchmarkSearchPath times the whole retrieval path (understand + embed +
// ANN + lexical + rerank) over the demo catalog's default index, opened from
// disk as the server does, one request at a time.
func BenchmarkSearchPath(b *testing.B) {
	cat, _, err := catalog.Demo()
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	dir := b.TempDir()
	if _, _, err := index.Build(ctx, dir, cat.Articles, index.BuildOptions{Factory: "HNSW32", Source: "demo",
		Trainer: embed.LSATrainer{Options: lsa.DefaultOptions()}}); err != nil {
		b.Fatal(err)
	}
	x, err := index.Open(ctx, dir, index.OpenOptions{LoadEmbedder: embed.Loader(nil), Params: faiss.SearchParams{EfSearch: 128}})
	if err != nil {
		b.Fatal(err)
	}
	defer x.Close()
	texts := make([]string, len(x.Articles()))
	for i, a := range x.Articles() {
		texts[i] = catalog.DefaultText().Render(a)
	}
	r, err := retrieve.New(x, texts, retrieve.DefaultConfig())
	if err != nil {
		b.Fatal(err)
	}
	qs := MakeQueries(cat.Articles, BuiltinSeeds, 200, 1)
	var ds []time.Duration
	i := 0
	for b.Loop() {
		t := time.Now()
		if _, err := r.Search(ctx, qs[i%len(qs)].Text, 10); err != nil {
			b.Fatal(err)
		}
		ds = append(ds, time.Since(t))
		i++
	}
	reportPercentiles(b, ds)
}

// BenchmarkCallOverhead measures the fixed cost of one search through the
// cgo shim (Go checks, cgo call, OpenMP thread setting, the shim's index walk,
// result conversion) on an index so small that FAISS's own work is negligible:
// Flat over 16 vectors of dim 256, k=1.
func BenchmarkCallOverhead(b *testing.B) {
	const dim, n = 256, 16
	fx, err := faiss.New(dim, "Flat", faiss.InnerProduct)
	if err != nil {
		b.Fatal(err)
	}
	defer fx.Close()
	vecs := make([]float32, n*dim)
	for i := range vecs {
		vecs[i] = float32(i%7) / 7
	}
	if err := fx.AddWithIDs(vecs, seqRange(0, n)); err != nil {
		b.Fatal(err)
	}
	q := vecs[:dim]
	p := faiss.SearchParams{Threads: 1}
	for b.Loop() {
		if _, _, err := fx.Search(q, 1, p); err != nil {
			b.Fatal(err)
		}
	}
}
