// Package retrievetest drives the real retriever in tests with a stand-in
// vector search that ranks articles by the words they share with the query.
package retrievetest

import (
	"context"
	"slices"
	"sort"
	"testing"

	"github.com/stylistbot/stylist/catalog"
	"github.com/stylistbot/stylist/index/faiss"
	"github.com/stylistbot/stylist/retrieve"
)

// OverlapANN ranks articles by the tokens their chunk text shares with the query.
type OverlapANN struct {
	arts []catalog.Article
	toks [][]string
}

// NewOverlapANN indexes arts' default chunk texts.
func NewOverlapANN(arts []catalog.Article) OverlapANN {
	o := OverlapANN{arts: arts, toks: make([][]string, len(arts))}
	for i, a := range arts {
		o.toks[i] = retrieve.Tokens(catalog.DefaultText().Render(a))
	}
	return o
}

// Articles implements retrieve.ANN.
func (o OverlapANN) Articles() []catalog.Article { return o.arts }

// SearchText implements retrieve.ANN: 0.05 per shared token, ties in article order.
func (o OverlapANN) SearchText(_ context.Context, text string, k int, p faiss.SearchParams) ([]int, []float32, error) {
	q := map[string]bool{}
	for _, t := range retrieve.Tokens(text) {
		q[t] = true
	}
	idx := make([]int, len(o.arts))
	sim := make([]float32, len(o.arts))
	for i := range o.arts {
		idx[i] = i
		for _, t := range o.toks[i] {
			if q[t] {
				sim[i] += 0.05
			}
		}
	}
	if p.Allow != nil { // as the FAISS index does: only allowed positions
		idx = slices.DeleteFunc(idx, func(d int) bool { return !p.Allow.Has(int64(d)) })
	}
	sort.SliceStable(idx, func(a, b int) bool { return sim[idx[a]] > sim[idx[b]] })
	idx = idx[:min(k, len(idx))]
	out := make([]float32, len(idx))
	for i, d := range idx {
		out[i] = sim[d]
	}
	return idx, out, nil
}

// New builds the real hybrid retriever (default config) over arts with an OverlapANN.
func New(tb testing.TB, arts []catalog.Article) *retrieve.Retriever {
	tb.Helper()
	texts := make([]string, len(arts))
	for i, a := range arts {
		texts[i] = catalog.DefaultText().Render(a)
	}
	r, err := retrieve.New(NewOverlapANN(arts), texts, retrieve.DefaultConfig())
	if err != nil {
		tb.Fatal(err)
	}
	return r
}
