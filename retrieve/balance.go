package retrieve

import "github.com/stylistbot/stylist/query"

// balanceTypes spreads a broad request over its kinds (query.Query.Broad:
// "a top" → Top, Vest top, T-shirt, Blouse; "a dress or skirt"): the full matches are taken in turns from each type,
// best type first, instead of letting one kind fill the answer. Partial
// matches keep their place after the full ones.
func (r *Retriever) balanceTypes(ranked []*cand, q *query.Query) []*cand {
	if !q.Broad || len(q.Types) < 2 {
		return ranked
	}
	var order []string
	byType := map[string][]*cand{}
	full := 0
	for _, c := range ranked {
		if !c.full {
			break
		}
		full++
		t := r.arts[c.doc].ProductTypeName
		if _, ok := byType[t]; !ok {
			order = append(order, t)
		}
		byType[t] = append(byType[t], c)
	}
	if len(order) < 2 {
		return ranked
	}
	out := make([]*cand, 0, len(ranked))
	for round := 0; len(out) < full; round++ {
		for _, t := range order {
			if l := byType[t]; round < len(l) {
				out = append(out, l[round])
			}
		}
	}
	return append(out, ranked[full:]...)
}
