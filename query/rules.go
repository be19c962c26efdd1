package query

// Context rules run after phrase matching, in Parse order.

// resolveCounts decides which numbers are counts.
//
//   - "top N" and "N" after a count lead ("best 3", "show me 5") are counts.
//   - Otherwise a number is a count only when an item noun (a type, a group
//     or "options"/"ideas"/"outfits"...) follows within 4 tokens in the same
//     clause: "5 light yellow dresses", "3 options".
//   - "one" must be directly followed by the noun ("one dress"); "one piece",
//     "one shoulder", "one size" are phrases and never counts.
//   - Not a count: after "size", "under", "from", ... ("size 38", "under 30"),
//     before a unit ("5 years", "30 euros", "90s"), or with "$"/"%" attached.
//   - "a few" = 3, "a couple (of)" = 2, "a dozen" = 12: counts before an item
//     noun or after a count lead ("show me a few").
//
// The first count wins and is capped at MaxCount; "top" that is not "top N"
// becomes the type "top".
func (p *parser) resolveCounts() {
	for k := range p.items {
		it := &p.items[k]
		switch it.role {
		case roleTop:
			if p.adjacent(k) && p.items[k+1].role == roleNum && !p.toks[p.items[k+1].s].unit {
				p.setCount(p.items[k+1].num)
				it.role, p.items[k+1].role = roleNoop, roleNoop
			} else {
				it.role = roleItem
			}
		case roleNum:
			if p.isCount(k) {
				p.setCount(it.num)
			}
			it.role = roleNoop
		case roleCountPhrase:
			if countLead[p.prevTok(it.s)] || p.nounFollows(k) {
				p.setCount(it.num)
			}
			it.role = roleNoop
		}
	}
}

func (p *parser) isCount(k int) bool {
	it := &p.items[k]
	if p.toks[it.s].unit || countBlock[p.prevTok(it.s)] || countUnit[p.tokAt(it.e)] {
		return false
	}
	if countLead[p.prevTok(it.s)] {
		return true
	}
	if it.num == 1 {
		return p.adjacent(k) && p.isNoun(k+1)
	}
	return p.nounFollows(k)
}

// nounFollows reports whether an item noun follows item k within 4 tokens in the same clause.
func (p *parser) nounFollows(k int) bool {
	end := p.items[k].e
	for j := k + 1; j < len(p.items); j++ {
		nx := &p.items[j]
		if nx.s-end > 4 || p.maxBreak(p.items[j-1].e, nx.s) != brkNone {
			return false
		}
		if p.isNoun(j) {
			return true
		}
	}
	return false
}

// isNoun reports whether item k names a kind of item (a type or group, or a generic noun).
func (p *parser) isNoun(k int) bool {
	it := &p.items[k]
	return it.role == roleTop || it.role == roleGeneric || p.isGarment(k)
}

// isGarment reports whether item k sets a product type or group.
func (p *parser) isGarment(k int) bool {
	it := &p.items[k]
	return (it.role == roleItem || it.role == roleTop) && (len(it.vals[fType]) > 0 || len(it.vals[fGroup]) > 0)
}

func (p *parser) setCount(n int) {
	if p.count == 0 && n > 0 {
		p.count = min(n, MaxCount)
	}
}

// resolveColourMods applies tone words.
//
//   - Directly before a colour word a tone combines with it: "light yellow"
//     → colour group "Light Yellow" (when the catalog has it), master
//     "Yellow", tones Light/Dusty Light; "pastel pink" → "Light Pink".
//   - Before "colour(s)"/"shade"/"tone" it is a tone alone ("dark colours").
//   - "light" (and "deep", "bold") are weak: anywhere else they are no colour
//     ("light, breathable" is weight → soft "lightweight"; "deep v-neck").
//   - Strong tones stand alone anywhere: "pastel dress", "dark jeans".
func (p *parser) resolveColourMods() {
	for k := range p.items {
		it := &p.items[k]
		if it.role != roleColourMod {
			continue
		}
		switch {
		case p.adjacent(k) && p.isColour(k+1):
			nx := &p.items[k+1]
			tone := it.vals[fValue]
			v := nx.own()
			v[fValue] = tone
			if it.ent.prefix != "" && nx.ent != nil {
				var exact []string
				for _, b := range nx.ent.base {
					if name := it.ent.prefix + " " + b; p.v.values[fColour][name] {
						exact = append(exact, name)
					}
				}
				if len(exact) > 0 {
					v[fColour] = exact
				}
			}
			it.role = roleNoop
			continue
		case p.adjacent(k) && p.items[k+1].role == roleColourNoun, !it.ent.weak:
			it.vals = &[nFields][]string{fValue: it.vals[fValue]}
		default:
			it.vals = &[nFields][]string{fSoft: it.vals[fSoft]}
		}
		it.role = roleItem
	}
}

