package retrieve

import (
	"context"

	"github.com/stylistbot/stylist/catalog"
	"github.com/stylistbot/stylist/query"
)

// Articles returns the indexed articles (read-only).
func (r *Retriever) Articles() []catalog.Article { return r.arts }

// Narrow bounds the work of one search (0 keeps the configured value).
type Narrow struct {
	Candidates int // ANN and lexical candidates each, at most the configured number
	EfSearch   int // HNSW efSearch, at most the configured one
}

// SearchNarrow is SearchQuery with a smaller candidate pool and search
// effort, for tightly constrained queries such as an outfit slot's: the hard
// constraints and the attribute postings do most of the work, so a small
// pool already holds the best matches.
func (r *Retriever) SearchNarrow(ctx context.Context, q query.Query, k int, n Narrow, tm *Timings) (*Result, error) {
	cfg := *r.cfg.Load()
	if n.Candidates > 0 && n.Candidates < cfg.Candidates {
		cfg.Candidates = n.Candidates
	}
	if n.EfSearch > 0 && (cfg.Params.EfSearch == 0 || n.EfSearch < cfg.Params.EfSearch) {
		cfg.Params.EfSearch = n.EfSearch
	}
	return r.searchQuery(ctx, q, k, tm, cfg)
}
