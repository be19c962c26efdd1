package retrieve

import (
	"math"
	"runtime"
	"sort"
	"strings"
	"sync"
	"unicode"
)

// BM25 is an in-memory Okapi BM25 index over article texts.
type BM25 struct {
	k1, b    float32
	avgLen   float32
	docLen   []uint16
	norm     []float32 // k1 * (1 - b + b*len/avgLen) per document
	pool     sync.Pool // *accumulator
	postings map[string][]posting
	idf      map[string]float32
	weights  sync.Map // term -> []float32: each posting's BM25 contribution, computed on first use
}

type posting struct {
	doc int32
	tf  uint16
}

// NewBM25 indexes docs (position = document id) with k1 = 1.2, b = 0.75.
func NewBM25(docs []string) *BM25 {
	workers := max(1, runtime.GOMAXPROCS(0))
	type part struct {
		lens []uint16
		post map[string][]posting
	}
	parts := make([]part, workers)
	chunk := (len(docs) + workers - 1) / workers
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		lo, hi := w*chunk, min((w+1)*chunk, len(docs))
		if lo >= hi {
			continue
		}
		wg.Add(1)
		go func(w, lo, hi int) {
			defer wg.Done()
			p := part{lens: make([]uint16, hi-lo), post: map[string][]posting{}}
			tf := map[string]uint16{}
			for d := lo; d < hi; d++ {
				clear(tf)
				toks := Tokens(docs[d])
				for _, t := range toks {
					tf[t]++
				}
				p.lens[d-lo] = uint16(min(len(toks), math.MaxUint16))
				for t, n := range tf {
					p.post[t] = append(p.post[t], posting{doc: int32(d), tf: n})
				}
			}
			parts[w] = p
		}(w, lo, hi)
	}
	wg.Wait()
	x := &BM25{k1: 1.2, b: 0.75, docLen: make([]uint16, 0, len(docs)), postings: map[string][]posting{}}
	for _, p := range parts {
		x.docLen = append(x.docLen, p.lens...)
		for t, ps := range p.post {
			x.postings[t] = append(x.postings[t], ps...)
		}
	}
	x.finish()
	return x
}

// finish derives the average length, the per-document norms and the idf from
// the document lengths and postings.
func (x *BM25) finish() {
	total := 0
	for _, l := range x.docLen {
		total += int(l)
	}
	n := len(x.docLen)
	if n > 0 {
		x.avgLen = float32(total) / float32(n)
	}
	x.norm = make([]float32, n)
	for d, l := range x.docLen {
		x.norm[d] = x.k1 * (1 - x.b + x.b*float32(l)/x.avgLen)
	}
	x.pool.New = func() any { return &accumulator{score: make([]float32, n), touched: make([]int32, n+1)} }
	x.idf = make(map[string]float32, len(x.postings))
	for t, ps := range x.postings {
		df := float64(len(ps))
		x.idf[t] = float32(math.Log(1 + (float64(n)-df+0.5)/(df+0.5)))
	}
}

// Scored is a document id with a score.
type Scored struct {
	Doc   int
	Score float32
}

// Search returns up to k documents by BM25 score for the query terms.
func (x *BM25) Search(terms []string, k int) []Scored {
	return TopK(x.Accumulate(terms), k, nil)
}

// Accumulate returns the BM25 score of every document that has a query term, unordered.
func (x *BM25) Accumulate(terms []string) []Scored { return x.AccumulateInto(nil, terms) }

// AccumulateInto is Accumulate appending to buf[:0] (a buffer the caller
// reuses across searches: common terms touch tens of thousands of documents).
func (x *BM25) AccumulateInto(buf []Scored, terms []string) []Scored {
	out, _ := x.accumulate(buf, terms)
	return out
}

