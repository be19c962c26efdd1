package retrieve

import (
	"github.com/stylistbot/stylist/catalog"
	"github.com/stylistbot/stylist/query"
)

type cand struct {
	doc     int
	vec     float32
	inANN   bool
	lex     float32
	score   float32
	full    bool   // satisfies every requested hard field
	tier    uint8  // audience rank: tierFit, tierOtherSide, tierOff
	off     bool   // not for the request's audience
	matched uint32 // bit i: facets[i] matched (labels for the hits only: matchedLabels)
	missing uint32 // bit i: asked hard facets[i] not met; missingDetail, missingSleeves (names for the hits only: missingNames)
}

// Bits of cand.missing after the facets'.
const (
	missingDetail  = 1 << (iota + 30) // a ruled-out detail is present ("detail")
	missingSleeves                    // sleeves asked, the article has none ("sleeves")
)

// missingNames names what hit c misses, in the order the rerank finds it:
// the facets in table order, then "detail", then "sleeves" (hitMissing
// describes each).
func missingNames(c *cand) []string {
	var out []string
	for i := range facets {
		if c.missing&(1<<i) != 0 {
			out = append(out, facets[i].name)
		}
	}
	if c.missing&missingDetail != 0 {
		out = append(out, "detail")
	}
	if c.missing&missingSleeves != 0 {
		out = append(out, "sleeves")
	}
	return out
}

// matchedLabels names what hit c matched, in facet order ("type:Trousers",
// "details:quilted"); built for the hits only, not for every candidate.
func matchedLabels(c *cand, q *query.Query, a *catalog.Article) []string {
	var out []string
	for i := range facets {
		if c.matched&(1<<i) == 0 {
			continue
		}
		f := &facets[i]
		if i == facetDetails {
			has, _ := q.MatchedDetails(a)
			for _, d := range has {
				out = append(out, detailsMatched+":"+d)
			}
			continue
		}
		out = append(out, matchedLabel(f.name, q)+":"+facetValue(f.name, a))
	}
	return out
}

// rerank scores and orders the candidates; relax ranks articles off the
// audience as fitting (the audience is only the default and the catalog has
// nothing of the kind for it).
func (r *Retriever) rerank(cands *candSet, m *matcher, cfg Config, av *audienceView, relax bool) []*cand {
	q := m.q
	var maxLex float32
	for i := range cands.list {
		maxLex = max(maxLex, cands.list[i].lex)
	}
	out := make([]*cand, 0, len(cands.list))
	qual := r.qualifierScorer(q)
	for ci := range cands.list {
		c := &cands.list[ci]
		d := c.doc
		if m.excludes(d) {
			continue
		}
		s := c.vec
		if maxLex > 0 {
			s += cfg.LexicalWeight * c.lex / maxLex
		}
		c.full = true
		c.matched, c.missing = 0, 0
		for i := range facets {
			if m.asked&(1<<i) == 0 {
				continue
			}
			f := &facets[i]
			if i == facetDetails {
				has := m.detailsHas(d)
				s += f.weight * float32(has) / float32(len(q.Details))
				if has > 0 {
					c.matched |= 1 << i
				}
				if has < len(q.Details) {
					c.full = false
					c.missing |= 1 << i
				}
				continue
			}
			if m.facetMatch(i, d) {
				s += f.weight
				c.matched |= 1 << i
			} else if f.hard {
				c.full = false
				c.missing |= 1 << i // described for the hits only (hitMissing)
			}
		}
		if m.c.ExactColour(&r.feat.art[d].ids) {
			s += exactColourBonus
		}
		if m.ruledOut(d) {
			s -= detailPenalty
			c.full = false
			c.missing |= missingDetail
		}
		s -= m.descPenalty(d)
		s += qual.bonus(d)
		if m.lacksSleeves(d) { // sleeves asked, and it has none: never a full match
			s -= sleevePenalty
			c.full = false
			c.missing |= missingSleeves
		}
		c.tier, c.off = av.tier(d, relax)
		if c.tier == tierOtherSide {
			s -= otherSidePenalty
		}
		c.score = s
		out = append(out, c)
	}
	cands.sortRanked(out) // tier off last, then full matches first, then by score, then by position
	return out
}

// productKey is an article's product code, or its id when it has none.
func productKey(a *catalog.Article) string {
	if a.ProductCode != "" {
		return a.ProductCode
	}
	return a.ArticleID
}

func facetValue(name string, a *catalog.Article) string {
	switch name {
	case "type":
		return a.ProductTypeName
	case "colour":
		return a.ColourGroupName
	case "department":
		return a.IndexGroupName
	case "appearance":
		return a.GraphicalAppearanceName
	case "garment_group":
		return a.GarmentGroupName
	}
	return ""
}

func contains(vals []string, v string) bool {
	for _, x := range vals {
		if x == v {
			return true
		}
	}
	return false
}
