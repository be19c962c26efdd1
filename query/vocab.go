package query

import (
	"sort"
	"strings"

	"github.com/stylistbot/stylist/catalog"
)

// Vocab is the phrase vocabulary of one catalog: its own attribute values
// plus the curated synonyms whose targets exist in it. It is read-only after
// NewVocab and safe for concurrent use.
type Vocab struct {
	byFirst map[string][]*entry // phrases keyed by first token, longest first
	values  [nFields]map[string]bool
	master  map[string]string // colour group → dominant perceived colour master
	group   map[string]string // product type → dominant product group
	parent  map[string]string // index name → index group
	sport   string            // "Sport" when the catalog has that index group
	spell   *speller          // spelling corrector towards the phrase words (spell.go)
}

// autoDeny lists catalog values that are not turned into phrases because the
// words mean something else in a request ("check this", "fun", "items").
var autoDeny = set("unknown", "undefined", "check", "treatment", "contrast", "dressed", "fun",
	"item", "neps", "solid", "sport", "outdoor", "medium", "metal", "mole", "transparent", "special offer")

// NewVocab builds the vocabulary from the distinct catalog values
// (product_type_name → product_group_name, colour_group_name →
// perceived_colour_master_name, index_name → index_group_name,
// graphical_appearance_name, garment_group_name, section_name, plus
// perceived_colour_value_name) and the built-in synonyms. Synonym targets
// absent from the catalog are ignored; a synonym left with no effect is dropped.
func NewVocab(arts []catalog.Article) *Vocab {
	v := &Vocab{byFirst: map[string][]*entry{}, master: map[string]string{}, group: map[string]string{}, parent: map[string]string{}}
	for i := range v.values {
		v.values[i] = map[string]bool{}
	}
	typeGroup := map[string]map[string]int{}
	colMaster := map[string]map[string]int{}
	idxGroup := map[string]map[string]int{}
	count := func(m map[string]map[string]int, k, x string) {
		if k == "" || x == "" {
			return
		}
		if m[k] == nil {
			m[k] = map[string]int{}
		}
		m[k][x]++
	}
	for i := range arts {
		a := &arts[i]
		for f, x := range [...]string{
			fType: a.ProductTypeName, fGroup: a.ProductGroupName, fColour: a.ColourGroupName,
			fMaster: a.PerceivedColourMasterName, fValue: a.PerceivedColourValueName,
			fIndexGroup: a.IndexGroupName, fIndexName: a.IndexName, fSection: a.SectionName,
			fAppearance: a.GraphicalAppearanceName, fGarment: a.GarmentGroupName,
		} {
			if x != "" {
				v.values[f][x] = true
			}
		}
		count(typeGroup, a.ProductTypeName, a.ProductGroupName)
		count(colMaster, a.ColourGroupName, a.PerceivedColourMasterName)
		count(idxGroup, a.IndexName, a.IndexGroupName)
	}
	for k, m := range idxGroup {
		v.parent[k] = dominant(m)
	}
	for k, m := range typeGroup {
		v.group[k] = dominant(m)
	}
	for k, m := range colMaster {
		v.master[k] = dominant(m)
	}
	if v.values[fIndexGroup]["Sport"] {
		v.sport = "Sport"
	}
	for _, s := range synonyms() {
		e := s.e
		for _, f := range catalogFields {
			e.vals[f] = v.filter(f, e.vals[f])
		}
		if e.role == roleItem && !hasAttrs(&e.vals) {
			continue
		}
		for _, p := range s.phrases {
			v.add(p, e, true)
		}
	}
	v.addCatalogNames()
	for k, l := range v.byFirst {
		sort.SliceStable(l, func(i, j int) bool { return len(l[i].toks) > len(l[j].toks) })
		v.byFirst[k] = l
	}
	v.spell = newSpeller(v, arts)
	return v
}

