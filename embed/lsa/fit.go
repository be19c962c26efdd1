package lsa

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"time"
)

// Fit learns the vocabulary and the projection from texts.
func Fit(ctx context.Context, texts []string, opts Options) (*Model, error) {
	m, _, err := fit(ctx, texts, opts, false)
	return m, err
}

// FitTransform is Fit that also returns the vectors of texts computed during
// fitting (equal to EmbedDocuments(texts) up to float32 rounding), so indexing
// does not embed the corpus twice.
func FitTransform(ctx context.Context, texts []string, opts Options) (*Model, [][]float32, error) {
	return fit(ctx, texts, opts, true)
}

func fit(ctx context.Context, texts []string, opts Options, transform bool) (*Model, [][]float32, error) {
	if err := opts.Validate(); err != nil {
		return nil, nil, fmt.Errorf("lsa: options: %w", err)
	}
	if len(texts) == 0 {
		return nil, nil, ErrEmptyCorpus
	}
	opts.FieldWeights = append([]float64(nil), opts.FieldWeights...)
	workers := opts.workers()
	progress := opts.Progress
	if progress == nil {
		progress = func(string, int, int) {}
		opts.Progress = progress
	}
	var st FitStats
	t0 := time.Now()
	counters, err := countCorpus(ctx, texts, &opts, workers)
	if err != nil {
		return nil, nil, err
	}
	st.Analyse = time.Since(t0)
	progress("lsa: analyse", len(texts), len(texts))

	t0 = time.Now()
	voc := buildVocabulary(counters, len(texts), &opts)
	if len(voc.keys) == 0 {
		return nil, nil, ErrEmptyCorpus
	}
	wg := weigher{idf: voc.idf, kinds: voc.kinds, kw: opts.kindWeights()}
	x := buildMatrix(counters, voc, &wg)
	counters = nil
	if x.nnz() == 0 {
		return nil, nil, ErrEmptyCorpus
	}
	st.Docs, st.Features, st.NNZ = len(texts), len(voc.keys), x.nnz()
	st.Matrix = time.Since(t0)
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}

	t0 = time.Now()
	progress("lsa: svd", 0, opts.PowerIters+1)
	svd, err := randomizedSVD(ctx, x, opts.Dim, opts.Oversample, opts.PowerIters, opts.Seed, workers,
		func(done int) { progress("lsa: svd", done, opts.PowerIters+1) })
	if err != nil {
		return nil, nil, fmt.Errorf("lsa: fit: %w", err)
	}
	x = nil
	progress("lsa: svd", opts.PowerIters+1, opts.PowerIters+1)
	st.SVD = time.Since(t0)
	st.Rank, st.Sigma = len(svd.sigma), svd.sigma

	opts.Workers, opts.Progress = 0, nil
	m := newModel(formatVersion, opts, voc.keys, plainWords(voc.keys, &opts), voc.idf, projFromDense(svd, opts.Dim), st)
	m.id = modelID(m)

	var vecs [][]float32
	if transform {
		t0 = time.Now()
		flat := make([]float32, len(texts)*m.dim)
		vecs = make([][]float32, len(texts))
		for i := range vecs {
			vecs[i] = flat[i*m.dim : (i+1)*m.dim : (i+1)*m.dim]
		}
		svd.docsTo(vecs)
		m.stats.Project = time.Since(t0)
	}
	slog.Debug("lsa: fitted", "docs", st.Docs, "features", st.Features, "nnz", st.NNZ, "rank", st.Rank,
		"analyse", st.Analyse, "matrix", st.Matrix, "svd", st.SVD, "project", m.stats.Project, "id", m.id)
	return m, vecs, nil
}

// projFromDense converts V_k (features × rank) into a row-major features × dim
// float32 matrix, zero-padding the components beyond the rank.
func projFromDense(svd *svdResult, dim int) []float32 {
	p := svd.proj
	if p.cols == dim {
		return p.data
	}
	out := make([]float32, p.rows*dim)
	for r := range p.rows {
		copy(out[r*dim:], p.data[r*p.cols:(r+1)*p.cols])
	}
	return out
}

// plainWords records, by feature id, the vocabulary words the analyzer treated
// as ordinary while fitting (nil without Options.OrdinaryWords).
func plainWords(keys []string, opts *Options) []bool {
	if !opts.OrdinaryWords {
		return nil
	}
	plain := make([]bool, len(keys))
	for i, k := range keys {
		if k[0] == keyPrefix[kindWord] && !strings.Contains(k, " ") {
			plain[i] = knownWord([]byte(k[1:]))
		}
	}
	return plain
}

// newModel assembles a model from its persistent state; plain is nil or has
// one entry per key.
func newModel(version uint16, opts Options, keys []string, plain []bool, idfs []float32, proj []float32, st FitStats) *Model {
	if plain == nil {
		plain = make([]bool, len(keys))
	}
	m := &Model{
		version: version,
		plain:   plain,
		opts:    opts,
		vocab:   make(map[string]int32, len(keys)),
		keys:    keys,
		proj:    proj,
		dim:     opts.Dim,
		stats:   st,
	}
	m.stats.Features = len(keys)
	kinds := make([]kind, len(keys))
	for i, k := range keys {
		m.vocab[k] = int32(i)
		kinds[i], _ = kindOf(k)
	}
	m.wg = weigher{idf: idfs, kinds: kinds, kw: opts.kindWeights()}
	m.spell = newSpeller(keys, idfs)
	return m
}
