package retrieve

import (
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
	// cmatch is match over the interned attributes (matcher); nil for
	// details, which the matcher tests by their ids.
	cmatch func(c *query.Compiled, a *query.AttrIDs) bool
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
		func(q *query.Query, a *catalog.Article) bool { return q.TypeMatch(a) },
		(*query.Compiled).TypeMatch},
	{"colour", true, 0.6,
		func(q *query.Query) bool { return len(q.Colours)+len(q.ColourMasters)+len(q.ColourValues) > 0 },
		func(q *query.Query, a *catalog.Article) bool { return q.ColourMatch(a) },
		(*query.Compiled).ColourMatch},
	{"department", true, 0.45,
		func(q *query.Query) bool { return len(q.IndexGroups)+len(q.IndexNames)+len(q.Sections) > 0 },
		func(q *query.Query, a *catalog.Article) bool { return q.DeptMatch(a) },
		(*query.Compiled).DeptMatch},
	{"appearance", false, 0.4,
		func(q *query.Query) bool { return len(q.Appearances) > 0 },
		func(q *query.Query, a *catalog.Article) bool { return q.AppearanceMatch(a) },
		(*query.Compiled).AppearanceMatch},
	{"garment_group", false, 0.3,
		func(q *query.Query) bool { return len(q.GarmentGroups) > 0 },
		func(q *query.Query, a *catalog.Article) bool { return q.GarmentMatch(a) },
		(*query.Compiled).GarmentMatch},
	// Asked details ("quilted", "hood", "non-wired"): every one must be
	// stated by the article's name or description (catalog.Article.Details).
	{"details", true, 0.5,
		func(q *query.Query) bool { return len(q.Details) > 0 },
		func(q *query.Query, a *catalog.Article) bool { return q.DetailMatch(a) },
		nil},
}

// exactColourBonus prefers the exact colour group named over its colour family.
const exactColourBonus = 0.15

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
