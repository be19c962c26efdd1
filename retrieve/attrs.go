package retrieve

import (
	"strings"

	"github.com/stylistbot/stylist/catalog"
	"github.com/stylistbot/stylist/query"
)

// facet is one kind of constraint a request can make; query.Query says what
// matching means for each, so the semantics live in one place.
type facet struct {
	name   string
	hard   bool    // missing it counts as a relaxation
	weight float32 // rerank bonus when matched
	asked  func(q *query.Query) bool
	match  func(q *query.Query, a *catalog.Article) bool
}

// Positions in facets, for code that needs one facet by name
// (TestFacetIndexes keeps them in step with the table).
const (
	facetType = iota
	facetColour
	facetDepartment
	facetAppearance
	facetGarmentGroup
	facetDetails
)

var facets = []facet{
	{"type", true, 1.0,
		func(q *query.Query) bool { return len(q.Types)+len(q.ProductGroups) > 0 },
		func(q *query.Query, a *catalog.Article) bool { return q.TypeMatch(a) }},
	{"colour", true, 0.6,
		func(q *query.Query) bool { return len(q.Colours)+len(q.ColourMasters)+len(q.ColourValues) > 0 },
		func(q *query.Query, a *catalog.Article) bool { return q.ColourMatch(a) }},
	{"department", true, 0.45,
		func(q *query.Query) bool { return len(q.IndexGroups)+len(q.IndexNames)+len(q.Sections) > 0 },
		func(q *query.Query, a *catalog.Article) bool { return q.DeptMatch(a) }},
	{"appearance", false, 0.4,
		func(q *query.Query) bool { return len(q.Appearances) > 0 },
		func(q *query.Query, a *catalog.Article) bool { return q.AppearanceMatch(a) }},
	{"garment_group", false, 0.3,
		func(q *query.Query) bool { return len(q.GarmentGroups) > 0 },
		func(q *query.Query, a *catalog.Article) bool { return q.GarmentMatch(a) }},
	// Asked details ("quilted", "hood", "non-wired"): every one must be
	// stated by the article's name or description (catalog.Article.Details).
	{"details", true, 0.5,
		func(q *query.Query) bool { return len(q.Details) > 0 },
		func(q *query.Query, a *catalog.Article) bool { return q.DetailMatch(a) }},
}

// exactColourBonus prefers the exact colour group named over its colour family.
const exactColourBonus = 0.15

// postings maps attribute values to the article positions that have them.
type postings struct {
	types, groups, colours, masters, values, indexGroups, indexNames, details map[string][]int32
}

func buildPostings(arts []catalog.Article) *postings {
	p := &postings{map[string][]int32{}, map[string][]int32{}, map[string][]int32{}, map[string][]int32{}, map[string][]int32{}, map[string][]int32{}, map[string][]int32{}, map[string][]int32{}}
	for i := range arts {
		a, d := &arts[i], int32(i)
		p.types[a.ProductTypeName] = append(p.types[a.ProductTypeName], d)
		p.groups[a.ProductGroupName] = append(p.groups[a.ProductGroupName], d)
		p.colours[a.ColourGroupName] = append(p.colours[a.ColourGroupName], d)
		p.masters[a.PerceivedColourMasterName] = append(p.masters[a.PerceivedColourMasterName], d)
		p.values[a.PerceivedColourValueName] = append(p.values[a.PerceivedColourValueName], d)
		p.indexGroups[a.IndexGroupName] = append(p.indexGroups[a.IndexGroupName], d)
		p.indexNames[a.IndexName] = append(p.indexNames[a.IndexName], d)
		for rest := a.Details; rest != ""; {
			var l string
			l, rest, _ = strings.Cut(rest, ",")
			p.details[l] = append(p.details[l], d)
		}
	}
	return p
}

// union collects the positions of every value of vals in m.
func union(m map[string][]int32, vals []string, into []int32) []int32 {
	for _, v := range vals {
		into = append(into, m[v]...)
	}
	return into
}

// seed returns a superset of the articles satisfying q's hard facets, from the
// most selective requested facet's postings; ok is false when q asks no hard facet.
func (p *postings) seed(q *query.Query) (docs []int32, ok bool) {
	switch {
	case len(q.Types)+len(q.ProductGroups) > 0:
		return union(p.groups, q.ProductGroups, union(p.types, q.Types, nil)), true
	case len(q.Colours)+len(q.ColourMasters) > 0:
		return union(p.masters, q.ColourMasters, union(p.colours, q.Colours, nil)), true
	case len(q.ColourValues) > 0:
		return union(p.values, q.ColourValues, nil), true
	case len(q.IndexGroups)+len(q.IndexNames) > 0:
		return union(p.indexNames, q.IndexNames, union(p.indexGroups, q.IndexGroups, nil)), true
	case len(q.Details) > 0: // every asked detail is required: the first one's articles hold them all
		return p.details[q.Details[0]], true
	}
	return nil, false
}

// hardMatch reports whether a satisfies every requested hard facet of q.
func hardMatch(q *query.Query, a *catalog.Article) bool {
	for i := range facets {
		f := &facets[i]
		if f.hard && f.asked(q) && !f.match(q, a) {
			return false
		}
	}
	return true
}