// isColour reports whether item k is a colour word.
func (p *parser) isColour(k int) bool {
	it := &p.items[k]
	return it.role == roleItem && (len(it.vals[fColour]) > 0 || len(it.vals[fMaster]) > 0)
}

// resolveRelations keeps the department of a relation noun only when the
// relation is the recipient: directly after "for"/"buy"/"gift"/..., or after
// such a word and a possessive ("for my boyfriend", "buy my wife"). "dating
// with my boyfriend" is context and sets nothing; "her" followed by a
// relation is a possessive ("for her husband" → Menswear).
func (p *parser) resolveRelations() {
	for k := range p.items {
		it := &p.items[k]
		if it.role != roleRelation {
			continue
		}
		it.role = roleNoop
		if it.ent.poss && p.adjacent(k) && p.items[k+1].role == roleRelation {
			continue
		}
		p1 := p.prevTok(it.s)
		if recipientLead[p1] || (possessives[p1] && recipientLead[p.prevTok(it.s-1)]) {
			it.role = roleItem
		}
	}
}

// resolveCompounds handles garment nouns used as modifiers: of two directly
// adjacent garment nouns the last is the head ("shirt dress" → Dress, "jeans
// jacket" → Jacket + Denim, "swimsuit cover up" → Sarong). The modifier keeps
// its colour, pattern and soft effects. A modifier whose types are among the
// broader head's (or in its product group) names its kind instead: "beanie
// hat" is a beanie, not every hat; "sneaker shoes" are sneakers (the head's
// types and group go).
func (p *parser) resolveCompounds() {
	for k := range p.items {
		if !p.isGarment(k) || !p.adjacent(k) || !p.isGarment(k+1) {
			continue
		}
		it := &p.items[k]
		if p.namesKind(it.vals[fType], p.items[k+1].vals) {
			hv := p.items[k+1].own()
			hv[fType], hv[fGroup], hv[fGarment] = nil, nil, nil
			continue
		}
		v := it.own()
		v[fType], v[fGroup], v[fGarment] = nil, nil, nil
		if !hasAttrs(v) {
			it.role = roleNoop
		}
	}
}

// namesKind reports whether modifier types mt are a kind of the head noun h:
// some of them are among h's broader types ("beanie hat") or in its product
// group ("sneaker shoes").
func (p *parser) namesKind(mt []string, h *[nFields][]string) bool {
	if len(mt) == 0 {
		return false
	}
	if ht := h[fType]; len(ht) > len(mt) && overlaps(mt, ht) {
		return true
	}
	if len(h[fType]) == 0 && len(h[fGroup]) > 0 {
		for _, t := range mt {
			if contains(h[fGroup], p.v.group[t]) {
				return true
			}
		}
	}
	return false
}

// resolveSport adds the "Sport" index group to a garment (or "clothes",
// "gear") directly after a chain of sport words: "sports trousers", "gym
// leggings", "jogging sports trousers". Sport words elsewhere stay soft.
func (p *parser) resolveSport() {
	if p.v.sport == "" {
		return
	}
	for k := range p.items {
		if !p.isSportWord(k) {
			continue
		}
		j := k
		for p.adjacent(j) && p.isSportWord(j+1) {
			j++
		}
		if !p.adjacent(j) || !(p.isGarment(j+1) || p.isClothing(j+1)) {
			continue
		}
		nx := &p.items[j+1]
		nx.role = roleItem
		v := nx.own()
		v[fIndexGroup] = union(v[fIndexGroup], []string{p.v.sport})
	}
}

func (p *parser) isClothing(k int) bool {
	it := &p.items[k]
	return it.role == roleGeneric && it.ent != nil && it.ent.cloth
}

func (p *parser) isSportWord(k int) bool {
	it := &p.items[k]
	return it.role == roleItem && it.ent != nil && it.ent.sport
}
