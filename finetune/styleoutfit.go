package finetune

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/stylistbot/stylist/catalog"
	"github.com/stylistbot/stylist/outfit"
	"github.com/stylistbot/stylist/rag"
)

// linePrefix starts the reason of a piece chosen for a completion line.
const linePrefix = "The look calls for"

// lineSlots maps a completion line's slot to the planner's slots it may fill.
var lineSlots = map[string][]string{
	"top": {outfit.Top}, "bottom": {outfit.Bottom}, "dress": {outfit.OnePiece},
	"shoes": {outfit.Shoes}, "outerwear": {outfit.Outer, outfit.Top}, "accessories": {outfit.Accessory},
}

// styleOutfit turns a style-instruct row into one outfit request (the person, the
// event, as many looks as the completion has, up to 3). Each look's pieces are, per
// completion line, the slot candidate shown in the prompt that has the line's type,
// colour and material; lines without one are dropped and counted, and their slots
// keep the assembled look's piece (what grounding keeps when a slot is left out).
func (b *builder) styleOutfit(ctx context.Context, op OutfitPreparer, parse rag.Parser, row StyleRow, outfits [][]OutfitLine) error {
	n := min(len(outfits), 3)
	looks := "an outfit"
	if n > 1 {
		looks = fmt.Sprintf("%d outfit ideas", n)
	}
	text := fmt.Sprintf("%s What should I wear to this: %s? Give me %s.", ensureStop(row.Input), strings.TrimSuffix(strings.TrimSpace(row.Context), "."), looks)
	ex := Example{Source: SourceStyle, Kind: KindStyleOutfit, Request: rag.Request{Query: text}}
	_, err := b.addOutfitWith(ctx, op, ex, func(p *rag.PreparedOutfit) (*rag.OutfitTarget, string) {
		t := assembledTarget(p.Result)
		matched := 0
		for i := range t.Outfits {
			if i >= n {
				break
			}
			used := map[string]bool{}
			for _, l := range outfits[i] {
				for _, item := range itemsOf(l) {
					a, slot, why := b.matchCandidate(p, parse, l.Slot, item, used)
					if why != "" {
						b.rep.drop(SourceStyle, "outfit line: "+why)
						continue
					}
					used[a.ArticleID] = true
					if setPiece(&t.Outfits[i], slot, a, fmt.Sprintf("%s %s: %s", linePrefix, strings.ToLower(item), reason(a, ""))) {
						matched++
					}
				}
			}
		}
		if matched == 0 {
			return nil, "no outfit line matched a slot candidate"
		}
		return t, ""
	})
	return err
}

// matchCandidate finds the slot candidate shown in the prompt that fits the line item.
func (b *builder) matchCandidate(p *rag.PreparedOutfit, parse rag.Parser, lineSlot, item string, used map[string]bool) (catalog.Article, string, string) {
	q := parse.Parse(item)
	if len(q.Types)+len(q.ProductGroups) == 0 {
		return catalog.Article{}, "", "names no catalog product type"
	}
	w := want{Types: q.Types, Groups: q.ProductGroups, Colours: q.Colours}
	for i, re := range materialRes {
		if re.MatchString(item) {
			w.Material = materials[i]
			break
		}
	}
	worst := "no candidate of the type"
	for _, slot := range lineSlots[lineSlot] {
		for _, c := range p.Result.Candidates[slot] {
			a := c.Article
			if used[a.ArticleID] || !strings.Contains(p.Prompt, a.ArticleID) {
				continue
			}
			if len(q.Colours) == 0 && len(q.ColourMasters) > 0 && !slices.Contains(q.ColourMasters, a.PerceivedColourMasterName) {
				worst = "no candidate in the colour"
				continue
			}
			if why := w.check(a); why != "" {
				if why != "type" {
					worst = "no candidate in the " + why
				}
				continue
			}
			return a, slot, ""
		}
	}
	return catalog.Article{}, "", worst
}

// setPiece puts a into the look's slot (replacing the assembled piece of that slot,
// or adding it when the look has none); false when the look already has a.
func setPiece(look *rag.OutfitTargetLook, slot string, a catalog.Article, why string) bool {
	for _, it := range look.Items {
		if it.ArticleID == a.ArticleID {
			return false
		}
	}
	for i, it := range look.Items { // replace the slot's assembled piece (for accessories, one not yet replaced)
		if it.Slot == slot && !strings.HasPrefix(it.Reason, linePrefix) {
			look.Items[i] = rag.OutfitTargetPiece{Slot: slot, ArticleID: a.ArticleID, Reason: why}
			return true
		}
	}
	look.Items = append(look.Items, rag.OutfitTargetPiece{Slot: slot, ArticleID: a.ArticleID, Reason: why})
	return true
}

func ensureStop(s string) string {
	s = strings.TrimSpace(s)
	if s == "" || strings.HasSuffix(s, ".") || strings.HasSuffix(s, "!") || strings.HasSuffix(s, "?") {
		return s
	}
	return s + "."
}
