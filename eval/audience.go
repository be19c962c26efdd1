package eval

import (
	"math"
	"strings"

	"github.com/stylistbot/stylist/catalog"
)

// Audiences a query can expect ("audience" in a queries file).
const (
	AudAdult    = "adult"    // any adult department: no children's article
	AudWomen    = "women"    // Ladieswear, Divided, Ladies H&M Sport
	AudMen      = "men"      // Menswear, Men H&M Sport
	AudChildren = "children" // a children's article of one of "bands" (any band when none is given)
	AudBaby     = "baby"     // Baby Sizes 50-98
	AudTeen     = "teen"     // Children Sizes 134-170 (or "bands"), Divided or Menswear
)

var audiences = map[string]bool{AudAdult: true, AudWomen: true, AudMen: true, AudChildren: true, AudBaby: true, AudTeen: true}

// expectedAudience is the audience a query expects: its "audience", else
// children when its index_group names Baby/Children, men or women when it
// names only Menswear or only Ladieswear/Divided, else adult (a request that
// does not mention a child is for an adult).
func expectedAudience(q Query) string {
	if q.Audience != "" {
		return q.Audience
	}
	men, women := false, false
	for _, g := range q.IndexGroup {
		switch g {
		case "Baby/Children":
			return AudChildren
		case "Menswear":
			men = true
		case "Ladieswear", "Divided":
			women = true
		}
	}
	switch {
	case men && !women:
		return AudMen
	case women && !men:
		return AudWomen
	}
	return AudAdult
}

// articleAudience reads who an article is for from the catalog's own
// departments: "women", "men", "child" or "" (not an H&M department); band
// is the children's index name ("" for children's articles without a band:
// shoes, accessories and swimwear, Kids Sports).
func articleAudience(a *catalog.Article) (who, band string) {
	switch a.IndexGroupName {
	case "Ladieswear", "Divided":
		return "women", ""
	case "Menswear":
		return "men", ""
	case "Sport":
		switch {
		case a.SectionName == "Kids Sports":
			return "child", ""
		case strings.HasPrefix(a.SectionName, "Men"):
			return "men", ""
		}
		return "women", ""
	case "Baby/Children":
		if strings.Contains(a.IndexName, "Sizes") {
			return "child", a.IndexName
		}
		return "child", ""
	}
	return "", ""
}

// audienceMatch reports whether article a is for the audience q expects.
func audienceMatch(q Query, a *catalog.Article) bool {
	who, band := articleAudience(a)
	bandOK := func(def []string) bool {
		want := q.Bands
		if len(want) == 0 {
			want = def
		}
		return who == "child" && (band == "" || len(want) == 0 || in(want, band))
	}
	switch expectedAudience(q) {
	case AudWomen:
		return who == "women"
	case AudMen:
		return who == "men"
	case AudChildren:
		return bandOK(nil)
	case AudBaby:
		return who == "child" && band == "Baby Sizes 50-98"
	case AudTeen:
		return bandOK([]string{"Children Sizes 134-170"}) || a.IndexGroupName == "Divided" || a.IndexGroupName == "Menswear"
	}
	return who == "women" || who == "men" || who == ""
}

// isChildArticle reports whether a is a baby or children's article.
func isChildArticle(a *catalog.Article) bool {
	who, _ := articleAudience(a)
	return who == "child"
}

// childRequest reports whether the query expects a child's articles.
func childRequest(q Query) bool {
	switch expectedAudience(q) {
	case AudChildren, AudBaby, AudTeen:
		return true
	}
	return false
}

// AudienceStats summarises the audience metric over a query set.
type AudienceStats struct {
	Precision float64 `json:"precision"` // mean share of top-k articles for the expected audience
	// AdultChildShare is the share of children's articles among the top-k of
	// requests that do not mention a child (pooled over their articles).
	AdultChildShare *float64 `json:"adult_child_share"` // nil without such requests
	// ChildFit is the share of children's articles of a fitting band among the
	// top-k of requests for a child (pooled).
	ChildFit      *float64           `json:"child_fit"` // nil without such requests
	AdultQueries  int                `json:"adult_queries"`
	ChildQueries  int                `json:"child_queries"`
	ByKind        map[string]float64 `json:"by_kind,omitempty"` // audience precision per query "kind"
	KindQueries   map[string]int     `json:"kind_queries,omitempty"`
	childItems    int
	adultItems    int
	childInAdult  int
	fitInChildren int
}

func (rep *Report) summariseAudience() {
	st := &AudienceStats{ByKind: map[string]float64{}, KindQueries: map[string]int{}}
	var sum float64
	n := 0
	for _, r := range rep.Queries {
		if math.IsNaN(r.AudiencePrecision) {
			continue
		}
		sum += r.AudiencePrecision
		n++
		if k := r.Query.Kind; k != "" {
			st.ByKind[k] += r.AudiencePrecision
			st.KindQueries[k]++
		}
		if childRequest(r.Query) {
			st.ChildQueries++
			st.childItems += len(r.Items)
			st.fitInChildren += r.audienceHits
		} else {
			st.AdultQueries++
			st.adultItems += len(r.Items)
			st.childInAdult += r.childHits
		}
	}
	if n == 0 {
		return
	}
	for k, v := range st.ByKind {
		st.ByKind[k] = v / float64(st.KindQueries[k])
	}
	if len(st.ByKind) == 0 {
		st.ByKind, st.KindQueries = nil, nil
	}
	st.Precision = sum / float64(n)
	if st.adultItems > 0 {
		v := float64(st.childInAdult) / float64(st.adultItems)
		st.AdultChildShare = &v
	}
	if st.childItems > 0 {
		v := float64(st.fitInChildren) / float64(st.childItems)
		st.ChildFit = &v
	}
	rep.Audience = st
}
