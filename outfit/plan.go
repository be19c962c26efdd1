package outfit

import (
	"slices"
	"strings"

	"github.com/stylistbot/stylist/catalog"
	"github.com/stylistbot/stylist/query"
)

// Plan is what an outfit request asks the assembly for: the slots to fill,
// with their types and constraints, for one audience and occasion.
type Plan struct {
	Occasion  *Occasion
	Kit       string
	Formality int
	// Audience is who the looks are for: the request's query.Audience
	// narrowed to one adult gender or one children's band (lookAudience).
	Audience query.Audience
	// AudienceNotice says which audience was picked when the request did not
	// state it ("" when it did).
	AudienceNotice string
	Slots          []PlanSlot // every slot that may be filled, in SlotOrder
	OnePiece       bool       // a one-piece may replace top + bottom
	Separates      bool       // top + bottom may be used
	Accessories    int        // number of accessories
	Forbid         map[string]bool
	Terms          []string // extra words for every slot query (style, weather)
	AnchorSlot     string   // the slot the anchor fills, "" without an anchor
	// Anchor is the item the person already has (nil without one): its
	// slots, its colour and the colours that go with it.
	Anchor *AnchorInfo
	// Focus lists the slots a pairing request asks for ("what shoes go with a
	// red dress": shoes); the plan has only those, and each outfit is one option.
	Focus     []string
	FocusName string // how answers name the kind asked for: "shoes", "trousers"
	Palette   query.Palette
	Outfits   int

	defaultOccasion string // the knowledge's default occasion (titles)
}

// PlanSlot is one slot of a plan.
type PlanSlot struct {
	Name  string
	Types []string
	// Colour constraints for this slot's query (from the request's palette).
	ColourMasters, Colours, Tones []string
	AvoidMasters                  []string
	// Prefer are the colour masters that go with the anchor's colour, best
	// first: the slot's query asks for them and candidates in them rank higher.
	Prefer []string
}

// Has reports whether the plan has slot name.
func (p *Plan) Has(name string) bool { return p.Slot(name) != nil }

// Slot returns the plan slot of that name, or nil.
func (p *Plan) Slot(name string) *PlanSlot {
	for i := range p.Slots {
		if p.Slots[i].Name == name {
			return &p.Slots[i]
		}
	}
	return nil
}

// Availability reports how many articles of a type an audience has; the plan
// leaves out types an audience does not wear (no dresses in menswear).
type Availability func(a query.Audience, productType string) int

// minAvailable is the number of articles a type needs in an audience to be planned.
const minAvailable = 3

// boysNever are the types a look for boys or men never has.
var boysNever = []string{"Dress", "Skirt"}

