package outfit

import (
	"fmt"
	"slices"
	"strings"

	"github.com/stylistbot/stylist/catalog"
	"github.com/stylistbot/stylist/query"
)

// The plan of a request built around an anchor: the slots a pairing request
// asks for ("what shoes go with a red dress"), the anchor's own slots and kind
// left out, and how the anchor's colour weighs in a candidate's relevance.

// anchorFills reports whether the anchor fills slot.
func (p *Plan) anchorFills(slot string) bool {
	return p.Anchor != nil && contains(p.Anchor.Slots, slot)
}

// focusName is how answers name the kind a pairing request asks for: "shoes",
// "trousers", "a top".
func focusName(a *query.Asked, s *Slot) string {
	switch {
	case len(a.Types) > 0:
		n := TypeName(a.Types[0])
		switch {
		case strings.HasSuffix(n, "s"):
			return n
		case strings.ContainsAny(n[:1], "aeiou"):
			return "an " + n
		}
		return "a " + n
	case len(a.ProductGroups) > 0 && (a.ProductGroups[0] == "Shoes" || a.ProductGroups[0] == "Bags"):
		return strings.ToLower(a.ProductGroups[0])
	case s != nil:
		return strings.ToLower(s.Label)
	}
	return "pieces"
}

// focusSlots are the slots of the kinds a pairing request asks for, in SlotOrder.
func (k *Knowledge) focusSlots(r query.OutfitRequest) []string {
	if r.Asked == nil {
		return nil
	}
	var out []string
	add := func(slot string) {
		if slot != "" && !contains(out, slot) {
			out = append(out, slot)
		}
	}
	for _, t := range r.Asked.Types {
		add(k.slotOf(t))
	}
	for _, g := range r.Asked.ProductGroups {
		add(groupSlot[g])
	}
	slices.SortStableFunc(out, func(a, b string) int { return indexOf(SlotOrder, a) - indexOf(SlotOrder, b) })
	return out
}

// leaveOutAnchor takes the anchor's slots out of the plan (a top or bottom
// anchor rules out a one-piece, a one-piece anchor top and bottom) and its
// own kind out of every slot: no second pair of boots, no second bag. A slot
// the request asks for stays ("what sweater goes with my shirt").
func (p *Plan) leaveOutAnchor(k *Knowledge, focus []string) {
	a := p.Anchor
	if a == nil {
		return
	}
	for _, slot := range a.Slots {
		if contains(focus, slot) {
			continue
		}
		switch slot {
		case Top, Bottom:
			p.OnePiece, p.Separates = false, true
			p.removeSlot(OnePiece)
			p.removeSlot(slot)
		case OnePiece:
			p.OnePiece, p.Separates = false, false
			p.removeSlot(Top)
			p.removeSlot(Bottom)
			p.removeSlot(OnePiece)
		case Accessory: // the accessory slot stays, without the anchor's kind
		default:
			p.removeSlot(slot)
		}
	}
	for i := range p.Slots {
		s := &p.Slots[i]
		s.Types = slices.DeleteFunc(slices.Clone(s.Types), func(t string) bool { return a.sameKind(k, t) })
	}
	for _, s := range slices.Clone(p.Slots) {
		if len(s.Types) == 0 {
			p.removeSlot(s.Name)
		}
	}
	if !p.Has(Accessory) {
		p.Accessories = 0
	}
}

// pairingOptions is how many options a pairing request gets when it says no number.
const pairingOptions = 3

const (
	// goesWithWeight is the weight of a colour's rank in the anchor's
	// goes_with list (a colour not on it loses as much as the first gains).
	goesWithWeight = 0.5
	// sameAsAnchor is what a piece in the anchor's own colour loses: the
	// anchor's colour is not imposed on the look.
	sameAsAnchor = 0.15
)

// anchorColourWeight is how much a candidate's colour adds to its relevance
// next to the anchor: colours that go with the anchor's gain, others lose.
func anchorColourWeight(p *Plan, s *PlanSlot, a *catalog.Article) float32 {
	if p.Anchor == nil || len(s.Prefer) == 0 {
		return 0
	}
	w := goesWithWeight * p.Anchor.goesWith(a.PerceivedColourMasterName)
	if a.PerceivedColourMasterName == p.Anchor.Master {
		w -= sameAsAnchor
	}
	return w
}

// anchorColour is the colour master of the anchor, "" when unknown.
func anchorColour(anchor *catalog.Article, r query.OutfitRequest) *catalog.Article {
	if anchor != nil {
		return anchor
	}
	if r.Anchor != nil && len(r.Anchor.Query.ColourMasters) > 0 {
		return &catalog.Article{PerceivedColourMasterName: r.Anchor.Query.ColourMasters[0],
			ColourGroupName: first(r.Anchor.Query.Colours), ProductTypeName: first(r.Anchor.Query.Types)}
	}
	return nil
}

func first(l []string) string {
	if len(l) == 0 {
		return ""
	}
	return l[0]
}

// askedAudience: a pairing request for a kind only menswear has here ("what
// tie goes with a navy suit") is for a man unless the request says who.
func (p *Plan) askedAudience(r query.OutfitRequest, avail Availability) {
	if r.Asked == nil || len(r.Asked.Types) == 0 || avail == nil || p.Audience.Who != query.WhoWomen || r.Query.Audience.Evidence != query.EvidenceDefault {
		return
	}
	men := query.Audience{Who: query.WhoMen, Gender: query.Male, Evidence: query.EvidenceInferred}
	for _, t := range r.Asked.Types {
		if avail(p.Audience, t) >= minAvailable || avail(men, t) < minAvailable {
			return
		}
	}
	p.Audience = men
	kind := TypeName(r.Asked.Types[0])
	if !strings.HasSuffix(kind, "s") {
		kind += "s"
	}
	p.AudienceNotice = fmt.Sprintf("showing men's pieces (%s are menswear in this catalog); say \"for women\" to change", kind)
}

// askedTypes keeps a pairing request's slots to the types asked that the
// audience wears: the kind asked is all that is shown, or nothing; the
// occasion does not forbid what was asked for.
func (p *Plan) askedTypes(k *Knowledge, r query.OutfitRequest, avail Availability) {
	if r.Asked == nil || len(r.Asked.Types) == 0 {
		return
	}
	for _, t := range r.Asked.Types {
		delete(p.Forbid, t) // asked for: "what tie goes with a navy suit" on an everyday occasion
	}
	for _, s := range slices.Clone(p.Slots) {
		var l []string
		for _, t := range r.Asked.Types {
			if k.slotOf(t) == s.Name && !k.Never.Types[t] && (avail == nil || avail(p.Audience, t) >= minAvailable) {
				l = append(l, t)
			}
		}
		if len(l) > 0 {
			p.Slot(s.Name).Types = l
		} else if contains(k.focusSlots(r), s.Name) {
			p.removeSlot(s.Name)
		}
	}
}
