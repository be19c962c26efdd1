package retrieve

import (
	"strings"

	"github.com/stylistbot/stylist/catalog"
	"github.com/stylistbot/stylist/query"
)

// detailPenalty is subtracted from the score of an article that has a detail
// the request rules out ("not skinny", "without a hood"); such an article
// never counts as a full match either, so it ranks below every article
// without the detail that matches as well.
const detailPenalty = 1.0

// DetailStore is implemented by an ANN whose articles carry their details
// (catalog.Article.Details); *index.Index does from format version 3.
type DetailStore interface {
	HasDetails() bool
}

// StoresDetails reports whether ann's articles carry their details; when they
// do not (an index built before format 3, or an ANN that does not say), the
// retriever derives them from the texts at start-up.
func StoresDetails(ann ANN) bool {
	ds, ok := ann.(DetailStore)
	return ok && ds.HasDetails()
}

// withDetails returns a copy of arts with the details read from their texts.
func withDetails(arts []catalog.Article) []catalog.Article {
	out := make([]catalog.Article, len(arts))
	copy(out, arts)
	for i := range out {
		out[i].Details = query.DetailsOf(&out[i])
	}
	return out
}

// detailsWord is the Hit.Matched / Hit.Missing key of an asked detail:
// "detail:quilted" (matched) and "without:quilted" (asked, not stated).
const (
	detailsMatched = "detail"
	detailsLacking = "without"
)

// ruledOut reports whether a has a detail q rules out.
func ruledOut(q *query.Query, a *catalog.Article) bool {
	return len(q.NotDetails) > 0 && len(q.ExcludedDetails(a)) > 0
}

// askedDetails describes the ruled-out details for Result.Asked ("not skinny").
func askedDetails(q *query.Query) []string {
	out := make([]string, 0, len(q.NotDetails))
	for _, d := range q.NotDetails {
		out = append(out, "not "+d)
	}
	return out
}

// Articles with an empty description say less about themselves: they rank
// below an equally good described article, and well below it when the
// request rules out a detail (nothing shows the detail is absent).
const (
	emptyDescPenalty       = 0.1
	emptyDescDetailPenalty = 0.4
)

// emptyDesc reports whether a's description is empty or blank.
func emptyDesc(a *catalog.Article) bool {
	d := a.DetailDesc
	return d == "" || d[0] == ' ' && strings.TrimSpace(d) == ""
}
