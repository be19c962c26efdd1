package retrieve

import (
	"fmt"
	"slices"
	"strings"
	"sync/atomic"

	"github.com/stylistbot/stylist/catalog"
	"github.com/stylistbot/stylist/query"
)

// features are what the hot path reads of every candidate, in a few dense
// arrays instead of the articles' strings (an article is 26 strings, 416
// bytes plus their text, and a candidate's fields sit on several cache lines
// and string blocks): the attribute values interned (query.AttrDict), the
// stored details as ids, a product id for deduplication and a few flags.
// They also hold the attribute postings the seed scan starts from. Built
// once at load, in one pass over the catalog and one per postings list
// (47-50 ms for the 105k H&M articles, less than the string-keyed postings
// maps they replace).
type features struct {
	dict *query.AttrDict
	art  []artFeat
	// det holds every article's detail ids, article d's at det[detAt[d]:detAt[d+1]].
	det   []uint16
	detAt []uint32
	detID map[string]uint16 // detail label → id
	// by[f][id] lists the articles (ascending) with value id of AttrIDs field f;
	// byDetail[id] those that state detail id.
	by       [len(query.AttrIDs{})][][]int32
	byDetail [][]int32
	products int // distinct product ids (artFeat.product is below it)
	// lengths memoizes garmentLength per article: lenKnown | lenLong | lenShort.
	lengths []atomic.Uint32
}

// artFeat is one article's interned attributes and flags.
type artFeat struct {
	ids     query.AttrIDs
	flags   uint8
	product int32 // dense id of productKey
}

const (
	featEmptyDesc  = 1 << iota // empty or blank description (emptyDesc: matcher.descPenalty)
	featVestTop                // product type "Vest top" (lacksSleeves)
	featSleeveless             // "sleeveless" among the stored details
)

const (
	lenKnown = 1 << iota
	lenLong
	lenShort
)

// buildFeatures derives the features of arts.
func buildFeatures(arts []catalog.Article) (*features, error) {
	f := &features{dict: query.NewAttrDict(), art: make([]artFeat, len(arts)), detAt: make([]uint32, len(arts)+1),
		detID: map[string]uint16{}, lengths: make([]atomic.Uint32, len(arts))}
	products := make(map[string]int32, len(arts)/2)
	var prevProduct, prevDetails string
	prevID, prevLo, prevHi := int32(-1), 0, 0
	sleeveless := -1
	for d := range arts {
		a, x := &arts[d], &f.art[d]
		ids, ok := f.dict.Add(a)
		if !ok {
			return nil, fmt.Errorf("retrieve: article %s: a catalog field has more than 65535 distinct values", a.ArticleID)
		}
		x.ids = ids
		if p := productKey(a); p == prevProduct && prevID >= 0 { // colourways are listed together
			x.product = prevID
		} else {
			id, ok := products[p]
			if !ok {
				id = int32(len(products))
				products[p] = id
			}
			x.product, prevProduct, prevID = id, p, id
		}
		if emptyDesc(a) {
			x.flags |= featEmptyDesc
		}
		if a.ProductTypeName == "Vest top" {
			x.flags |= featVestTop
		}
		lo := len(f.det)
		if a.Details == prevDetails && d > 0 { // colourways share their description
			f.det = append(f.det, f.det[prevLo:prevHi]...)
		} else {
			for rest := a.Details; rest != ""; { // as query.StatesDetail reads them
				var l string
				l, rest, _ = strings.Cut(rest, ",")
				id, ok := f.detID[l]
				if !ok {
					if len(f.detID) >= 1<<16 {
						return nil, fmt.Errorf("retrieve: article %s: more than 65536 distinct details", a.ArticleID)
					}
					id = uint16(len(f.detID))
					f.detID[l] = id
					if l == "sleeveless" {
						sleeveless = int(id)
					}
				}
				f.det = append(f.det, id)
			}
			prevDetails = a.Details
		}
		prevLo, prevHi = lo, len(f.det)
		f.detAt[d+1] = uint32(len(f.det))
		if sleeveless >= 0 && f.hasDetail(d, uint16(sleeveless)) {
			x.flags |= featSleeveless
		}
	}
	f.products = len(products)
	vals := make([]uint16, len(f.art))
	for _, i := range seedFields {
		for d := range f.art {
			vals[d] = f.art[d].ids[i]
		}
		f.by[i] = buckets(vals, nil, f.dict.Len(i))
	}
	f.byDetail = buckets(f.det, f.detAt, len(f.detID))
	return f, nil
}

