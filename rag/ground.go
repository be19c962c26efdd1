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
		} else if lacks := lacksOf(hits[i]); len(lacks) > 0 {
			// the model may call it a match; say what it lacks
			reason += " (Note: " + strings.Join(lacks, "; ") + ".)"
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

// templatedReason explains a retrieved item with what is true of it and
// what the person asked: the asked type, colour, department and pattern it
// has. It says "Matches your request" only when the item meets every asked
// constraint; otherwise it calls the item a close match and names what it
// lacks (hit.Missing), so no reason claims a relaxed or contradicted
// constraint, and a description is not quoted as a match.
func templatedReason(h retrieve.Hit) string {
	a := h.Article
	var what, details []string
	for _, m := range h.Matched {
		k, v, _ := strings.Cut(m, ":")
		switch k {
		case "type":
			what = append(what, "it is the "+strings.ToLower(v)+" you asked for")
		case "closest":
			what = append(what, "a "+strings.ToLower(v)+", the closest the catalog has")
		case "types":
			what = append(what, "a "+strings.ToLower(v)+", one of the kinds you asked for")
		case retrieve.MatchedGift: // no kind was asked: an idea for the gift
			what = append(what, indefinite(strings.ToLower(v))+" as a gift idea")
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
		case "detail": // an asked detail its name or description states
			details = append(details, v)
		}
	}
	if len(details) > 0 {
		what = append(what, "with the details you asked for ("+strings.Join(details, ", ")+")")
	}
	lacks := lacksOf(h)
	desc := firstSentence(a.DetailDesc)
	switch {
	case len(lacks) > 0:
		r := "A close match, not everything you asked for: " + strings.Join(lacks, "; ") + "."
		if len(what) > 0 {
			r += " It is " + strings.TrimPrefix(strings.Join(what, ", "), "it is ") + "."
		}
		return r
	case len(what) == 0 && desc == "":
		return fmt.Sprintf("A close match in our catalog: %s, %s.", strings.ToLower(a.ProductTypeName), strings.ToLower(a.ColourGroupName))
	case len(what) == 0:
		return "A close match: " + desc
	}
	r := "Matches your request: " + strings.Join(what, ", ") + "."
	if desc != "" {
		r += " " + desc
	}
	return r
}

// lacksOf says what an article lacks of the request (hit.Missing), one clause each.
func lacksOf(h retrieve.Hit) []string {
	a := h.Article
	var lacks []string
	for _, m := range h.Missing {
		k, v, _ := strings.Cut(m, ":")
		switch k {
		case "detail":
			lacks = append(lacks, "it is "+detailWords(v)+", which you wanted to avoid")
		case "without":
			lacks = append(lacks, "its description does not say "+v)
		case "sleeves":
			lacks = append(lacks, "it is sleeveless, not with "+v)
		case "type":
			lacks = append(lacks, "it is a "+strings.ToLower(a.ProductTypeName)+", not "+strings.ToLower(v))
		case "colour":
			lacks = append(lacks, "it is "+strings.ToLower(a.ColourGroupName)+", not "+strings.ToLower(v))
		case "department":
			lacks = append(lacks, "it is from "+a.IndexGroupName+", not "+v)
		}
	}
	return lacks
}

// detailWords says a ruled-out detail as a property ("hood" → "hooded").
func detailWords(label string) string {
	switch label {
	case "hood":
		return "hooded"
	case "wool", "leather", "lace", "polyester", "fur":
		return "in " + label
	case "buttons", "pockets", "frills", "sequins", "heels", "padding", "underwire", "zip", "logo", "print", "slit":
		return "with " + label
	}
	return label
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

// indefinite puts "a" or "an" before a noun phrase ("an earring").
func indefinite(s string) string {
	if s != "" && strings.ContainsRune("aeiou", rune(s[0])) {
		return "an " + s
	}
	return "a " + s
}
