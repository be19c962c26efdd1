package retrieve

import (
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
// "colour:Red" for an asked facet it does not meet, "detail:hood" for each
// ruled-out detail it has.
func hitMissing(names []string, q *query.Query, a *catalog.Article) []string {
	if len(names) == 0 {
		return nil
	}
	out := make([]string, 0, len(names))
	for _, n := range names {
		if n == "detail" {
			for _, d := range q.ExcludedDetails(a) {
				out = append(out, "detail:"+d)
			}
			continue
		}
		out = append(out, n+":"+askedValue(n, q))
	}
	return out
}
