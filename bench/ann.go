package bench

import (
	"context"
	"errors"
	"sync/atomic"
	"time"

	"github.com/stylistbot/stylist/catalog"
	"github.com/stylistbot/stylist/index"
	"github.com/stylistbot/stylist/index/faiss"
	"github.com/stylistbot/stylist/retrieve"
)

// errNoIndex is returned by a switchANN searched before an index is set.
var errNoIndex = errors.New("bench: no FAISS index selected")

// switchANN implements retrieve.ANN over a raw FAISS index and an embedder,
// exactly as index.Index does (embed the text, search, drop empty slots), with
// an index that can be swapped between runs, so one Retriever (and its BM25
// and vocabulary, which take seconds to build on a large catalog) serves
// every factory.
type switchANN struct {
	arts []catalog.Article
	emb  index.Embedder
	fx   atomic.Pointer[faiss.Index]

	lastEmbed, lastSearch atomic.Int64 // durations of the latest call, for the stage split
}

var _ retrieve.ANN = (*switchANN)(nil)

// newSwitchANN returns an adapter with no index selected.
func newSwitchANN(arts []catalog.Article, emb index.Embedder) *switchANN {
	return &switchANN{arts: arts, emb: emb}
}

// last returns the embedding and search durations of the latest SearchText.
func (s *switchANN) last() (embed, search time.Duration) {
	return time.Duration(s.lastEmbed.Load()), time.Duration(s.lastSearch.Load())
}

// set selects the index searched from now on.
func (s *switchANN) set(fx *faiss.Index) { s.fx.Store(fx) }

// Articles implements retrieve.ANN.
func (s *switchANN) Articles() []catalog.Article { return s.arts }

// SearchText implements retrieve.ANN.
func (s *switchANN) SearchText(ctx context.Context, text string, k int, p faiss.SearchParams) ([]int, []float32, error) {
	fx := s.fx.Load()
	if fx == nil {
		return nil, nil, errNoIndex
	}
	if k <= 0 {
		return nil, nil, nil
	}
	t0 := time.Now()
	v, err := s.emb.EmbedQuery(ctx, text)
	if err != nil {
		return nil, nil, err
	}
	t1 := time.Now()
	scores, ids, err := fx.Search(v, k, p)
	if err != nil {
		return nil, nil, err
	}
	s.lastEmbed.Store(int64(t1.Sub(t0)))
	s.lastSearch.Store(int64(time.Since(t1)))
	pos := make([]int, 0, len(ids))
	sims := make([]float32, 0, len(ids))
	for i, id := range ids {
		if id < 0 || int(id) >= len(s.arts) {
			continue
		}
		pos = append(pos, int(id))
		sims = append(sims, scores[i])
	}
	return pos, sims, nil
}
