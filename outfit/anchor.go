package outfit

import (
	"strings"
	"unicode"

	"github.com/stylistbot/stylist/catalog"
	"github.com/stylistbot/stylist/query"
)

// AnchorRule is one row of anchors.yaml: for an item the person already has
// (the anchor), the slot it fills and the register of the look around it.
type AnchorRule struct {
	Types     []string
	Words     []string // when set, one must be a word of the anchor's name ("party dress")
	Slot      string   // the slot the anchor fills, "" = the first slot listing its type
	Kit       string   // the kit of the look, "" = the occasion's
	Formality int      // index into formalities, -1 = the occasion's
	Outer     string   // "always", "never" or "" (no say)
}

// Pairing is one row of colours.yaml goes_with: the colours that go with an
// anchor's colour, best first.
type Pairing struct {
	Name                         string // how answers say the anchor's colour ("navy")
	Groups, Appearances, Masters []string
	With                         []string // colour masters, best first
}

// AnchorInfo is what the plan knows about the anchor: what it is, which slots
// it fills, its colour and what goes with that colour.
type AnchorInfo struct {
	Name    string   // how answers name it: "brown boots", "dark blue blazer"
	Whose   string   // "your", or "his", "her", "their" when the request says so
	Types   []string // its product types
	Slots   []string // the slots it fills
	Master  string   // its colour master ("" when unknown)
	Colour  string   // its colour as answers say it ("navy", "brown"), "" when unknown
	With    []string // colour masters that go with it, best first (colours.yaml goes_with)
	Rule    *AnchorRule
	Article *catalog.Article // the anchor article when given by id
}

// Called is how answers name the anchor with whose it is: "your brown
// boots", "his red sneakers".
func (a *AnchorInfo) Called() string { return a.Whose + " " + a.Name }

// anchors validates anchors.yaml.
func (b *builder) anchors(ad *anchorsDoc) error {
	const f = AnchorsFile
	var err error
	if b.k.AnchorFinish, err = b.check(f, "finish", "Types", "product type", ad.Finish); err != nil {
		return err
	}
	for _, d := range ad.Anchors {
		key := "anchors"
		line := d.Kit.Line
		if len(d.Types) > 0 {
			line = d.Types[0].Line
		}
		if len(d.Types) == 0 {
			return &Error{File: b.names[f], Line: line, Key: key, Msg: "a row needs types"}
		}
		types, err := b.check(f, key+".types", "Types", "product type", d.Types)
		if err != nil {
			return err
		}
		if len(types) == 0 {
			continue // none of its types is in this catalog
		}
		r := AnchorRule{Types: types, Slot: d.Slot.S, Kit: d.Kit.S, Formality: -1, Outer: d.Outer.S}
		for _, w := range d.Words {
			if w.S == "" || strings.ContainsFunc(w.S, func(c rune) bool { return !unicode.IsLetter(c) }) || w.S != strings.ToLower(w.S) {
				return b.errf(f, w, key+".words", "a word is lower-case letters only")
			}
			r.Words = append(r.Words, w.S)
		}
		if r.Slot != "" {
			if _, ok := b.k.Slots[r.Slot]; !ok {
				return b.errf(f, d.Slot, key+".slot", "unknown slot (want one of %s)", strings.Join(sortedKeys(b.k.Slots), ", "))
			}
		}
		if r.Kit != "" && !b.kitKnown(r.Kit) {
			return b.errf(f, d.Kit, key+".kit", "no slot in %s lists this kit", SlotsFile)
		}
		switch {
		case d.Formality.S != "":
			if r.Formality = indexOf(formalities, d.Formality.S); r.Formality < 0 {
				return b.errf(f, d.Formality, key+".formality", "want casual, smart or formal")
			}
		case r.Kit != "":
			if r.Formality = indexOf(formalities, r.Kit); r.Formality < 0 {
				r.Formality = 1 // party, beach...: smart unless said
			}
		}
		if r.Outer != "" && r.Outer != "always" && r.Outer != "never" {
			return b.errf(f, d.Outer, key+".outer", "want always or never")
		}
		b.k.Anchors = append(b.k.Anchors, r)
	}
	return nil
}

// pairings validates colours.yaml goes_with.
func (b *builder) pairings(cd *coloursDoc) error {
	const f = ColoursFile
	for _, d := range cd.GoesWith {
		if d.Name.S == "" {
			return b.errf(f, d.Name, "goes_with.name", "missing")
		}
		key := "goes_with " + d.Name.S
		p := Pairing{Name: d.Name.S}
		var err error
		if p.Groups, err = b.check(f, key+": groups", "Colours", "colour group", d.Groups); err != nil {
			return err
		}
		if p.Appearances, err = b.check(f, key+": appearances", "Appearances", "appearance", d.Appearances); err != nil {
			return err
		}
		if p.Masters, err = b.check(f, key+": masters", "ColourMasters", "colour", d.Masters); err != nil {
			return err
		}
		if len(d.Groups)+len(d.Appearances)+len(d.Masters) == 0 {
			return b.errf(f, d.Name, key, "a row needs groups, appearances or masters")
		}
		if len(d.With) == 0 {
			return b.errf(f, d.Name, key+": with", "missing")
		}
		if p.With, err = b.check(f, key+": with", "ColourMasters", "colour", d.With); err != nil {
			return err
		}
		b.k.Harmony.Pairings = append(b.k.Harmony.Pairings, p)
	}
	return nil
}

