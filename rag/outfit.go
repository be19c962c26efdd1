package rag

import (
	"context"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/tmc/langchaingo/llms"

	"github.com/stylistbot/stylist/outfit"
	"github.com/stylistbot/stylist/prompts"
	"github.com/stylistbot/stylist/query"
)

// Outfitter builds outfits; *outfit.Assembler implements it.
type Outfitter interface {
	// Parse reads text as an outfit request; ok is false for a single-item request.
	Parse(text string) (query.OutfitRequest, bool)
	// AssembleRequest builds the outfits of a request, leaving out the articles in exclude.
	AssembleRequest(ctx context.Context, r query.OutfitRequest, exclude map[string]bool) (*outfit.Result, error)
}

// WithOutfits answers outfit requests ("what should I wear to a wedding") and
// their follow-ups with outfits assembled by o.
func WithOutfits(o Outfitter) Option { return func(c *Chain) { c.outfits = o } }

// slotCandidates is how many candidates of a slot the outfit prompt shows.
const slotCandidates = 6

// recommendOutfit answers req when it (with its thread) is an outfit request;
// ok is false otherwise.
func (c *Chain) recommendOutfit(ctx context.Context, req Request, stream StreamFunc) (ans *Answer, ok bool, err error) {
	ps := c.prompts.Load()
	p, ok, err := c.prepareOutfit(ctx, ps, req, c.llm != nil)
	if !ok || err != nil {
		return nil, ok, err
	}
	res, exclude := p.Result, p.Excluded
	if len(res.Outfits) == 0 {
		msg := "I could not put an outfit together from the catalog for that; try naming the occasion or who it is for."
		if len(exclude) > 0 {
			msg = "That's every look I can put together for this request; try changing the occasion or the colours."
		}
		return &Answer{Intro: msg, Notices: res.Notices, Variant: req.Variant}, true, nil
	}
	if c.llm == nil {
		return c.outfitFallback(res, req.Variant, "retrieval-only answer: "+c.noLLM), true, nil
	}
	cfg := c.cfg.Load()
	system, prompt := p.System, p.Prompt
	gctx, cancel := context.WithTimeout(ctx, cfg.Timeout)
	defer cancel()
	opts := []llms.CallOption{
		llms.WithModel(cfg.Model), llms.WithTemperature(cfg.Temperature), llms.WithMaxTokens(cfg.NumPredict),
		llms.WithMetadata(map[string]any{MetaFormat: outfitSchema, MetaOptions: modelOptions(cfg)}),
	}
	t0 := time.Now()
	resp, err := c.ask(ctx, gctx, system, prompt, stream, opts)
	if err != nil {
		if ctx.Err() != nil {
			return nil, true, ctx.Err()
		}
		c.log.Warn("stylist model failed; answering with the assembled outfits", "model", cfg.Model, "err", err, "after", time.Since(t0))
		return c.outfitFallback(res, req.Variant, "retrieval-only answer: "+reasonOf(err, cfg.Timeout)), true, nil
	}
	if len(resp.Choices) == 0 {
		return c.outfitFallback(res, req.Variant, "retrieval-only answer: the stylist's reply was empty"), true, nil
	}
	ma, err := parseOutfitAnswer(resp.Choices[0].Content)
	if err != nil {
		c.log.Warn("stylist model answered with invalid JSON; answering with the assembled outfits", "model", cfg.Model, "err", err)
		return c.outfitFallback(res, req.Variant, "retrieval-only answer: the stylist's reply could not be read"), true, nil
	}
	outfits, dropped, picked, total := groundOutfits(ma, res, c.imageURL)
	if len(dropped) > 0 {
		c.log.Warn("dropped article ids not among the slot candidates", "ids", dropped, "model", cfg.Model)
	}
	ans = &Answer{Intro: strings.TrimSpace(ma.Intro), Tip: strings.TrimSpace(ma.Tip), Outfits: outfits, Notices: res.Notices,
		DroppedIDs: dropped, Variant: req.Variant, Model: cfg.Model}
	if ans.Intro == "" {
		ans.Intro = outfitIntro(res)
	}
	if picked < total {
		ans.Notices = append(ans.Notices, fmt.Sprintf("the stylist picked %d of %d pieces; the rest are the assembled outfit's", picked, total))
	}
	ans.Items = flatten(outfits)
	return ans, true, nil
}

