package rag

import (
	"sort"

	"github.com/stylistbot/stylist/retrieve"
)

// groupItems orders the items of a multi-item answer by the item of the
// request they answer ("a white shirt" first, then "blue jeans for men") and
// labels each with it; single-item answers are left as they are.
func groupItems(items []Item, res *retrieve.Result) []Item {
	if len(res.Parts) < 2 {
		return items
	}
	part := map[string]int{}
	for _, h := range res.Hits {
		part[h.Article.ArticleID] = h.Part
	}
	for i := range items {
		if p := part[items[i].ArticleID]; p > 0 && p <= len(res.Parts) {
			items[i].Group = res.Parts[p-1]
			// every channel shows the reason: say which item this answers
			items[i].Reason = "For \u201c" + items[i].Group + "\u201d: " + items[i].Reason
		}
	}
	sort.SliceStable(items, func(i, j int) bool { return part[items[i].ArticleID] < part[items[j].ArticleID] })
	return items
}
