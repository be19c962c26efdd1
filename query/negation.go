package query

// kind groups fields for negation scope decisions.
type kind uint8

const (
	kindType kind = 1 << iota
	kindColour
	kindLook
	kindGarment
	kindDept
	kindSoft
)

func kindOf(it *item) kind {
	if it.role != roleItem {
		return 0
	}
	var k kind
	v := it.vals
	if len(v[fType]) > 0 || len(v[fGroup]) > 0 {
		k |= kindType
	}
	if len(v[fColour]) > 0 || len(v[fMaster]) > 0 || len(v[fValue]) > 0 {
		k |= kindColour
	}
	if len(v[fAppearance]) > 0 {
		k |= kindLook
	}
	if len(v[fGarment]) > 0 {
		k |= kindGarment
	}
	if len(v[fIndexGroup]) > 0 || len(v[fIndexName]) > 0 || len(v[fSection]) > 0 {
		k |= kindDept
	}
	if len(v[fSoft]) > 0 {
		k |= kindSoft
	}
	return k
}

// resolveNegation marks the items inside negation scopes.
//
// A trigger ("no", "not", "without", "nothing", "avoid", "except", "anything
// but", "don't want", ...) opens a scope over the items after it. The scope
// ends at:
//   - sentence punctuation (. ; : ! ? brackets, newline);
//   - a comma, unless a list of the negated kind follows ("nothing red,
//     orange or yellow");
//   - a clause word: "but", "however", "though", "also", "instead", ...;
//   - once something is negated: a preposition or clause opener ("in",
//     "with", "for", "that", "maybe", ...: "no prints in blue" wants blue),
//     or "and"/"or"/"nor" followed by an item of another kind ("without
//     prints and a black dress"); "no black or white", "without prints and
//     stripes" stay negated.
//
// A garment noun directly after a negated colour or pattern is the head of
// that noun phrase: "no red dresses" excludes red, keeps dresses neither
// wanted nor excluded, and ends the scope. Negated soft words are dropped.
func (p *parser) resolveNegation() {
	active := false
	var negKinds kind
	var last *item
	prevEnd := 0
	for k := range p.items {
		it := &p.items[k]
		if active && p.endsScope(prevEnd, k, negKinds) {
			active = false
		}
		switch {
		case it.role == roleNeg:
			active, negKinds, last = true, 0, nil
		case it.role == roleBreak:
			active = false
		case active && it.role == roleItem:
			kd := kindOf(it)
			if kd&kindType != 0 && negKinds&kindType == 0 && last != nil && last.e == it.s &&
				kindOf(last)&kindType == 0 {
				it.drop = true
				active = false
				break
			}
			it.neg = true
			negKinds |= kd
			last = it
		}
		prevEnd = it.e
	}
}

// endsScope reports whether the negation scope ends before item k.
func (p *parser) endsScope(prevEnd, k int, negKinds kind) bool {
	it := &p.items[k]
	switch p.maxBreak(prevEnd, it.s) {
	case brkHard:
		return true
	case brkComma:
		return negKinds == 0 || !p.listContinues(k, negKinds)
	}
	if negKinds == 0 {
		return false
	}
	for t := prevEnd; t < it.s; t++ {
		w := p.toks[t].norm
		if scopeEnd[w] || (conj[w] && kindOf(it)&negKinds == 0) {
			return true
		}
	}
	return false
}

// listContinues reports whether items from k on form a list of the negated
// kind closed by a coordinator: "red, orange or yellow".
func (p *parser) listContinues(k int, negKinds kind) bool {
	for j := k; j+1 < len(p.items); j++ {
		it, nx := &p.items[j], &p.items[j+1]
		if kindOf(it)&negKinds == 0 {
			return false
		}
		b, gap := p.maxBreak(it.e, nx.s), nx.s-it.e
		switch {
		case b == brkComma && gap == 0:
			continue
		case b == brkNone && gap == 1 && conj[p.toks[it.e].norm]:
			return kindOf(nx)&negKinds != 0
		default:
			return false
		}
	}
	return false
}