// outfitFallback answers with the assembled outfits and their template explanations.
func (c *Chain) outfitFallback(res *outfit.Result, variant, why string) *Answer {
	a := &Answer{Intro: outfitIntro(res), RetrievalOnly: true, Variant: variant, Notices: append(append([]string(nil), res.Notices...), why)}
	for i, o := range res.Outfits {
		rationale, reasons := res.Explain(i)
		out := Outfit{Title: o.Title, Rationale: rationale}
		for j, it := range o.Items {
			out.Items = append(out.Items, outfitItem(res, it, reasons[j], true, c.imageURL))
		}
		a.Outfits = append(a.Outfits, out)
	}
	a.Items = flatten(a.Outfits)
	return a
}

func outfitIntro(res *outfit.Result) string {
	p := res.Plan
	if a := p.Anchor; a != nil {
		with := ""
		if a.Colour != "" {
			with = ", in colours that go with " + a.Colour
		}
		occ := ""
		if res.Request.Occasion != "" {
			occ = " for " + p.Occasion.Title
			if len(p.Focus) > 0 {
				occ = "," + occ
			}
		}
		switch n := len(res.Outfits); {
		case len(p.Focus) > 0 && n > 1:
			return fmt.Sprintf("Here are %d ideas for %s to go with %s%s%s.", n, p.FocusName, a.Called(), occ, with)
		case len(p.Focus) > 0:
			return fmt.Sprintf("Here is an idea for %s to go with %s%s%s.", p.FocusName, a.Called(), occ, with)
		case n > 1:
			return fmt.Sprintf("Here are %d looks%s built around %s%s.", n, occ, a.Called(), with)
		}
		return fmt.Sprintf("Here is a look%s built around %s%s.", occ, a.Called(), with)
	}
	if n := len(res.Outfits); n > 1 {
		return fmt.Sprintf("Here are %d looks for %s, put together from the catalog.", n, res.Plan.Occasion.Title)
	}
	return fmt.Sprintf("Here is a look for %s, put together from the catalog.", res.Plan.Occasion.Title)
}

func flatten(os []Outfit) []Item {
	var out []Item
	for _, o := range os {
		out = append(out, o.Items...)
	}
	return out
}

// outfitPromptData shows each slot's best candidates, the assembled choice included.
func outfitPromptData(res *outfit.Result) *prompts.OutfitData {
	p := res.Plan
	d := &prompts.OutfitData{Occasion: p.Occasion.Title, For: outfit.LookName(p.Audience), Looks: len(res.Outfits), Notes: outfitNotes(res)}
	if a := p.Anchor; a != nil && len(p.Focus) > 0 {
		d.Pairing = p.FocusName + " to go with their " + a.Name
	}
	for _, name := range outfit.SlotOrder {
		cands := res.Candidates[name]
		if len(cands) == 0 {
			continue
		}
		label, role := res.SlotInfo(name)
		if name == outfit.Accessory && p.Accessories > 1 {
			label = fmt.Sprintf("%s (choose %d, of different kinds)", label, p.Accessories)
		}
		s := prompts.SlotData{Name: name, Label: label, Role: role}
		shown := map[string]bool{}
		add := func(c outfit.Candidate) {
			a := c.Article
			if shown[a.ArticleID] {
				return
			}
			shown[a.ArticleID] = true
			s.Items = append(s.Items, prompts.Item{ArticleID: a.ArticleID, ProdName: a.ProdName, ProductTypeName: a.ProductTypeName,
				ColourGroupName: a.ColourGroupName, DepartmentName: a.DepartmentName, IndexName: a.IndexName, Desc: clipRunes(a.DetailDesc, 120)})
		}
		for _, o := range res.Outfits { // the assembled choices first
			for _, it := range o.Items {
				if it.Slot == name {
					add(outfit.Candidate{Article: it.Article})
				}
			}
		}
		for _, c := range cands {
			if len(s.Items) >= max(slotCandidates, len(res.Outfits)*p.Accessories) {
				break
			}
			add(c)
		}
		d.Slots = append(d.Slots, s)
	}
	return d
}

