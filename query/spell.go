package query

import (
	"sort"
	"strings"

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
// only to a vocabulary word with the same first letter, at most one edit
// away (insertion, deletion, substitution, adjacent transposition), two for
// words of seven letters or more. Words of fewer than four letters are left
// alone. Of several candidates the closest wins, then a word that is a whole
// phrase ("hoodei" → "hoodie", not "hooded"), then the one whose length is
// nearest, then the alphabetically first: deterministic.
type speller struct {
	words  map[string]bool
	byHead map[byte][]string // candidates by first letter
	head   map[string]bool   // words that are a whole attribute phrase ("hoodie", not "hooded")
}

// minSpellLen is the shortest word the corrector touches.
const minSpellLen = 4

// newSpeller indexes the words of the attribute phrases of v (garments,
// colours, patterns, departments, occasion words); function words ("not",
// "never") are no targets.
func newSpeller(v *Vocab) *speller {
	warm()
	s := &speller{words: map[string]bool{}, byHead: map[byte][]string{}, head: map[string]bool{}}
	for _, l := range v.byFirst {
		for _, e := range l {
			if len(e.toks) == 1 && (e.role == roleItem || e.role == roleTop) && hasAttrs(&e.vals) {
				s.head[e.toks[0]] = true
			}
			for _, t := range e.toks {
				s.words[t] = true
				if !spellTarget(e.role) || len(t) < minSpellLen-1 || !lower(t) {
					continue
				}
				s.byHead[t[0]] = append(s.byHead[t[0]], t)
			}
		}
	}
	for k, l := range s.byHead {
		sort.Strings(l)
		s.byHead[k] = dedupeSorted(l)
	}
	return s
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
	if len(raw) < minSpellLen || !lower(raw) || s.words[raw] || s.words[norm] ||
		stopwords[raw] || stopwords[norm] || lexicon.Known(raw) || lexicon.Known(norm) {
		return ""
	}
	maxD := 1
	if len(raw) >= 7 {
		maxD = 2
	}
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
