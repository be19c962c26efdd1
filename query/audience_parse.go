package query

import "strings"

// mention is one person named in a request.
type mention struct {
	s, e   int // token span of the person word(s)
	cueS   int // first token of the cue ("for my son", "I'm a guy", "8 year old")
	p      person
	role   mentionRole
	age    int  // years, -1 unknown
	height int  // cm (a children's size), 0 unknown
	bare   bool // an age or size with no person word ("for an 8 year old", "size 110")
}

// mentionRole is what a mention is to the request; higher wins.
type mentionRole uint8

const (
	mContext mentionRole = iota // named but not the wearer ("my sister's wedding", "with my boyfriend")
	mWeak                       // a pronoun: a hint at the wearer ("she loves red")
	mSpeaker                    // the speaker ("I'm a guy"): wins for what the speaker wears
	mWearer                     // the recipient or wearer ("for my son", "men's", "my daughter needs"): wins for a gift
	mMe                         // "for me", "for myself": the speaker says they are the wearer
)

// resolveAudience decides who the request is for and writes it into q:
// Query.Audience and, for explicit audiences, the department fields.
//
//   - Adult by default; children only when the request says so: child words
//     (kid, boy, girl, son, daughter, baby, toddler, teen ...), an age ("she
//     is 8", "my 6 year old", "3 months old"), a children's size or height
//     ("size 110", "120 cm"), or, inferred, a place (school, nursery).
//   - Adult phrases stay adult: "girls' night out", "boyfriend jeans", "dad
//     sneakers", "baby shower", "girl boss", "old school".
//   - Roles: the recipient or wearer ("for my son", "buy my wife", "my son
//     needs", "men's") wins over the speaker ("I'm a guy"), who wins over
//     pronouns ("she loves red"); people named as context ("with my
//     boyfriend", "my sister's wedding", "what should I wear to my mum's
//     birthday") decide nothing. "a shirt for my mum's birthday" makes the
//     mum the recipient: a gift event after "for", unless the speaker wears.
//   - An age decides the band and can make a child word adult ("my son is
//     25") or a relation a child ("my little brother"); ages from 18 are adult.
func (p *parser) resolveAudience(q *Query) {
	owner := make([]int, len(p.toks))
	for i := range owner {
		owner[i] = -1
	}
	for k := range p.items {
		for t := p.items[k].s; t < p.items[k].e; t++ {
			owner[t] = k
		}
	}
	ms, negChild := p.mentions(owner)
	ms = p.ages(ms, owner)
	selfWearing := false // "what should I wear", "I'm going to": the speaker wears
	for i, t := range p.toks {
		if selfWear[t.norm] && (selfWho[p.prevTok(i)] || i > 1 && p.toks[i-1].brk == brkNone && selfWho[p.prevTok(i-1)]) {
			selfWearing = true
		}
	}
	for i := range ms {
		p.role(&ms[i], selfWearing)
		// "for my mum and dad": a coordinated person shares the role.
		if i > 0 && ms[i].cueS == ms[i-1].e && (p.toks[ms[i].cueS].norm == "and" || p.toks[ms[i].cueS].norm == "or") {
			ms[i].role = ms[i-1].role
		}
	}
	q.Audience = p.decide(ms, negChild, owner)
	p.applyAudience(q)
}

// mentions finds the person words that are not part of another phrase.
func (p *parser) mentions(owner []int) (ms []mention, negChild bool) {
	for i := 0; i < len(p.toks); {
		var x person
		ok, e := false, i+1
		if k := owner[i]; k >= 0 {
			it := &p.items[k]
			e = it.e
			if it.ent != nil {
				x, ok = personWords[strings.Join(it.ent.toks, " ")]
			}
			if ok && it.neg {
				negChild = negChild || x.who == WhoChildren || x.who == WhoBaby || x.who == WhoTeen
				ok = false
			}
		} else {
			if nx := p.tokAt(i + 1); nx != "" {
				x, ok = personWords[p.toks[i].norm+" "+nx]
				e = i + 2
			}
			if !ok {
				x, ok, e = personWords[p.toks[i].norm], personWords[p.toks[i].norm].who != "", i+1
			}
		}
		if !ok || p.adultPhrase(i, e, x, owner) {
			i = e
			continue
		}
		switch prev, w := p.prevTok(i), p.toks[i].norm; {
		case (prev == "little" || prev == "small" || prev == "kid") && x.rel && !x.pron:
			x.who, x.bands, x.weak, x.rel = WhoChildren, kidBands, true, false
		case (w == "girl" || w == "boy") && p.datedAt(e):
			x.who, x.bands = adultWho(x.gender), nil // "a gift for a girl I'm dating"
		}
		m := mention{s: i, e: e, cueS: i, p: x, age: -1}
		if n := len(ms); n > 0 && ms[n-1].e == i && p.toks[i].brk == brkNone {
			ms[n-1] = mergeAdjacent(ms[n-1], m)
		} else if (x.pron || x.rel) && p.possessiveBefore(e, owner) {
			// "her husband", "his wife": a possessive, not a person
		} else {
			ms = append(ms, m)
		}
		i = e
	}
	return ms, negChild
}

