package bench

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"time"

	"github.com/stylistbot/stylist/index/faiss"
	"github.com/stylistbot/stylist/retrieve"
)

// recallEps absorbs float32 rounding between the exact and ANN similarities.
const recallEps = 1e-5

// measurer measures one factory after another over a shared corpus.
type measurer struct {
	opts Options
	c    *corpus
	ann  *switchANN
	ret  *retrieve.Retriever
	py   *pyRunner
	tmp  string
	logf func(string, ...any)
}

// spec builds sp's index once and measures it with each of its settings.
// Errors of this factory are returned as a Result with Err set; only context
// cancellation is returned as an error.
func (m *measurer) spec(ctx context.Context, n int, sp Spec) ([]Result, error) {
	params := sp.Params
	if len(params) == 0 {
		params = []faiss.SearchParams{{}}
	}
	fail := func(err error) ([]Result, error) {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		m.logf("%s: %v", sp.Factory, err)
		out := make([]Result, len(params))
		for i, p := range params {
			out[i] = Result{Factory: sp.Factory, Params: p, Label: ParamsLabel(p), Err: err.Error(),
				Default: m.isDefault(sp.Factory, p)}
		}
		return out, nil
	}
	m.logf("%s: training and adding %d vectors …", sp.Factory, m.c.n)
	path := filepath.Join(m.tmp, fmt.Sprintf("index-%02d.faiss", n))
	defer os.Remove(path)
	cpu0 := processCPU()
	train, add, err := m.build(ctx, sp.Factory, path)
	if err != nil {
		return fail(err)
	}
	buildCPU := processCPU() - cpu0
	st, err := os.Stat(path)
	if err != nil {
		return fail(err)
	}
	fx, err := faiss.Read(path) // search the index as the server would load it
	if err != nil {
		return fail(err)
	}
	defer fx.Close()
	if err := fx.Prepare(); err != nil { // steady state: a server builds its caches after its first searches
		return fail(err)
	}
	mem, err := fx.SerializedSize()
	if err != nil {
		return fail(err)
	}
	base := Result{Factory: sp.Factory, Describe: fx.Describe(), Train: train, Add: add, BuildCPU: buildCPU, DiskBytes: st.Size(), MemBytes: mem}
	m.logf("%s: train %s, add %s, %s on disk", sp.Factory, train.Round(time.Millisecond), add.Round(time.Millisecond), mib(st.Size()))

	out := make([]Result, 0, len(params))
	passes := make([]annPass, len(params))
	for i, p := range params {
		r := base
		r.Params, r.Label, r.Default = p, ParamsLabel(p), m.isDefault(sp.Factory, p)
		if passes[i], err = m.annPass(fx, p); err != nil {
			return fail(err)
		}
		r.Recall, r.RecallIDs = m.recall(passes[i].ids)
		if r.RecallCand, err = m.candidateRecall(fx, p); err != nil {
			return fail(err)
		}
		if r.Default || m.opts.WholePathAll {
			if r.Path, err = m.pathPass(ctx, fx, p); err != nil {
				return fail(err)
			}
		}
		if r.Default {
			if r.Sweep, err = m.sweep(ctx, fx, p); err != nil {
				return fail(err)
			}
		}
		out = append(out, r)
	}
	var pyRes []pyRun
	var pyErr error
	if m.py != nil {
		if pyRes, pyErr = m.py.run(ctx, path, params, m.opts.Warmup); pyErr != nil && ctx.Err() != nil {
			return nil, ctx.Err()
		}
	}
	for i := range out {
		// A second pass, after the whole path (and Python's searches): the
		// latencies pool both, so a change of machine load during the run
		// favours neither this factory's settings nor either language.
		again, err := m.annPass(fx, params[i])
		if err != nil {
			return fail(err)
		}
		r := &out[i]
		r.ANN = Summarize(append(passes[i].wall, again.wall...))
		r.ANNCPU = Summarize(append(passes[i].cpu, again.cpu...))
		if m.py != nil {
			r.Python = comparePython(r.ANN, r.ANNCPU, passes[i].ids, pyRes, i, pyErr)
			if p := r.Python; p.Err == "" {
				p.Recall, _ = m.recall(pyRes[i].IDs)
				p.SameUpToTies = m.sameUpToTies(passes[i].ids, pyRes[i].IDs)
			}
		}
		m.logf("%s %s: ANN p50 %s p99 %s, recall@%d %.4f", sp.Factory, r.Label, r.ANN.P50, r.ANN.P99, m.c.k, r.Recall)
	}
	return out, nil
}

