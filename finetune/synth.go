package finetune

import (
	"bufio"
	"context"
	_ "embed"
	"fmt"
	"slices"
	"strings"

	"github.com/stylistbot/stylist/catalog"
	"github.com/stylistbot/stylist/rag"
)

//go:embed data/absent.txt
var absentText string

// absentItems are requests for things the catalog does not sell (data/absent.txt).
var absentItems = func() []string {
	var out []string
	sc := bufio.NewScanner(strings.NewReader(absentText))
	for sc.Scan() {
		if s := strings.TrimSpace(sc.Text()); s != "" && !strings.HasPrefix(s, "#") {
			out = append(out, s)
		}
	}
	return out
}()

// skipGroups are product groups nobody asks a stylist for.
var skipGroups = []string{"Unknown", "Stationery", "Furniture", "Fun", "Interior textile", "Items", "Garment and Shoe care", "Cosmetic"}

// audiencePhrases say who a request is for, by index group.
var audiencePhrases = map[string][]string{
	AudienceWomen:    {"for women", "for a woman", "for my girlfriend"},
	AudienceMen:      {"for men", "for a man", "for my husband"},
	AudienceChildren: {"for kids", "for my son", "for a child"},
}

// appearanceWords are request words for graphical appearances the catalog names.
var appearanceWords = map[string]string{
	"Stripe": "striped", "Denim": "denim", "Check": "checked", "Dot": "polka dot", "Lace": "lace",
	"Glittering/Metallic": "glittery", "Embroidery": "embroidered", "Sequin": "sequinned", "Colour blocking": "colour-block",
}

// materials are fabric words a request can ask for; the pick must mention them.
var materials = []string{"linen", "leather", "cotton", "wool", "silk", "satin", "velvet", "suede", "cashmere", "corduroy", "chiffon"}