// possessiveBefore reports whether "her"/"his" at e-1 is a possessive
// directly before another person word.
func (p *parser) possessiveBefore(e int, owner []int) bool {
	t := p.toks[e-1].norm
	if t != "her" && t != "his" {
		return false
	}
	nx := p.tokAt(e)
	if nx == "" {
		return false
	}
	if k := owner[e]; k >= 0 && p.items[k].ent != nil {
		_, ok := personWords[strings.Join(p.items[k].ent.toks, " ")]
		return ok
	}
	_, ok := personWords[nx]
	return ok
}

// mergeAdjacent joins "baby girl", "teen girl", "toddler boy", "teenage son".
func mergeAdjacent(a, b mention) mention {
	child := func(w Who) bool { return w == WhoChildren || w == WhoBaby || w == WhoTeen }
	out := a
	out.e = b.e
	switch {
	case child(a.p.who) && len(a.p.bands) > 0 && (!child(b.p.who) || b.p.who == WhoChildren):
		if out.p.gender == "" {
			out.p.gender = b.p.gender
		}
		out.p.rel, out.p.pron = false, false
	default:
		out.p = b.p
		if out.p.gender == "" {
			out.p.gender = a.p.gender
		}
	}
	return out
}

// adultPhrase reports whether the person word at [s, e) belongs to an adult
// phrase: "girl boss", "it girl", "baby shower", "dad sneakers".
func (p *parser) adultPhrase(s, e int, x person, owner []int) bool {
	w := p.toks[s].norm
	next, prev := p.tokAt(e), p.prevTok(s)
	if adultAfter[w][next] || adultBefore[w][prev] {
		return true
	}
	if !stylePeople[w] || possessives[prev] || recipientLead[prev] {
		return false
	}
	return styleNext[next] || (next != "" && owner[e] >= 0 && p.isGarment(owner[e]))
}

// role decides what mention m is to the request.
func (p *parser) role(m *mention, selfWearing bool) {
	j := m.s - 1
	for j >= 0 && p.toks[j+1].brk == brkNone && (personFiller[p.toks[j].norm] || isDigit(p.toks[j].norm)) {
		j--
	}
	lead := ""
	if j >= 0 && p.toks[j+1].brk == brkNone {
		lead = p.toks[j].norm
		m.cueS = min(m.cueS, j)
	}
	next := p.tokAt(m.e)
	article := j+1 < m.s && (p.toks[j+1].norm == "a" || p.toks[j+1].norm == "an")
	switch {
	case m.p.self && recipientLead[lead]:
		m.role = mMe
	case m.p.self:
		m.role = mSpeaker
	case speakerLead[lead] && (lead != "as" || article):
		m.role = mSpeaker
	case lead == "to" && p.givenBefore(j):
		m.role = mWearer // "give a gift to my mum": the recipient
	case contextLead[lead]:
		m.role = mContext
	case eventNouns[next] && !(recipientLead[lead] && giftEvents[next] && !selfWearing):
		m.role = mContext
	case recipientLead[lead]:
		m.role = mWearer
	case m.p.pron:
		m.role = mWeak
	case subjectNext[next] && !selfWearing:
		m.role = mWearer
	case m.p.rel, selfWearing:
		m.role = mContext // "my daughter is getting married, what should I wear"
	default:
		m.role = mWearer
	}
}

// givenBefore reports whether a giving word (giveWords) comes before token j
// in the same sentence.
func (p *parser) givenBefore(j int) bool {
	for i := j - 1; i >= 0; i-- {
		if giveWords[p.toks[i].norm] {
			return true
		}
		if p.toks[i+1].brk == brkHard {
			return false
		}
	}
	return false
}

func isDigit(s string) bool { return s != "" && s[0] >= '0' && s[0] <= '9' }

// datedAt reports whether a romance follows at token e ("a girl I'm dating",
// "a boy I like"): the girl or boy is a young adult, not a child.
func (p *parser) datedAt(e int) bool {
	a, b := p.tokAt(e), p.tokAt(e+1)
	if a == "who" || a == "that" {
		a, b = b, p.tokAt(e+2)
	}
	if a == "i" && b == "am" {
		a, b = "im", p.tokAt(e+2)
	}
	return (a == "i" || a == "im") && datingVerbs[b]
}
