package retrieve

import (
	"fmt"
	"slices"
	"strings"

	"github.com/stylistbot/stylist/catalog"
	"github.com/stylistbot/stylist/query"
)

// Audience tiers: retrieval ranks every article for the request's audience
// (query.Query.Audience) above every article that is not, so a request
// relaxes to other departments only when its own has too few articles.
//
// Gender is a preference inside that line: a child's article from the other
// girl/boy side, or an adult article of the other gender when a gender was
// said ("hoodie for my boyfriend" when the men's hoodies run out), scores
// otherSidePenalty less and is marked off the audience when it is not allowed.
const (
	tierFit       uint8 = iota // for the audience (and the girl/boy side asked, or unisex)
	tierOtherSide              // the other girl/boy side, or the other adult gender
	tierOff                    // not for the audience: children for adults, adults or another band for a child
)

// otherSidePenalty is what the other side loses in the rerank score (the
// weight of a matched department).
const otherSidePenalty = 0.45

// audienceTier places article a for q's audience and says whether it is off
// the audience; relax ranks every article as fitting, so the kind asked wins
// over the audience. Retrieval relaxes when the audience is only the default
// and the catalog has nothing of the kind for adults ("a bib"); an audience
// the request states wins over the kind ("a bib for my husband" shows men's
// articles, with the usual notice that nothing matches all of it).
func audienceTier(q *query.Query, a *catalog.Article, relax bool) (uint8, bool) {
	au := q.Audience
	switch {
	case au.Allows(a) && !au.Prefers(a):
		return tierOtherSide, false
	case au.Allows(a):
		return tierFit, false
	case au.Who == query.WhoWomen || au.Who == query.WhoMen:
		if who, _, _ := query.ArticleWho(a); who == query.WhoWomen || who == query.WhoMen {
			return tierOtherSide, true
		}
	}
	if relax {
		return tierFit, true
	}
	return tierOff, true
}

// audienceHasKind reports whether the catalog has an article of the product
// type or group asked for the audience asked (true when no kind is asked):
// "a bib" has none for adults, so the bibs are shown, with a notice.
func (r *Retriever) audienceHasKind(q *query.Query, av *audienceView) bool {
	if q.Audience.IsZero() || len(q.Types)+len(q.ProductGroups) == 0 {
		return true
	}
	var lists [][]int32
	for _, t := range q.Types {
		lists = append(lists, r.feat.postings(query.AttrType, t))
	}
	for _, g := range q.ProductGroups {
		lists = append(lists, r.feat.postings(query.AttrGroup, g))
	}
	for _, l := range lists {
		for _, d := range l {
			if av.allows(int(d)) {
				return true
			}
		}
	}
	return false
}

// fits reports whether article d satisfies every hard facet of m's query,
// its audience (av: the memo of the query's audience), and none of its exclusions.
func (r *Retriever) fits(m *matcher, d int, av *audienceView) bool {
	return av.allows(d) && m.hardMatch(d) && !m.excludes(d) // the memo's one load first
}

// AudienceNotices says, for an answer made of the first n hits, what the
// person should know about the audience: that some or all items are from
// other departments (relaxed), and that the audience was inferred from weak
// evidence, with how to change it. At most one line; nil when there is
// nothing to say.
func (r *Result) AudienceNotices(n int) []string {
	a := r.Parsed.Audience
	if a.IsZero() || len(r.Hits) == 0 || n <= 0 {
		return nil
	}
	hits := r.Hits[:min(n, len(r.Hits))]
	off := 0
	for _, h := range hits {
		if h.OffAudience {
			off++
		}
	}
	var out []string
	switch {
	case off == len(hits):
		what := "nothing like this"
		if len(r.Parsed.Types) > 0 {
			what = "no " + strings.Join(r.Parsed.Types, " or ")
		}
		out = append(out, fmt.Sprintf("%s for %s in the catalog; showing the closest items from other departments", what, audienceFor(a)))
	case off > 0:
		out = append(out, fmt.Sprintf("only %d of these are for %s; the rest are the closest items from other departments", len(hits)-off, audienceFor(a)))
	}
	if a.Evidence == query.EvidenceInferred {
		out = append(out, inferredNotice(a))
	}
	if len(out) > 1 { // one line: what was relaxed, then how to change who it is for
		out = []string{out[0] + "; " + out[1]}
	}
	return out
}

// audienceFor names the audience after "for": "adults", "women", "children (92-170)".
func audienceFor(a query.Audience) string {
	switch a.Who {
	case query.WhoAdult:
		return "adults"
	case query.WhoWomen:
		return "women"
	case query.WhoMen:
		return "men"
	case query.WhoTeen:
		return "teens"
	case query.WhoBaby:
		return "babies (" + strings.TrimPrefix(a.Label(), "baby ") + ")"
	}
	if s := strings.TrimPrefix(a.Label(), "children's "); s != a.Label() {
		return "children (" + s + ")"
	}
	return "children"
}

// inferredNotice is the one line that says an audience was guessed and how to change it.
func inferredNotice(a query.Audience) string {
	from := ""
	if a.Cue != "" {
		from = fmt.Sprintf(" (from %q)", a.Cue)
	}
	switch a.Who {
	case query.WhoWomen:
		return "showing women's sizes" + from + "; say 'for men' or 'for kids' to change"
	case query.WhoMen:
		return "showing men's sizes" + from + "; say 'for women' or 'for kids' to change"
	case query.WhoAdult:
		return "showing adult sizes" + from + "; say 'for kids' to change"
	}
	sizes := strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(a.Label(), "children's"), "baby"))
	if sizes != "" {
		sizes = " " + sizes
	}
	kind := map[query.Who]string{query.WhoBaby: "baby", query.WhoTeen: "teen"}[a.Who]
	if kind == "" {
		kind = "children's"
	}
	return "showing " + kind + " sizes" + sizes + from + "; give an age, or say 'for adults' to change"
}

// fillAudience adds the best lexical matches among the audience's own
// articles when the candidates hold fewer than k of them (a men's dressing
// gown is rare among dressing gowns), so relaxation to other departments
// happens only when the catalog has too few, not when the first candidates do.
// The vector candidates need no such fill: the ANN searched only the
// audience's articles (searchQuery), unless the audience was relaxed.
func (r *Retriever) fillAudience(cands *candSet, scored []Scored, hi float32, m *matcher, k int, cfg Config, av *audienceView) {
	if m.q.Audience.IsZero() || r.audienceIn(cands, m, av, k) >= k {
		return
	}
	for _, s := range topKBelow(scored, hi, cfg.Candidates, av.allowMask()) {
		cands.get(s.Doc).lex = s.Score
	}
}

// audienceIn counts the candidates for q's audience that meet its hard
// constraints (a child's T-shirt for "a t-shirt for my daughter", not any
// child's article), stopping at k.
func (r *Retriever) audienceIn(cands *candSet, m *matcher, av *audienceView, k int) int {
	products := make([]int32, 0, k) // colourways of one product count once
	for i := range cands.list {
		if d := cands.list[i].doc; av.allows(d) && m.hardMatch(d) && !slices.Contains(products, r.feat.art[d].product) {
			if products = append(products, r.feat.art[d].product); len(products) >= k {
				break
			}
		}
	}
	return len(products)
}
