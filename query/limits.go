package query

import (
	_ "embed"
	"fmt"
	"strings"
	"sync"

	"github.com/stylistbot/stylist/lexicon"
)

// Limit is one thing a request asks that the catalog cannot answer: a price
// or budget, a size or measurement, a brand, a well-known person's outfit, or
// a category H&M does not sell.
type Limit struct {
	Kind   string `json:"kind"`   // "price", "size", "brand", "person", "unsold"
	Phrase string `json:"phrase"` // the words of the request ("under 30 euros", "nike", "ski boots")
	Notice string `json:"notice"` // what is not possible, one short clause
	// Nothing is set when nothing in the catalog is close ("ski boots"): the
	// answer has no articles unless the request also names something sold.
	Nothing bool `json:"nothing,omitempty"`
	// Closest are the product types searched instead ("a tuxedo for my dog" → dog wear).
	Closest []string `json:"closest,omitempty"`
}

//go:embed data/limits.txt
var limitsTxt string

// limitRule is one section of data/limits.txt.
type limitRule struct {
	kind, notice string
	closest      []string // product types shown instead; none = nothing close
	none         bool
	phrases      [][]string
}

var limitRules = sync.OnceValue(func() []limitRule {
	var out []limitRule
	var cur *limitRule
	for n, line := range strings.Split(limitsTxt, "\n") {
		line = strings.TrimSpace(line)
		switch {
		case line == "" || strings.HasPrefix(line, "#"):
		case strings.HasPrefix(line, "["):
			head := strings.Trim(line, "[]")
			kind, _, _ := strings.Cut(head, " ")
			out = append(out, limitRule{kind: kind})
			cur = &out[len(out)-1]
		case cur == nil:
			panic(fmt.Sprintf("query: data/limits.txt line %d: text before the first [section]", n+1))
		default:
			key, val, ok := strings.Cut(line, ":")
			if !ok {
				panic(fmt.Sprintf("query: data/limits.txt line %d: want \"key: value\"", n+1))
			}
			val = strings.TrimSpace(val)
			switch strings.TrimSpace(key) {
			case "notice":
				cur.notice = val
			case "closest":
				if val == "none" {
					cur.none = true
					break
				}
				for _, t := range strings.Split(val, ",") {
					cur.closest = append(cur.closest, strings.TrimSpace(t))
				}
			case "phrases":
				for _, p := range strings.Split(val, ",") {
					if t := normPhrase(strings.TrimSpace(p)); len(t) > 0 {
						cur.phrases = append(cur.phrases, t)
					}
				}
			default:
				panic(fmt.Sprintf("query: data/limits.txt line %d: unknown key %q", n+1, key))
			}
		}
	}
	return out
})

// nameRules are the brand and people lists of the lexicon as phrases.
var nameRules = sync.OnceValue(func() [2][][]string {
	var out [2][][]string
	for i, l := range [][]string{lexicon.Brands(), lexicon.People()} {
		for _, p := range l {
			if t := normPhrase(p); len(t) > 0 {
				out[i] = append(out[i], t)
			}
		}
	}
	return out
})

// limitPhrase is one phrase of a limit rule or name list, indexed by first word.
type limitPhrase struct {
	toks []string
	rule *limitRule // nil for names
	kind string     // "brand" or "person" for names
}

// limitIndex holds every limit phrase by its first word.
var limitIndex = sync.OnceValue(func() map[string][]limitPhrase {
	m := map[string][]limitPhrase{}
	rules := limitRules()
	for i := range rules {
		for _, ph := range rules[i].phrases {
			m[ph[0]] = append(m[ph[0]], limitPhrase{toks: ph, rule: &rules[i]})
		}
	}
	names := nameRules()
	for k, kind := range [...]string{"brand", "person"} {
		for _, ph := range names[k] {
			m[ph[0]] = append(m[ph[0]], limitPhrase{toks: ph, kind: kind})
		}
	}
	return m
})

// priceLead are words before a number that make it a price ("under 30").
var priceLead = set("under", "below", "max", "maximum", "upto", "less", "cheaper", "budget", "around", "about")

// findLimits finds what the catalog cannot answer. The tokens of each limit
// are marked in drop (they must not steer the search: "99 euro" is a product
// name); an unsold category's tokens also silence the catalog phrases inside
// it ("ski boots" are no boots, "dog coat" no coat), unless a longer catalog
// phrase covers them ("bike shorts", "phone case").
func (p *parser) findLimits(drop []bool) []Limit {
	var out []Limit
	add := func(l Limit, s, e int) {
		for _, x := range out {
			if x.Kind == l.Kind && x.Notice == l.Notice {
				goto mark
			}
		}
		out = append(out, l)
	mark:
		for i := s; i < e; i++ {
			drop[i] = true
		}
	}
	toks := p.toks
	for i := 0; i < len(toks); i++ {
		// Prices written as numbers: "$30", "30 euros", "under 30".
		if t := toks[i]; t.norm[0] >= '0' && t.norm[0] <= '9' {
			prev := p.prevTok(i)
			if t.unit && !strings.HasSuffix(t.raw, "%") || priceLead[prev] && !countUnit[p.tokAt(i+1)] || prev == "than" && i > 1 && toks[i-2].norm == "less" {
				s := i
				if priceLead[prev] {
					s = i - 1
				}
				add(Limit{Kind: "price", Phrase: phraseOf(toks, s, i+1), Notice: priceNotice()}, s, i+1)
				continue
			}
			if prev == "size" {
				add(Limit{Kind: "size", Phrase: phraseOf(toks, i-1, i+1), Notice: sizeNotice()}, i-1, i+1)
				continue
			}
		}
		cands := limitIndex()[toks[i].norm]
		if toks[i].raw != toks[i].norm {
			cands = append(cands[:len(cands):len(cands)], limitIndex()[toks[i].raw]...)
		}
		for _, lp := range cands {
			ph := lp.toks
			if !tokSpans(toks, i, ph) || p.coveredLonger(i, i+len(ph)) {
				continue
			}
			if r := lp.rule; r != nil {
				l := Limit{Kind: r.kind, Phrase: phraseOf(toks, i, i+len(ph)), Notice: r.notice, Nothing: r.none}
				if r.kind == "unsold" {
					if p.purpose(i, i+len(ph)) {
						continue // "a bag for my laptop": what the item is for, not what is wanted
					}
					p.silence(i, i+len(ph))
				}
				add(l, i, i+len(ph))
				continue
			}
			what := phraseOf(toks, i, i+len(ph))
			n := "the catalog is H&M's own range, with no " + titleCase(what)
			if lp.kind == "person" {
				n = "I can't look up what " + titleCase(what) + " wore"
			}
			add(Limit{Kind: lp.kind, Phrase: what, Notice: n}, i, i+len(ph))
		}
	}
	return out
}