// assembledPerSlot counts the assembled pieces of each slot over all looks.
func assembledPerSlot(res *outfit.Result) map[string]int {
	n := map[string]int{}
	for _, o := range res.Outfits {
		for _, it := range o.Items {
			n[it.Slot]++
		}
	}
	return n
}

// fitOutfitBudget shortens descriptions, then shows fewer candidates per
// slot (never fewer than its assembled pieces, floor[slot], which come
// first), until the slots fit in budget tokens (estimated), leaving room for
// the template text.
func fitOutfitBudget(d *prompts.OutfitData, floor map[string]int, budget int) {
	const templateTokens = 450
	avail := float64(budget-templateTokens) * charsPerToken
	size := func() float64 {
		n := 0
		for _, s := range d.Slots {
			n += len(s.Label) + len(s.Role)
			for _, it := range s.Items {
				n += len(it.ArticleID) + len(it.ProdName) + len(it.ProductTypeName) + len(it.ColourGroupName) + len(it.DepartmentName) + len(it.Desc) + 15
			}
		}
		return float64(n)
	}
	for _, limit := range []int{60, 0} {
		if size() <= avail {
			return
		}
		for i := range d.Slots {
			for j := range d.Slots[i].Items {
				d.Slots[i].Items[j].Desc = clipRunes(d.Slots[i].Items[j].Desc, limit)
			}
		}
	}
	for keep := slotCandidates - 1; keep >= 1 && size() > avail; keep-- {
		for i := range d.Slots {
			s := &d.Slots[i]
			s.Items = s.Items[:min(len(s.Items), max(keep, floor[s.Name]))]
		}
	}
}

// outfitNotes lists what the request says beyond the occasion.
func outfitNotes(res *outfit.Result) []string {
	r := res.Request
	var out []string
	if r.Season != "" {
		out = append(out, r.Season)
	}
	out = append(out, r.Weather...)
	if r.Formality != "" {
		out = append(out, r.Formality)
	}
	out = append(out, r.Styles...)
	if len(r.Fit) > 0 {
		out = append(out, "body and fit: "+strings.Join(r.Fit, ", "))
	}
	pal := r.Palette
	switch {
	case pal.Whole && len(pal.Masters) > 0:
		out = append(out, "the whole look in "+strings.ToLower(strings.Join(pal.Masters, " and ")))
	case len(pal.Masters) > 0:
		out = append(out, "colour wished for: "+strings.ToLower(strings.Join(pal.Masters, " or ")))
	}
	if pal.Mood != "" {
		out = append(out, pal.Mood+" colours")
	}
	if len(pal.Avoid) > 0 {
		out = append(out, "no "+strings.ToLower(strings.Join(pal.Avoid, " or ")))
	}
	if res.Anchor != nil {
		out = append(out, fmt.Sprintf("they already have %s %s (%s): build around it", strings.ToLower(res.Anchor.ColourGroupName), outfit.TypeName(res.Anchor.ProductTypeName), res.Anchor.ArticleID))
	} else if r.Anchor != nil && r.Anchor.Text != "" {
		out = append(out, "they already have "+r.Anchor.Text+": build around it")
	}
	if a := res.Plan.Anchor; a != nil {
		if a.Colour != "" && len(a.With) > 0 {
			out = append(out, fmt.Sprintf("colours that go with its %s: %s; do not repeat its %s on every piece", a.Colour, strings.ToLower(strings.Join(a.With, ", ")), a.Colour))
		}
		if len(res.Plan.Focus) > 0 {
			out = append(out, fmt.Sprintf("they asked only for %s: each outfit is one option, in a different colour", res.Plan.FocusName))
		}
	}
	return out
}

