package outfit

import (
	"fmt"
	"strings"

	"github.com/stylistbot/stylist/catalog"
)

// Explain returns a one-line rationale for outfit i of the result and one
// short reason per item (in the order of its Items): the slot's role, how its
// colour pairs with the rest, and why the look suits the occasion. These are
// the answers' explanations when no model writes them.
func (r *Result) Explain(i int) (rationale string, reasons []string) {
	if i < 0 || i >= len(r.Outfits) || r.Plan == nil {
		return "", nil
	}
	k := r.know
	o := r.Outfits[i]
	var arts []*catalog.Article
	for j := range o.Items {
		arts = append(arts, &o.Items[j].Article)
	}
	if r.Anchor != nil {
		arts = append(arts, r.Anchor)
	}
	accents := k.Harmony.Accents(arts)
	for j := range o.Items {
		reasons = append(reasons, r.itemReason(o, j, accents))
	}
	return r.rationale(o, accents), reasons
}

var formalityWords = []string{"relaxed", "smart", "formal"}

func (r *Result) rationale(o Outfit, accents []string) string {
	p := r.Plan
	if a := p.Anchor; a != nil && len(p.Focus) > 0 && len(o.Items) > 0 {
		return r.pairingRationale(o)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "A %s look for %s", formalityWords[min(max(p.Formality, 0), 2)], p.Occasion.Title)
	if s := r.Request.Season; s != "" {
		fmt.Fprintf(&b, " in %s", s)
	}
	var main, rest []string
	for _, it := range o.Items {
		d := describe(&it.Article)
		switch it.Slot {
		case OnePiece, Top, Bottom, Swimwear:
			main = append(main, d)
		case Shoes, Outer:
			rest = append(rest, d)
		}
	}
	switch {
	case len(main) > 0:
		b.WriteString(": " + joinAnd(main))
		if len(rest) > 0 {
			b.WriteString(" with " + joinAnd(rest))
		}
	case len(rest) > 0: // the anchor is the main piece
		b.WriteString(": " + joinAnd(rest))
	}
	if r.Anchor != nil || r.Request.Anchor != nil {
		name := "your " + anchorName(r)
		if p.Anchor != nil {
			name = p.Anchor.Called()
		}
		b.WriteString(", built around " + name)
	}
	if s := anchorColourStory(p.Anchor, o); s != "" {
		b.WriteString("; " + s + ".")
		return b.String()
	}
	b.WriteString("; " + colourStory(r.know, o, accents) + ".")
	return b.String()
}

// pairingRationale explains one option of a pairing request: "Black pumps
// for your red dress: black goes with red, and the dress stays the star."
func (r *Result) pairingRationale(o Outfit) string {
	a := r.Plan.Anchor
	var pieces []string
	for _, it := range o.Items {
		pieces = append(pieces, describe(&it.Article))
	}
	s := title(joinAnd(pieces)) + " for " + a.Called()
	if story := anchorColourStory(a, o); story != "" {
		s += ": " + story
	}
	return s + "."
}

// anchorColourStory says how a look's colours go with the anchor's: "off
// white and blue go with brown"; "" when the anchor's colour is unknown.
func anchorColourStory(a *AnchorInfo, o Outfit) string {
	if a == nil || a.Colour == "" {
		return ""
	}
	var with, same []string
	for _, it := range o.Items {
		c := strings.ToLower(it.Article.ColourGroupName)
		switch {
		case it.Article.PerceivedColourMasterName == a.Master:
			same = append(same, TypeName(it.Article.ProductTypeName))
		case contains(a.With, it.Article.PerceivedColourMasterName):
			if !contains(with, c) {
				with = append(with, c)
			}
		}
	}
	var parts []string
	if len(with) > 0 {
		verb := "goes"
		if len(with) > 1 {
			verb = "go"
		}
		parts = append(parts, fmt.Sprintf("%s %s with %s", joinAnd(with), verb, a.Colour))
	}
	if len(same) > 0 {
		verb := "pick"
		if len(same) == 1 && !strings.HasSuffix(same[0], "s") {
			verb = "picks"
		}
		parts = append(parts, fmt.Sprintf("the %s %s up its %s", joinAnd(same), verb, a.Colour))
	}
	if len(parts) == 0 {
		return ""
	}
	return strings.Join(parts, "; ")
}

