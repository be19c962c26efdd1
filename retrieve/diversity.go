package retrieve

// diversify keeps the first k of the ranked candidates (of cands), at most one per product_code when
// dedupe is set (H&M lists each colourway as its own article), re-ordered by
// maximal marginal relevance when lambda > 0. Candidates that satisfy every
// constraint stay ahead of the rest.
func (r *Retriever) diversify(cands *candSet, ranked []*cand, k int, dedupe bool, lambda float32) []*cand {
	pool := ranked
	if dedupe {
		seen := cands.productMarks()
		pool = pool[:0:0]
		for _, c := range ranked {
			p := r.feat.art[c.doc].product // productKey's id
			if seen[p] {
				continue
			}
			seen[p] = true
			pool = append(pool, c)
		}
		// If deduplication left too few, take the colourways back in rank order.
		if len(pool) < k {
			in := map[*cand]bool{}
			for _, c := range pool {
				in[c] = true
			}
			for _, c := range ranked {
				if len(pool) >= k {
					break
				}
				if !in[c] {
					pool = append(pool, c)
				}
			}
		}
	}
	if lambda <= 0 || len(pool) <= 1 {
		return pool[:min(k, len(pool))]
	}
	return r.mmr(pool[:min(len(pool), k*5)], k, lambda)
}

// mmr picks k items greedily by lambda*relevance - (1-lambda)*max similarity to the
// picked ones, where similarity is attribute overlap (type, colour, name, section).
func (r *Retriever) mmr(pool []*cand, k int, lambda float32) []*cand {
	var maxS float32
	for _, c := range pool {
		maxS = max(maxS, c.score)
	}
	if maxS <= 0 {
		maxS = 1
	}
	picked := make([]*cand, 0, k)
	used := make([]bool, len(pool))
	for len(picked) < k && len(picked) < len(pool) {
		best, bestV := -1, float32(0)
		for i, c := range pool {
			if used[i] {
				continue
			}
			var sim float32
			for _, p := range picked {
				sim = max(sim, r.similarity(c.doc, p.doc))
			}
			v := lambda*c.score/maxS - (1-lambda)*sim
			if c.full {
				v += 10 // never let diversity push a full match below a partial one
			}
			if c.tier == tierOff {
				v -= 100 // nor an article for the audience below one that is not
			}
			if best < 0 || v > bestV {
				best, bestV = i, v
			}
		}
		used[best] = true
		picked = append(picked, pool[best])
	}
	return picked
}

func (r *Retriever) similarity(a, b int) float32 {
	x, y := &r.arts[a], &r.arts[b]
	var s float32
	if x.ProductTypeName == y.ProductTypeName {
		s += 0.3
	}
	if x.ColourGroupName == y.ColourGroupName {
		s += 0.3
	}
	if x.ProdName == y.ProdName {
		s += 0.3
	}
	if x.SectionName == y.SectionName {
		s += 0.1
	}
	return s
}
