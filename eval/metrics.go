package eval

import (
	"math"

	"github.com/stylistbot/stylist/catalog"
)

// maxGrade is the relevance of an item that satisfies every constraint.
const maxGrade = 3

// typeMatch reports whether a has one of the expected types (true when none are expected).
func typeMatch(q Query, a *catalog.Article) bool {
	return len(q.Types) == 0 || in(q.Types, a.ProductTypeName)
}

// fullMatch reports whether a satisfies every constraint of q.
func fullMatch(q Query, a *catalog.Article) bool {
	return typeMatch(q, a) &&
		(len(q.ColourMaster) == 0 || in(q.ColourMaster, a.PerceivedColourMasterName)) &&
		(len(q.IndexGroup) == 0 || in(q.IndexGroup, a.IndexGroupName)) &&
		!in(q.ExcludeColourMaster, a.PerceivedColourMasterName) && detailsMatch(q, a)
}

// detailsMatch reports whether a states every expected detail and none of the excluded ones.
func detailsMatch(q Query, a *catalog.Article) bool {
	for _, re := range q.details {
		if !statesDetail(a, re) {
			return false
		}
	}
	for _, re := range q.notDetails {
		if statesDetail(a, re) {
			return false
		}
	}
	return true
}

// grade is the graded relevance of a for q: 3 when every constraint holds, 2 when
// the type holds but another constraint fails, 1 when the type fails but other
// constraints hold, 0 otherwise (an excluded colour caps the grade at 1).
func grade(q Query, a *catalog.Article) int {
	if fullMatch(q, a) {
		return maxGrade
	}
	others, held := 0, 0
	for _, c := range []struct {
		want []string
		v    string
	}{{q.ColourMaster, a.PerceivedColourMasterName}, {q.IndexGroup, a.IndexGroupName}} {
		if len(c.want) > 0 {
			others++
			if in(c.want, c.v) {
				held++
			}
		}
	}
	g := 0
	switch {
	case len(q.Types) > 0 && typeMatch(q, a):
		g = 2
	case others > 0 && held > 0:
		g = 1
	}
	if in(q.ExcludeColourMaster, a.PerceivedColourMasterName) {
		g = min(g, 1)
	}
	return g
}

// precision is the share of items satisfying ok; NaN for no items.
func precision(items []catalog.Article, ok func(*catalog.Article) bool) float64 {
	if len(items) == 0 {
		return math.NaN()
	}
	n := 0
	for i := range items {
		if ok(&items[i]) {
			n++
		}
	}
	return float64(n) / float64(len(items))
}

// ndcg is DCG of the graded items over the DCG of k fully relevant items.
func ndcg(q Query, items []catalog.Article, k int) float64 {
	if k <= 0 {
		return math.NaN()
	}
	var dcg, idcg float64
	for i := 0; i < k; i++ {
		disc := math.Log2(float64(i) + 2)
		idcg += (math.Exp2(maxGrade) - 1) / disc
		if i < len(items) {
			dcg += (math.Exp2(float64(grade(q, &items[i]))) - 1) / disc
		}
	}
	return dcg / idcg
}

func in(vals []string, v string) bool {
	for _, x := range vals {
		if x == v {
			return true
		}
	}
	return false
}
