package outfit

import (
	"sort"
	"strings"

	"github.com/stylistbot/stylist/catalog"
)

// beamWidth is how many partial outfits the combination keeps per step.
const beamWidth = 16

// neutral reports whether an article's colour counts as a neutral base.
func (h *Harmony) neutral(a *catalog.Article) bool {
	return h.Neutrals[a.PerceivedColourMasterName] || h.NeutralGroups[a.ColourGroupName] || h.NeutralAppearances[a.GraphicalAppearanceName]
}

// Accents returns the distinct accent colours (non-neutral colour masters) of arts, in order.
func (h *Harmony) Accents(arts []*catalog.Article) []string {
	var out []string
	for _, a := range arts {
		if !h.neutral(a) && !contains(out, a.PerceivedColourMasterName) {
			out = append(out, a.PerceivedColourMasterName)
		}
	}
	return out
}

// AccentsOK reports whether a set of accents goes together: at most
// MaxAccents, or two that form a listed pair, or only the colours asked for.
func (h *Harmony) AccentsOK(accents, asked []string) bool {
	if len(asked) > 0 {
		extra := 0
		for _, a := range accents {
			if !contains(asked, a) {
				extra++
			}
		}
		return extra == 0
	}
	if len(accents) <= h.MaxAccents {
		return true
	}
	if len(accents) == 2 {
		for _, p := range h.Pairs {
			if (p[0] == accents[0] && p[1] == accents[1]) || (p[0] == accents[1] && p[1] == accents[0]) {
				return true
			}
		}
	}
	return false
}

// pick is one chosen candidate of a partial outfit.
type pick struct {
	Slot string
	c    *Candidate
}

// outfitItems turns picks into items, in slot order.
func outfitItems(ps []pick) []Item {
	items := make([]Item, len(ps))
	for i, p := range ps {
		items[i] = Item{Slot: p.Slot, Article: p.c.Article, Score: p.c.Score}
	}
	sortItems(items)
	return items
}

// state is a partial outfit.
type state struct {
	items   []pick
	codes   []string // product codes in the outfit
	accents []string // accent colours, the anchor's included
	score   float32
	kidsSex string
}

func (s *state) extend(slot string, c *Candidate, accent string) *state {
	n := &state{items: append(s.items[:len(s.items):len(s.items)], pick{Slot: slot, c: c}),
		codes: append(s.codes[:len(s.codes):len(s.codes)], c.code), accents: s.accents,
		score: s.score + c.Rel, kidsSex: s.kidsSex}
	if accent != "" && !contains(s.accents, accent) {
		n.accents = append(s.accents[:len(s.accents):len(s.accents)], accent)
	}
	if c.sex != "" {
		n.kidsSex = c.sex
	}
	return n
}

// accent is the article's accent colour, "" for a neutral.
func (h *Harmony) accent(a *catalog.Article) string {
	if h.neutral(a) {
		return ""
	}
	return a.PerceivedColourMasterName
}

func code(a *catalog.Article) string {
	if a.ProductCode != "" {
		return a.ProductCode
	}
	return a.ArticleID
}