// NewPlan turns a request into a plan. anchor is the anchor article when the
// request named one by id (nil otherwise).
func (k *Knowledge) NewPlan(r query.OutfitRequest, anchor *catalog.Article, avail Availability) *Plan {
	occ := k.Occasion(r.Occasion)
	p := &Plan{Occasion: occ, Kit: occ.Kit, Formality: occ.Formality, Palette: r.Palette, Outfits: max(r.Outfits, 1), defaultOccasion: k.Default}
	p.Audience, p.AudienceNotice = lookAudience(r.Query.Audience, anchor)
	p.askedAudience(r, avail)
	// A stated formality moves an everyday kit up or down.
	if f := indexOf(formalities, r.Formality); f >= 0 && (p.Kit == "casual" || p.Kit == "smart" || p.Kit == "formal") {
		p.Kit, p.Formality = formalities[f], f
	}
	p.Anchor = k.anchorInfo(r, anchor)
	if r.Occasion == "" && r.Formality == "" && p.Anchor != nil && p.Anchor.Rule != nil && p.Anchor.Rule.Kit != "" {
		p.Kit, p.Formality = p.Anchor.Rule.Kit, p.Anchor.Rule.Formality // white sneakers: casual; a navy blazer: smart
	} // an anchor of no anchors.yaml row keeps the occasion's register
	p.Forbid = map[string]bool{}
	for t := range occ.Forbid {
		p.Forbid[t] = true
	}
	if p.Audience.Gender == query.Male { // the kids' kit is shared: a boy's look has no dress or skirt (dress-up has no side)
		for _, t := range boysNever {
			p.Forbid[t] = true
		}
	}
	outer := ""
	for _, c := range conditionsOf(r) {
		cond, ok := k.Conditions[c]
		if !ok {
			continue
		}
		for _, t := range cond.Forbid {
			p.Forbid[t] = true
		}
		p.Terms = append(p.Terms, cond.Terms...)
		if cond.Outer == "never" || (cond.Outer == "always" && outer == "") {
			outer = cond.Outer
		}
	}
	if outer == "" && p.Anchor != nil && p.Anchor.Rule != nil {
		outer = p.Anchor.Rule.Outer // boots and a dress call for a layer; the season and weather said first
	}
	p.Terms = append(p.Terms, r.Styles...)
	if r.Season != "" {
		p.Terms = append(p.Terms, r.Season)
	}
	anchorSlot := ""
	if p.Anchor != nil && len(p.Anchor.Slots) > 0 {
		anchorSlot = p.Anchor.Slots[0]
	}
	p.AnchorSlot = anchorSlot
	kind := kind(p.Audience)
	addSlot := func(name string) {
		if p.Has(name) {
			return
		}
		s := k.Slots[name]
		if s == nil {
			return
		}
		var types []string
		list := s.Types(p.Kit, kind)
		if l, ok := occ.SlotTypes[name]; ok && kind != "kids" {
			list = l
		}
		for _, t := range list {
			if !p.Forbid[t] && !k.Never.Types[t] && (avail == nil || avail(p.Audience, t) >= minAvailable) {
				types = append(types, t)
			}
		}
		if len(types) > 0 {
			p.Slots = append(p.Slots, PlanSlot{Name: name, Types: types})
		}
	}
	specs := occ.Slots
	if outer == "always" && !occ.slotMember[Outer] && !occ.slotMember[Outer+"?"] {
		specs = append(slices.Clone(specs), SlotSpec{Name: Outer}) // the cold or rain calls for a layer whatever the occasion
	}
	for _, spec := range specs {
		if spec.Optional && outer != "always" {
			continue
		}
		if spec.Name == Outer && outer == "never" && spec.Optional {
			continue
		}
		switch spec.Name {
		case main:
			addSlot(Top)
			addSlot(Bottom)
			if occ.OnePiece {
				addSlot(OnePiece)
			}
		case Accessory:
			p.Accessories++
			addSlot(Accessory)
		default:
			addSlot(spec.Name)
		}
	}
	// A pairing request asks for some slots only: those, whatever the occasion lists.
	focus := k.focusSlots(r)
	for _, f := range focus {
		if f == Accessory && !p.Has(Accessory) {
			p.Accessories = 1
		}
		addSlot(f)
	}
	// Types named in the request ("an outfit with a red dress", "swap the
	// shoes for sneakers") replace their slot's types, even types the kit
	// does not list: the person asked for them.
	named := ""
	for _, t := range r.Query.Types {
		slot := k.slotOf(t)
		s := p.Slot(slot)
		if s == nil || named != "" || k.Never.Types[t] || (avail != nil && avail(p.Audience, t) < minAvailable) {
			continue
		}
		var l []string
		for _, x := range r.Query.Types {
			if k.slotOf(x) == slot && !k.Never.Types[x] {
				l = append(l, x)
			}
		}
		s.Types, named = l, slot
	}
	p.askedTypes(k, r, avail)
	p.OnePiece = p.Has(OnePiece)
	p.Separates = p.Has(Top) && p.Has(Bottom)
	switch {
	case named == OnePiece:
		p.Separates = false
	case named == Top || named == Bottom:
		p.OnePiece = false
	}
	p.leaveOutAnchor(k, focus)
	if s := p.Slot(Accessory); s != nil && p.Anchor != nil && len(focus) == 0 && p.Formality < 2 { // a formal look keeps its tie
		if l := intersect(s.Types, k.AnchorFinish); len(l) > 0 {
			s.Types = l // a look built around an anchor is finished with a bag
		}
	}
	if !p.Separates && occ.slotMember[main] && !contains(focus, Top) && !contains(focus, Bottom) {
		p.removeSlot(Top)
		p.removeSlot(Bottom)
	}
	if !p.OnePiece {
		p.removeSlot(OnePiece)
	}
	if len(focus) > 0 {
		p.Focus, p.FocusName = focus, focusName(r.Asked, k.Slots[focus[0]])
		for _, s := range slices.Clone(p.Slots) {
			if !contains(focus, s.Name) {
				p.removeSlot(s.Name)
			}
		}
		p.OnePiece = p.Has(OnePiece)
		p.Separates = !p.OnePiece || p.Has(Top) || p.Has(Bottom)
		if r.Outfits == 0 {
			p.Outfits = pairingOptions
		}
	}
	p.colourSlots(occ, named, k.Harmony.Moods)
	// The anchor's colour steers the others' towards colours that go with it,
	// unless the request says what colours it wants.
	if a := p.Anchor; a != nil && len(a.With) > 0 && len(r.Palette.Masters)+len(r.Palette.Groups)+len(r.Palette.Tones) == 0 && r.Palette.Mood == "" {
		for i := range p.Slots {
			if s := &p.Slots[i]; len(s.ColourMasters)+len(s.Colours)+len(s.Tones) == 0 {
				s.Prefer = a.With
			}
		}
	}
	return p
}

