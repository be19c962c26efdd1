package rag

import (
	"strings"

	"github.com/stylistbot/stylist/prompts"
	"github.com/stylistbot/stylist/query"
	"github.com/stylistbot/stylist/retrieve"
)

// charsPerToken estimates prompt tokens from characters (English text, llama tokenizers).
const charsPerToken = 3.5

func promptData(q query.Query, hits []retrieve.Hit, n int, history []Turn) prompts.Data {
	d := prompts.Data{Query: q.Text, Asked: asked(q), Count: n}
	for _, h := range hits {
		a := h.Article
		d.Items = append(d.Items, prompts.Item{ArticleID: a.ArticleID, ProdName: a.ProdName, ProductTypeName: a.ProductTypeName,
			ColourGroupName: a.ColourGroupName, DepartmentName: a.DepartmentName, IndexName: a.IndexName, Desc: a.DetailDesc})
	}
	for _, t := range history[max(0, len(history)-3):] {
		d.History = append(d.History, prompts.TurnData{Query: t.Query, ArticleIDs: t.ArticleIDs})
	}
	return d
}

// asked summarises the understood request for the prompt.
func asked(q query.Query) string {
	var parts []string
	if len(q.Types) > 0 {
		parts = append(parts, strings.Join(q.Types, " or "))
	} else if len(q.ProductGroups) > 0 {
		parts = append(parts, strings.Join(q.ProductGroups, " or "))
	}
	if len(q.Colours) > 0 {
		parts = append(parts, "colour "+strings.Join(q.Colours, " or "))
	} else if len(q.ColourMasters) > 0 {
		parts = append(parts, "colour "+strings.Join(q.ColourMasters, " or "))
	}
	if len(q.IndexGroups) > 0 {
		parts = append(parts, "from "+strings.Join(q.IndexGroups, " or "))
	}
	if a := q.Audience; !a.IsZero() && a.Evidence != query.EvidenceDefault {
		parts = append(parts, "for "+a.Label()+" sizes")
	}
	if len(q.Not.ColourMasters)+len(q.Not.Colours) > 0 {
		parts = append(parts, "not "+strings.Join(append(append([]string(nil), q.Not.ColourMasters...), q.Not.Colours...), " or "))
	}
	if len(q.NotDetails) > 0 {
		parts = append(parts, "without "+strings.Join(q.NotDetails, " or "))
	}
	if len(q.Soft) > 0 {
		parts = append(parts, strings.Join(q.Soft, ", "))
	}
	for _, l := range q.Limits { // say it so the model claims no price, size or brand
		parts = append(parts, "the catalog cannot answer: "+l.Notice)
	}
	return strings.Join(parts, "; ")
}

// fitBudget shortens descriptions, then drops trailing items (never below n), until
// the items fit in budget tokens (estimated), leaving room for the template text.
func fitBudget(d *prompts.Data, budget, n int) {
	const templateTokens = 350
	avail := float64(budget-templateTokens) * charsPerToken
	size := func() float64 {
		s := len(d.Query) + len(d.Asked)
		for _, h := range d.History {
			s += len(h.Query) + 12*len(h.ArticleIDs)
		}
		for _, it := range d.Items {
			s += len(it.ArticleID) + len(it.ProdName) + len(it.ProductTypeName) + len(it.ColourGroupName) + len(it.DepartmentName) + len(it.Desc) + 12
		}
		return float64(s)
	}
	for _, limit := range []int{240, 120, 60, 0} {
		if size() <= avail {
			return
		}
		for i := range d.Items {
			d.Items[i].Desc = clipRunes(d.Items[i].Desc, limit)
		}
	}
	for size() > avail && len(d.Items) > n {
		d.Items = d.Items[:len(d.Items)-1]
	}
}

func clipRunes(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	if n == 0 {
		return ""
	}
	return strings.TrimSpace(string(r[:n-1])) + "…"
}
