package finetune

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/stylistbot/stylist/catalog"
	"github.com/stylistbot/stylist/rag"
)

var (
	menRe   = regexp.MustCompile(`(?i)\b(man|men|male|guy|gentleman|boyfriend|husband|he|his)\b`)
	womenRe = regexp.MustCompile(`(?i)\b(woman|women|female|lady|ladies|girlfriend|wife|she|her)\b`)
)

// audienceOf reads who a style-instruct row is for from its input; adult when unsaid.
func audienceOf(input string) (string, string) {
	m, w := menRe.MatchString(input), womenRe.MatchString(input)
	switch {
	case m && !w:
		return AudienceMen, " for men"
	case w && !m:
		return AudienceWomen, " for women"
	}
	return AudienceAdult, ""
}

// occasions map words of a row's context (the event) to an occasion label for the report.
var occasions = []struct{ label, re string }{
	{"wedding", `wedding|bride|groom`},
	{"job interview", `interview`},
	{"office", `office|work|business|meeting|conference|corporate`},
	{"date", `\bdate\b|romantic|valentine`},
	{"party", `party|cocktail|gala|prom|celebration|birthday`},
	{"beach", `beach|pool|seaside|resort`},
	{"funeral", `funeral|memorial`},
	{"sport", `gym|workout|yoga|run|hike|hiking|sport`},
	{"travel", `travel|trip|flight|vacation|holiday`},
	{"festival", `festival|concert`},
	{"dinner", `dinner|restaurant|brunch|lunch`},
	{"casual", `casual|weekend|errand|everyday|shopping`},
}

var occasionRes = func() []*regexp.Regexp {
	out := make([]*regexp.Regexp, len(occasions))
	for i, o := range occasions {
		out[i] = regexp.MustCompile(`(?i)` + o.re)
	}
	return out
}()

// OccasionOf labels an event description ("other" when no label fits).
func OccasionOf(context string) string {
	for i, re := range occasionRes {
		if re.MatchString(context) {
			return occasions[i].label
		}
	}
	return "other"
}

var materialRes = func() []*regexp.Regexp {
	out := make([]*regexp.Regexp, len(materials))
	for i, m := range materials {
		out[i] = regexp.MustCompile(`(?i)\b` + m + `\b`)
	}
	return out
}()

var itemSep = regexp.MustCompile(`,|;|\band\b|&`)

// itemsOf splits an outfit line into item descriptions: accessories lines list
// several ("silver watch, black belt and aviator sunglasses").
func itemsOf(l OutfitLine) []string {
	if l.Slot != "accessories" {
		return []string{l.Text}
	}
	var out []string
	for _, part := range itemSep.Split(l.Text, -1) {
		if s := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(part), ".")); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// styleRow turns each item of each outfit line into a request for that item (with
// the row's audience) whose target is the article retrieval shows for it that
// matches the line's type, colour, material and audience; unmatched lines are
// dropped and counted.
func (b *builder) styleRow(ctx context.Context, row StyleRow) error {
	if strings.TrimSpace(row.Completion) == "" {
		b.rep.drop(SourceStyle, "row without completion")
		return nil
	}
	outfits := ParseOutfits(row.Completion)
	if len(outfits) == 0 {
		b.rep.drop(SourceStyle, "completion without outfit lines")
		return nil
	}
	aud, audText := audienceOf(row.Input)
	occ := OccasionOf(row.Context)
	for _, of := range outfits {
		for _, l := range of {
			for _, item := range itemsOf(l) {
				if err := b.styleItem(ctx, row, l, item, aud, audText, occ); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

func (b *builder) styleItem(ctx context.Context, row StyleRow, l OutfitLine, item, aud, audText, occ string) error {
	text := strings.TrimSuffix(strings.TrimSpace(item), ".") + audText
	event := strings.TrimSuffix(strings.TrimSpace(row.Context), ".")
	if event != "" { // the event is part of the request, so the answer may speak of it
		text += ", for this occasion: " + event
	}
	ex := Example{Source: SourceStyle, Kind: KindStyleLine, Occasion: occ, Audience: aud, Request: rag.Request{Query: text, Count: 1}}
	_, _, err := b.add(ctx, ex, func(p *rag.Prepared) (rag.Target, string) {
		q := p.Query
		if len(q.Types)+len(q.ProductGroups) == 0 {
			return rag.Target{}, "line names no catalog product type"
		}
		w := want{Types: q.Types, Groups: q.ProductGroups, Colours: q.Colours, Audience: aud}
		if len(w.Colours) == 0 && len(q.ColourMasters) > 0 {
			// a broad colour ("blue"): any colour group of that master
			for _, h := range p.Hits {
				for _, m := range q.ColourMasters {
					if h.Article.PerceivedColourMasterName == m && !slices.Contains(w.Colours, h.Article.ColourGroupName) {
						w.Colours = append(w.Colours, h.Article.ColourGroupName)
					}
				}
			}
			if len(w.Colours) == 0 {
				return rag.Target{}, "no matching article in context (colour)"
			}
		}
		for i, re := range materialRes {
			if re.MatchString(item) {
				w.Material = materials[i]
				break
			}
		}
		picks, why := w.picks(p.Hits, p.Count)
		if why != "" {
			return rag.Target{}, why
		}
		lead := fmt.Sprintf("For %s, the look calls for %s:", lowerFirst(event), strings.ToLower(item))
		if event == "" {
			lead = fmt.Sprintf("The look calls for %s:", strings.ToLower(item))
		}
		intro := fmt.Sprintf("The closest match in the catalog to %q.", strings.TrimSpace(item))
		return target(intro, picks, func(catalog.Article) string { return lead }), ""
	})
	return err
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}
