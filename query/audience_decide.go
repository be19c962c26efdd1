package query

import "strings"

// ages finds ages, children's sizes and heights and attaches them to the
// mention they describe: the person just before ("my son is 8", "she's 8",
// "I'm 35") or just after ("an 8 year old girl"); an age nobody owns ("for
// an 8 year old", "size 110") becomes a mention of its own.
func (p *parser) ages(ms []mention, owner []int) []mention {
	for i := range p.toks {
		n, ok := p.numberAt(i, owner)
		if !ok {
			continue
		}
		next, next2, prev := p.tokAt(i+1), p.tokAt(i+2), p.prevTok(i)
		age, height, end := -1, 0, i+1
		switch {
		case next == "year" || next == "yr" || next == "yo" || (next == "y" && next2 == "o"):
			if next2 != "old" && (notBaby[prev] || prev == "for" || notBaby[next2]) {
				continue // "a coat that lasts for 5 years", "in 2 years", "5 years ago"
			}
			age, end = n, i+2
		case next == "month" || next == "mo" || next == "week" || next == "day":
			if notBaby[next2] || notBaby[p.tokAt(i+3)] || notBaby[prev] || prev == "im" || prev == "am" {
				continue // "8 months pregnant", "I'm 6 months postpartum", "in 3 months"
			}
			age, end = 0, i+2
		case next == "cm" && n >= 45 && n <= 176:
			height, end = n, i+2
		case prev == "size" && childSizes[p.toks[i].norm]:
			height = n
		case prev == "aged" || prev == "age":
			age = n
		case ageUnit[next] || isDigit(next) || n >= 100:
			continue
		case prev == "im" || prev == "am":
			age = n // "I'm 35": the speaker
		case bareAgeLead[prev] || p.pronounEndsAt(ms, i):
			if k := p.ageOwner(ms, i, prev); k >= 0 {
				ms[k].age = n
				ms[k].e = max(ms[k].e, i+1)
			}
			continue
		default:
			continue
		}
		if (next == "year" || next == "month" || next == "week") && p.tokAt(end) == "old" {
			end++
		}
		k := -1
		for j := range ms {
			if ms[j].s >= end && ms[j].s-end <= 2 && p.maxBreak(end, ms[j].s) == brkNone {
				k = j
				break
			}
		}
		if k < 0 && (prev == "is" || prev == "im" || prev == "am" || prev == "turn" || prev == "turning" || prev == "turned") {
			k = p.ageOwner(ms, i, prev)
		}
		if k < 0 {
			ms = append(ms, mention{s: i, e: end, cueS: i, p: person{who: WhoAdult}, age: -1, bare: true})
			k = len(ms) - 1
		}
		if age >= 0 {
			ms[k].age = age
		}
		if height > 0 {
			ms[k].height = height
		}
		ms[k].cueS = min(ms[k].cueS, i)
		ms[k].e = max(ms[k].e, end)
	}
	return ms
}

// bareAgeLead are the words before a bare number that make it an age ("my son is 8").
var bareAgeLead = set("is", "turn", "turning", "turned", "just")

// pronounEndsAt reports whether a pronoun mention ends at token i ("she's 8").
func (p *parser) pronounEndsAt(ms []mention, i int) bool {
	for _, m := range ms {
		if m.e == i && m.p.pron {
			return true
		}
	}
	return false
}

// ageOwner finds the mention a bare age after "is"/"turns"/"'s" belongs to
// ("my son is 8", "she's 8", "I'm 35"); -1 when none. "I'm" makes a speaker.
func (p *parser) ageOwner(ms []mention, i int, prev string) int {
	at := i
	switch prev {
	case "is", "turn", "turning", "turned", "just":
		at = i - 1
		if at > 0 && p.toks[at-1].norm == "who" { // "my sister who is 12"
			at--
		}
	case "im", "am":
		return -1
	}
	for k := range ms {
		if ms[k].e == at {
			return k
		}
	}
	return -1
}

// numberAt reads a number at token i (digits or "eight").
func (p *parser) numberAt(i int, owner []int) (int, bool) {
	if k := owner[i]; k >= 0 {
		it := &p.items[k]
		if it.s == i && it.e == i+1 && (it.ent == nil || it.ent.role == roleNum) {
			return it.num, true
		}
	}
	return 0, false
}

// aged applies m's age or height to its person.
func (m *mention) aged() (person, bool) {
	x := m.p
	switch {
	case m.height > 0:
		x.bands = bandsForHeight(m.height)
		x.who = WhoChildren
		if len(x.bands) == 1 && x.bands[0] == BandBaby {
			x.who = WhoBaby
		}
	case m.age >= 0:
		x.who, x.bands = bandsForAge(m.age)
		if x.who == WhoAdult {
			x.who = adultWho(x.gender)
		}
	default:
		return x, false
	}
	x.weak = false
	return x, true
}

func adultWho(g Gender) Who {
	switch g {
	case Female:
		return WhoWomen
	case Male:
		return WhoMen
	}
	return WhoAdult
}

