package retrieve

import (
	"math/bits"

	"github.com/stylistbot/stylist/query"
)

// matcher is one search's tests of articles by position, over the features
// (features.go): the same answers as hardMatch, Query.Excludes, ruledOut,
// lacksSleeves and descPenalty give for the article, without reading its
// strings. Built once per search.
type matcher struct {
	q          *query.Query
	c          *query.Compiled
	f          *features
	asked      uint32  // bit i: facets[i].asked(q)
	hard       uint32  // the asked hard facets
	details    []int32 // ids of q.Details (-1: no article states it)
	notDetails []int32 // ids of q.NotDetails
	sleeves    bool    // asksSleeves(q)
}

func (r *Retriever) matcher(q *query.Query) *matcher {
	m := &matcher{q: q, c: q.Compile(r.feat.dict), f: r.feat, sleeves: asksSleeves(q)}
	for i := range facets {
		if facets[i].asked(q) {
			m.asked |= 1 << i
			if facets[i].hard {
				m.hard |= 1 << i
			}
		}
	}
	if len(q.Details) > 0 {
		m.details = r.feat.detailIDs(q.Details)
	}
	if len(q.NotDetails) > 0 {
		m.notDetails = r.feat.detailIDs(q.NotDetails)
	}
	return m
}

// required returns posting lists whose union holds every article that meets
// m's hard facets, from the most selective of the facets that have them —
// the rarest required detail, or the sections, or the index groups and names
// of a department — with their total length; ok is false when no such facet
// is asked. An asked value no article has contributes no list (so a detail
// no article states leaves none: no article meets the facets).
func (m *matcher) required() (lists [][]int32, total int, ok bool) {
	consider := func(l [][]int32) {
		n := 0
		for _, x := range l {
			n += len(x)
		}
		if !ok || n < total {
			lists, total, ok = l, n, true
		}
	}
	if m.hard&(1<<facetDetails) != 0 && len(m.details) > 0 {
		var rare []int32
		for i, id := range m.details {
			if id < 0 {
				rare = nil
				break
			}
			if l := m.f.byDetail[id]; i == 0 || len(l) < len(rare) {
				rare = l
			}
		}
		consider([][]int32{rare})
	}
	if q := m.q; m.hard&(1<<facetDepartment) != 0 {
		if len(q.Sections) > 0 { // the section must be one of them
			consider(m.f.union(query.AttrSection, q.Sections, nil))
		}
		if len(q.IndexGroups)+len(q.IndexNames) > 0 { // the index group or the index name must be
			consider(m.f.union(query.AttrIndexName, q.IndexNames, m.f.union(query.AttrIndexGroup, q.IndexGroups, nil)))
		}
	}
	return lists, total, ok
}

// narrowMask returns, when m's required lists (matcher.required) hold fewer
// articles than the seed lists, a mask of their articles from the seed mask
// pool (every article that meets m's hard facets is set) and the lists, to put
// it back with putSeedMask; nil otherwise.
func (r *Retriever) narrowMask(m *matcher, seed [][]int32) ([]bool, [][]int32) {
	lists, n, ok := m.required()
	if !ok {
		return nil, nil
	}
	total := 0
	for _, l := range seed {
		total += len(l)
	}
	if n >= total {
		return nil, nil
	}
	has := r.seedMask()
	for _, l := range lists {
		for _, d := range l {
			has[d] = true
		}
	}
	return has, lists
}

// facetMatch is facets[i].match for article d (i is not facetDetails).
func (m *matcher) facetMatch(i, d int) bool {
	return facets[i].cmatch(m.c, &m.f.art[d].ids)
}

// detailsHas counts the asked details article d states (with repeats, as Query.MatchedDetails).
func (m *matcher) detailsHas(d int) int {
	n := 0
	for _, id := range m.details {
		if id >= 0 && m.f.hasDetail(d, uint16(id)) {
			n++
		}
	}
	return n
}

// hardMatch is hardMatch for article d.
func (m *matcher) hardMatch(d int) bool {
	for h := m.hard; h != 0; h &= h - 1 {
		i := bits.TrailingZeros32(h)
		if i == facetDetails {
			if m.detailsHas(d) < len(m.details) {
				return false
			}
		} else if !m.facetMatch(i, d) {
			return false
		}
	}
	return true
}

// excludes is Query.Excludes for article d.
func (m *matcher) excludes(d int) bool { return m.c.Excludes(&m.f.art[d].ids) }

// ruledOut is ruledOut for article d.
func (m *matcher) ruledOut(d int) bool {
	for _, id := range m.notDetails {
		if id >= 0 && m.f.hasDetail(d, uint16(id)) {
			return true
		}
	}
	return false
}

// lacksSleeves is lacksSleeves for article d.
func (m *matcher) lacksSleeves(d int) bool {
	return m.sleeves && m.f.art[d].flags&(featVestTop|featSleeveless) != 0
}

// descPenalty is the score article d loses for an empty description.
func (m *matcher) descPenalty(d int) float32 {
	if m.f.art[d].flags&featEmptyDesc == 0 {
		return 0
	}
	if len(m.q.NotDetails) > 0 {
		return emptyDescDetailPenalty
	}
	return emptyDescPenalty
}
