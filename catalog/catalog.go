package catalog

import (
	"cmp"
	"slices"
	"sync"
)

// TaxonomyFields are the categorical columns summarised by Catalog.Taxonomy.
var TaxonomyFields = []string{
	ColProductTypeName,
	ColProductGroupName,
	ColColourGroupName,
	ColPerceivedColourMasterName,
	ColPerceivedColourValueName,
	ColIndexName,
	ColIndexGroupName,
	ColSectionName,
	ColGarmentGroupName,
	ColGraphicalAppearanceName,
	ColDepartmentName,
}

// ValueCount is a distinct column value and the number of articles having it.
type ValueCount struct {
	Value string `json:"value"`
	Count int    `json:"count"`
}

// Taxonomy maps each of TaxonomyFields to its distinct non-empty values,
// most frequent first (ties by value).
type Taxonomy map[string][]ValueCount

// Catalog is a loaded set of articles with lookups; build it with Load or New.
// It is safe for concurrent reads; do not modify Articles after the first lookup.
type Catalog struct {
	// Articles in file order, ids unique.
	Articles []Article

	byID map[string]int
	once sync.Once
	tax  Taxonomy
}

// New builds a Catalog over arts (not copied). For duplicate ids ByID returns
// the first article.
func New(arts []Article) *Catalog {
	byID := make(map[string]int, len(arts))
	for i := range arts {
		if _, dup := byID[arts[i].ArticleID]; !dup {
			byID[arts[i].ArticleID] = i
		}
	}
	return &Catalog{Articles: arts, byID: byID}
}

// Len returns the number of articles.
func (c *Catalog) Len() int { return len(c.Articles) }

// ByID returns the article with the given id; a numeric id without its leading
// zeros ("108775015") is accepted too.
func (c *Catalog) ByID(id string) (Article, bool) {
	i, ok := c.byID[id]
	if !ok {
		norm, valid := NormalizeID(id, ArticleIDWidth)
		if !valid {
			return Article{}, false
		}
		if i, ok = c.byID[norm]; !ok {
			return Article{}, false
		}
	}
	return c.Articles[i], true
}

// Taxonomy returns the distinct values with counts of every TaxonomyFields
// column. The result is computed once and shared: do not modify it.
func (c *Catalog) Taxonomy() Taxonomy {
	c.once.Do(func() {
		c.tax = make(Taxonomy, len(TaxonomyFields))
		for _, f := range TaxonomyFields {
			c.tax[f] = c.count(columnIndex[f])
		}
	})
	return c.tax
}

// Counts returns the distinct non-empty values of any Kaggle column with their
// counts, most frequent first; nil for an unknown column.
func (c *Catalog) Counts(field string) []ValueCount {
	name := normalizeHeader(field)
	ci, ok := columnIndex[name]
	if !ok {
		return nil
	}
	if vc, ok := c.Taxonomy()[name]; ok {
		return slices.Clone(vc)
	}
	return c.count(ci)
}

// Values returns the distinct non-empty values of a Kaggle column, most
// frequent first; nil for an unknown column.
func (c *Catalog) Values(field string) []string {
	vc := c.Counts(field)
	if vc == nil {
		return nil
	}
	out := make([]string, len(vc))
	for i, v := range vc {
		out[i] = v.Value
	}
	return out
}

// count tallies the values of column ci.
func (c *Catalog) count(ci int) []ValueCount {
	counts := map[string]int{}
	get := columns[ci].field
	for i := range c.Articles {
		if v := *get(&c.Articles[i]); v != "" {
			counts[v]++
		}
	}
	out := make([]ValueCount, 0, len(counts))
	for v, n := range counts {
		out = append(out, ValueCount{Value: v, Count: n})
	}
	slices.SortFunc(out, func(a, b ValueCount) int {
		if a.Count != b.Count {
			return cmp.Compare(b.Count, a.Count)
		}
		return cmp.Compare(a.Value, b.Value)
	})
	return out
}
