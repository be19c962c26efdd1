package query

import (
	"math"
	"unsafe"

	"github.com/stylistbot/stylist/catalog"
)

// AttrIDs are an article's catalog attribute values as small integers, one
// per field in the order of catalogFields (type, group, colour, perceived
// master, perceived value, index group, index name, section, appearance,
// garment group), interned by an AttrDict.
type AttrIDs [len(catalogFields)]uint16

// AttrDict interns the attribute values of a catalog's articles, so that a
// compiled query (Compile) tests an article with integer comparisons instead
// of reading its strings. Add is for building (one goroutine); ID and Compile
// only read and are safe for concurrent use afterwards.
type AttrDict struct {
	ids  [len(catalogFields)]map[string]uint16
	seen [len(catalogFields)][256]seenValue // by the address of the value's bytes
	full bool                               // a field has more values than a uint16 holds: Add stops interning
}

// seenValue is a value interned earlier, known by the address and length of
// its bytes: an index stores each column's values once (a dictionary), so
// the articles' equal values share their bytes and most lookups end here
// instead of hashing the string.
type seenValue struct {
	p  *byte
	n  int
	id uint16
}

// NewAttrDict returns an empty dictionary.
func NewAttrDict() *AttrDict {
	d := &AttrDict{}
	for i := range d.ids {
		d.ids[i] = map[string]uint16{}
	}
	return d
}

// fieldValue is article a's value of catalogFields[i].
func fieldValue(a *catalog.Article, i int) string {
	switch catalogFields[i] {
	case fType:
		return a.ProductTypeName
	case fGroup:
		return a.ProductGroupName
	case fColour:
		return a.ColourGroupName
	case fMaster:
		return a.PerceivedColourMasterName
	case fValue:
		return a.PerceivedColourValueName
	case fIndexGroup:
		return a.IndexGroupName
	case fIndexName:
		return a.IndexName
	case fSection:
		return a.SectionName
	case fAppearance:
		return a.GraphicalAppearanceName
	}
	return a.GarmentGroupName
}

// Add interns article a's values and returns their ids. It reports false
// when a field has more distinct values than ids (65,535): the dictionary
// then cannot stand for the catalog, and callers match strings instead.
func (d *AttrDict) Add(a *catalog.Article) (AttrIDs, bool) {
	var out AttrIDs
	for i := range out {
		v := fieldValue(a, i)
		p := unsafe.StringData(v)
		slot := &d.seen[i][uint64(uintptr(unsafe.Pointer(p)))*0x9E3779B97F4A7C15>>56]
		if slot.p == p && slot.n == len(v) && p != nil { // the same bytes: the same value
			out[i] = slot.id
			continue
		}
		id, ok := d.ids[i][v]
		if !ok {
			if len(d.ids[i]) >= math.MaxUint16 {
				d.full = true
				return out, false
			}
			id = uint16(len(d.ids[i]))
			d.ids[i][v] = id
		}
		*slot, out[i] = seenValue{p, len(v), id}, id
	}
	return out, !d.full
}

// ID returns the id of value v of field i (an AttrIDs position), if any article has it.
func (d *AttrDict) ID(i int, v string) (uint16, bool) {
	id, ok := d.ids[i][v]
	return id, ok
}

// Len returns the number of values of field i (ids are below it).
func (d *AttrDict) Len(i int) int { return len(d.ids[i]) }

// Positions in AttrIDs.
const (
	AttrType = iota
	AttrGroup
	AttrColour
	AttrMaster
	AttrValue
	AttrIndexGroup
	AttrIndexName
	AttrSection
	AttrAppearance
	AttrGarment
)

// idSet is a requested list of values as ids; n is the length of the
// request's list (values no article has are dropped from ids, but a list
// of them still counts as asked).
type idSet struct {
	ids []uint16
	n   int
}

func (s *idSet) has(id uint16) bool {
	for _, x := range s.ids {
		if x == id {
			return true
		}
	}
	return false
}

