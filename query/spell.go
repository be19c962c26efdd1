package query

import (
	"sort"
	"strings"
	"sync"

	"github.com/stylistbot/stylist/catalog"
	"github.com/stylistbot/stylist/lexicon"
)

// Correction is one word the spelling corrector changed ("jeens" → "jeans").
type Correction struct {
	From string `json:"from"`
	To   string `json:"to"`
}

// speller corrects request words towards the catalog vocabulary.
//
// A word is corrected only when it is none of: a vocabulary word, a stopword,
// an English word or inflection (lexicon.IsWord: "she", "what", "loves",
// "cost"), style slang, a brand or a well-known name (lexicon.Known); and
// only to a vocabulary or detail word with the same first letter, at most
// one edit away (insertion, deletion, substitution, adjacent transposition),
// two for words of seven letters or more. Words of fewer than four letters
// are left alone. Of several candidates the closest wins, then a word that
// is a whole phrase ("hoodei" → "hoodie", not "hooded"), then a garment word
// ("bikiny" → "bikini", not "biking"), then the one whose length is nearest,
// then the alphabetically first: deterministic.
//
// One exception to the protection of English words, decided by the catalog
// itself: a word the word lists know that the catalog's product names use
// for a garment one edit away ("Kim leggins" is a pair of leggings) is that
// garment's variant spelling, and corrected to it (see catalogVariants).
type speller struct {
	words    map[string]bool
	byHead   map[byte][]string // candidates by first letter
	head     map[string]bool   // words that are a whole attribute phrase ("hoodie", not "hooded")
	garment  map[string][]string
	variants func() map[string]string // catalog-attested variant spellings ("leggins" → "leggings"), found on first use
}

// minSpellLen is the shortest word the corrector touches.
const minSpellLen = 4

// newSpeller indexes the words of the attribute phrases of v (garments,
// colours, patterns, departments, occasion words) and of the details a
// request can ask for; function words ("not", "never") are no targets. arts
// are the catalog's articles, whose product names attest variant spellings.
func newSpeller(v *Vocab, arts []catalog.Article) *speller {
	warm()
	s := &speller{words: map[string]bool{}, byHead: map[byte][]string{}, head: map[string]bool{}, garment: map[string][]string{}}
	target := func(t string) {
		if len(t) >= minSpellLen-1 && lower(t) {
			s.byHead[t[0]] = append(s.byHead[t[0]], t)
		}
	}
	for _, l := range v.byFirst {
		for _, e := range l {
			if len(e.toks) == 1 && (e.role == roleItem || e.role == roleTop) && hasAttrs(&e.vals) {
				s.head[e.toks[0]] = true
				if ts := e.vals[fType]; len(ts) > 0 {
					for _, w := range []string{e.toks[0], singular(e.toks[0])} { // "leggings" and "legging"
						s.garment[w] = union(s.garment[w], ts)
					}
				}
			}
			for _, t := range e.toks {
				s.words[t] = true
				if spellTarget(e.role) {
					target(t)
				}
			}
		}
	}
	for _, d := range details() {
		if !d.ask {
			continue
		}
		for _, p := range d.request {
			for _, t := range p {
				s.words[t] = true
				target(t)
			}
		}
	}
	for k, l := range s.byHead {
		sort.Strings(l)
		s.byHead[k] = dedupeSorted(l)
	}
	// Found on first use: one pass over every product name, which a one-shot
	// search that corrects nothing need not pay for at start-up.
	s.variants = sync.OnceValue(func() map[string]string { return s.catalogVariants(arts) })
	return s
}

// mayBeVariant reports whether w passes catalogVariants' word tests, so that
// looking it up (and finding the variants on first use) can matter.
func (s *speller) mayBeVariant(w string) bool {
	return len(w) >= minSpellLen && !s.words[w] && !s.words[singular(w)] && !stopwords[w] && lexicon.Known(w)
}

// catalogVariants finds the English-list words that the catalog's product
// names use as a variant spelling of a garment word one edit away: at least
// minVariantUses articles are named with the word after their style name
// (the first word: "Jagger pant" is no jogger), and at least 80 % of them are
// of the types that hold 5 % or more of the articles named with the
// garment word: "Kim leggins" and "Shaping leggings" are both
// Leggings/Tights or Trousers, while a "Coast jacket" is no coat, so "coast"
// stays protected.
func (s *speller) catalogVariants(arts []catalog.Article) map[string]string {
	const minVariantUses = 3
	named := map[string]map[string]int{} // name word → product type → articles
	for i := range arts {
		a := &arts[i]
		for k, w := range strings.FieldsFunc(strings.ToLower(a.ProdName), func(r rune) bool { return r < 'a' || r > 'z' }) {
			if k == 0 {
				continue // the style name ("Jagger pant", "Sweaty"), not the noun naming the product
			}
			m := named[w]
			if m == nil {
				m = map[string]int{}
				named[w] = m
			}
			m[a.ProductTypeName]++
		}
	}
	out := map[string]string{}
	for w, types := range named {
		if len(w) < minSpellLen || s.words[w] || s.words[singular(w)] || stopwords[w] || !lexicon.Known(w) || total(types) < minVariantUses {
			continue
		}
		c := s.nearest(w, singular(w), 1)
		if c == "" || len(s.garment[c]) == 0 || singular(c) == singular(w) || c == w+"s" {
			continue // no target, or the same word in another number ("trunk", "trunks")
		}
		same := map[string]int{} // the garment word's articles, singular or plural
		for _, f := range dedupeSorted(sortedCopy(c, c+"s", c+"es", singular(c))) {
			for t, n := range named[f] {
				same[t] += n
			}
		}
		if sharedShare(types, same) >= 0.8 {
			out[w] = c
		}
	}
	return out
}

