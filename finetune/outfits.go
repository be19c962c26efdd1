package finetune

import (
	"bufio"
	"context"
	_ "embed"
	"fmt"
	"strings"

	"github.com/stylistbot/stylist/catalog"
	"github.com/stylistbot/stylist/outfit"
	"github.com/stylistbot/stylist/rag"
)

// Kinds of outfit request.
const (
	KindOutfit         = "outfit"           // "what should I wear to a wedding"
	KindOutfitAnchor   = "outfit-anchor"    // "complete the look: I have black leather boots"
	KindOutfitFollowUp = "outfit-follow-up" // "swap the shoes", "make it warmer", "another look"
	KindStyleOutfit    = "style-outfit"     // a style-instruct row as an outfit request
)

//go:embed data/occasions.txt
var occasionsText string

var outfitOccasions = lines(occasionsText)

func lines(s string) []string {
	var out []string
	sc := bufio.NewScanner(strings.NewReader(s))
	for sc.Scan() {
		if l := strings.TrimSpace(sc.Text()); l != "" && !strings.HasPrefix(l, "#") {
			out = append(out, l)
		}
	}
	return out
}

var (
	outfitWho       = []string{"", "", " for a man", " for a woman", " for my boyfriend", " for my wife", " for my 8-year-old daughter", " for a teenage boy"}
	outfitWhen      = []string{"", "", "", " in summer", " in winter", " on a rainy day"}
	outfitForms     = []string{"what should I wear to %s%s%s?", "an outfit for %s%s%s", "dress me for %s%s%s", "a look for %s%s%s", "%d outfit ideas for %s%s%s"}
	outfitFollowUps = []string{"swap the shoes for sneakers", "make it warmer", "show me another look", "same but for a man", "make it more casual", "make it dressier"}
	anchorTypes     = map[string]bool{"Boots": true, "Blazer": true, "Skirt": true, "Trousers": true, "Sneakers": true, "Jacket": true, "Coat": true, "Shirt": true, "Blouse": true, "Dress": true}
)

// OutfitPreparer renders outfit requests as the chain would send them; *rag.Chain
// (with outfits) implements it.
type OutfitPreparer interface {
	PrepareOutfit(ctx context.Context, req rag.Request) (*rag.PreparedOutfit, bool, error)
}

// syntheticOutfits generates n outfit requests (occasions, seasons, audiences,
// counts, anchors) and follow-ups, with the assembly's looks as targets.
func (b *builder) syntheticOutfits(ctx context.Context, op OutfitPreparer, arts []catalog.Article, n int) error {
	var anchors []catalog.Article
	for _, a := range arts {
		if anchorTypes[a.ProductTypeName] && a.IndexGroupName != AudienceChildren && usableColour(a.ColourGroupName) {
			anchors = append(anchors, a)
		}
	}
	for i := 0; i < n; i++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		who, when := pickOne(b, outfitWho...), pickOne(b, outfitWhen...)
		occ := pickOne(b, outfitOccasions...)
		kind := KindOutfit
		var text string
		if len(anchors) > 0 && b.rng.IntN(5) == 0 {
			a := anchors[b.rng.IntN(len(anchors))]
			kind = KindOutfitAnchor
			text = fmt.Sprintf("complete the look: I have %s, what goes with it for %s?", withArticle(describe(a)), occ)
		} else if f := outfitForms[b.rng.IntN(len(outfitForms))]; strings.HasPrefix(f, "%d") {
			text = fmt.Sprintf(f, 2+b.rng.IntN(2), occ, who, when)
		} else {
			text = fmt.Sprintf(f, occ, who, when)
		}
		ok, err := b.addOutfit(ctx, op, Example{Source: SourceSynthetic, Kind: kind, Request: rag.Request{Query: text}})
		if err != nil || !ok || b.rng.IntN(3) > 0 {
			if err != nil {
				return err
			}
			continue
		}
		first := b.out[len(b.out)-1]
		f := Example{Source: SourceSynthetic, Kind: KindOutfitFollowUp, Group: first.Group,
			Request: rag.Request{Query: pickOne(b, outfitFollowUps...), History: []rag.Turn{{Query: text, ArticleIDs: outfitIDs(first.Outfit)}}}}
		if _, err := b.addOutfit(ctx, op, f); err != nil {
			return err
		}
	}
	return nil
}

// addOutfit prepares an outfit example with the assembly's looks as its answer.
func (b *builder) addOutfit(ctx context.Context, op OutfitPreparer, ex Example) (bool, error) {
	return b.addOutfitWith(ctx, op, ex, func(p *rag.PreparedOutfit) (*rag.OutfitTarget, string) {
		return assembledTarget(p.Result), ""
	})
}

func (b *builder) addOutfitWith(ctx context.Context, op OutfitPreparer, ex Example, pick func(*rag.PreparedOutfit) (*rag.OutfitTarget, string)) (bool, error) {
	p, ok, err := op.PrepareOutfit(ctx, ex.Request)
	if err != nil {
		return false, fmt.Errorf("finetune: %q: %w", ex.Request.Query, err)
	}
	if !ok {
		b.rep.drop(ex.Source, "not read as an outfit request")
		return false, nil
	}
	if p.Prompt == "" {
		b.rep.drop(ex.Source, "no outfit assembled")
		return false, nil
	}
	t, why := pick(p)
	if why != "" {
		b.rep.drop(ex.Source, why)
		return false, nil
	}
	ex.System, ex.Prompt, ex.Outfit = p.System, p.Prompt, t
	if pl := p.Result.Plan; pl != nil {
		ex.Occasion = pl.Occasion.Name
		ex.Audience = audienceGroup(outfit.LookName(pl.Audience))
	}
	if ex.Group == "" {
		ex.Group = normGroup(ex.Request.Query)
	}
	b.out = append(b.out, ex)
	return true, nil
}

// assembledTarget is the answer the chain's grounding would keep whole: the
// assembled looks with their explanations.
func assembledTarget(res *outfit.Result) *rag.OutfitTarget {
	t := &rag.OutfitTarget{Intro: outfitIntro(res), Tip: "Keep the accessories to one or two pieces so the look stays clear."}
	for i, o := range res.Outfits {
		rationale, reasons := res.Explain(i)
		look := rag.OutfitTargetLook{Title: o.Title, Rationale: rationale}
		for j, it := range o.Items {
			r := ""
			if j < len(reasons) {
				r = reasons[j]
			}
			look.Items = append(look.Items, rag.OutfitTargetPiece{Slot: it.Slot, ArticleID: it.Article.ArticleID, Reason: r})
		}
		t.Outfits = append(t.Outfits, look)
	}
	return t
}

func outfitIntro(res *outfit.Result) string {
	title := "the occasion"
	if res.Plan != nil {
		title = res.Plan.Occasion.Title
	}
	if n := len(res.Outfits); n > 1 {
		return fmt.Sprintf("Here are %d different looks for %s, each one complete.", n, title)
	}
	return fmt.Sprintf("Here is a complete look for %s.", title)
}

// audienceGroup names an outfit plan's audience (outfit.LookName: "women", "girls 92-140") with the
// catalog's index groups, as single-item examples are counted.
func audienceGroup(a string) string {
	switch {
	case a == "women":
		return AudienceWomen
	case a == "men":
		return AudienceMen
	case a == "":
		return ""
	}
	return AudienceChildren
}

func outfitIDs(t *rag.OutfitTarget) []string {
	var ids []string
	for _, o := range t.Outfits {
		for _, it := range o.Items {
			ids = append(ids, it.ArticleID)
		}
	}
	return ids
}
