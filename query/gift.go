package query

import (
	_ "embed"
	"fmt"
	"slices"
	"strings"
	"sync"
	"unicode"

	"github.com/stylistbot/stylist/catalog"
)

//go:embed data/gifts.txt
var giftsTxt string

// giftRules is data/gifts.txt read.
type giftRules struct {
	words, events  [][]string // gift words, gift occasions (phrases of normalised tokens)
	babies         [][]string // events whose gift is for a baby
	leads, things  map[string]bool
	intimateGroups []string
	intimateTypes  []string
	intimateNames  map[string]bool // lower-cased name words
	kinds          []string
	interests      []interest
}

// interest is one [interest NAME] section of data/gifts.txt.
type interest struct {
	name    string
	phrases [][]string
	words   []string
	types   []string
	groups  []string
}

// giftData is the embedded data/gifts.txt, read once; a malformed file is a
// programming error caught by the package's tests.
var giftData = sync.OnceValue(func() *giftRules {
	g, err := parseGifts("data/gifts.txt", giftsTxt)
	if err != nil {
		panic("query: " + err.Error())
	}
	return g
})

// parseGifts reads a gifts file; errors name the file, line and key.
func parseGifts(name, text string) (*giftRules, error) {
	g := &giftRules{leads: map[string]bool{}, things: map[string]bool{}, intimateNames: map[string]bool{}}
	section := ""
	var cur *interest
	list := func(val string) []string {
		var out []string
		for _, v := range strings.Split(val, ",") {
			if v = strings.TrimSpace(v); v != "" {
				out = append(out, v)
			}
		}
		return out
	}
	phrases := func(val string) [][]string {
		var out [][]string
		for _, v := range list(val) {
			if t := normPhrase(v); len(t) > 0 {
				out = append(out, t)
			}
		}
		return out
	}
	for n, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if strings.HasPrefix(line, "[") {
			head := strings.TrimSpace(strings.Trim(line, "[]"))
			kind, arg, _ := strings.Cut(head, " ")
			switch {
			case (kind == "cues" || kind == "intimate" || kind == "kinds") && arg == "":
			case kind == "interest" && strings.TrimSpace(arg) != "":
				g.interests = append(g.interests, interest{name: strings.TrimSpace(arg)})
				cur = &g.interests[len(g.interests)-1]
			default:
				return nil, fmt.Errorf("%s line %d: unknown section %q", name, n+1, line)
			}
			section = kind
			continue
		}
		if section == "" {
			return nil, fmt.Errorf("%s line %d: text before the first [section]", name, n+1)
		}
		key, val, ok := strings.Cut(line, ":")
		if !ok || len(list(val)) == 0 {
			return nil, fmt.Errorf("%s line %d: want \"key: value, value\"", name, n+1)
		}
		key = strings.TrimSpace(key)
		switch section + "." + key {
		case "cues.words":
			g.words = append(g.words, phrases(val)...)
		case "cues.events":
			g.events = append(g.events, phrases(val)...)
		case "cues.leads":
			for _, w := range list(val) {
				g.leads[strings.ToLower(w)] = true
			}
		case "cues.babies":
			g.babies = append(g.babies, phrases(val)...)
		case "cues.things":
			for _, w := range list(val) {
				g.things[strings.ToLower(w)] = true
			}
		case "intimate.groups":
			g.intimateGroups = append(g.intimateGroups, list(val)...)
		case "intimate.types":
			g.intimateTypes = append(g.intimateTypes, list(val)...)
		case "intimate.names":
			for _, w := range list(val) {
				g.intimateNames[strings.ToLower(w)] = true
			}
		case "kinds.types":
			g.kinds = append(g.kinds, list(val)...)
		case "interest.phrases":
			cur.phrases = append(cur.phrases, phrases(val)...)
		case "interest.words":
			cur.words = append(cur.words, list(val)...)
		case "interest.types":
			cur.types = append(cur.types, list(val)...)
		case "interest.groups":
			cur.groups = append(cur.groups, list(val)...)
		default:
			return nil, fmt.Errorf("%s line %d: unknown key %q in [%s]", name, n+1, key, section)
		}
	}
	if len(g.words) == 0 || len(g.kinds) == 0 || len(g.intimateGroups) == 0 {
		return nil, fmt.Errorf("%s: want [cues] words, [kinds] types and [intimate] groups", name)
	}
	for _, in := range g.interests {
		if len(in.phrases) == 0 || len(in.types)+len(in.words) == 0 {
			return nil, fmt.Errorf("%s: [interest %s] wants phrases and words or types", name, in.name)
		}
	}
	return g, nil
}

// HasPhrase reports whether one of phrases occurs in words as whole words
// (each phrase a sequence of words).
func HasPhrase(words []string, phrases [][]string) bool { return findPhrase(words, phrases) != nil }

// findPhrase returns the first of phrases found in norms as whole words.
func findPhrase(norms []string, phrases [][]string) []string {
	for i := range norms {
		for _, p := range phrases {
			if i+len(p) <= len(norms) && slices.Equal(norms[i:i+len(p)], p) {
				return p
			}
		}
	}
	return nil
}