var (
	// anotherRe asks for a new look in an outfit thread.
	anotherRe = regexp.MustCompile(`(?i)\b(another|one more|a different|new|other|more)\s+(look|outfit|idea|option|one)s?\b|\bsomething else\b`)
	// changeRe marks a follow-up that changes the current look rather than asking for single items.
	changeRe = regexp.MustCompile(`(?i)\b(swap|switch|change|replace|instead|rather|same\s+but|but\s+(for|in|with)|make\s+it|warmer|cooler|colder|lighter|more\s+(formal|casual|colou?rful)|dressier|dress\s+it\s+(up|down))\b`)
	warmerRe = regexp.MustCompile(`(?i)\b(warmer|for\s+the\s+cold|colder\s+weather|it'?s\s+cold)\b`)
	coolerRe = regexp.MustCompile(`(?i)\b(cooler|lighter|for\s+the\s+heat|it'?s\s+hot)\b`)
	upRe     = regexp.MustCompile(`(?i)\b(more\s+formal|dressier|smarter|dress\s+it\s+up)\b`)
	downRe   = regexp.MustCompile(`(?i)\b(more\s+casual|less\s+formal|dress\s+it\s+down|more\s+relaxed)\b`)
)

// outfitTurn is an outfit request read from a thread.
type outfitTurn struct {
	req     query.OutfitRequest
	exclude map[string]bool // articles to leave out (shown earlier)
	// For "swap the shoes": the request and exclusions that reproduce the look
	// shown last (assembly is deterministic), and the slot to change in it.
	swapSlot    string
	prev        *query.OutfitRequest
	prevExclude map[string]bool
}

// outfitRequest reads the thread: the last outfit request it holds, refined
// by each follow-up ("swap the shoes for sneakers", "make it warmer", "same
// but for a man"); "show me another look" repeats it without the articles
// already shown. ok is false when text is not about outfits.
func outfitRequest(o Outfitter, history []Turn, text string) (outfitTurn, bool) {
	var prev *query.OutfitRequest
	var prevExclude map[string]bool
	shown := map[string]bool{}
	more := func(s string) bool { return moreRe.MatchString(s) || anotherRe.MatchString(s) }
	for _, t := range history {
		r, ok := followOutfit(o, prev, t.Query)
		if !ok {
			prev, prevExclude, shown = nil, nil, map[string]bool{}
			continue
		}
		if prev != nil && more(t.Query) {
			prevExclude = maps.Clone(shown)
		} else {
			prevExclude = nil
		}
		prev = &r
		for _, id := range t.ArticleIDs {
			shown[id] = true
		}
	}
	if prev != nil && more(text) {
		r := *prev
		if n, ok := o.Parse(text); ok && n.Outfits > 0 {
			r.Outfits = n.Outfits
		}
		return outfitTurn{req: r, exclude: shown}, true
	}
	r, ok := followOutfit(o, prev, text)
	t := outfitTurn{req: r}
	if ok && prev != nil && swapRe.MatchString(text) {
		if slot := slotWord(text); slot != "" {
			t.swapSlot, t.prev, t.prevExclude = slot, prev, prevExclude
		}
	}
	return t, ok
}

var (
	// swapRe asks to change one piece of the look shown.
	swapRe = regexp.MustCompile(`(?i)\b(swap|change|replace|switch|different|other|another|new)\b`)
	// slotWords name a slot in a follow-up ("swap the shoes", "a different top").
	slotWords = []struct {
		slot string
		re   *regexp.Regexp
	}{
		{outfit.Shoes, regexp.MustCompile(`(?i)\b(shoes?|sneakers?|trainers?|boots?|heels|pumps|sandals?|loafers?|flats)\b`)},
		{outfit.OnePiece, regexp.MustCompile(`(?i)\b(dress|jumpsuit|playsuit)\b`)},
		{outfit.Outer, regexp.MustCompile(`(?i)\b(jacket|coat|blazer|cardigan|layer)\b`)},
		{outfit.Top, regexp.MustCompile(`(?i)\b(top|shirt|t-shirt|tee|blouse|sweater|jumper)\b`)},
		{outfit.Bottom, regexp.MustCompile(`(?i)\b(bottoms?|trousers|pants|jeans|skirt|shorts)\b`)},
		{outfit.Accessory, regexp.MustCompile(`(?i)\b(bag|accessory|accessories|hat|cap|jewellery|jewelry|earrings?|necklace|scarf|belt|tie)\b`)},
		{outfit.Swimwear, regexp.MustCompile(`(?i)\b(swimsuit|bikini|swim\s+shorts|swimwear)\b`)},
	}
)

