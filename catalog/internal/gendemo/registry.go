package gendemo

import "slices"

// Style registry, built once from the style tables.
var (
	allStyles    = registerStyles(topStyles, outerStyles, bottomStyles, fullStyles, accessoryStyles)
	styleByKey   = map[string]*style{}
	stylesByType = map[int][]*style{}
	// typeOrder lists the product types that have styles, ascending, with
	// typeWeights their frequencies (sorted so generation never depends on map order).
	typeOrder   []int
	typeWeights []int
	parsedLooks = map[*style][]weighted{}
)

// registerStyles indexes the style tables.
func registerStyles(tables ...[]style) []*style {
	var out []*style
	for _, t := range tables {
		for i := range t {
			out = append(out, &t[i])
		}
	}
	return out
}

func init() {
	for _, s := range allStyles {
		styleByKey[s.key] = s
		if _, seen := stylesByType[s.typeNo]; !seen {
			typeOrder = append(typeOrder, s.typeNo)
		}
		stylesByType[s.typeNo] = append(stylesByType[s.typeNo], s)
		parsedLooks[s] = parseWeighted(s.looks)
	}
	slices.Sort(typeOrder)
	for _, t := range typeOrder {
		typeWeights = append(typeWeights, productTypes[t].weight)
	}
}

// looksParsed returns the style's weighted graphical appearances.
func (s *style) looksParsed() []weighted { return parsedLooks[s] }