// decide picks the audience from the mentions: the strongest role wins, the
// first of equals, and wearers of one kind combine ("my son and daughter").
func (p *parser) decide(ms []mention, negChild bool, owner []int) Audience {
	best := -1
	for i := range ms {
		if ms[i].role == mContext || (ms[i].p.self && ms[i].role == mSpeaker && ms[i].age < 0 && ms[i].height == 0) {
			continue // "me" alone says nothing
		}
		if best < 0 || ms[i].role > ms[best].role {
			best = i
		}
	}
	if best < 0 {
		if a, ok := p.childPlace(owner); ok && len(ms) == 0 {
			return a // a parent's "my daughter's school play" is no child's request
		}
		if a, ok := p.company(ms); ok {
			return a
		}
		if negChild {
			return Audience{Who: WhoAdult, Evidence: EvidenceExplicit, Cue: "not for children"}
		}
		return Audience{Who: WhoAdult, Evidence: EvidenceDefault}
	}
	m := ms[best]
	if m.p.self { // "for me": who the speaker said they are ("for me, I'm a guy")
		for _, o := range ms {
			if o.role == mSpeaker && !o.p.self {
				m.p, m.age, m.height = o.p, max(m.age, o.age), max(m.height, o.height)
				break
			}
		}
	}
	// A pronoun's or a bare age describes the wearer when it has none ("for
	// my daughter, she is 8", "pyjamas for kids aged 5").
	if m.age < 0 && m.height == 0 {
		for _, o := range ms {
			if (o.p.pron || o.bare) && (o.age >= 0 || o.height > 0) && (o.p.gender == m.p.gender || o.p.gender == "" || m.p.gender == "") {
				m.age, m.height = o.age, o.height
			}
		}
	}
	x, hasAge := m.aged()
	ev := EvidenceExplicit
	if !hasAge && (x.weak || m.role == mWeak) {
		ev = EvidenceInferred
	}
	if m.role == mSpeaker && !hasAge && x.who == WhoChildren && x.gender != "" {
		x.who, x.bands, ev = adultWho(x.gender), nil, EvidenceInferred // "I'm a girl": a woman
	}
	a := Audience{Who: x.who, Gender: x.gender, Bands: x.bands, Evidence: ev, Cue: p.span(m.cueS, m.e)}
	for i := range ms {
		if i == best || ms[i].role != m.role || ms[i].bare || ms[i].p.self {
			continue
		}
		y, _ := ms[i].aged()
		a = combine(a, y)
	}
	if a.Who == WhoWomen || a.Who == WhoMen {
		a.Gender = map[Who]Gender{WhoWomen: Female, WhoMen: Male}[a.Who]
	}
	return a
}

// combine joins a second wearer of the same role into a.
func combine(a Audience, y person) Audience {
	child := a.Child()
	ychild := y.who == WhoChildren || y.who == WhoBaby || y.who == WhoTeen
	switch {
	case child != ychild:
		return a // one audience per request: the first named wins
	case child:
		a.Bands = union(a.Bands, y.bands)
		if y.who != a.Who {
			a.Who = WhoChildren
		}
	case y.who != a.Who:
		a.Who = WhoAdult
	}
	if y.gender != a.Gender {
		a.Gender = ""
	}
	return a
}

// childPlace infers a child from a place when nobody is named: "for
// school", "nursery", "kindergarten"; "old school", "the school run" are adult.
func (p *parser) childPlace(owner []int) (Audience, bool) {
	for i, t := range p.toks {
		bands, ok := childPlaces[t.norm]
		if t.norm == "school" || t.norm == "schoolwear" {
			bands, ok = kidBands, !schoolAdult[p.prevTok(i)] && !schoolAdult[p.tokAt(i+1)]
		}
		if ok {
			return Audience{Who: WhoChildren, Bands: bands, Evidence: EvidenceInferred, Cue: t.raw}, true
		}
	}
	return Audience{}, false
}

// span is the request's words from token s to e (exclusive).
func (p *parser) span(s, e int) string {
	var b strings.Builder
	for i := s; i < e && i < len(p.toks); i++ {
		if i > s {
			b.WriteByte(' ')
		}
		b.WriteString(p.toks[i].raw)
	}
	return b.String()
}

// applyAudience makes the department fields express q.Audience: the values
// person words set are replaced by the audience's own (explicit audiences
// only), other departments ("sportswear", "divided") stay.
func (p *parser) applyAudience(q *Query) {
	var pg, pn, og, on []string
	for i := range p.items {
		it := &p.items[i]
		if it.role != roleItem || it.drop || it.neg {
			continue
		}
		if it.ent != nil {
			if _, ok := personWords[strings.Join(it.ent.toks, " ")]; ok {
				pg, pn = union(pg, it.vals[fIndexGroup]), union(pn, it.vals[fIndexName])
				continue
			}
		}
		og, on = union(og, it.vals[fIndexGroup]), union(on, it.vals[fIndexName])
	}
	groups, names := q.Audience.departments()
	q.IndexGroups = union(minus(q.IndexGroups, minus(pg, og)), p.v.filter(fIndexGroup, groups))
	q.IndexNames = union(minus(q.IndexNames, minus(pn, on)), p.v.filter(fIndexName, names))
	for _, name := range q.IndexNames {
		q.IndexGroups = minus(q.IndexGroups, []string{p.v.parent[name]})
	}
	q.IndexGroups = minus(q.IndexGroups, q.Not.IndexGroups)
	if len(q.IndexGroups) == 0 {
		q.IndexGroups = nil
	}
	if len(q.IndexNames) == 0 {
		q.IndexNames = nil
	}
}

// company infers the speaker from the company they keep when nothing else
// decides: "a night out with the boys" (a man), "with the girls" (a woman).
func (p *parser) company(ms []mention) (Audience, bool) {
	for _, m := range ms {
		if m.role != mContext || m.s == 0 || p.toks[m.s-1].norm != "the" || m.cueS >= m.s || p.toks[m.cueS].norm != "with" {
			continue
		}
		switch p.toks[m.s].norm {
		case "boy", "guy", "lad":
			return Audience{Who: WhoMen, Gender: Male, Evidence: EvidenceInferred, Cue: p.span(m.cueS, m.e)}, true
		case "girl", "lady":
			return Audience{Who: WhoWomen, Gender: Female, Evidence: EvidenceInferred, Cue: p.span(m.cueS, m.e)}, true
		}
	}
	return Audience{}, false
}
