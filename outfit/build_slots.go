package outfit

import (
	"fmt"
	"strings"
)

// slots validates slots.yaml.
func (b *builder) slots(sd *slotsDoc) error {
	const f = SlotsFile
	for _, name := range sortedKeys(sd.Slots) {
		d := sd.Slots[name]
		if indexOf(SlotOrder, name) < 0 {
			return &Error{File: b.names[f], Line: 1, Key: "slots", Value: name, Msg: "unknown slot (want " + strings.Join(SlotOrder, ", ") + ")"}
		}
		s := &Slot{Name: name, Label: d.Label, Role: d.Role, Kits: map[string][]string{}}
		if s.Label == "" {
			s.Label = name
		}
		for _, kit := range sortedKeys(d.Kits) {
			l, err := b.check(f, "slots."+name+".kits."+kit, "Types", "product type", d.Kits[kit])
			if err != nil {
				return err
			}
			s.Kits[kit] = l
		}
		var err error
		for _, x := range []struct {
			dst *[]string
			src []val
			key string
		}{{&s.Men, d.Men, "men"}, {&s.Women, d.Women, "women"}, {&s.Kids, d.Kids, "kids"}} {
			if *x.dst, err = b.check(f, "slots."+name+"."+x.key, "Types", "product type", x.src); err != nil {
				return err
			}
			if x.src != nil && *x.dst == nil {
				*x.dst = []string{} // "men: []": nothing for that audience
			}
		}
		b.k.Slots[name] = s
	}
	b.k.Exclusive = map[string]int{}
	for i, g := range sd.Exclusive {
		l, err := b.check(f, "exclusive", "Types", "product type", g)
		if err != nil {
			return err
		}
		for _, t := range l {
			b.k.Exclusive[t] = i + 1
		}
	}
	for _, need := range []string{Top, Bottom, OnePiece, Shoes} {
		if _, ok := b.k.Slots[need]; !ok {
			return &Error{File: b.names[f], Line: 1, Key: "slots", Value: need, Msg: "missing"}
		}
	}
	return nil
}

// colours validates colours.yaml.
func (b *builder) colours(cd *coloursDoc) error {
	const f = ColoursFile
	h := &b.k.Harmony
	n, err := b.check(f, "neutrals", "ColourMasters", "colour", cd.Neutrals)
	if err != nil {
		return err
	}
	g, err := b.check(f, "neutral_groups", "Colours", "colour group", cd.NeutralGroups)
	if err != nil {
		return err
	}
	a, err := b.check(f, "neutral_appearances", "Appearances", "appearance", cd.NeutralAppearances)
	if err != nil {
		return err
	}
	h.Neutrals, h.NeutralGroups, h.NeutralAppearances, h.neutralList = setOf(n), setOf(g), setOf(a), n
	if cd.MaxAccents < 0 || cd.MaxAccents > 3 {
		return &Error{File: b.names[f], Line: 1, Key: "max_accents", Value: fmt.Sprint(cd.MaxAccents), Msg: "want 0 to 3"}
	}
	h.MaxAccents = cd.MaxAccents
	for _, p := range cd.AccentPairs {
		if len(p) != 2 {
			line := 1
			if len(p) > 0 {
				line = p[0].Line
			}
			return &Error{File: b.names[f], Line: line, Key: "accent_pairs", Msg: "each pair has two colours"}
		}
		l, err := b.check(f, "accent_pairs", "ColourMasters", "colour", p)
		if err != nil {
			return err
		}
		if len(l) == 2 {
			h.Pairs = append(h.Pairs, [2]string{l[0], l[1]})
		}
	}
	h.Moods = map[string]Mood{}
	for _, name := range sortedKeys(cd.Moods) {
		m := cd.Moods[name]
		t, err := b.check(f, "moods."+name+".tones", "ColourValues", "tone", m.Tones)
		if err != nil {
			return err
		}
		c, err := b.check(f, "moods."+name+".colours", "ColourMasters", "colour", m.Colours)
		if err != nil {
			return err
		}
		h.Moods[name] = Mood{Tones: t, Colours: c}
	}
	return b.pairings(cd)
}
