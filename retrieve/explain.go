package retrieve

import (
	"fmt"
	"strings"

	"github.com/stylistbot/stylist/catalog"
	"github.com/stylistbot/stylist/query"
)

// matchedLabel is the Hit.Matched key of a facet: "types" instead of "type"
// when the request allowed several types ("a top": Top, Vest top, T-shirt,
// Blouse), so an explanation says "one of the kinds you asked for" rather
// than claiming the exact type was asked; "closest" when the type was
// searched instead of a category the catalog does not sell.
func matchedLabel(name string, q *query.Query) string {
	if name == "type" {
		for _, l := range q.Limits {
			if len(l.Closest) > 0 {
				return "closest" // searched instead of what the catalog does not sell
			}
		}
	}
	if name == "type" && len(q.Types)+len(q.ProductGroups) > 1 {
		return "types"
	}
	return name
}

// askedValue describes what the request asked of a facet ("Red", "Dress or Skirt").
func askedValue(name string, q *query.Query) string {
	var vals []string
	switch name {
	case "type":
		vals = append(append(vals, q.Types...), q.ProductGroups...)
	case "colour":
		switch {
		case len(q.Colours) > 0:
			vals = q.Colours
		case len(q.ColourMasters) > 0:
			vals = q.ColourMasters
		default:
			vals = q.ColourValues
		}
	case "department":
		vals = append(append(append(vals, q.IndexGroups...), q.IndexNames...), q.Sections...)
	}
	return strings.Join(vals, " or ")
}

// hitMissing describes what a returned article lacks for Hit.Missing:
// "colour:Red" for an asked facet it does not meet, "without:quilted" for
// each asked detail it does not state, "detail:hood" for each ruled-out
// detail it has.
func hitMissing(names []string, q *query.Query, a *catalog.Article) []string {
	if len(names) == 0 {
		return nil
	}
	out := make([]string, 0, len(names))
	for _, n := range names {
		if n == "sleeves" { // "a long sleeve top": a sleeveless one lacks them
			if contains(q.Soft, "long sleeve") {
				out = append(out, "sleeves:long sleeves")
			} else {
				out = append(out, "sleeves:short sleeves")
			}
			continue
		}
		if n == "detail" {
			for _, d := range q.ExcludedDetails(a) {
				out = append(out, "detail:"+d)
			}
			continue
		}
		if n == "details" {
			_, lacks := q.MatchedDetails(a)
			for _, d := range lacks {
				out = append(out, detailsLacking+":"+d)
			}
			continue
		}
		out = append(out, n+":"+askedValue(n, q))
	}
	return out
}

// explainRelaxation records what was asked and how many hits satisfy all of it,
// and adds a notice when fewer than k do.
func (r *Retriever) explainRelaxation(res *Result, q *query.Query, constrained bool, k int) {
	if !constrained {
		return
	}
	if len(q.Types) > 0 {
		res.Asked = append(res.Asked, strings.Join(q.Types, " or "))
	} else if len(q.ProductGroups) > 0 {
		res.Asked = append(res.Asked, strings.Join(q.ProductGroups, " or "))
	}
	if len(q.Colours) > 0 {
		res.Asked = append(res.Asked, strings.Join(q.Colours, " or "))
	} else if len(q.ColourMasters) > 0 {
		res.Asked = append(res.Asked, strings.Join(q.ColourMasters, " or "))
	}
	if q.Audience.Child() && q.Audience.Evidence == query.EvidenceExplicit {
		res.Asked = append(res.Asked, q.Audience.Label()) // "children's 92-140", not its index names
	} else if len(q.IndexNames) > 0 {
		res.Asked = append(res.Asked, strings.Join(q.IndexNames, " or "))
	} else if len(q.IndexGroups) > 0 {
		res.Asked = append(res.Asked, strings.Join(q.IndexGroups, " or "))
	}
	item := strings.Join(res.Asked, ", ")
	if len(q.Sections) > 0 {
		res.Asked = append(res.Asked, sectionLabel(q.Sections))
	}
	res.Asked = append(res.Asked, q.Details...)
	res.Asked = append(res.Asked, askedDetails(q)...)
	elsewhere := 0 // hits meeting everything but the section
	unsectioned := *q
	unsectioned.Sections = nil
	for i := range res.Hits {
		h := &res.Hits[i]
		if hardMatch(q, &h.Article) && !ruledOut(q, &h.Article) && !lacksSleeves(q, &h.Article) {
			res.FullMatches++
		} else if len(q.Sections) > 0 && hardMatch(&unsectioned, &h.Article) {
			elsewhere++
		}
	}
	if len(q.Sections) > 0 && res.FullMatches == 0 && elsewhere > 0 && item != "" {
		res.OffSection, res.AskedItem = sectionLabel(q.Sections), item
	}
	if n := res.Relaxation(k); n != "" {
		res.Notices = append(res.Notices, n)
		for i := range facets {
			if facets[i].hard && facets[i].asked(q) {
				res.Relaxed = append(res.Relaxed, facets[i].name)
			}
		}
	}
}

// sectionNames says what the sections a request can name are, for notices.
var sectionNames = map[string]string{"H&M+": "plus-size", "Mama": "maternity"}

// sectionLabel names the sections asked for: "the plus-size section (H&M+)".
func sectionLabel(sections []string) string {
	var parts []string
	for _, s := range sections {
		if n, ok := sectionNames[s]; ok {
			parts = append(parts, fmt.Sprintf("the %s section (%s)", n, s))
		} else {
			parts = append(parts, "the "+s+" section")
		}
	}
	return strings.Join(parts, " or ")
}