// GoesWith returns the goes_with row for an item's colour: by its colour
// group, then its appearance (a row of an appearance and masters needs both,
// or no master said), then its colour master; nil when none matches.
func (h *Harmony) GoesWith(master, group, appearance string) *Pairing {
	for _, pass := range []func(p *Pairing) bool{
		func(p *Pairing) bool { return group != "" && contains(p.Groups, group) },
		// an appearance row with masters is that appearance in those colours
		// (denim blue, not black jeans), or in a colour not said
		func(p *Pairing) bool {
			return appearance != "" && contains(p.Appearances, appearance) && (master == "" || len(p.Masters) == 0 || contains(p.Masters, master))
		},
		func(p *Pairing) bool { return master != "" && len(p.Appearances) == 0 && contains(p.Masters, master) },
	} {
		for i := range h.Pairings {
			if pass(&h.Pairings[i]) {
				return &h.Pairings[i]
			}
		}
	}
	return nil
}

// anchorRule is the first anchors.yaml row for an anchor of these types named name.
func (k *Knowledge) anchorRule(types []string, name string) *AnchorRule {
	words := strings.FieldsFunc(strings.ToLower(name), func(c rune) bool { return !unicode.IsLetter(c) })
	for i := range k.Anchors {
		r := &k.Anchors[i]
		if len(intersect(r.Types, types)) == 0 {
			continue
		}
		if len(r.Words) > 0 && len(intersect(r.Words, words)) == 0 {
			continue
		}
		return r
	}
	return nil
}

// anchorInfo reads the anchor of a request: the article given by id, or the
// phrase; nil without an anchor.
func (k *Knowledge) anchorInfo(r query.OutfitRequest, art *catalog.Article) *AnchorInfo {
	var a AnchorInfo
	var group, appearance string
	switch {
	case art != nil:
		a = AnchorInfo{Name: describe(art), Whose: "your", Types: []string{art.ProductTypeName}, Master: art.PerceivedColourMasterName, Article: art}
		group, appearance = art.ColourGroupName, art.GraphicalAppearanceName
	case r.Anchor != nil && r.Anchor.ArticleID == "":
		q := r.Anchor.Query
		a = AnchorInfo{Name: r.Anchor.Text, Whose: "your", Types: q.Types}
		if r.Anchor.Owner != "" {
			a.Whose = r.Anchor.Owner
		}
		if len(q.ColourMasters) > 0 {
			a.Master = q.ColourMasters[0]
		}
		if len(q.Colours) > 0 {
			group = q.Colours[0]
			if a.Master == "" {
				a.Master = first(mastersOf(q.Colours))
			}
		}
		if len(q.Appearances) > 0 {
			appearance = q.Appearances[0]
		}
		if len(a.Types) == 0 && len(q.ProductGroups) > 0 {
			a.Types = k.groupTypes(q.ProductGroups[0])
		}
	default:
		return nil
	}
	a.Rule = k.anchorRule(a.Types, a.Name)
	ruled := false // the row's slot is the first of its types' (a suit: the blazer; the trousers are the bottom)
	for _, t := range a.Types {
		slot := k.slotOf(t)
		if a.Rule != nil && a.Rule.Slot != "" && contains(a.Rule.Types, t) && !ruled {
			slot, ruled = a.Rule.Slot, true
		}
		if slot != "" && !contains(a.Slots, slot) {
			a.Slots = append(a.Slots, slot)
		}
	}
	if p := k.Harmony.GoesWith(a.Master, group, appearance); p != nil {
		a.Colour, a.With = p.Name, p.With
		if a.Master == "" && len(p.Masters) > 0 {
			a.Master = p.Masters[0]
		}
	} else {
		a.With = k.Harmony.neutralList // a colour not said: neutrals go with anything
	}
	return &a
}

// groupTypes lists the types the slots give a product group named in an
// anchor ("my shoes": every shoe type of the slot lists).
func (k *Knowledge) groupTypes(group string) []string {
	slot := groupSlot[group]
	s := k.Slots[slot]
	if s == nil {
		return nil
	}
	var out []string
	for _, kit := range sortedKeys(s.Kits) {
		for _, t := range s.Kits[kit] {
			if !contains(out, t) {
				out = append(out, t)
			}
		}
	}
	return out
}

// groupSlot is the slot of a product group named without a type ("what
// shoes go with…"); the catalog's schema, not knowledge.
var groupSlot = map[string]string{
	"Shoes": Shoes, "Bags": Accessory, "Accessories": Accessory, "Garment Upper body": Top,
	"Garment Lower body": Bottom, "Garment Full body": OnePiece, "Swimwear": Swimwear,
}

// sameKind reports whether an article is of the anchor's own kind: one of its
// types or of the same exclusive group (a second bag, a second hat).
func (a *AnchorInfo) sameKind(k *Knowledge, productType string) bool {
	for _, t := range a.Types {
		if t == productType || k.sameGroup(t, productType) {
			return true
		}
	}
	return false
}

// goesWith ranks a colour master against the anchor's colour: 1 for the first
// colour of its list, down to 0 half-way along it and after, -1 for a colour
// not on it, 0 when the anchor's colour is unknown. The first colours of a
// list are what sets one anchor's looks apart from another's.
func (a *AnchorInfo) goesWith(master string) float32 {
	if a == nil || len(a.With) == 0 {
		return 0
	}
	i := indexOf(a.With, master)
	if i < 0 {
		return -1
	}
	return max(0, 1-2*float32(i)/float32(len(a.With)))
}
