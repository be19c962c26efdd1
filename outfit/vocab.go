package outfit

import (
	"sort"

	"github.com/stylistbot/stylist/catalog"
)

// CatalogVocabulary is the set of values each catalog column takes; it is
// what knowledge files are validated against.
type CatalogVocabulary struct {
	vals map[string][]string
	has  map[string]map[string]bool
}

// NewVocabulary collects the values of arts.
func NewVocabulary(arts []catalog.Article) *CatalogVocabulary {
	v := &CatalogVocabulary{vals: map[string][]string{}, has: map[string]map[string]bool{}}
	for i := range arts {
		a := &arts[i]
		for f, x := range map[string]string{"Types": a.ProductTypeName, "ProductGroups": a.ProductGroupName,
			"ColourMasters": a.PerceivedColourMasterName, "Colours": a.ColourGroupName,
			"ColourValues": a.PerceivedColourValueName, "Appearances": a.GraphicalAppearanceName, "Departments": a.DepartmentName} {
			if x == "" {
				continue
			}
			if v.has[f] == nil {
				v.has[f] = map[string]bool{}
			}
			if !v.has[f][x] {
				v.has[f][x] = true
				v.vals[f] = append(v.vals[f], x)
			}
		}
	}
	for _, l := range v.vals {
		sort.Strings(l)
	}
	return v
}

// Has implements Vocabulary.
func (v *CatalogVocabulary) Has(field, x string) bool { return v.has[field][x] }

// Values implements Vocabulary.
func (v *CatalogVocabulary) Values(field string) []string { return v.vals[field] }