// slotOf is the first slot (in SlotOrder) whose lists include the type.
func (k *Knowledge) slotOf(productType string) string {
	for _, name := range SlotOrder {
		s := k.Slots[name]
		if s == nil {
			continue
		}
		for _, l := range s.Kits {
			if contains(l, productType) {
				return name
			}
		}
	}
	return ""
}

func (p *Plan) removeSlot(name string) {
	out := p.Slots[:0]
	for _, s := range p.Slots {
		if s.Name != name {
			out = append(out, s)
		}
	}
	p.Slots = out
}

// colourSlots puts the palette on the slot queries: the whole look in the
// wished colours, or the wished colour on the main piece (or the named one).
func (p *Plan) colourSlots(occ *Occasion, named string, moods map[string]Mood) {
	pal := p.Palette
	mainSlot := named
	if len(p.Focus) > 0 {
		mainSlot = p.Focus[0] // "what shoes go with a red dress" … "in pink": the shoes
	}
	if mainSlot == "" {
		for _, n := range []string{OnePiece, Top, Swimwear, Bottom} {
			if p.Has(n) {
				mainSlot = n
				break
			}
		}
	}
	asked := len(pal.Masters)+len(pal.Groups) > 0
	for i := range p.Slots {
		s := &p.Slots[i]
		s.AvoidMasters = append(s.AvoidMasters, pal.Avoid...)
		isMain := s.Name == Top || s.Name == Bottom || s.Name == OnePiece
		if isMain && !asked {
			s.AvoidMasters = append(s.AvoidMasters, occ.AvoidMain...)
		}
		switch {
		case asked && (pal.Whole || s.Name == mainSlot || (isMain && s.Name != Bottom && (mainSlot == OnePiece || mainSlot == Top))):
			s.ColourMasters, s.Colours = pal.Masters, pal.Groups
			if pal.Whole {
				s.Tones = pal.Tones
			}
		case len(occ.Colours) > 0 && s.Name != Accessory:
			s.ColourMasters = occ.Colours
		}
		if m, ok := moods[pal.Mood]; ok && !asked && s.Name != Accessory && (pal.Mood == "dark" || pal.Mood == "neutral" || pal.Whole || s.Name == mainSlot) {
			if len(m.Colours) > 0 {
				s.ColourMasters = m.Colours
			}
			s.Tones = m.Tones
		}
	}
}

// conditionsOf lists the condition names a request triggers.
func conditionsOf(r query.OutfitRequest) []string {
	var out []string
	if r.Season != "" {
		out = append(out, r.Season)
	}
	for _, w := range r.Weather {
		if !contains(out, w) {
			out = append(out, w)
		}
	}
	return out
}

func intersect(a, b []string) []string {
	var out []string
	for _, x := range a {
		if contains(b, x) {
			out = append(out, x)
		}
	}
	return out
}

// title capitalises the first letter.
func title(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
