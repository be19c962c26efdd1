package query

import "strings"

// qualifiers are the request's descriptive words that are no catalog
// attribute: occasion, style and fit labels and single words ("wedding",
// "prom", "long sleeve"; an idiom gives its label only) and unknown words
// ("cottagecore", "tweed"), normalised. Retrieval looks for them in names and descriptions instead
// of dropping them.
func (p *parser) qualifiers(terms []string, drop []bool) []string {
	var out []string
	for k := range p.items {
		it := &p.items[k]
		if it.role != roleItem || it.neg || it.drop || len(it.vals[fSoft]) == 0 || kindOf(it) != kindSoft {
			continue // only pure occasion/style/fit words: "dress shirt" is a shirt
		}
		for _, l := range it.vals[fSoft] { // the label's words: "long sleeve"
			for _, w := range normPhrase(l) {
				out = appendUnique(out, w)
			}
		}
		if it.e-it.s > 1 {
			continue // an idiom's words are not its meaning: "black tie event" is formal, not a tie
		}
		if w := p.toks[it.s].norm; !drop[it.s] && !stopwords[w] && len(w) > 2 {
			out = appendUnique(out, w)
		}
	}
	for _, w := range terms {
		out = appendUnique(out, w)
	}
	return out
}

// broad reports whether the request names a broad kind ("a top", "tops") or
// lists alternative types ("a dress or a skirt"): the answer should show
// each kind, not the one that ranks best.
func (p *parser) broad() bool {
	garments := 0
	for k := range p.items {
		it := &p.items[k]
		if it.ent != nil && it.ent.role == roleTop && it.role == roleItem && !it.neg {
			return true
		}
		if p.isGarment(k) && !it.neg && !it.drop {
			garments++
			if garments > 1 && k > 0 && p.joinedByOr(p.items[k-1].e, it.s) {
				return true
			}
		}
	}
	return false
}

// idiomMeaning marks the words of idioms in drop and returns their meanings
// (soft labels) for the search text: "an outfit for a black tie event" is
// searched as "an outfit for a formal", never near a black tie.
func (p *parser) idiomMeaning(drop []bool) string {
	var out []string
	for k := range p.items {
		it := &p.items[k]
		if it.ent == nil || !it.ent.idiom {
			continue
		}
		for t := it.s; t < it.e; t++ {
			drop[t] = true
		}
		out = append(out, it.ent.vals[fSoft]...)
	}
	return strings.Join(out, " ")
}