// combine chooses p.Outfits outfits, each from the slot candidates: one item
// per slot, one audience (no girls' with boys' pieces), colours that go
// together, no two colourways of one product, and no article of an earlier
// outfit. Deterministic for the same candidates.
func combine(k *Knowledge, p *Plan, cands map[string][]Candidate, anchor *catalog.Article) []Outfit {
	asked := append(append([]string(nil), p.Palette.Masters...), mastersOf(p.Palette.Groups)...)
	used, usedCodes := map[string]bool{}, map[string]bool{}
	var usedMain, usedSig []string
	structures := map[bool]int{}
	mainSlots := []string{OnePiece, Swimwear, Top}
	if len(p.Focus) > 0 {
		mainSlots = p.Focus[:1] // the options of a pairing request
	}
	var out []Outfit
	for i := 0; i < p.Outfits; i++ {
		var best *state
		bestOne, bestScore := false, float32(-1e9)
		for _, onePiece := range []bool{true, false} {
			if (onePiece && !p.OnePiece) || (!onePiece && !p.Separates && p.OnePiece) {
				continue
			}
			// A main piece like an earlier look's counts less, inside the beam.
			repeat := func(slot string, a *catalog.Article) float32 {
				if !contains(mainSlots, slot) || !contains(usedMain, a.PerceivedColourMasterName) {
					return 0
				}
				if contains(usedSig, a.ProductTypeName+"/"+a.PerceivedColourMasterName) {
					return 2.5 // the same piece in the same colour is no new look
				}
				if len(p.Focus) > 0 {
					return 2 // options of one kind differ by colour first
				}
				return 0.5 // the same main colour is hardly one
			}
			s, colourOK := beam(k, p, cands, slotsFor(p, onePiece), used, usedCodes, anchor, asked, repeat)
			if s == nil {
				continue
			}
			score := s.score / float32(max(len(s.items), 1))
			if !colourOK {
				score -= 1 // the colour asked for is missing
			}
			if structures[onePiece] < structures[!onePiece] {
				score += 0.2 // alternate dress and separates across looks
			}
			if score > bestScore {
				best, bestOne, bestScore = s, onePiece, score
			}
		}
		if best == nil || len(best.items) == 0 {
			break
		}
		structures[bestOne]++
		items := outfitItems(best.items)
		for _, it := range best.items {
			used[it.c.Article.ArticleID], usedCodes[it.c.code] = true, true
		}
		if m := mainPiece(best, mainSlots); m != nil {
			usedMain = append(usedMain, m.PerceivedColourMasterName)
			usedSig = append(usedSig, m.ProductTypeName+"/"+m.PerceivedColourMasterName)
		}
		out = append(out, Outfit{Title: outfitTitle(p, items, i, p.Outfits), Items: items})
	}
	return out
}

// slotsFor lists the slots of one structure, main pieces first.
func slotsFor(p *Plan, onePiece bool) []string {
	var out []string
	for _, n := range []string{Swimwear, OnePiece, Top, Bottom, Shoes, Outer} {
		if !p.Has(n) || (n == OnePiece && !onePiece) || ((n == Top || n == Bottom) && onePiece) {
			continue
		}
		out = append(out, n)
	}
	for i := 0; i < p.Accessories && p.Has(Accessory); i++ {
		out = append(out, Accessory)
	}
	return out
}

// beam fills the slots in order, keeping the beamWidth best partial outfits;
// colourOK is false when a colour was asked for and no piece has it.
func beam(k *Knowledge, p *Plan, cands map[string][]Candidate, slots []string, used, usedCodes map[string]bool, anchor *catalog.Article, asked []string,
	penalty func(slot string, a *catalog.Article) float32) (best *state, colourOK bool) {
	start := &state{}
	if anchor != nil {
		if acc := k.Harmony.accent(anchor); acc != "" {
			start.accents = []string{acc}
		}
		start.kidsSex = articleSex(anchor)
	}
	states := []*state{start}
	for _, slot := range slots {
		var next []*state
		for _, st := range states {
			for ci := range cands[slot] {
				c := &cands[slot][ci]
				if !fits(k, st, slot, c, used, usedCodes, asked) || p.anchorColourTwice(st, c) {
					continue
				}
				n := st.extend(slot, c, c.accent)
				n.score -= penalty(slot, &c.Article) + p.sameColourAgain(st, c)
				next = append(next, n)
			}
		}
		if len(next) == 0 {
			continue // nothing fits this slot: the outfit goes without it
		}
		sort.SliceStable(next, func(i, j int) bool { return next[i].score > next[j].score })
		states = next[:min(len(next), beamWidth)]
	}
	// A colour asked for (not the whole look) must appear at least once.
	if len(asked) > 0 && !p.Palette.Whole {
		for _, st := range states {
			for _, it := range st.items {
				if contains(asked, it.c.Article.PerceivedColourMasterName) {
					return st, true
				}
			}
		}
		return states[0], false
	}
	return states[0], true
}

