package query

import "github.com/stylistbot/stylist/catalog"

// Matches reports whether article a satisfies every hard constraint of q and
// hits none of its exclusions. Each facet is also exposed on its own so a
// ranker can score partial matches and relax facets one by one.
func (q *Query) Matches(a *catalog.Article) bool {
	return q.TypeMatch(a) && q.ColourMatch(a) && q.DeptMatch(a) && q.AppearanceMatch(a) &&
		q.GarmentMatch(a) && !q.Excludes(a)
}

// TypeMatch: the product type is one of Types or the product group one of
// ProductGroups ("a dress or shoes"); true when neither is set.
func (q *Query) TypeMatch(a *catalog.Article) bool {
	if len(q.Types) == 0 && len(q.ProductGroups) == 0 {
		return true
	}
	return contains(q.Types, a.ProductTypeName) || contains(q.ProductGroups, a.ProductGroupName)
}

// ColourMatch: the colour group is one of Colours, or the perceived master is
// one of ColourMasters with a tone in ColourValues (any tone when empty); a
// tone alone ("pastel") matches on ColourValues. True when no colour is set.
func (q *Query) ColourMatch(a *catalog.Article) bool {
	if len(q.Colours) == 0 && len(q.ColourMasters) == 0 && len(q.ColourValues) == 0 {
		return true
	}
	if contains(q.Colours, a.ColourGroupName) {
		return true
	}
	tone := len(q.ColourValues) == 0 || contains(q.ColourValues, a.PerceivedColourValueName)
	if len(q.ColourMasters) > 0 {
		return tone && contains(q.ColourMasters, a.PerceivedColourMasterName)
	}
	return len(q.Colours) == 0 && tone
}

// DeptMatch: the index group is one of IndexGroups or the index name one of
// IndexNames (alternatives: "teen" → Divided or Children Sizes 134-170), and
// the section is one of Sections when set.
func (q *Query) DeptMatch(a *catalog.Article) bool {
	if len(q.Sections) > 0 && !contains(q.Sections, a.SectionName) {
		return false
	}
	if len(q.IndexGroups) == 0 && len(q.IndexNames) == 0 {
		return true
	}
	return contains(q.IndexGroups, a.IndexGroupName) || contains(q.IndexNames, a.IndexName)
}

// AppearanceMatch: the graphical appearance is one of Appearances, or none is set.
func (q *Query) AppearanceMatch(a *catalog.Article) bool {
	return len(q.Appearances) == 0 || contains(q.Appearances, a.GraphicalAppearanceName)
}

// GarmentMatch: the garment group is one of GarmentGroups, or none is set.
func (q *Query) GarmentMatch(a *catalog.Article) bool {
	return len(q.GarmentGroups) == 0 || contains(q.GarmentGroups, a.GarmentGroupName)
}

// Excludes reports whether the article hits any exclusion.
func (q *Query) Excludes(a *catalog.Article) bool {
	n := q.Not
	return contains(n.Types, a.ProductTypeName) || contains(n.ProductGroups, a.ProductGroupName) ||
		contains(n.Colours, a.ColourGroupName) || contains(n.ColourMasters, a.PerceivedColourMasterName) ||
		contains(n.ColourValues, a.PerceivedColourValueName) || contains(n.IndexGroups, a.IndexGroupName) ||
		contains(n.Appearances, a.GraphicalAppearanceName) || contains(n.GarmentGroups, a.GarmentGroupName)
}