// giftCue reports whether the request asks for a gift: a gift word ("gift",
// "present", "secret santa"), a gift occasion with a relation who is not the
// speaker wearing it ("something for my dad for christmas", but not "what
// should I wear to my mum's birthday"), a buying verb before a person
// ("what can I get my brother") or a vague thing for a relation
// ("something nice for my boss").
func giftCue(toks []token) bool {
	g := giftData()
	norms := make([]string, len(toks))
	for i, t := range toks {
		norms[i] = t.norm
	}
	if HasPhrase(norms, g.words) {
		return true
	}
	relation, speaker, wears := false, false, false
	for _, n := range norms {
		if p, ok := personWords[n]; ok && p.rel && !p.pron {
			relation = true
		}
		speaker = speaker || selfWho[n]
		wears = wears || selfWear[n]
	}
	if relation && !(speaker && wears) && HasPhrase(norms, g.events) {
		return true
	}
	for i, n := range norms {
		lead := g.leads[n]
		if g.things[n] && i+1 < len(norms) && norms[i+1] == "for" { // "something for my boss"
			lead, i = true, i+1
		} else if g.things[n] && i+2 < len(norms) && norms[i+2] == "for" { // "something nice for"
			lead, i = true, i+2
		}
		if !lead {
			continue
		}
		j := i + 1
		for j < len(norms) && personFiller[norms[j]] {
			j++
		}
		if j > i+1 && j < len(norms) { // "get my brother", "buy a friend": a person after a filler
			if p, ok := personWords[norms[j]]; ok && p.rel && !p.pron || ok && !p.self && !p.pron && g.leads[n] {
				return true
			}
		}
	}
	return false
}

// giftInterests names the recipient's interests the request mentions
// ("who loves football" → football), in data file order.
func giftInterests(toks []token) []string {
	norms := make([]string, len(toks))
	for i, t := range toks {
		norms[i] = t.norm
	}
	var out []string
	for _, in := range giftData().interests {
		if HasPhrase(norms, in.phrases) {
			out = append(out, in.name)
		}
	}
	return out
}

// readGift sets q.Gift and q.Interests for a gift request that names no
// item: no type, group or garment group, one item, and something the catalog
// can answer. A gift for a baby shower or a christening with nobody else
// named is for a baby.
func (p *parser) readGift(q *Query) {
	if len(q.Types)+len(q.ProductGroups)+len(q.GarmentGroups) > 0 || len(q.Parts) > 1 || q.NothingClose() {
		return
	}
	if !giftCue(p.toks) && !contains(q.Soft, "gift") {
		return
	}
	q.Gift = true
	q.Interests = giftInterests(p.toks)
	norms := make([]string, len(p.toks))
	for i, t := range p.toks {
		norms[i] = t.norm
	}
	if ev := findPhrase(norms, giftData().babies); ev != nil && q.Audience.Evidence == EvidenceDefault {
		q.Audience = Audience{Who: WhoBaby, Bands: babyBands, Evidence: EvidenceInferred, Cue: strings.Join(ev, " ") + " gift"}
		p.applyAudience(q)
	}
}

// GiftKinds are the product types offered as ideas for a gift request
// (Query.Gift): the kinds of data/gifts.txt and the kinds of each named
// interest, interest kinds first.
func GiftKinds(q Query) []string {
	var out []string
	for _, in := range giftData().interests {
		if contains(q.Interests, in.name) {
			out = union(out, in.types)
		}
	}
	return union(out, giftData().kinds)
}

// GiftWords are the words of the named interests ranked higher in names and
// descriptions ("football" → football, soccer, sport).
func GiftWords(q Query) []string {
	var out []string
	for _, in := range giftData().interests {
		if contains(q.Interests, in.name) {
			out = union(out, in.words)
		}
	}
	return out
}

// GiftGroups are the index groups of the named interests searched besides
// the recipient's department ("Sport" for football).
func GiftGroups(q Query) []string {
	var out []string
	for _, in := range giftData().interests {
		if contains(q.Interests, in.name) {
			out = union(out, in.groups)
		}
	}
	return out
}

// Intimate reports whether a is of a kind never offered as a gift idea
// unless named (underwear, nightwear, socks and tights, swimwear), by its
// group, its type or a word of its name or department ("PE MY SEAMLESS
// BRA" typed Top, a vest top pack from "Men Underwear").
func Intimate(a *catalog.Article) bool {
	g := giftData()
	if contains(g.intimateGroups, a.ProductGroupName) || contains(g.intimateTypes, a.ProductTypeName) {
		return true
	}
	for _, w := range strings.FieldsFunc(strings.ToLower(a.ProdName+" "+a.DepartmentName), func(r rune) bool { return !unicode.IsLetter(r) }) {
		if g.intimateNames[w] {
			return true
		}
	}
	return false
}

// IntimateGroups and IntimateTypes are the product groups and types of
// data/gifts.txt [intimate].
func IntimateGroups() []string { return append([]string(nil), giftData().intimateGroups...) }

// IntimateTypes: see IntimateGroups.
func IntimateTypes() []string { return append([]string(nil), giftData().intimateTypes...) }
