package retrieve

import (
	"context"

	"github.com/stylistbot/stylist/query"
)

// SearchNarrow is SearchQuery with at most candidates ANN and lexical
// candidates each (fewer than the configured number when smaller), for
// tightly constrained queries such as an outfit slot's, where a small pool
// already holds the best matches and the attribute postings fill the rest.
func (r *Retriever) SearchNarrow(ctx context.Context, q query.Query, k, candidates int, tm *Timings) (*Result, error) {
	cfg := *r.cfg.Load()
	if candidates > 0 && candidates < cfg.Candidates {
		cfg.Candidates = candidates
	}
	return r.searchQuery(ctx, q, k, tm, cfg)
}