// Compiled is a query's attribute tests over interned values: each method
// answers exactly as the Query method of the same name (match.go) does for
// the article the ids belong to (TestCompiledMatches checks every pair).
type Compiled struct {
	types, groups, colours, masters, values, indexGroups, indexNames, sections, appearances, garments idSet
	not                                                                                               [8]idSet // Exclusions, in their field order
	notField                                                                                          [8]uint8 // the AttrIDs position of each
	anyNot                                                                                            bool
}

// Compile returns q's attribute tests over the ids of d.
func (q *Query) Compile(d *AttrDict) *Compiled {
	c := &Compiled{}
	set := func(i int, vals []string) idSet {
		s := idSet{n: len(vals)}
		for _, v := range vals {
			if id, ok := d.ID(i, v); ok {
				s.ids = append(s.ids, id)
			}
		}
		return s
	}
	c.types, c.groups = set(AttrType, q.Types), set(AttrGroup, q.ProductGroups)
	c.colours, c.masters, c.values = set(AttrColour, q.Colours), set(AttrMaster, q.ColourMasters), set(AttrValue, q.ColourValues)
	c.indexGroups, c.indexNames, c.sections = set(AttrIndexGroup, q.IndexGroups), set(AttrIndexName, q.IndexNames), set(AttrSection, q.Sections)
	c.appearances, c.garments = set(AttrAppearance, q.Appearances), set(AttrGarment, q.GarmentGroups)
	n := q.Not
	for i, x := range [8]struct {
		field int
		vals  []string
	}{{AttrType, n.Types}, {AttrGroup, n.ProductGroups}, {AttrColour, n.Colours}, {AttrMaster, n.ColourMasters},
		{AttrValue, n.ColourValues}, {AttrIndexGroup, n.IndexGroups}, {AttrAppearance, n.Appearances}, {AttrGarment, n.GarmentGroups}} {
		c.not[i], c.notField[i] = set(x.field, x.vals), uint8(x.field)
		c.anyNot = c.anyNot || len(c.not[i].ids) > 0
	}
	return c
}

// TypeMatch is Query.TypeMatch.
func (c *Compiled) TypeMatch(a *AttrIDs) bool {
	if c.types.n == 0 && c.groups.n == 0 {
		return true
	}
	return c.types.has(a[AttrType]) || c.groups.has(a[AttrGroup])
}

// ColourMatch is Query.ColourMatch.
func (c *Compiled) ColourMatch(a *AttrIDs) bool {
	if c.colours.n == 0 && c.masters.n == 0 && c.values.n == 0 {
		return true
	}
	if c.colours.has(a[AttrColour]) {
		return true
	}
	tone := c.values.n == 0 || c.values.has(a[AttrValue])
	if c.masters.n > 0 {
		return tone && c.masters.has(a[AttrMaster])
	}
	return c.colours.n == 0 && tone
}

// ExactColour reports whether the article's colour group is one of the Colours asked.
func (c *Compiled) ExactColour(a *AttrIDs) bool { return c.colours.has(a[AttrColour]) }

// DeptMatch is Query.DeptMatch.
func (c *Compiled) DeptMatch(a *AttrIDs) bool {
	if c.sections.n > 0 && !c.sections.has(a[AttrSection]) {
		return false
	}
	if c.indexGroups.n == 0 && c.indexNames.n == 0 {
		return true
	}
	return c.indexGroups.has(a[AttrIndexGroup]) || c.indexNames.has(a[AttrIndexName])
}

// AppearanceMatch is Query.AppearanceMatch.
func (c *Compiled) AppearanceMatch(a *AttrIDs) bool {
	return c.appearances.n == 0 || c.appearances.has(a[AttrAppearance])
}

// GarmentMatch is Query.GarmentMatch.
func (c *Compiled) GarmentMatch(a *AttrIDs) bool {
	return c.garments.n == 0 || c.garments.has(a[AttrGarment])
}

// Excludes is Query.Excludes.
func (c *Compiled) Excludes(a *AttrIDs) bool {
	if !c.anyNot {
		return false
	}
	for i := range c.not {
		if c.not[i].has(a[c.notField[i]]) {
			return true
		}
	}
	return false
}
