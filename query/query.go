package query

import (
	"strconv"
	"strings"
)

// Query is the structured reading of one request.
type Query struct {
	Text          string
	Types         []string // product_type_name values; "dress or skirt" → both
	ProductGroups []string // product_group_name, when the user names a group ("shoes", "swimwear")
	Colours       []string // colour_group_name, exact ("Light Yellow", "Dark Blue" for navy)
	ColourMasters []string // perceived_colour_master_name, broad ("Yellow", "Blue")
	ColourValues  []string // perceived_colour_value_name tones ("Light", "Dusty Light", "Dark")
	IndexGroups   []string // index_group_name ("Ladieswear", "Menswear", "Baby/Children", "Divided", "Sport")
	IndexNames    []string // index_name when precise ("Baby Sizes 50-98")
	Sections      []string // section_name when named ("Mama" for maternity, "H&M+" for plus size)
	Appearances   []string // graphical_appearance_name ("Stripe", "Denim", "Glittering/Metallic")
	GarmentGroups []string // garment_group_name ("Knitwear", "Outdoor")
	Not           Exclusions
	Count         int      // requested number of items, 0 = unspecified, at most MaxCount
	Soft          []string // canonical occasion/season/style labels: "summer", "formal", "tight"
	Terms         []string // remaining content words (normalised) for lexical search
	// NotDetails are details, fits and features ruled out ("not skinny",
	// "without a hood", "no wool"): labels of data/details.txt, matched
	// against names and descriptions by HasDetail.
	NotDetails []string `json:",omitempty"`
	// Details are the details, materials, fits and features asked for ("a
	// quilted jacket", "wireless bra", "turtleneck"): labels of
	// data/details.txt that an article must state (catalog.Article.Details)
	// to match fully.
	Details []string `json:",omitempty"`
	// Limits are what the request asks that the catalog cannot answer (prices,
	// sizes, brands, people, categories H&M does not sell); see LimitNotice.
	Limits []Limit `json:",omitempty"`
	// Qualifiers are the descriptive words that are no catalog attribute
	// (occasion, style and fit words as typed, unknown words): "wedding",
	// "long", "sleeve", "cottagecore". Retrieval matches them in text.
	Qualifiers []string `json:",omitempty"`
	// Broad is set when the request names a broad kind ("a top") or lists
	// alternative types ("a dress or a skirt"): answers show each kind.
	Broad bool `json:",omitempty"`
	// Parts are the items of a request that names several ("a white shirt
	// and blue jeans"): one Query each, sharing the audience; nil otherwise.
	Parts []Query `json:",omitempty"`
	// Gift is set when the request is for a gift and names no item ("gift
	// for my boyfriend who loves football", "secret santa gift for a
	// colleague"): answers show gift ideas across GiftKinds, never the
	// intimate kinds (Intimate). A request naming an item ("a pyjama set as
	// a gift") is a request for that item.
	Gift bool `json:",omitempty"`
	// Interests are the gift recipient's interests the request names
	// ("football", "yoga": sections of data/gifts.txt); see GiftWords.
	Interests []string `json:",omitempty"`
	// Lang is the language the request was written in: "" for English,
	// "es", "fr", "de" (translated into catalog words) or LangOther.
	Lang string `json:",omitempty"`
	// Corrections are the spelling corrections made before matching ("jeens" → "jeans").
	Corrections []Correction `json:",omitempty"`
	// Search is the request in the catalog's English, corrected and translated,
	// for the embedder; "" when it is Text unchanged.
	Search string `json:",omitempty"`
	// Audience is who the articles are for (adult unless a child is meant);
	// explicit audiences are also in IndexGroups/IndexNames. See Audience.
	Audience Audience
}

// Exclusions are the negated constraints ("not black", "no denim").
type Exclusions struct {
	Types         []string
	ProductGroups []string
	Colours       []string
	ColourMasters []string
	ColourValues  []string
	IndexGroups   []string
	Appearances   []string
	GarmentGroups []string
}

// MaxCount caps Query.Count.
const MaxCount = 20

// Empty reports whether nothing is excluded.
func (x Exclusions) Empty() bool {
	return len(x.Types)+len(x.ProductGroups)+len(x.Colours)+len(x.ColourMasters)+len(x.ColourValues)+
		len(x.IndexGroups)+len(x.Appearances)+len(x.GarmentGroups) == 0
}

// HasConstraints reports whether the query names any catalog attribute or
// exclusion; Count, Soft and Terms are not constraints.
func (q Query) HasConstraints() bool {
	return len(q.Types)+len(q.ProductGroups)+len(q.Colours)+len(q.ColourMasters)+len(q.ColourValues)+
		len(q.IndexGroups)+len(q.IndexNames)+len(q.Sections)+len(q.Appearances)+len(q.GarmentGroups)+len(q.Details) > 0 ||
		!q.Not.Empty()
}

// String is a compact human summary, e.g.
// "type=Dress|Skirt colour=Light Yellow colour~Yellow(light/dusty light) dept=Ladieswear not:Black count=5 soft=summer".
func (q Query) String() string {
	var parts []string
	add := func(key string, vals []string) {
		if len(vals) > 0 {
			parts = append(parts, key+strings.Join(vals, "|"))
		}
	}
	add("type=", q.Types)
	add("group=", q.ProductGroups)
	add("colour=", q.Colours)
	tones := strings.ToLower(strings.Join(q.ColourValues, "/"))
	switch {
	case len(q.ColourMasters) > 0 && tones != "":
		parts = append(parts, "colour~"+strings.Join(q.ColourMasters, "|")+"("+tones+")")
	case len(q.ColourMasters) > 0:
		add("colour~", q.ColourMasters)
	case tones != "":
		parts = append(parts, "tone="+tones)
	}
	add("dept=", append(append([]string(nil), q.IndexGroups...), q.IndexNames...))
	add("section=", q.Sections)
	add("look=", q.Appearances)
	add("garment=", q.GarmentGroups)
	n := q.Not
	var not []string
	for _, l := range [][]string{n.Types, n.ProductGroups, n.Colours, n.ColourMasters, n.ColourValues, n.IndexGroups, n.Appearances, n.GarmentGroups} {
		not = append(not, l...)
	}
	add("details=", q.Details)
	add("not:", not)
	if a := q.Audience; !a.IsZero() && a.Evidence != EvidenceDefault {
		parts = append(parts, "for="+a.String())
	}
	if q.Count > 0 {
		parts = append(parts, "count="+strconv.Itoa(q.Count))
	}
	if len(q.Soft) > 0 {
		parts = append(parts, "soft="+strings.Join(q.Soft, ","))
	}
	if len(q.Terms) > 0 {
		parts = append(parts, "terms="+strings.Join(q.Terms, ","))
	}
	return strings.Join(parts, " ")
}