// slotWord is the first slot a follow-up names, in the order of the table.
func slotWord(text string) string {
	for _, w := range slotWords {
		if w.re.MatchString(text) {
			return w.slot
		}
	}
	return ""
}

// followOutfit reads text after prev (nil outside an outfit thread).
func followOutfit(o Outfitter, prev *query.OutfitRequest, text string) (query.OutfitRequest, bool) {
	r, ok := o.Parse(text)
	if prev == nil {
		return r, ok
	}
	named := len(r.Query.Types)+len(r.Query.ProductGroups) > 0
	if named && !ok && prev.Anchor != nil && pairRef.MatchString(text) {
		// "which bag would go with it?" after a look around the boots: bags for the boots.
		m := mergeOutfit(*prev, r, text)
		m.Asked = &query.Asked{Types: r.Query.Types, ProductGroups: r.Query.ProductGroups}
		m.Outfits = r.Outfits
		return m, true
	}
	if ok || !named || changeRe.MatchString(text) {
		return mergeOutfit(*prev, r, text), true
	}
	return r, false // a fresh single-item request
}

// pairRef names the piece of the thread's anchor in a follow-up: "which bag
// would go with it?", "shoes to match".
var pairRef = regexp.MustCompile(`(?i)\b((go|goes|going|wear|pair|team|match|carry)\s+(well\s+)?with\s+(it|them|this|that|these|those)|to\s+match|matching)\b`)

// mergeOutfit applies what a follow-up says to the earlier request.
func mergeOutfit(m, n query.OutfitRequest, text string) query.OutfitRequest {
	m.Query.Text = strings.TrimSpace(m.Query.Text + " / " + text)
	if n.Occasion != "" {
		m.Occasion = n.Occasion
	}
	// Who the looks are for carries over unless the turn says it ("now for my
	// son", "same but for a man"): the planner reads query.Audience.
	if a := n.Query.Audience; !a.IsZero() && a.Evidence != query.EvidenceDefault {
		m.Query = m.Query.WithAudience(a)
	}
	if len(n.Query.Sections) > 0 {
		m.Query.Sections = n.Query.Sections
	}
	if n.Season != "" {
		m.Season = n.Season
	}
	for _, w := range n.Weather {
		if !slices.Contains(m.Weather, w) {
			m.Weather = append(m.Weather, w)
		}
	}
	switch {
	case warmerRe.MatchString(text):
		m.Weather = append(slices.DeleteFunc(slices.Clone(m.Weather), func(w string) bool { return w == "hot" || w == "cold" }), "cold")
		if m.Season == "summer" {
			m.Season = ""
		}
	case coolerRe.MatchString(text):
		m.Weather = append(slices.DeleteFunc(slices.Clone(m.Weather), func(w string) bool { return w == "hot" || w == "cold" }), "hot")
		if m.Season == "winter" {
			m.Season = ""
		}
	}
	switch {
	case upRe.MatchString(text):
		if m.Formality == "smart" || m.Formality == "formal" {
			m.Formality = "formal"
		} else {
			m.Formality = "smart"
		}
	case downRe.MatchString(text):
		m.Formality = "casual"
	case n.Formality != "":
		m.Formality = n.Formality
	}
	if !n.Palette.Empty() {
		m.Palette = n.Palette
	}
	if len(n.Query.Types) > 0 {
		m.Query.Types = n.Query.Types // "swap the shoes for sneakers": the slot's type
	}
	if len(n.Styles) > 0 {
		m.Styles = n.Styles
	}
	for _, f := range n.Fit {
		if !slices.Contains(m.Fit, f) {
			m.Fit = append(m.Fit, f)
		}
	}
	if n.Outfits > 0 {
		m.Outfits = n.Outfits
	}
	if n.Anchor != nil { // a new piece to build around: what it asks is its own
		m.Anchor, m.Asked = n.Anchor, n.Asked
	}
	m.Query.Not.Types = append(slices.Clone(m.Query.Not.Types), n.Query.Not.Types...)
	return m
}