// sameColourAgain is what a piece loses in a look built around an anchor for
// each piece of its colour the look already has: the colours that go with the
// anchor are several, and a look in one of them from head to toe is no answer
// to "what goes with my boots" (unless the request asked for its colours).
func (p *Plan) sameColourAgain(st *state, c *Candidate) float32 {
	if p.Anchor == nil || len(p.Focus) > 0 || !p.Palette.Empty() {
		return 0
	}
	n := 0
	for _, it := range st.items {
		if it.c.Article.PerceivedColourMasterName == c.Article.PerceivedColourMasterName {
			n++
		}
	}
	return sameColourWeight * float32(n)
}

// sameColourWeight is sameColourAgain's loss per repeated piece.
const sameColourWeight = 0.25

// anchorColourTwice reports whether c would be a second piece in the
// anchor's colour: the anchor's colour is not forced on the look.
func (p *Plan) anchorColourTwice(st *state, c *Candidate) bool {
	if p.Anchor == nil || p.Anchor.Master == "" || len(p.Palette.Masters)+len(p.Palette.Groups) > 0 || c.Article.PerceivedColourMasterName != p.Anchor.Master {
		return false
	}
	for _, it := range st.items {
		if it.c.Article.PerceivedColourMasterName == p.Anchor.Master {
			return true
		}
	}
	return false
}

// fits checks one candidate against a partial outfit.
func fits(k *Knowledge, st *state, slot string, c *Candidate, used, usedCodes map[string]bool, asked []string) bool {
	if used[c.Article.ArticleID] || usedCodes[c.code] || contains(st.codes, c.code) {
		return false
	}
	if st.kidsSex != "" && c.sex != "" && c.sex != st.kidsSex {
		return false
	}
	t := c.Article.ProductTypeName
	for _, it := range st.items {
		if x := it.c.Article.ProductTypeName; (slot == Accessory && it.Slot == Accessory && x == t) || k.sameGroup(x, t) {
			return false
		}
	}
	if c.accent == "" || contains(st.accents, c.accent) {
		return true
	}
	return k.Harmony.AccentsOK(append(st.accents[:len(st.accents):len(st.accents)], c.accent), asked)
}

// mastersOf maps exact colour groups to their usual master.
func mastersOf(groups []string) []string {
	var out []string
	for _, g := range groups {
		switch {
		case strings.Contains(g, "Blue"):
			out = append(out, "Blue")
		case strings.Contains(g, "Beige"):
			out = append(out, "Beige")
		case strings.Contains(g, "White"):
			out = append(out, "White")
		default:
			if f := strings.Fields(g); len(f) > 0 {
				out = append(out, f[len(f)-1])
			}
		}
	}
	return out
}

// mainPiece is the look's main piece: the first of slots it has.
func mainPiece(s *state, slots []string) *catalog.Article {
	for _, slot := range slots {
		for i := range s.items {
			if s.items[i].Slot == slot {
				return &s.items[i].c.Article
			}
		}
	}
	return nil
}

// sameGroup reports whether two different types are in one exclusive group (two hats).
func (k *Knowledge) sameGroup(a, b string) bool {
	ga, ok := k.Exclusive[a]
	return ok && a != b && k.Exclusive[b] == ga
}

func sortItems(items []Item) {
	sort.SliceStable(items, func(i, j int) bool { return indexOf(SlotOrder, items[i].Slot) < indexOf(SlotOrder, items[j].Slot) })
}

// outfitTitle names a look by occasion and colour story: "Wedding guest look 2: dark blue & white".
func outfitTitle(p *Plan, items []Item, i, n int) string {
	var colours []string
	for _, it := range items {
		if it.Slot == Accessory && !contains(p.Focus, Accessory) {
			continue
		}
		c := strings.ToLower(it.Article.ColourGroupName)
		if c != "" && !contains(colours, c) && len(colours) < 3 {
			colours = append(colours, c)
		}
	}
	t := title(p.Occasion.Name) + " look"
	switch a := p.Anchor; {
	case a != nil && len(p.Focus) > 0:
		t = title(p.FocusName) + " for " + a.Called()
	case a != nil && p.Occasion.Name == p.defaultOccasion:
		t = "Look around " + a.Called()
	case a != nil:
		t = title(p.Occasion.Name) + " look around " + a.Called()
	}
	if n > 1 {
		t += " " + string(rune('1'+i))
	}
	if len(colours) > 0 {
		t += ": " + strings.Join(colours, " & ")
	}
	return t
}