// synthetic generates n requests over the catalog, deterministic for the builder's seed.
func (b *builder) synthetic(ctx context.Context, arts []catalog.Article, n int) error {
	var pool []catalog.Article
	for _, a := range arts {
		if !slices.Contains(skipGroups, a.ProductGroupName) && a.ProductTypeName != "" && usableColour(a.ColourGroupName) {
			pool = append(pool, a)
		}
	}
	if len(pool) == 0 {
		return fmt.Errorf("finetune: no usable catalog articles for synthetic requests")
	}
	kinds := []string{KindType, KindColour, KindColour, KindCount, KindNegation, KindDetail, KindNone}
	for i := 0; i < n; i++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		a := pool[b.rng.IntN(len(pool))]
		kind := kinds[b.rng.IntN(len(kinds))]
		var err error
		if kind == KindNone {
			err = b.none(ctx)
		} else {
			err = b.single(ctx, kind, a, pool)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func usableColour(c string) bool {
	return c != "" && !strings.HasPrefix(c, "Other") && c != "Unknown" && c != "Undefined" && c != "Transparent"
}

// single makes one single-item request of kind from article a; with a chance, a
// follow-up turn on it.
func (b *builder) single(ctx context.Context, kind string, a catalog.Article, pool []catalog.Article) error {
	typ := strings.ToLower(a.ProductTypeName)
	colour := strings.ToLower(a.ColourGroupName)
	w := want{Types: []string{a.ProductTypeName}}
	aud, audText := "", ""
	if ps, ok := audiencePhrases[a.IndexGroupName]; ok && b.rng.IntN(3) > 0 {
		aud, audText = a.IndexGroupName, " "+ps[b.rng.IntN(len(ps))]
		w.Audience = aud
	}
	req := rag.Request{}
	intro := ""
	switch kind {
	case KindType:
		req.Query = pickOne(b, withArticle(typ)+audText, "I'm looking for "+withArticle(typ)+audText, "any nice "+plural(typ)+audText+"?")
		intro = fmt.Sprintf("Here are %%d %s%s I would pick from the catalog.", plural(typ), audText)
	case KindColour:
		w.Colours = []string{a.ColourGroupName}
		req.Query = pickOne(b, withArticle(colour+" "+typ)+audText, colour+" "+typ+audText, "do you have "+withArticle(colour+" "+typ)+audText+"?")
		intro = fmt.Sprintf("Here are %%d %s %s%s from the catalog.", colour, plural(typ), audText)
	case KindCount:
		k := 2 + b.rng.IntN(4)
		w.Colours = []string{a.ColourGroupName}
		req.Query = pickOne(b, fmt.Sprintf("top %d %s %s%s", k, colour, plural(typ), audText), fmt.Sprintf("show me %d %s %s%s", k, colour, plural(typ), audText))
		intro = fmt.Sprintf("Here are the %%d %s %s%s you asked for.", colour, plural(typ), audText)
	case KindNegation:
		not := otherMaster(b, a, pool)
		if not == "" {
			b.rep.drop(SourceSynthetic, "no other colour to negate")
			return nil
		}
		w.NotColourMasters = []string{not}
		req.Query = pickOne(b, withArticle(typ)+audText+", not "+strings.ToLower(not), withArticle(typ)+audText+" but nothing "+strings.ToLower(not))
		intro = fmt.Sprintf("Here are %%d %s%s, none of them %s.", plural(typ), audText, strings.ToLower(not))
	case KindDetail:
		detail := ""
		if word, ok := appearanceWords[a.GraphicalAppearanceName]; ok {
			w.Appearance, detail = a.GraphicalAppearanceName, word
		} else if m := materialOf(a); m != "" {
			w.Material, detail = m, m
		} else {
			b.rep.drop(SourceSynthetic, "article has no detail to ask for")
			return nil
		}
		req.Query = pickOne(b, withArticle(detail+" "+typ)+audText, "I want "+withArticle(detail+" "+typ)+audText)
		intro = fmt.Sprintf("Here are %%d %s %s%s from the catalog.", detail, plural(typ), audText)
	}
	ex := Example{Source: SourceSynthetic, Kind: kind, Audience: aud, Request: req}
	p, ok, err := b.add(ctx, ex, func(p *rag.Prepared) (rag.Target, string) {
		picks, why := w.picks(p.Hits, p.Count)
		if why != "" {
			return rag.Target{}, why
		}
		return target(fmt.Sprintf(intro, len(picks)), picks, func(catalog.Article) string { return "" }), ""
	})
	if err != nil || !ok || b.rng.IntN(3) > 0 {
		return err
	}
	return b.followUp(ctx, ex, w, p, a, pool)
}

// followUp adds a second turn "same but in COLOUR" after ex, for a colour the
// catalog has the type in.
func (b *builder) followUp(ctx context.Context, first Example, w want, p *rag.Prepared, a catalog.Article, pool []catalog.Article) error {
	var colours []string
	for _, o := range pool {
		if o.ProductTypeName == a.ProductTypeName && o.ColourGroupName != a.ColourGroupName && !slices.Contains(colours, o.ColourGroupName) {
			colours = append(colours, o.ColourGroupName)
		}
	}
	if len(colours) == 0 {
		b.rep.drop(SourceSynthetic, "no other colour for a follow-up")
		return nil
	}
	slices.Sort(colours)
	c := colours[b.rng.IntN(len(colours))]
	w.Colours, w.NotColourMasters = []string{c}, nil
	shown := pickIDs(b.out[len(b.out)-1].Answer)
	text := pickOne(b, "same but in "+strings.ToLower(c), "do you have it in "+strings.ToLower(c)+"?", "and in "+strings.ToLower(c)+"?")
	ex := Example{Source: SourceSynthetic, Kind: KindFollowUp, Audience: first.Audience, Group: normGroup(first.Request.Query),
		Request: rag.Request{Query: text, History: []rag.Turn{{Query: first.Request.Query, ArticleIDs: shown}}}}
	_, _, err := b.add(ctx, ex, func(p *rag.Prepared) (rag.Target, string) {
		picks, why := w.picks(p.Hits, p.Count)
		if why != "" {
			return rag.Target{}, why
		}
		intro := fmt.Sprintf("Here are %d %s in %s instead.", len(picks), plural(strings.ToLower(a.ProductTypeName)), strings.ToLower(c))
		return target(intro, picks, func(catalog.Article) string { return "" }), ""
	})
	return err
}

// none asks for something the catalog does not sell; the answer says so honestly
// and picks nothing.
func (b *builder) none(ctx context.Context) error {
	item := absentItems[b.rng.IntN(len(absentItems))]
	ex := Example{Source: SourceSynthetic, Kind: KindNone, Request: rag.Request{Query: pickOne(b, "do you have "+withArticle(item)+"?", "I need "+withArticle(item), item+" please")}}
	_, _, err := b.add(ctx, ex, func(p *rag.Prepared) (rag.Target, string) {
		for _, h := range p.Hits {
			if mentions(h.Article, lastWord(item)) {
				return rag.Target{}, "the catalog has it after all"
			}
		}
		return rag.Target{
			Intro: fmt.Sprintf("I'm sorry, there is no %s among the articles I can show you, and I won't pass something else off as one.", item),
			Items: []rag.TargetItem{},
			Tip:   "A specialist shop will have it; ask me for the clothes to wear with it and I'll put a look together.",
		}, ""
	})
	return err
}

func lastWord(s string) string {
	f := strings.Fields(s)
	return f[len(f)-1]
}

func pickOne(b *builder, options ...string) string { return options[b.rng.IntN(len(options))] }

// otherMaster is a colour master of another article of a's type, to negate.
func otherMaster(b *builder, a catalog.Article, pool []catalog.Article) string {
	var ms []string
	for _, o := range pool {
		m := o.PerceivedColourMasterName
		if o.ProductTypeName == a.ProductTypeName && m != a.PerceivedColourMasterName && usableColour(m) && !slices.Contains(ms, m) {
			ms = append(ms, m)
		}
	}
	if len(ms) == 0 {
		return ""
	}
	slices.Sort(ms)
	return ms[b.rng.IntN(len(ms))]
}

func materialOf(a catalog.Article) string {
	for _, m := range materials {
		if mentions(a, m) {
			return m
		}
	}
	return ""
}

func plural(s string) string {
	switch {
	case strings.HasSuffix(s, "ss"), strings.HasSuffix(s, "sh"), strings.HasSuffix(s, "ch"), strings.HasSuffix(s, "x"):
		return s + "es"
	case strings.HasSuffix(s, "s"):
		return s
	}
	return s + "s"
}
