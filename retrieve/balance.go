package retrieve

import "github.com/stylistbot/stylist/query"

// balanceTypes spreads a broad request over its kinds (query.Query.Broad:
// "a top" → Top, Vest top, T-shirt, Blouse; "a dress or skirt"): the full
// matches alternate between sleeved and sleeveless articles and, within
// each, take turns from each type, best first, instead of letting one kind
// (vest tops) fill the answer. Partial matches keep their place after the
// full ones. A request that names sleeves is not balanced on them.
func (r *Retriever) balanceTypes(ranked []*cand, q *query.Query) []*cand {
	if !q.Broad || len(q.Types) < 2 {
		return ranked
	}
	full := 0
	for full < len(ranked) && ranked[full].full {
		full++
	}
	sleeves := contains(q.Soft, "long sleeve") || contains(q.Soft, "short sleeve") || contains(q.Soft, "sleeveless")
	var pools [2][]*cand // sleeved, sleeveless
	first := -1
	for _, c := range ranked[:full] {
		p := 0
		if !sleeves && r.feat.art[c.doc].flags&featSleeveless != 0 {
			p = 1
		}
		if first < 0 {
			first = p
		}
		pools[p] = append(pools[p], c)
	}
	if first < 0 {
		return ranked
	}
	a, b := r.byTypeTurns(pools[first]), r.byTypeTurns(pools[1-first])
	out := make([]*cand, 0, len(ranked))
	for i := 0; i < len(a) || i < len(b); i++ {
		if i < len(a) {
			out = append(out, a[i])
		}
		if i < len(b) {
			out = append(out, b[i])
		}
	}
	return append(out, ranked[full:]...)
}

// byTypeTurns orders candidates by taking turns from each product type, in
// the order each type first appears.
func (r *Retriever) byTypeTurns(cs []*cand) []*cand {
	var order []string
	byType := map[string][]*cand{}
	for _, c := range cs {
		t := r.arts[c.doc].ProductTypeName
		if _, ok := byType[t]; !ok {
			order = append(order, t)
		}
		byType[t] = append(byType[t], c)
	}
	out := make([]*cand, 0, len(cs))
	for round := 0; len(out) < len(cs); round++ {
		for _, t := range order {
			if l := byType[t]; round < len(l) {
				out = append(out, l[round])
			}
		}
	}
	return out
}
