package rag

import (
	"regexp"
	"strings"

	"github.com/stylistbot/stylist/query"
)

// moreRe matches requests for more of the same ("show me more", "other options").
var moreRe = regexp.MustCompile(`(?i)^\W*(please\s+)?((show|give|send)\s+(me\s+)?)?(some\s+)?(more|others?|other\s+(ones|options|items)|different\s+ones|next)(\s+(please|options|ones|items|of\s+(those|these|them)))?\W*$`)

// effectiveQuery folds the thread's history into the new request: a request that
// names no product type refines the previous one ("same but in navy"), "show me
// more" repeats it without the items already shown, and a request with a product
// type starts afresh. It returns the query and the article ids to leave out.
func effectiveQuery(p Parser, history []Turn, text string) (query.Query, map[string]bool) {
	var prev *query.Query
	shown := map[string]bool{}
	for _, t := range history {
		if isChat(t.Query) { // "thanks", "hi": nothing to fold in
			continue
		}
		q := merge(p, prev, t.Query)
		prev = &q
		for _, id := range t.ArticleIDs {
			shown[id] = true
		}
	}
	if prev != nil && moreRe.MatchString(text) {
		return *prev, shown
	}
	q := merge(p, prev, text)
	return q, nil
}

func merge(p Parser, prev *query.Query, text string) query.Query {
	q := p.Parse(text)
	if prev == nil || len(q.Types) > 0 || len(q.ProductGroups) > 0 {
		return q
	}
	m := *prev
	m.Text = strings.TrimSpace(prev.Text + " " + text)
	override := func(dst *[]string, src []string) {
		if len(src) > 0 {
			*dst = src
		}
	}
	if len(q.Colours) > 0 || len(q.ColourMasters) > 0 {
		m.Colours, m.ColourMasters, m.ColourValues = q.Colours, q.ColourMasters, q.ColourValues
	}
	override(&m.IndexGroups, q.IndexGroups)
	override(&m.IndexNames, q.IndexNames)
	override(&m.Appearances, q.Appearances)
	override(&m.GarmentGroups, q.GarmentGroups)
	m.Not.Types = append(append([]string(nil), m.Not.Types...), q.Not.Types...)
	m.Not.Colours = append(append([]string(nil), m.Not.Colours...), q.Not.Colours...)
	m.Not.ColourMasters = append(append([]string(nil), m.Not.ColourMasters...), q.Not.ColourMasters...)
	m.Not.Appearances = append(append([]string(nil), m.Not.Appearances...), q.Not.Appearances...)
	m.Not.GarmentGroups = append(append([]string(nil), m.Not.GarmentGroups...), q.Not.GarmentGroups...)
	m.Soft = append(append([]string(nil), m.Soft...), q.Soft...)
	m.Terms = append(append([]string(nil), m.Terms...), q.Terms...)
	if q.Count > 0 {
		m.Count = q.Count
	}
	return m
}
