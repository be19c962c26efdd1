package rag

import (
	"fmt"
	"strings"

	"github.com/stylistbot/stylist/catalog"
	"github.com/stylistbot/stylist/retrieve"
)

// ground keeps only the model's items that are among the retrieved hits (each once),
// fills up to n from retrieval order, and reports the ids it dropped.
func ground(ans *modelAnswer, hits []retrieve.Hit, n int, imageURL func(catalog.Article) string) (items []Item, dropped []string) {
	byID := make(map[string]int, len(hits))
	for i, h := range hits {
		byID[h.Article.ArticleID] = i
	}
	used := map[string]bool{}
	for _, mi := range ans.Items {
		id := normalizeID(mi.ArticleID)
		i, ok := byID[id]
		if !ok {
			dropped = append(dropped, mi.ArticleID)
			continue
		}
		if used[id] || len(items) >= n {
			continue
		}
		used[id] = true
		reason := strings.TrimSpace(mi.Reason)
		if reason == "" {
			reason = templatedReason(hits[i])
		}
		items = append(items, toItem(hits[i], reason, false, imageURL))
	}
	for _, h := range hits {
		if len(items) >= n {
			break
		}
		if used[h.Article.ArticleID] {
			continue
		}
		used[h.Article.ArticleID] = true
		items = append(items, toItem(h, templatedReason(h), true, imageURL))
	}
	return items, dropped
}

// normalizeID accepts ids the model wrote without leading zeros or with spaces.
func normalizeID(s string) string {
	s = strings.TrimSpace(s)
	if id, ok := catalog.NormalizeID(s, catalog.ArticleIDWidth); ok {
		return id
	}
	return s
}

func toItem(h retrieve.Hit, reason string, fromRetrieval bool, imageURL func(catalog.Article) string) Item {
	a := h.Article
	it := Item{ArticleID: a.ArticleID, ProdName: a.ProdName, ProductTypeName: a.ProductTypeName, ColourGroupName: a.ColourGroupName,
		DepartmentName: a.DepartmentName, IndexName: a.IndexName, IndexGroupName: a.IndexGroupName, DetailDesc: a.DetailDesc,
		Reason: reason, Score: h.Score, FromRetrieval: fromRetrieval}
	if imageURL != nil {
		it.ImageURL = imageURL(a)
	}
	return it
}

// templatedReason explains a retrieved item from the attributes it matched.
func templatedReason(h retrieve.Hit) string {
	a := h.Article
	var what []string
	for _, m := range h.Matched {
		k, v, _ := strings.Cut(m, ":")
		switch k {
		case "type":
			what = append(what, "it is the "+strings.ToLower(v)+" you asked for")
		case "colour", "colour_master":
			if !containsPrefix(what, "in ") {
				what = append(what, "in "+strings.ToLower(a.ColourGroupName)) // the article's own colour, not the family matched
			}
		case "department", "index":
			if !containsPrefix(what, "from ") {
				what = append(what, "from "+v)
			}
		case "appearance":
			what = append(what, strings.ToLower(v))
		}
	}
	desc := firstSentence(a.DetailDesc)
	if len(what) == 0 {
		if desc == "" {
			return fmt.Sprintf("A close match in our catalog: %s, %s.", strings.ToLower(a.ProductTypeName), strings.ToLower(a.ColourGroupName))
		}
		return "A close match: " + desc
	}
	r := "Matches your request: " + strings.Join(what, ", ") + "."
	if desc != "" {
		r += " " + desc
	}
	return r
}

func containsPrefix(ss []string, p string) bool {
	for _, s := range ss {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

func firstSentence(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.Index(s, ". "); i > 0 {
		s = s[:i+1]
	}
	if r := []rune(s); len(r) > 160 {
		s = string(r[:159]) + "…"
	}
	return s
}