func priceNotice() string { return limitRuleNotice("price") }
func sizeNotice() string  { return limitRuleNotice("size") }

func limitRuleNotice(kind string) string {
	for _, r := range limitRules() {
		if r.kind == kind {
			return r.notice
		}
	}
	return ""
}

// coveredLonger reports whether a catalog phrase at least as long as [s, e)
// overlaps it and sets a product type ("bike shorts" over "bike").
func (p *parser) coveredLonger(s, e int) bool {
	for k := range p.items {
		it := &p.items[k]
		if it.e <= s || it.s >= e || it.ent == nil {
			continue
		}
		if it.e-it.s >= e-s && (len(it.vals[fType]) > 0 || len(it.vals[fGroup]) > 0) {
			return true
		}
	}
	return false
}

// purpose reports whether an unsold thing at [s, e) only says what a
// wanted catalog item is for ("a bag big enough for a laptop", "a case for
// my phone"): it follows "for" and the request names a product type elsewhere.
func (p *parser) purpose(s, e int) bool {
	if p.toks[s].norm == "for" { // "for my dog": the wearer
		return false
	}
	j := s - 1
	if j >= 0 && possessives[p.toks[j].norm] {
		j--
	}
	if j < 0 || (p.toks[j].norm != "for" && p.toks[j].norm != "fit" && p.toks[j].norm != "fits" && p.toks[j].norm != "hold") {
		return false
	}
	for k := range p.items {
		if it := &p.items[k]; (it.e <= s || it.s >= e) && p.isGarment(k) && !it.neg {
			return true
		}
	}
	return false
}

// silence turns the catalog phrases inside [s, e) into no-ops.
func (p *parser) silence(s, e int) {
	for k := range p.items {
		if it := &p.items[k]; it.s >= s && it.e <= e {
			it.role = roleNoop
		}
	}
}

// applyLimits points an unsold category at its closest catalog types ("a
// tuxedo for my dog" → dog wear).
func (v *Vocab) applyLimits(q *Query) {
	for i := range q.Limits {
		l := &q.Limits[i]
		if l.Kind != "unsold" || l.Nothing {
			continue
		}
		for _, r := range limitRules() {
			if r.kind == "unsold" && r.notice == l.Notice {
				if types := v.filter(fType, r.closest); len(types) > 0 {
					l.Closest = types
					q.Types, q.ProductGroups, q.GarmentGroups = types, nil, nil
					q.IndexGroups, q.IndexNames, q.Sections = nil, nil, nil // the few there are, whoever they are for
				}
			}
		}
	}
}

// LimitNotice is the one notice for what the request asked that the catalog
// cannot do, or "": the limits joined, then "showing the closest items" when
// there are items, or "so there is nothing to show".
func (q *Query) LimitNotice(hasItems bool) string {
	if len(q.Limits) == 0 {
		return ""
	}
	var parts []string
	for _, l := range q.Limits {
		if !contains(parts, l.Notice) {
			parts = append(parts, l.Notice)
		}
	}
	s := strings.Join(parts, "; ")
	if hasItems {
		return s + "; showing the closest items"
	}
	return s + ", so there is nothing close to show"
}

// NothingClose reports whether the request is only for something the catalog
// does not have ("ski boots", "a new phone"): no product type or group is left.
func (q *Query) NothingClose() bool {
	if len(q.Types)+len(q.ProductGroups) > 0 {
		return false
	}
	for _, l := range q.Limits {
		if l.Nothing {
			return true
		}
	}
	return false
}

func tokSpans(toks []token, i int, ph []string) bool {
	if i+len(ph) > len(toks) {
		return false
	}
	for j, w := range ph {
		if toks[i+j].norm != w && toks[i+j].raw != w || (j > 0 && toks[i+j].brk != brkNone) {
			return false
		}
	}
	return true
}

func phraseOf(toks []token, s, e int) string {
	parts := make([]string, 0, e-s)
	for _, t := range toks[max(0, s):e] {
		parts = append(parts, t.raw)
	}
	return strings.Join(parts, " ")
}

func titleCase(s string) string {
	f := strings.Fields(s)
	for i, w := range f {
		f[i] = strings.ToUpper(w[:1]) + w[1:]
	}
	return strings.Join(f, " ")
}