// seedFields are the AttrIDs fields whose postings seed can return or the
// seed scan narrows by (matcher.required).
var seedFields = [...]int{query.AttrType, query.AttrGroup, query.AttrColour, query.AttrMaster, query.AttrValue, query.AttrIndexGroup, query.AttrIndexName, query.AttrSection}

// buckets lists, for each of nv values, the documents that have it
// (ascending, once each): document d has vals[d], or vals[at[d]:at[d+1]]
// when at is set. Two passes, the counts then the lists, in one allocation.
func buckets(vals []uint16, at []uint32, nv int) [][]int32 {
	docs := len(vals)
	if at != nil {
		docs = len(at) - 1
	}
	of := func(d int) []uint16 {
		if at == nil {
			return vals[d : d+1]
		}
		return vals[at[d]:at[d+1]]
	}
	count := make([]int32, nv)
	total := 0
	for d := range docs {
		vs := of(d)
		for j, v := range vs {
			if j == 0 || !slices.Contains(vs[:j], v) { // a detail listed twice counts once
				count[v]++
				total++
			}
		}
	}
	all := make([]int32, total)
	out := make([][]int32, nv)
	off := 0
	for v, c := range count {
		out[v] = all[off : off : off+int(c)]
		off += int(c)
	}
	for d := range docs {
		vs := of(d)
		for j, v := range vs {
			if j == 0 || !slices.Contains(vs[:j], v) {
				out[v] = append(out[v], int32(d))
			}
		}
	}
	return out
}

// hasDetail reports whether article d states detail id.
func (f *features) hasDetail(d int, id uint16) bool {
	for _, x := range f.det[f.detAt[d]:f.detAt[d+1]] {
		if x == id {
			return true
		}
	}
	return false
}

// detailIDs are the ids of labels; -1 for a label no article states.
func (f *features) detailIDs(labels []string) []int32 {
	out := make([]int32, len(labels))
	for i, l := range labels {
		out[i] = -1
		if id, ok := f.detID[l]; ok {
			out[i] = int32(id)
		}
	}
	return out
}

// postings returns the articles with value v of AttrIDs field i (nil when none has it).
func (f *features) postings(i int, v string) []int32 {
	if id, ok := f.dict.ID(i, v); ok && int(id) < len(f.by[i]) { // by is nil for a field seed does not use
		return f.by[i][id]
	}
	return nil
}

// union appends the postings of every value of vals of field i.
func (f *features) union(i int, vals []string, into [][]int32) [][]int32 {
	for _, v := range vals {
		into = append(into, f.postings(i, v))
	}
	return into
}

// seed returns a superset of the articles satisfying q's hard facets, from the
// most selective requested facet's postings, as lists to read one after the
// other (the postings themselves: read-only); ok is false when q asks no hard facet.
func (f *features) seed(q *query.Query) (lists [][]int32, ok bool) {
	switch {
	case len(q.Types)+len(q.ProductGroups) > 0:
		return f.union(query.AttrGroup, q.ProductGroups, f.union(query.AttrType, q.Types, nil)), true
	case len(q.Colours)+len(q.ColourMasters) > 0:
		return f.union(query.AttrMaster, q.ColourMasters, f.union(query.AttrColour, q.Colours, nil)), true
	case len(q.ColourValues) > 0:
		return f.union(query.AttrValue, q.ColourValues, nil), true
	case len(q.IndexGroups)+len(q.IndexNames) > 0:
		return f.union(query.AttrIndexName, q.IndexNames, f.union(query.AttrIndexGroup, q.IndexGroups, nil)), true
	case len(q.Details) > 0: // every asked detail is required: the first one's articles hold them all
		if id, ok := f.detID[q.Details[0]]; ok {
			return [][]int32{f.byDetail[id]}, true
		}
		return nil, true
	}
	return nil, false
}

// garmentLength is the memoized garmentLength of article d for length word w ("long" or "short").
func (f *features) garmentLength(arts []catalog.Article, d int, w string) bool {
	bit := uint32(lenShort)
	if w == "long" {
		bit = lenLong
	}
	x := f.lengths[d].Load()
	if x == 0 {
		x = lenKnown
		if garmentLength(&arts[d], "long") {
			x |= lenLong
		}
		if garmentLength(&arts[d], "short") {
			x |= lenShort
		}
		f.lengths[d].Store(x)
	}
	return x&bit != 0
}
