package retrieve

import (
	"context"

	"github.com/stylistbot/stylist/query"
)

// searchParts answers a request naming several items ("a white shirt and
// blue jeans for men"): each item is searched on its own, with its own
// colour and type, and the hits alternate between the items so that any
// top n covers all of them. Hit.Part says which item a hit answers.
func (r *Retriever) searchParts(ctx context.Context, q query.Query, k int, tm *Timings) (*Result, error) {
	res := &Result{Query: q.Text, Count: q.Count, Hits: []Hit{}, Parsed: q}
	lists := make([][]Hit, 0, len(q.Parts))
	for i, part := range q.Parts {
		pr, err := r.SearchQuery(ctx, part, k, tm)
		if err != nil {
			return nil, err
		}
		for j := range pr.Hits {
			pr.Hits[j].Part = i + 1
		}
		lists = append(lists, pr.Hits)
		res.Parts = append(res.Parts, part.Text)
		res.FullMatches += pr.FullMatches
	}
	seen := map[string]bool{}
	for round := 0; len(res.Hits) < k; round++ {
		more := false
		for _, l := range lists {
			if round >= len(l) {
				continue
			}
			more = true
			if h := l[round]; !seen[h.Article.ArticleID] && len(res.Hits) < k {
				seen[h.Article.ArticleID] = true
				res.Hits = append(res.Hits, h)
			}
		}
		if !more {
			break
		}
	}
	if n := q.LimitNotice(len(res.Hits) > 0); n != "" {
		res.Notices = append(res.Notices, n)
	}
	return res, nil
}