func (m *measurer) isDefault(factory string, p faiss.SearchParams) bool {
	return factory == m.opts.DefaultSpec && p == m.opts.DefaultParams
}

// build trains and fills a new index with the corpus and writes it to path.
func (m *measurer) build(ctx context.Context, factory, path string) (train, add time.Duration, err error) {
	fx, err := faiss.New(m.c.dim, factory, faiss.InnerProduct)
	if err != nil {
		return 0, 0, err
	}
	defer fx.Close()
	if m.opts.EfConstruction > 0 {
		if err := fx.SetEfConstruction(m.opts.EfConstruction); err != nil {
			return 0, 0, err
		}
	}
	t0 := time.Now()
	if !fx.IsTrained() {
		if err := fx.Train(sample(m.c.flat, m.c.dim, m.opts.TrainSample, m.opts.Seed)); err != nil {
			return 0, 0, err
		}
	}
	train = time.Since(t0)
	t1 := time.Now()
	const batch = 8192
	for lo := 0; lo < m.c.n; lo += batch {
		if err := ctx.Err(); err != nil {
			return 0, 0, err
		}
		hi := min(lo+batch, m.c.n)
		if err := fx.AddWithIDs(m.c.flat[lo*m.c.dim:hi*m.c.dim], seqRange(lo, hi)); err != nil {
			return 0, 0, err
		}
	}
	add = time.Since(t1)
	return train, add, fx.Write(path)
}

// annPass is one timed pass of single-query searches over every ANN query.
type annPass struct {
	wall, cpu []time.Duration
	ids       [][]int64
}

// annPass times single-query searches of every ANN query (after a warm-up).
func (m *measurer) annPass(fx *faiss.Index, p faiss.SearchParams) (annPass, error) {
	c := m.c
	p.Threads = 1
	nq := len(c.annQ)
	runtime.LockOSThread() // thread CPU time must be read on the thread that searched
	defer runtime.UnlockOSThread()
	for i := range min(m.opts.Warmup, nq) {
		if _, _, err := fx.Search(c.qvecs[i*c.dim:(i+1)*c.dim], c.k, p); err != nil {
			return annPass{}, err
		}
	}
	ps := annPass{wall: make([]time.Duration, nq), cpu: make([]time.Duration, nq), ids: make([][]int64, nq)}
	for i := range nq {
		q := c.qvecs[i*c.dim : (i+1)*c.dim]
		c0, t := threadCPU(), time.Now()
		_, got, err := fx.Search(q, c.k, p)
		ps.wall[i], ps.cpu[i] = time.Since(t), threadCPU()-c0
		if err != nil {
			return annPass{}, err
		}
		ps.ids[i] = got
	}
	return ps, nil
}

// sameUpToTies counts queries whose two result lists hold the same exact
// similarities, position by position: they differ at most in which of several
// equally similar articles (identical texts embed identically) they return.
func (m *measurer) sameUpToTies(a, b [][]int64) int {
	n := 0
	for i := range min(len(a), len(b)) {
		if len(a[i]) != len(b[i]) {
			continue
		}
		same := true
		for j := range a[i] {
			if a[i][j] != b[i][j] && math.Abs(float64(m.c.sim(i, a[i][j])-m.c.sim(i, b[i][j]))) > recallEps {
				same = false
				break
			}
		}
		if same {
			n++
		}
	}
	return n
}

// candidateRecall is the recall@k of the best k of the Candidates results the
// whole path asks the ANN for (a refine stage then re-ranks more base
// results; FAISS 1.7.3's HNSW still stops its search after efSearch).
func (m *measurer) candidateRecall(fx *faiss.Index, p faiss.SearchParams) (float64, error) {
	c := m.c
	kc := max(m.opts.Retrieve.Candidates, c.k)
	p.Threads = 0 // a batch: the default thread count
	_, ids, err := fx.Search(c.qvecs, kc, p)
	if err != nil {
		return 0, err
	}
	got := make([][]int64, len(c.annQ))
	for i := range got {
		got[i] = ids[i*kc : i*kc+c.k]
	}
	r, _ := m.recall(got)
	return r, nil
}