// addCatalogNames turns catalog values into phrases unless a curated phrase
// already claims the same words.
func (v *Vocab) addCatalogNames() {
	for _, f := range [...]field{fType, fColour, fAppearance, fIndexGroup, fIndexName, fGroup, fGarment} {
		for _, name := range sortedKeys(v.values[f]) {
			if lower := strings.ToLower(name); autoDeny[strings.Join(normPhrase(lower), " ")] || strings.HasPrefix(lower, "other") {
				continue
			}
			if f == fIndexName && v.values[fIndexGroup][name] {
				continue // "Divided" the index name is the index group
			}
			var e entry
			e.vals[f] = []string{name}
			if f == fColour {
				if m := v.master[name]; m != "" && m != "Unknown" && m != "undefined" {
					e.vals[fMaster] = []string{m}
				}
				if first, _, ok := strings.Cut(name, " "); ok {
					for _, s := range toneSyns {
						if s.e.prefix == first {
							e.vals[fValue] = v.filter(fValue, s.e.vals[fValue])
						}
					}
				}
			}
			v.add(name, e, false)
		}
	}
}

// add registers phrase p with effect e. Curated phrases merge with curated
// ones of the same role and catalog names with catalog names ("Dog Wear",
// "Dog wear"); a catalog name never overrides a curated phrase.
func (v *Vocab) add(p string, e entry, curated bool) {
	toks := normPhrase(p)
	if len(toks) == 0 {
		return
	}
	for _, old := range v.byFirst[toks[0]] {
		if equalStrings(old.toks, toks) {
			if old.auto == !curated && old.role == e.role {
				for f := range old.vals {
					old.vals[f] = union(old.vals[f], e.vals[f])
				}
			}
			return
		}
	}
	ne := e
	ne.toks = toks
	ne.auto = !curated
	v.byFirst[toks[0]] = append(v.byFirst[toks[0]], &ne)
}

// filter keeps the values of f present in the catalog.
func (v *Vocab) filter(f field, in []string) []string {
	var out []string
	for _, x := range in {
		if v.values[f][x] {
			out = append(out, x)
		}
	}
	return out
}

// Has reports whether the catalog behind v has value x in the column of the
// given Query field name ("Types", "Colours", "IndexGroups", ...).
func (v *Vocab) Has(fieldName, x string) bool {
	for f, n := range fieldNames {
		if n == fieldName && field(f) != fSoft {
			return v.values[f][x]
		}
	}
	return false
}

// ProductGroupOf returns the dominant product group of a product type.
func (v *Vocab) ProductGroupOf(productType string) string { return v.group[productType] }

// IndexGroupOf returns the index group of an index name.
func (v *Vocab) IndexGroupOf(indexName string) string { return v.parent[indexName] }

// ColourMasterOf returns the dominant perceived colour master of a colour group.
func (v *Vocab) ColourMasterOf(colourGroup string) string { return v.master[colourGroup] }

// fieldNames are the Query field names of each field, for Has and String.
var fieldNames = [nFields]string{
	fType: "Types", fGroup: "ProductGroups", fColour: "Colours", fMaster: "ColourMasters",
	fValue: "ColourValues", fIndexGroup: "IndexGroups", fIndexName: "IndexNames",
	fSection: "Sections", fAppearance: "Appearances", fGarment: "GarmentGroups", fSoft: "Soft",
}

func dominant(m map[string]int) string {
	best, n := "", -1
	for k, c := range m {
		if c > n || (c == n && k < best) {
			best, n = k, c
		}
	}
	return best
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// union appends the values of b missing from a; a fresh slice unless b is empty.
func union(a, b []string) []string {
	if len(b) == 0 {
		return a
	}
	out := append([]string(nil), a...)
	for _, x := range b {
		if !contains(out, x) {
			out = append(out, x)
		}
	}
	return out
}

func contains(l []string, x string) bool {
	for _, y := range l {
		if y == x {
			return true
		}
	}
	return false
}
