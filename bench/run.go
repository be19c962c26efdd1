package bench

import (
	"context"
	"fmt"
	"math"
	"os"
	"time"

	"github.com/stylistbot/stylist/catalog"
	"github.com/stylistbot/stylist/index"
	"github.com/stylistbot/stylist/index/faiss"
	"github.com/stylistbot/stylist/retrieve"
)

// corpus is what every factory shares: the catalog vectors, the queries and
// the exact answers.
type corpus struct {
	n, dim  int
	flat    []float32 // n*dim catalog vectors, id = position
	emb     index.Embedder
	queries []Query
	annQ    []int     // queries with a non-zero vector, used for ANN and recall
	qvecs   []float32 // len(annQ)*dim, row i is queries[annQ[i]]
	k       int       // recall k (<= n)
	truth   [][]int64 // exact top-k ids per ANN query
	kth     []float32 // exact k-th best similarity per ANN query
}

// sim returns the exact similarity of ANN query i and article id.
func (c *corpus) sim(i int, id int64) float32 {
	if id < 0 || int(id) >= c.n {
		return float32(math.Inf(-1))
	}
	return dot(c.qvecs[i*c.dim:(i+1)*c.dim], c.flat[int(id)*c.dim:(int(id)+1)*c.dim])
}

// Run embeds the catalog once and measures every factory of opts.Specs.
// A factory that fails (rejected string, training error) is reported in its
// Result.Err and the others still run; Run fails only on errors that concern
// them all (embedding, ground truth, context cancellation).
func Run(ctx context.Context, opts Options) (*Report, error) {
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	start := time.Now()
	opts = opts.withDefaults()
	opts.DefaultParams = Applicable(opts.DefaultSpec, opts.DefaultParams)
	logf := func(format string, args ...any) { fmt.Fprintf(opts.Log, format+"\n", args...) }
	rep := &Report{Source: opts.Source, Articles: len(opts.Articles), K: opts.K, Candidates: opts.Retrieve.Candidates,
		TrainSample: opts.TrainSample, Started: time.Now().UTC().Truncate(time.Second), Machine: ReadMachine()}
	if opts.DefaultSpec != "" {
		rep.Default = opts.DefaultSpec + " " + ParamsLabel(opts.DefaultParams)
	}

	tmpl, err := catalog.NewText(opts.TextTemplate)
	if err != nil {
		return nil, err
	}
	texts := make([]string, len(opts.Articles))
	for i := range opts.Articles {
		texts[i] = tmpl.Render(opts.Articles[i])
	}
	logf("embedding %d articles …", len(texts))
	t0, cpu0 := time.Now(), processCPU()
	emb, vecs, err := opts.Trainer.Fit(ctx, texts, nil)
	if err != nil {
		return nil, fmt.Errorf("bench: embed: %w", err)
	}
	rep.Embed, rep.EmbedCPU = time.Since(t0), processCPU()-cpu0
	rep.Embedder, rep.Dim = emb.ID(), emb.Dim()
	logf("embedded in %s (%s, %d dims)", rep.Embed.Round(time.Millisecond), emb.ID(), emb.Dim())
	c, err := newCorpus(ctx, emb, vecs, MakeQueries(opts.Articles, opts.SeedQueries, opts.Queries, opts.Seed), opts.RecallK)
	if err != nil {
		return nil, err
	}
	vecs = nil
	rep.Queries, rep.QueryKinds, rep.ANNQueries, rep.RecallK = len(c.queries), CountKinds(c.queries), len(c.annQ), c.k

	ann := newSwitchANN(opts.Articles, emb)
	t1 := time.Now()
	ret, err := retrieve.New(ann, texts, opts.Retrieve)
	if err != nil {
		return nil, err
	}
	rep.RetrieverBuild = time.Since(t1)

	tmp, err := os.MkdirTemp(opts.TempDir, "stylist-bench-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	var py *pyRunner
	if opts.Python != "" {
		if py, err = newPyRunner(ctx, opts.Python, tmp, c); err != nil {
			rep.PythonError = err.Error()
			logf("python comparison skipped: %v", err)
		} else {
			rep.Python = py.version
		}
	}

	m := &measurer{opts: opts, c: c, ann: ann, ret: ret, py: py, tmp: tmp, logf: logf}
	for i, sp := range withDefaultSpec(opts.Specs, opts.DefaultSpec, opts.DefaultParams) {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		rs, err := m.spec(ctx, i, sp)
		if err != nil {
			return nil, err
		}
		rep.Results = append(rep.Results, rs...)
	}
	if opts.ServedDir != "" {
		if rep.Served, err = m.served(ctx, opts.ServedDir); err != nil {
			return nil, err
		}
	}
	rep.Elapsed = time.Since(start)
	rep.Machine.LoadEnd = readLoad()
	return rep, nil
}

// newCorpus flattens the catalog vectors, embeds the queries and computes the
// exact top-k of each with a Flat inner-product index.
func newCorpus(ctx context.Context, emb index.Embedder, vecs [][]float32, qs []Query, k int) (*corpus, error) {
	dim := emb.Dim()
	c := &corpus{n: len(vecs), dim: dim, emb: emb, queries: qs, k: min(k, len(vecs))}
	c.flat = make([]float32, 0, len(vecs)*dim)
	for i, v := range vecs {
		if len(v) != dim {
			return nil, fmt.Errorf("bench: vector %d has %d dims, embedder says %d", i, len(v), dim)
		}
		c.flat = append(c.flat, v...)
	}
	for i, q := range qs {
		v, err := emb.EmbedQuery(ctx, q.Text)
		if err != nil {
			return nil, fmt.Errorf("bench: embed query %q: %w", q.Text, err)
		}
		if dot(v, v) == 0 {
			continue // no feature known to the embedder: no signal, every article ties
		}
		c.annQ = append(c.annQ, i)
		c.qvecs = append(c.qvecs, v...)
	}
	if len(c.annQ) == 0 {
		return nil, fmt.Errorf("bench: no query has a non-zero vector")
	}
	fx, err := faiss.New(dim, "Flat", faiss.InnerProduct)
	if err != nil {
		return nil, err
	}
	defer fx.Close()
	if err := fx.AddWithIDs(c.flat, seqRange(0, c.n)); err != nil {
		return nil, err
	}
	scores, ids, err := fx.Search(c.qvecs, c.k, faiss.SearchParams{Threads: faiss.Threads()})
	if err != nil {
		return nil, fmt.Errorf("bench: exact search: %w", err)
	}
	for i := range c.annQ {
		c.truth = append(c.truth, ids[i*c.k:(i+1)*c.k])
		c.kth = append(c.kth, scores[(i+1)*c.k-1])
	}
	return c, nil
}