// total sums the counts of m.
func total(m map[string]int) int {
	n := 0
	for _, c := range m {
		n += c
	}
	return n
}

// sharedShare is the share of a's count in the keys that hold at least a
// twentieth of b's: how much of a is of the kinds b is mostly made of.
func sharedShare(a, b map[string]int) float64 {
	ta, tb := total(a), total(b)
	if ta == 0 || tb == 0 {
		return 0
	}
	n := 0
	for k, x := range a {
		if b[k]*20 >= tb {
			n += x
		}
	}
	return float64(n) / float64(ta)
}

func spellTarget(r role) bool {
	switch r {
	case roleItem, roleTop, roleColourMod, roleRelation, roleGeneric:
		return true
	}
	return false
}

// correct rewrites the tokens in place and returns what it changed.
func (s *speller) correct(toks []token) []Correction {
	var out []Correction
	for i := range toks {
		t := &toks[i]
		if to := s.fix(t.raw, t.norm); to != "" {
			out = append(out, Correction{From: t.raw, To: to})
			t.raw, t.norm = to, singular(to)
		}
	}
	return out
}

// fix returns the correction of one word, or "".
func (s *speller) fix(raw, norm string) string {
	for _, w := range []string{raw, norm} {
		if s.mayBeVariant(w) {
			if c, ok := s.variants()[w]; ok {
				return c
			}
		}
	}
	if len(raw) < minSpellLen || !lower(raw) || s.words[raw] || s.words[norm] ||
		stopwords[raw] || stopwords[norm] || lexicon.Known(raw) || lexicon.Known(norm) {
		return ""
	}
	maxD := 1
	if len(raw) >= 7 {
		maxD = 2
	}
	return s.nearest(raw, norm, maxD)
}

// nearest returns the closest target within maxD edits of raw or norm, or "".
func (s *speller) nearest(raw, norm string, maxD int) string {
	best, bestD, bestL := "", maxD+1, 0
	for _, c := range s.byHead[raw[0]] {
		if abs(len(c)-len(raw)) > maxD && abs(len(c)-len(norm)) > maxD {
			continue
		}
		d := min(lexicon.Distance(raw, c), lexicon.Distance(norm, c))
		l := abs(len(c) - len(raw))
		if !s.head[c] {
			l += 10 // a word inside a longer phrase only when no whole phrase is as close
		}
		if len(s.garment[c]) == 0 {
			l += 5 // a garment before an occasion or style word ("bikiny" → "bikini", not "biking")
		}
		if d < bestD || (d == bestD && l < bestL) {
			best, bestD, bestL = c, d, l
		}
	}
	if bestD > maxD {
		return ""
	}
	return best
}

// Corrections returns the spelling corrections Parse would make to text,
// without parsing it; for tests and evaluation.
func (v *Vocab) Corrections(text string) []Correction {
	if v == nil || v.spell == nil {
		return nil
	}
	return v.spell.correct(tokenize(text))
}

// lower reports whether w is only ASCII lower-case letters.
func lower(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] < 'a' || w[i] > 'z' {
			return false
		}
	}
	return w != ""
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

func dedupeSorted(l []string) []string {
	out := l[:0]
	for i, x := range l {
		if i == 0 || x != l[i-1] {
			out = append(out, x)
		}
	}
	return out
}

// searchText is the request as the embedder should read it: the tokens after
// correction and translation, without the dropped ones (ruled-out details: an
// embedder cannot read "not skinny"), when any changed; "" when the text stands.
func searchText(toks []token, changed bool, drop []bool) string {
	if !changed {
		return ""
	}
	parts := make([]string, 0, len(toks))
	for i, t := range toks {
		if !drop[i] {
			parts = append(parts, t.raw)
		}
	}
	return strings.Join(parts, " ")
}

// catalogWord reports whether w is a word of the vocabulary's phrases.
func (v *Vocab) catalogWord(w string) bool { return v.spell != nil && v.spell.words[w] }

// warm loads the embedded word lists and tables once, when the first
// vocabulary is built, so that no request pays for it.
func warm() {
	lexicon.Len()
	lexicon.Known("")
	details()
	detailIndex()
	limitIndex()
	langDicts()
	otherWords()
}

// sortedCopy returns the words sorted.
func sortedCopy(ws ...string) []string {
	sort.Strings(ws)
	return ws
}