// itemReason explains one piece: its role, its colour against the rest, and
// for the main piece why it suits the occasion.
func (r *Result) itemReason(o Outfit, j int, accents []string) string {
	it := o.Items[j]
	a := &it.Article
	s := r.know.Slots[it.Slot]
	role := ""
	if s != nil {
		role = s.Role
	}
	var b strings.Builder
	b.WriteString(title(describe(a)))
	if role != "" {
		b.WriteString(", " + role)
	}
	anc := r.Plan.Anchor
	colour := strings.ToLower(a.ColourGroupName)
	switch {
	case anc != nil && anc.Colour != "" && a.PerceivedColourMasterName == anc.Master:
		fmt.Fprintf(&b, ", picking up the %s of %s", anc.Colour, anc.Called())
	case anc != nil && anc.Colour != "" && contains(anc.With, a.PerceivedColourMasterName):
		fmt.Fprintf(&b, ", and its %s goes with %s", colour, anc.Called())
	case anc != nil && anc.Colour == "" && r.know.Harmony.neutral(a):
		fmt.Fprintf(&b, ", a neutral that goes with %s", anc.Called())
	case contains(accents, a.PerceivedColourMasterName) && !r.know.Harmony.neutral(a):
		b.WriteString(", and its " + strings.ToLower(a.ColourGroupName) + " is the look's accent")
	default:
		if other := sameColour(o, j); other != "" {
			fmt.Fprintf(&b, ", repeating the %s of the %s", strings.ToLower(a.ColourGroupName), other)
		} else {
			b.WriteString(", a neutral that keeps the look calm")
		}
	}
	if it.Slot == OnePiece || (it.Slot == Top && !hasSlot(o, OnePiece)) || it.Slot == Swimwear {
		fmt.Fprintf(&b, "; %s enough for %s", formalityWords[min(max(r.Plan.Formality, 0), 2)], r.Plan.Occasion.Title)
	}
	return b.String() + "."
}

// describe names an article for a sentence: "black pumps", "dark blue jumpsuit".
func describe(a *catalog.Article) string {
	return strings.ToLower(a.ColourGroupName) + " " + TypeName(a.ProductTypeName)
}

// typeNames are how sentences name catalog types whose names are codes.
var typeNames = map[string]string{
	"Other shoe": "shoes", "Flat shoe": "flat shoes", "Flat shoes": "flat shoes", "Cap/peaked": "cap", "Hat/brim": "hat",
	"Hat/beanie": "beanie", "Jumpsuit/Playsuit": "jumpsuit", "Leggings/Tights": "leggings", "Heeled sandals": "heeled sandals",
	"Swimwear bottom": "swim shorts", "Swimwear set": "bikini", "Outdoor trousers": "outdoor trousers",
	"Outdoor Waistcoat": "gilet", "Weekend/Gym bag": "gym bag", "Hair/alice band": "hairband", "Earring": "earrings",
	"Vest top": "vest top",
}

// TypeName is a product type as a sentence says it ("Other shoe" → "shoes").
func TypeName(productType string) string {
	if n, ok := typeNames[productType]; ok {
		return n
	}
	return strings.ToLower(productType)
}

func sameColour(o Outfit, j int) string {
	for i, it := range o.Items {
		if i != j && it.Article.ColourGroupName == o.Items[j].Article.ColourGroupName {
			return TypeName(it.Article.ProductTypeName)
		}
	}
	return ""
}

func hasSlot(o Outfit, slot string) bool {
	for _, it := range o.Items {
		if it.Slot == slot {
			return true
		}
	}
	return false
}

func anchorName(r *Result) string {
	if r.Anchor != nil {
		return describe(r.Anchor)
	}
	return r.Request.Anchor.Text
}

// colourStory says how the colours work: "black and white base with a red accent".
func colourStory(k *Knowledge, o Outfit, accents []string) string {
	var neutrals []string
	for _, it := range o.Items {
		if k.Harmony.neutral(&it.Article) {
			if c := strings.ToLower(it.Article.ColourGroupName); !contains(neutrals, c) {
				neutrals = append(neutrals, c)
			}
		}
	}
	switch {
	case len(accents) == 0 && len(neutrals) == 1:
		return "tonal " + neutrals[0] + " from head to toe"
	case len(accents) == 0:
		return "all neutrals (" + joinAnd(neutrals) + "), easy to wear together"
	case len(neutrals) == 0:
		return strings.ToLower(joinAnd(accents)) + " carry the whole look"
	}
	acc := strings.ToLower(joinAnd(accents))
	return fmt.Sprintf("a %s base with %s as the accent", joinAnd(neutrals), acc)
}

func joinAnd(l []string) string {
	switch len(l) {
	case 0:
		return ""
	case 1:
		return l[0]
	}
	return strings.Join(l[:len(l)-1], ", ") + " and " + l[len(l)-1]
}

// SlotInfo returns a slot's label and role from the knowledge the result was built with.
func (r *Result) SlotInfo(name string) (label, role string) {
	if r.know != nil {
		if s := r.know.Slots[name]; s != nil {
			return s.Label, s.Role
		}
	}
	return name, ""
}