// recall averages the tie-aware and the plain id recall over the ANN queries.
func (m *measurer) recall(got [][]int64) (ties, plain float64) {
	for i := range got {
		ties += RecallTies(got[i], m.c.k, m.c.kth[i], recallEps, func(id int64) float32 { return m.c.sim(i, id) })
		plain += RecallIDs(m.c.truth[i], got[i], m.c.k)
	}
	n := float64(len(got))
	return ties / n, plain / n
}

// pathPass times the whole retrieval path for every query over fx with settings p.
func (m *measurer) pathPass(ctx context.Context, fx *faiss.Index, p faiss.SearchParams) (*PathStats, error) {
	cfg := m.opts.Retrieve
	cfg.Params = p
	if err := m.ret.SetConfig(cfg); err != nil {
		return nil, err
	}
	m.ann.set(fx)
	defer m.ann.set(nil)
	return timePath(ctx, m.ret, m.c.queries, m.opts.K, m.opts.Warmup, m.ann.last)
}

// sweep times the whole path over fx with each of Options.CandidateSweep.
func (m *measurer) sweep(ctx context.Context, fx *faiss.Index, p faiss.SearchParams) ([]SweepPoint, error) {
	var out []SweepPoint
	m.ann.set(fx)
	defer m.ann.set(nil)
	for _, c := range m.opts.CandidateSweep {
		cfg := m.opts.Retrieve
		cfg.Params, cfg.Candidates = p, c
		if err := m.ret.SetConfig(cfg); err != nil {
			return nil, err
		}
		ps, err := timePath(ctx, m.ret, m.c.queries, m.opts.K, m.opts.Warmup, m.ann.last)
		if err != nil {
			return nil, err
		}
		out = append(out, SweepPoint{Candidates: c, Path: ps})
	}
	return out, nil
}

// timePath times r.SearchTimed for every query, one at a time, after a
// warm-up; split, if not nil, returns the embed and search parts of the
// latest ANN call.
func timePath(ctx context.Context, r *retrieve.Retriever, qs []Query, k, warmup int, split func() (time.Duration, time.Duration)) (*PathStats, error) {
	for i := range min(warmup, len(qs)) {
		if _, _, err := r.SearchTimed(ctx, qs[i].Text, k); err != nil {
			return nil, err
		}
	}
	runtime.LockOSThread() // the path runs on this goroutine; its thread CPU time is the request's
	defer runtime.UnlockOSThread()
	total, cpu := make([]time.Duration, len(qs)), make([]time.Duration, len(qs))
	var und, ann, lex, rr, emb, srch []time.Duration
	for i, q := range qs {
		c0, t := threadCPU(), time.Now()
		_, tm, err := r.SearchTimed(ctx, q.Text, k)
		total[i], cpu[i] = time.Since(t), threadCPU()-c0
		if err != nil {
			return nil, err
		}
		und, ann, lex, rr = append(und, tm.Understand), append(ann, tm.ANN), append(lex, tm.Lexical), append(rr, tm.Rerank)
		if split != nil {
			e, s := split()
			emb, srch = append(emb, e), append(srch, s)
		}
	}
	return &PathStats{Total: Summarize(total), CPU: Summarize(cpu), Understand: Percentile(und, 50), ANN: Percentile(ann, 50),
		Lexical: Percentile(lex, 50), Rerank: Percentile(rr, 50), Embed: Percentile(emb, 50), Search: Percentile(srch, 50)}, nil
}

// sample returns up to limit vectors drawn without replacement (all when limit <= 0).
func sample(flat []float32, dim, limit int, seed uint64) []float32 {
	n := len(flat) / dim
	if limit <= 0 || limit >= n {
		return flat
	}
	r := rand.New(rand.NewPCG(seed, 0x5eed))
	out := make([]float32, 0, limit*dim)
	for _, p := range r.Perm(n)[:limit] {
		out = append(out, flat[p*dim:(p+1)*dim]...)
	}
	return out
}

// seqRange returns lo, lo+1, …, hi-1.
func seqRange(lo, hi int) []int64 {
	ids := make([]int64, hi-lo)
	for i := range ids {
		ids[i] = int64(lo + i)
	}
	return ids
}

func mib(n int64) string { return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20)) }
