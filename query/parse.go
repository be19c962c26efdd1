package query

import (
	"strconv"
	"strings"
)

// item is one matched phrase (or number) of a request being parsed.
type item struct {
	s, e int    // token span [s, e)
	ent  *entry // nil for digit numbers
	role role
	num  int
	vals *[nFields][]string // effect, shared with the vocab entry: call own before changing it
	neg  bool               // inside a negation scope
	drop bool               // head noun of a negated modifier ("no red dresses"): neither wanted nor excluded
}

// noVals is the effect of items that have none (digit numbers).
var noVals [nFields][]string

// own gives the item a private copy of its effect and returns it.
func (it *item) own() *[nFields][]string {
	c := *it.vals
	it.vals = &c
	return it.vals
}

// parser holds the state of one Parse call.
type parser struct {
	v     *Vocab
	toks  []token
	items []item
	count int
}

// Parse reads a request. It never fails: unknown words end up in Terms and
// an empty text gives an empty Query (with Text set). A request naming
// several items also gets one Query per item in Parts.
func (v *Vocab) Parse(text string) Query { return v.parse(text, true) }

// parseOne parses one item of a multi-item request.
func (v *Vocab) parseOne(text string) Query { return v.parse(text, false) }

func (v *Vocab) parse(text string, split bool) Query {
	q := Query{Text: text, Audience: Audience{Who: WhoAdult, Evidence: EvidenceDefault}}
	if v == nil {
		return q
	}
	work, translated := text, false
	switch q.Lang = detectLang(text, v.catalogWord); q.Lang {
	case "":
	case LangOther: // keep only the English words; say the stylist reads English
		q.Limits = append(q.Limits, Limit{Kind: "language", Phrase: text, Notice: languageNotice, Nothing: true})
		var keep []string
		for _, w := range foreignWords(text) {
			if english(w) && !otherWords()[w] {
				keep = append(keep, w)
			}
		}
		work, translated = strings.Join(keep, " "), true
	default:
		work, translated = translate(text, q.Lang), true
	}
	p := parser{v: v, toks: tokenize(work)}
	if len(p.toks) == 0 {
		return q
	}
	if v.spell != nil && q.Lang == "" {
		q.Corrections = v.spell.correct(p.toks)
	}
	used := p.match()
	p.resolveCounts()
	p.resolveColourMods()
	p.resolveRelations()
	p.resolveCompounds()
	p.resolveSport()
	p.resolveNegation()
	drop := make([]bool, len(p.toks))
	q.Limits = append(q.Limits, p.findLimits(drop)...)
	p.assemble(&q)
	p.resolveAudience(&q)
	v.applyLimits(&q)
	q.Terms = p.terms(used)
	if q.NotDetails = negatedDetails(p.toks, drop); len(q.NotDetails) > 0 || len(q.Limits) > 0 {
		var gone []string
		for i, d := range drop {
			if d {
				gone = append(gone, p.toks[i].norm)
			}
		}
		q.Terms = minus(q.Terms, gone)
	}
	q.Details = askedDetails(p.toks, drop, q.NotDetails)
	q.Qualifiers = p.qualifiers(q.Terms, drop)
	idioms := p.idiomMeaning(drop)
	q.Broad = p.broad() && len(q.Types) > 1
	q.Search = searchText(p.toks, translated || idioms != "" || len(q.Corrections) > 0 || len(q.NotDetails) > 0 || len(q.Limits) > 0, drop)
	if idioms != "" {
		q.Search = strings.TrimSpace(q.Search + " " + idioms)
	}
	if split {
		q.Parts = p.parts()
		shareAudience(q.Parts, q.Audience)
	}
	p.readGift(&q)
	return q
}

// match finds phrases left to right, longest first, each token once. A
// phrase never spans punctuation.
func (p *parser) match() []bool {
	n := len(p.toks)
	used := make([]bool, n)
	p.items = make([]item, 0, n)
	for i := 0; i < n; {
		t := p.toks[i]
		if t.norm[0] >= '0' && t.norm[0] <= '9' {
			num, err := strconv.Atoi(t.norm)
			if err != nil || num > 1000000 {
				num = 1000000
			}
			p.items = append(p.items, item{s: i, e: i + 1, role: roleNum, num: num, vals: &noVals})
			used[i] = true
			i++
			continue
		}
		var best *entry
		for _, e := range p.v.byFirst[t.norm] {
			if p.spans(i, e.toks) {
				best = e
				break
			}
		}
		if best == nil {
			i++
			continue
		}
		l := len(best.toks)
		p.items = append(p.items, item{s: i, e: i + l, ent: best, role: best.role, num: best.num, vals: &best.vals})
		for j := i; j < i+l; j++ {
			used[j] = true
		}
		i += l
	}
	return used
}

