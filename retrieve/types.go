// Package retrieve answers fashion requests with catalog articles: query
// understanding, ANN + lexical candidates, attribute-aware rerank and diversity.
package retrieve

import (
	"fmt"
	"strings"

	"github.com/stylistbot/stylist/catalog"
	"github.com/stylistbot/stylist/query"
)

// Hit is one retrieved article.
type Hit struct {
	Article catalog.Article `json:"article"`
	Score   float32         `json:"score"`   // final fused score, higher is better
	Matched []string        `json:"matched"` // attributes of the request this article matches, e.g. "type:Dress", "colour:Yellow"
	// Missing are the asked constraints this article does not meet, so that
	// no explanation claims them: "colour:Red", "detail:hood" (a detail the
	// request ruled out that the article has).
	Missing []string `json:"missing,omitempty"`
	// Part is the item of a multi-item request this hit answers (1-based,
	// Result.Parts[Part-1]); 0 for single-item requests.
	Part int `json:"part,omitempty"`
	// OffAudience marks an article that is not for the request's audience
	// (query.Audience), shown only because too few articles are.
	OffAudience bool `json:"off_audience,omitempty"`
}

// Result is the answer to one retrieval request.
type Result struct {
	Query   string      `json:"query"`
	Hits    []Hit       `json:"hits"`
	Count   int         `json:"count"`             // items the user asked for (0 = not said)
	Notices []string    `json:"notices,omitempty"` // e.g. "no Blue Dress found; showing other dresses"
	Relaxed []string    `json:"relaxed,omitempty"` // constraints dropped to fill the result
	Parsed  query.Query `json:"-"`                 // what query understanding extracted
	// Asked describes each requested hard constraint ("Dress or Skirt", "Light Yellow").
	Asked []string `json:"asked,omitempty"`
	// Parts are the items of a multi-item request ("a white shirt", "blue jeans for men").
	Parts []string `json:"parts,omitempty"`
	// FullMatches counts the hits that satisfy every requested hard constraint.
	FullMatches int `json:"full_matches"`
	// OffSection names the section asked for ("the plus-size section (H&M+)")
	// when no hit is from it but hits meet everything else: the catalog has no
	// such article there ("heels" in plus size).
	OffSection string `json:"off_section,omitempty"`
	// AskedItem describes the item asked for without the section ("Heels or Pumps").
	AskedItem string `json:"-"`
}

// Relaxation explains, for an answer of n items, that fewer than n hits satisfy
// every requested constraint; "" when there is nothing to say.
func (r *Result) Relaxation(n int) string {
	if len(r.Asked) == 0 || len(r.Hits) == 0 || r.FullMatches >= min(n, len(r.Hits)) {
		return ""
	}
	if r.FullMatches == 0 && r.OffSection != "" {
		item := r.AskedItem
		if item == "" {
			item = "match for this request"
		}
		return fmt.Sprintf("no %s in %s; showing the closest from other sections", item, r.OffSection)
	}
	if r.FullMatches == 0 {
		return fmt.Sprintf("nothing in the catalog matches all of: %s; showing the closest items", strings.Join(r.Asked, ", "))
	}
	return fmt.Sprintf("only %d items match all of: %s; the rest are close matches", r.FullMatches, strings.Join(r.Asked, ", "))
}