// accumulate is AccumulateInto that also returns the highest score (0 when
// no document has a term).
func (x *BM25) accumulate(buf []Scored, terms []string) ([]Scored, float32) {
	if len(terms) == 0 {
		return buf[:0], 0
	}
	acc := x.pool.Get().(*accumulator)
	defer x.pool.Put(acc)
	score, touched := acc.score, acc.touched[:cap(acc.touched)]
	n := 0
	for _, t := range dedupe(terms) {
		ps := x.postings[t]
		w := x.termWeights(t, ps)
		w = w[:len(ps)]
		for i, p := range ps {
			// Record the document when this is its first term, without a
			// branch (it is taken at random): scores are positive, so the
			// bits of a float32 are 0 exactly when it is.
			s := score[p.doc]
			touched[n] = p.doc
			n += int((math.Float32bits(s) - 1) >> 31)
			score[p.doc] = s + w[i]
		}
	}
	out := buf[:0]
	if cap(out) < n {
		out = make([]Scored, 0, n)
	}
	var hi float32
	for _, d := range touched[:n] {
		s := score[d]
		out = append(out, Scored{Doc: int(d), Score: s})
		if s > hi {
			hi = s
		}
		score[d] = 0
	}
	return out, hi
}

// postingsOf counts the postings of terms (the work of accumulating them).
func (x *BM25) postingsOf(terms []string) int {
	n := 0
	for _, t := range terms {
		n += len(x.postings[t])
	}
	return n
}

// termWeights returns the BM25 contribution of each of term t's postings ps,
// idf * tf * (k1 + 1) / (tf + norm[doc]): computed once per term, so a search
// adds one float per posting instead of reading each document's norm and
// dividing. Terms never searched cost nothing (no start-up work).
func (x *BM25) termWeights(t string, ps []posting) []float32 {
	if w, ok := x.weights.Load(t); ok {
		return w.([]float32)
	}
	idf := x.idf[t]
	w := make([]float32, len(ps))
	for i, p := range ps {
		tf := float32(p.tf)
		w[i] = idf * tf * (x.k1 + 1) / (tf + x.norm[p.doc])
	}
	x.weights.Store(t, w)
	return w
}

// accumulator is a reusable dense score array (zeroed after use) and room
// for the docs a search touches (each once, plus the slot the branch-free
// append writes past the last).
type accumulator struct {
	score   []float32
	touched []int32
}

// Score returns the BM25 score of one document for the terms.
func (x *BM25) Score(terms []string, doc int) float32 {
	var s float32
	for _, t := range dedupe(terms) {
		ps := x.postings[t]
		i := sort.Search(len(ps), func(i int) bool { return ps[i].doc >= int32(doc) })
		if i < len(ps) && ps[i].doc == int32(doc) {
			tf := float32(ps[i].tf)
			norm := x.k1 * (1 - x.b + x.b*float32(x.docLen[doc])/x.avgLen)
			s += x.idf[t] * tf * (x.k1 + 1) / (tf + norm)
		}
	}
	return s
}

func dedupe(ts []string) []string {
	seen := make(map[string]bool, len(ts))
	out := ts[:0:0]
	for _, t := range ts {
		if !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	return out
}

// stop lists words that carry no retrieval signal.
var stop = map[string]bool{"a": true, "an": true, "the": true, "and": true, "or": true, "with": true, "for": true, "in": true,
	"of": true, "to": true, "on": true, "at": true, "me": true, "my": true, "i": true, "you": true, "is": true, "it": true,
	"some": true, "want": true, "like": true, "please": true, "do": true, "have": true, "looking": true, "need": true, "show": true,
	"offer": true, "choices": true, "items": true, "which": true, "that": true, "be": true, "are": true, "by": true, "from": true}

// compounds keeps words whose parts mean something else apart ("t-shirt" is not a "shirt").
var compounds = strings.NewReplacer("t-shirt", "tshirt", "t shirt", "tshirt", "tee-shirt", "tshirt", "v-neck", "vneck", "x-large", "xlarge")

// Tokens lowercases s, splits it on non-alphanumerics, drops stop words and
// folds simple plurals, as both the index and queries do.
func Tokens(s string) []string {
	s = compounds.Replace(strings.ToLower(s))
	fields := strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	out := fields[:0]
	for _, f := range fields {
		if stop[f] || len(f) < 2 && !unicode.IsDigit(rune(f[0])) {
			continue
		}
		out = append(out, stem(f))
	}
	return out
}

func stem(w string) string {
	switch {
	case len(w) > 4 && strings.HasSuffix(w, "ies"):
		return w[:len(w)-3] + "y"
	case len(w) > 4 && (strings.HasSuffix(w, "sses") || strings.HasSuffix(w, "shes") || strings.HasSuffix(w, "ches")):
		return w[:len(w)-2]
	case len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us") && w != "jeans" && w != "trousers" && w != "shorts" && w != "leggings" && w != "tights":
		return w[:len(w)-1]
	}
	return w
}
