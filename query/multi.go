package query

import "strings"

// splitWords join the items of a multi-item request: "a white shirt and blue
// jeans", "a dress, shoes and a bag", "a top plus a skirt".
var splitWords = set("and", "plus", "also")

// parts splits a request naming several items into one request per item
// ("a white shirt and blue jeans for men" → "a white shirt", "blue jeans for
// men"), each with its own colour, type and details. A split needs a wanted
// product type on both sides of "and"/"plus"/a comma, so "black and white
// dress", "dress or skirt" and "no dresses and no skirts" stay one request.
// Who the items are for, the section, exclusions and occasion words are
// shared. It returns nil for single-item requests.
func (p *parser) parts() []Query {
	var cuts []int // token index where a new part starts (the joining word is dropped)
	last := -1     // token end of the last wanted garment item in the current part
	for k := range p.items {
		it := &p.items[k]
		if !p.isGarment(k) || it.neg || it.drop {
			continue
		}
		if last >= 0 {
			// a joining word or comma between the previous garment and this one
			// starts a new part at the token after it
			cut := -1
			for t := last; t < it.s; t++ {
				if splitWords[p.toks[t].norm] {
					cut = t
				} else if p.toks[t].brk == brkComma && t > last-1 {
					cut = t
				}
			}
			if cut >= 0 && !p.joinedByOr(last, it.s) && !p.relates(last, cut) && !p.colourList(cut) {
				cuts = append(cuts, cut)
			}
		}
		last = it.e
	}
	if len(cuts) == 0 {
		return nil
	}
	var texts []string
	start := 0
	for _, c := range append(cuts, len(p.toks)) {
		var words []string
		for t := start; t < c; t++ {
			words = append(words, p.toks[t].raw)
		}
		if splitWords[p.tokAtAny(c)] {
			c++ // drop the joining word
		}
		texts = append(texts, strings.Join(words, " "))
		start = c
	}
	out := make([]Query, 0, len(texts))
	for _, t := range texts {
		out = append(out, p.v.parseOne(t))
	}
	shareContext(out)
	return out
}

// relateWords tie the next item to the previous one: "a top to go with
// black and white trousers" is one item (a top), not two.
var relateWords = set("with", "go", "goes", "match", "matches", "pair", "under", "over", "wear", "worn", "like")

// relates reports whether a relating word stands between an item and the cut.
func (p *parser) relates(from, cut int) bool {
	for t := from; t < cut; t++ {
		if relateWords[p.toks[t].norm] {
			return true
		}
	}
	return false
}

// colourList reports whether the joining word at cut sits inside a list of
// colours ("black and white trousers").
func (p *parser) colourList(cut int) bool {
	isColour := func(t int) bool {
		for k := range p.items {
			if it := &p.items[k]; it.s <= t && t < it.e {
				return p.isColour(k) || it.role == roleColourMod
			}
		}
		return false
	}
	return cut > 0 && cut+1 < len(p.toks) && isColour(cut-1) && isColour(cut+1)
}

// joinedByOr reports whether "or" stands between two items: alternatives, not a second item.
func (p *parser) joinedByOr(from, to int) bool {
	for t := from; t < to; t++ {
		if p.toks[t].norm == "or" {
			return true
		}
	}
	return false
}

// tokAtAny is the normalised token at i, or "".
func (p *parser) tokAtAny(i int) string {
	if i < 0 || i >= len(p.toks) {
		return ""
	}
	return p.toks[i].norm
}

// shareContext gives every part the audience, section, exclusions and
// occasion words that another part states ("... for men" applies to all).
func shareContext(parts []Query) {
	var groups, names, sections, soft []string
	var not Exclusions
	for _, q := range parts {
		groups, names, sections = union(groups, q.IndexGroups), union(names, q.IndexNames), union(sections, q.Sections)
		soft = union(soft, q.Soft)
		not.Colours, not.ColourMasters = union(not.Colours, q.Not.Colours), union(not.ColourMasters, q.Not.ColourMasters)
		not.Appearances = union(not.Appearances, q.Not.Appearances)
		not.IndexGroups = union(not.IndexGroups, q.Not.IndexGroups)
	}
	for i := range parts {
		q := &parts[i]
		if len(q.IndexGroups)+len(q.IndexNames) == 0 {
			q.IndexGroups, q.IndexNames = groups, names
		}
		if len(q.Sections) == 0 {
			q.Sections = sections
		}
		q.Soft = union(q.Soft, soft)
		q.Not.Appearances = union(q.Not.Appearances, not.Appearances)
		q.Not.IndexGroups = union(q.Not.IndexGroups, not.IndexGroups)
		if len(q.Colours)+len(q.ColourMasters) == 0 {
			q.Not.Colours, q.Not.ColourMasters = union(q.Not.Colours, not.Colours), union(q.Not.ColourMasters, not.ColourMasters)
		}
	}
}
