package query

import "github.com/stylistbot/stylist/catalog"

// Matches reports whether article a satisfies every hard constraint of q and
// hits none of its exclusions. Each facet is also exposed on its own so a
// ranker can score partial matches and relax facets one by one.
func (q *Query) Matches(a *catalog.Article) bool {
	return q.TypeMatch(a) && q.ColourMatch(a) && q.DeptMatch(a) && q.AppearanceMatch(a) &&
		q.GarmentMatch(a) && !q.Excludes(a)
}

// The facet tests below are written once, over any kind of attribute value:
// Query's methods apply them to an article's strings, Compiled's (compiled.go)
// to the interned ids of a catalog, so the two cannot disagree.

// valueSet is a requested list of attribute values: asked reports whether the
// request named any (a list of values no article has still counts as asked),
// has whether v is one of them.
type valueSet[V comparable] interface {
	asked() bool
	has(v V) bool
}

// strs is a request's list of catalog strings as a valueSet.
type strs []string

func (s strs) asked() bool       { return len(s) > 0 }
func (s strs) has(v string) bool { return contains(s, v) }

// typeMatch: the product type is one of types or the product group one of groups.
func typeMatch[V comparable, S valueSet[V]](types, groups S, typ, group V) bool {
	if !types.asked() && !groups.asked() {
		return true
	}
	return types.has(typ) || groups.has(group)
}

// colourMatch: the colour group is one of colours, or the perceived master is
// one of masters with a tone in values (any tone when none is asked); a tone
// alone matches on values.
func colourMatch[V comparable, S valueSet[V]](colours, masters, values S, colour, master, value V) bool {
	if !colours.asked() && !masters.asked() && !values.asked() {
		return true
	}
	if colours.has(colour) {
		return true
	}
	tone := !values.asked() || values.has(value)
	if masters.asked() {
		return tone && masters.has(master)
	}
	return !colours.asked() && tone
}

// deptMatch: the section is one of sections when asked, and the index group
// is one of groups or the index name one of names.
func deptMatch[V comparable, S valueSet[V]](sections, groups, names S, section, group, name V) bool {
	if sections.asked() && !sections.has(section) {
		return false
	}
	if !groups.asked() && !names.asked() {
		return true
	}
	return groups.has(group) || names.has(name)
}

// oneOf: v is one of s, or s asks for nothing.
func oneOf[V comparable, S valueSet[V]](s S, v V) bool { return !s.asked() || s.has(v) }

// TypeMatch: the product type is one of Types or the product group one of
// ProductGroups ("a dress or shoes"); true when neither is set.
func (q *Query) TypeMatch(a *catalog.Article) bool {
	return typeMatch(strs(q.Types), strs(q.ProductGroups), a.ProductTypeName, a.ProductGroupName)
}

// ColourMatch: the colour group is one of Colours, or the perceived master is
// one of ColourMasters with a tone in ColourValues (any tone when empty); a
// tone alone ("pastel") matches on ColourValues. True when no colour is set.
func (q *Query) ColourMatch(a *catalog.Article) bool {
	return colourMatch(strs(q.Colours), strs(q.ColourMasters), strs(q.ColourValues),
		a.ColourGroupName, a.PerceivedColourMasterName, a.PerceivedColourValueName)
}

// DeptMatch: the index group is one of IndexGroups or the index name one of
// IndexNames (alternatives: "teen" → Divided or Children Sizes 134-170), and
// the section is one of Sections when set.
func (q *Query) DeptMatch(a *catalog.Article) bool {
	return deptMatch(strs(q.Sections), strs(q.IndexGroups), strs(q.IndexNames), a.SectionName, a.IndexGroupName, a.IndexName)
}

// AppearanceMatch: the graphical appearance is one of Appearances, or none is set.
func (q *Query) AppearanceMatch(a *catalog.Article) bool {
	return oneOf(strs(q.Appearances), a.GraphicalAppearanceName)
}

// GarmentMatch: the garment group is one of GarmentGroups, or none is set.
func (q *Query) GarmentMatch(a *catalog.Article) bool {
	return oneOf(strs(q.GarmentGroups), a.GarmentGroupName)
}

// lists are the exclusion lists in the order of the fields they test (notFields).
func (n *Exclusions) lists() [8][]string {
	return [8][]string{n.Types, n.ProductGroups, n.Colours, n.ColourMasters, n.ColourValues, n.IndexGroups, n.Appearances, n.GarmentGroups}
}

// Excludes reports whether the article hits any exclusion.
func (q *Query) Excludes(a *catalog.Article) bool {
	for i, l := range q.Not.lists() {
		if contains(l, fieldValue(a, notFields[i])) {
			return true
		}
	}
	return false
}
