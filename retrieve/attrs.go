package retrieve

import (
	"github.com/stylistbot/stylist/catalog"
	"github.com/stylistbot/stylist/query"
)

// field is a catalog attribute the rerank knows about.
type field int

const (
	fType field = iota
	fGroup
	fColour
	fMaster
	fValue
	fIndexGroup
	fIndexName
	fAppearance
	fGarment
	numFields
)

var fieldNames = [numFields]string{"type", "group", "colour", "colour_master", "colour_value", "department", "index", "appearance", "garment_group"}

// fieldWeight is the rerank bonus for matching a requested value of each field.
var fieldWeight = [numFields]float32{1.0, 0.6, 0.5, 0.35, 0.15, 0.45, 0.3, 0.3, 0.3}

func value(a *catalog.Article, f field) string {
	switch f {
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
	case fAppearance:
		return a.GraphicalAppearanceName
	case fGarment:
		return a.GarmentGroupName
	}
	return ""
}

// wants lists the requested values per field.
type wants [numFields][]string

func wantsOf(q query.Query) (pos, neg wants) {
	pos[fType], pos[fGroup] = q.Types, q.ProductGroups
	pos[fColour], pos[fMaster], pos[fValue] = q.Colours, q.ColourMasters, q.ColourValues
	pos[fIndexGroup], pos[fIndexName] = q.IndexGroups, q.IndexNames
	pos[fAppearance], pos[fGarment] = q.Appearances, q.GarmentGroups
	neg[fType], neg[fColour], neg[fMaster] = q.Not.Types, q.Not.Colours, q.Not.ColourMasters
	neg[fAppearance], neg[fGarment] = q.Not.Appearances, q.Not.GarmentGroups
	return pos, neg
}

func contains(vals []string, v string) bool {
	for _, x := range vals {
		if x == v {
			return true
		}
	}
	return false
}

// hardFields are the constraints whose absence counts as a relaxation.
var hardFields = []field{fType, fGroup, fColour, fMaster, fIndexGroup, fIndexName}

// postings maps each field's values to the article positions that have them.
type postings [numFields]map[string][]int32

func buildPostings(arts []catalog.Article) postings {
	var p postings
	for f := range p {
		p[f] = map[string][]int32{}
	}
	for i := range arts {
		for f := field(0); f < numFields; f++ {
			v := value(&arts[i], f)
			if v != "" {
				p[f][v] = append(p[f][v], int32(i))
			}
		}
	}
	return p
}

// matching returns the positions satisfying every requested field of pos among fs
// (values within a field are alternatives), or nil, false when no field of fs is requested.
func (p *postings) matching(pos *wants, fs []field, n int) ([]bool, int, bool) {
	var mask []bool
	count := n
	any := false
	for _, f := range fs {
		if len(pos[f]) == 0 {
			continue
		}
		fm := make([]bool, n)
		for _, v := range pos[f] {
			for _, d := range p[f][v] {
				fm[d] = true
			}
		}
		if mask == nil {
			mask = fm
		} else {
			for i := range mask {
				mask[i] = mask[i] && fm[i]
			}
		}
		any = true
	}
	if !any {
		return nil, 0, false
	}
	count = 0
	for _, ok := range mask {
		if ok {
			count++
		}
	}
	return mask, count, true
}