// spans reports whether the phrase toks starts at token i without crossing punctuation.
func (p *parser) spans(i int, toks []string) bool {
	if i+len(toks) > len(p.toks) {
		return false
	}
	for j := 1; j < len(toks); j++ {
		if t := p.toks[i+j]; t.brk != brkNone || t.norm != toks[j] {
			return false
		}
	}
	return true
}

// adjacent reports whether item k+1 directly follows item k in the same clause.
func (p *parser) adjacent(k int) bool {
	return k+1 < len(p.items) && p.items[k].e == p.items[k+1].s && p.toks[p.items[k+1].s].brk == brkNone
}

// prevTok is the token before index i in the same clause, or "".
func (p *parser) prevTok(i int) string {
	if i <= 0 || i > len(p.toks) || (i < len(p.toks) && p.toks[i].brk != brkNone) {
		return ""
	}
	return p.toks[i-1].norm
}

// tokAt is the token at index i when it continues the clause, or "".
func (p *parser) tokAt(i int) string {
	if i >= len(p.toks) || p.toks[i].brk != brkNone {
		return ""
	}
	return p.toks[i].norm
}

// maxBreak is the strongest boundary in front of tokens from..to (inclusive).
func (p *parser) maxBreak(from, to int) brk {
	b := brkNone
	for t := from; t <= to && t < len(p.toks); t++ {
		if t > 0 && p.toks[t].brk > b {
			b = p.toks[t].brk
		}
	}
	return b
}

// overlaps reports whether a and b share a value.
func overlaps(a, b []string) bool {
	for _, x := range a {
		if contains(b, x) {
			return true
		}
	}
	return false
}

// assemble turns the resolved items into the Query fields.
func (p *parser) assemble(q *Query) {
	for i := range p.items {
		it := &p.items[i]
		if it.role != roleItem || it.drop {
			continue
		}
		if it.neg {
			negate(&q.Not, it.vals)
			continue
		}
		for f := field(0); f < nFields; f++ {
			if dst := q.field(f); dst != nil {
				*dst = union(*dst, it.vals[f])
			}
		}
	}
	// A precise index name refines its own group: "teen girl" is Divided or
	// Children Sizes 134-170, not every Baby/Children article.
	for _, name := range q.IndexNames {
		q.IndexGroups = minus(q.IndexGroups, []string{p.v.parent[name]})
	}
	n := &q.Not
	q.Types = minus(q.Types, n.Types)
	q.ProductGroups = minus(q.ProductGroups, n.ProductGroups)
	q.Colours = minus(q.Colours, n.Colours)
	q.ColourMasters = minus(q.ColourMasters, n.ColourMasters)
	q.ColourValues = minus(q.ColourValues, n.ColourValues)
	q.IndexGroups = minus(q.IndexGroups, n.IndexGroups)
	q.Appearances = minus(q.Appearances, n.Appearances)
	q.GarmentGroups = minus(q.GarmentGroups, n.GarmentGroups)
	q.Count = p.count
}

// negate records a negated item. An exact colour group is excluded on its
// own ("not dark blue" keeps other blues); soft words and precise
// departments are not tracked as exclusions.
func negate(n *Exclusions, v *[nFields][]string) {
	n.Types = union(n.Types, v[fType])
	n.ProductGroups = union(n.ProductGroups, v[fGroup])
	if len(v[fColour]) > 0 {
		n.Colours = union(n.Colours, v[fColour])
	} else {
		n.ColourMasters = union(n.ColourMasters, v[fMaster])
		n.ColourValues = union(n.ColourValues, v[fValue])
	}
	n.IndexGroups = union(n.IndexGroups, v[fIndexGroup])
	n.Appearances = union(n.Appearances, v[fAppearance])
	n.GarmentGroups = union(n.GarmentGroups, v[fGarment])
}

// field returns the Query slice of f.
func (q *Query) field(f field) *[]string {
	switch f {
	case fType:
		return &q.Types
	case fGroup:
		return &q.ProductGroups
	case fColour:
		return &q.Colours
	case fMaster:
		return &q.ColourMasters
	case fValue:
		return &q.ColourValues
	case fIndexGroup:
		return &q.IndexGroups
	case fIndexName:
		return &q.IndexNames
	case fSection:
		return &q.Sections
	case fAppearance:
		return &q.Appearances
	case fGarment:
		return &q.GarmentGroups
	case fSoft:
		return &q.Soft
	}
	return nil
}

// minus returns a without the values in b (nil when empty).
func minus(a, b []string) []string {
	if len(b) == 0 {
		return a
	}
	var out []string
	for _, x := range a {
		if !contains(b, x) {
			out = append(out, x)
		}
	}
	return out
}
