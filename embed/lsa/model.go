package lsa

import (
	"context"
	"math"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"gonum.org/v1/gonum/blas/blas32"
)

// FitStats describes a fitted model and, after Fit, where the time went.
type FitStats struct {
	Docs     int       // documents the model was fitted on
	Features int       // vocabulary size
	NNZ      int       // nonzeros of the document-term matrix (0 after Load)
	Rank     int       // nonzero components (<= Dim)
	Sigma    []float64 // singular values, decreasing

	Analyse time.Duration // tokenising and counting
	Matrix  time.Duration // vocabulary, TF-IDF matrix and its transpose
	SVD     time.Duration // randomized SVD
	Project time.Duration // document vectors
}

// Model is a fitted LSA embedder. It is immutable and safe for concurrent use.
type Model struct {
	opts  Options
	vocab map[string]int32
	keys  []string
	wg    weigher
	proj  []float32 // features × dim, row-major
	dim   int
	stats FitStats
	spell *speller
	// plain marks, by feature id, the vocabulary words fitting treated as
	// ordinary (Options.OrdinaryWords), so that a later change of the word list
	// cannot make queries disagree with the indexed documents.
	plain   []bool
	version uint16 // format version the model is saved (and identified) in
	id      string
	pool    sync.Pool // *vectorizer
}

// ID identifies the model and its fitted state, e.g. "lsa/v2/d256/3f2a…".
func (m *Model) ID() string { return m.id }

// Dim is the vector length.
func (m *Model) Dim() int { return m.dim }

// Options returns the options the model was fitted with (Workers and Progress unset).
func (m *Model) Options() Options {
	o := m.opts
	o.FieldWeights = slices.Clone(o.FieldWeights)
	return o
}

// Stats describes the fitted model.
func (m *Model) Stats() FitStats { return m.stats }

// EmbedQuery embeds one query. Unlike EmbedDocuments it first corrects words
// unknown to the vocabulary to the most frequent known word one edit away
// ("sweather" → "sweater").
func (m *Model) EmbedQuery(_ context.Context, text string) ([]float32, error) {
	out := make([]float32, m.dim)
	vz := m.getVectorizer()
	vz.an.fix = m.spell.correct
	vz.embed(text, out)
	vz.an.fix = nil
	m.pool.Put(vz)
	return out, nil
}

// EmbedDocuments embeds texts in parallel; vectors are in input order.
func (m *Model) EmbedDocuments(ctx context.Context, texts []string) ([][]float32, error) {
	out := make([][]float32, len(texts))
	flat := make([]float32, len(texts)*m.dim)
	for i := range out {
		out[i] = flat[i*m.dim : (i+1)*m.dim : (i+1)*m.dim]
	}
	const block = 256
	var next atomic.Int64
	var group sync.WaitGroup
	for range max(1, min(maxProcs(), (len(texts)+block-1)/block)) {
		group.Go(func() {
			vz := m.getVectorizer()
			defer m.pool.Put(vz)
			for {
				lo := int(next.Add(block)) - block
				if lo >= len(texts) || ctx.Err() != nil {
					return
				}
				for i := lo; i < min(lo+block, len(texts)); i++ {
					vz.embed(texts[i], out[i])
				}
			}
		})
	}
	group.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

func (m *Model) getVectorizer() *vectorizer {
	if vz, ok := m.pool.Get().(*vectorizer); ok {
		return vz
	}
	vz := &vectorizer{m: m, an: newAnalyzer(&m.opts), acc: make([]float64, len(m.keys)), grams: map[string][]int32{}}
	vz.an.grams = vz.addGrams
	vz.an.ordinary = vz.ordinary
	return vz
}

// maxCachedWords bounds the per-vectorizer cache of words' n-gram features.
const maxCachedWords = 1 << 16

// vectorizer holds one goroutine's scratch space for embedding texts.
type vectorizer struct {
	m       *Model
	an      *analyzer
	acc     []float64 // tf accumulator by feature id
	touched []int32
	vals    []float32
	grams   map[string][]int32 // word -> ids of its known character n-grams
	gramIDs []int32
	wkey    []byte
}

// ordinary is the model's decision of ordinary words: the one recorded at
// fitting for vocabulary words, lexicon.Known for the others.
func (vz *vectorizer) ordinary(word []byte) bool {
	vz.wkey = append(append(vz.wkey[:0], keyPrefix[kindWord]), word...)
	if id, ok := vz.m.vocab[string(vz.wkey)]; ok {
		return vz.m.plain[id]
	}
	return knownWord(word)
}

func (vz *vectorizer) emit(key []byte, _ kind, w float64) {
	if id, ok := vz.m.vocab[string(key)]; ok {
		vz.addID(id, w)
	}
}

func (vz *vectorizer) addID(id int32, w float64) {
	if vz.acc[id] == 0 {
		vz.touched = append(vz.touched, id)
	}
	vz.acc[id] += w
}

// addGrams adds the known character n-grams of word, looked up once per word.
func (vz *vectorizer) addGrams(word []byte, w float64) {
	ids, ok := vz.grams[string(word)]
	if !ok {
		vz.gramIDs = vz.gramIDs[:0]
		vz.an.charGrams(word, 1, func(key []byte, _ kind, _ float64) {
			if id, ok := vz.m.vocab[string(key)]; ok {
				vz.gramIDs = append(vz.gramIDs, id)
			}
		})
		ids = slices.Clone(vz.gramIDs)
		if len(vz.grams) < maxCachedWords {
			vz.grams[string(word)] = ids
		}
	}
	for _, id := range ids {
		vz.addID(id, w)
	}
}

// embed writes the normalised projection of text into out (len dim).
func (vz *vectorizer) embed(text string, out []float32) {
	vz.an.analyze(text, vz.emit)
	vz.vals = vz.vals[:0]
	for _, id := range vz.touched {
		vz.vals = append(vz.vals, float32(vz.acc[id]))
		vz.acc[id] = 0
	}
	m := vz.m
	m.wg.weigh(vz.touched, vz.vals, vz.an.charShare())
	clear(out)
	y := blas32.Vector{N: m.dim, Inc: 1, Data: out}
	for i, id := range vz.touched {
		row := m.proj[int(id)*m.dim : (int(id)+1)*m.dim]
		blas32.Axpy(vz.vals[i], blas32.Vector{N: m.dim, Inc: 1, Data: row}, y)
	}
	vz.touched = vz.touched[:0]
	normalize(out)
}

// normalize scales v to unit L2 norm; a zero (or non-finite) vector becomes zero.
func normalize(v []float32) {
	var ss float64
	for _, x := range v {
		ss += float64(x) * float64(x)
	}
	if !(ss > 0) || math.IsInf(ss, 0) {
		clear(v)
		return
	}
	s := float32(1 / math.Sqrt(ss))
	for i := range v {
		v[i] *= s
	}
}
