package lsa

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/stylistbot/stylist/lexicon"
)

// minSpellRunes is the shortest query word the speller corrects; shorter words
// have too many neighbours at one edit.
const minSpellRunes = 4

// speller corrects a query word unknown to the vocabulary to the most frequent
// vocabulary word at one edit (insertion, deletion, substitution or transposition
// of adjacent letters): "sweather" → "sweater", "jeens" → "jeans", "jaket" → "jacket".
// Ordinary English words, style slang, brands and names (lexicon.Known) are
// never corrected: "she" is no "shoe", "what" no "hat", "loves" no "gloves";
// only a known plural may become its singular ("flats" → "flat").
// It is a SymSpell-style index of the words with one letter deleted.
type speller struct {
	words   map[string]int32   // word -> feature id
	deletes map[string][]int32 // word with one rune deleted -> feature ids
	keys    []string           // vocabulary keys by feature id
	idf     []float32          // by feature id; lower means more frequent
}

// newSpeller indexes the alphabetic word features of a vocabulary.
func newSpeller(keys []string, idfs []float32) *speller {
	s := &speller{words: map[string]int32{}, deletes: map[string][]int32{}, keys: keys, idf: idfs}
	var buf []byte
	for id, k := range keys {
		if k == "" || k[0] != keyPrefix[kindWord] || !alphabetic(k[1:]) {
			continue
		}
		w := k[1:]
		s.words[w] = int32(id)
		if utf8.RuneCountInString(w) < minSpellRunes {
			continue
		}
		for i, r := range w {
			buf = append(append(buf[:0], w[:i]...), w[i+utf8.RuneLen(r):]...)
			d := string(buf)
			if l := s.deletes[d]; len(l) == 0 || l[len(l)-1] != int32(id) { // "boot" deletes "bot" twice
				s.deletes[d] = append(l, int32(id))
			}
		}
	}
	return s
}

// correct returns the replacement for an unknown word, or nil.
func (s *speller) correct(word []byte) []byte {
	if _, ok := s.words[string(word)]; ok || !alphabetic(string(word)) {
		return nil
	}
	if lexicon.Known(string(word)) {
		return s.plural(word)
	}
	n := utf8.RuneCount(word)
	if n < minSpellRunes-1 {
		return nil
	}
	best := int32(-1)
	consider := func(id int32) {
		if best < 0 || s.idf[id] < s.idf[best] || (s.idf[id] == s.idf[best] && id < best) {
			if lexicon.Distance(string(word), s.key(id)) <= 1 {
				best = id
			}
		}
	}
	// The user deleted a letter: word is a deletion of a vocabulary word.
	for _, id := range s.deletes[string(word)] {
		consider(id)
	}
	if n >= minSpellRunes {
		var buf []byte
		for i, r := range string(word) {
			buf = append(append(buf[:0], word[:i]...), word[i+utf8.RuneLen(r):]...)
			if id, ok := s.words[string(buf)]; ok { // the user inserted a letter
				consider(id)
			}
			for _, id := range s.deletes[string(buf)] { // substitution or transposition
				consider(id)
			}
		}
	}
	if best < 0 {
		return nil
	}
	return []byte(s.key(best))
}

// plural returns the singular of a known plural word whose singular is in the
// vocabulary ("flats" → "flat"), or nil: the only change made to ordinary words.
func (s *speller) plural(word []byte) []byte {
	w := string(word)
	for _, suf := range [...]string{"es", "s"} {
		if stem, ok := strings.CutSuffix(w, suf); ok && utf8.RuneCountInString(stem) >= minSpellRunes-1 {
			if _, known := s.words[stem]; known {
				return []byte(stem)
			}
		}
	}
	return nil
}

// key returns the word of feature id.
func (s *speller) key(id int32) string { return s.keys[id][1:] }

// alphabetic reports whether s is non-empty and only letters.
func alphabetic(s string) bool {
	for _, r := range s {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return s != ""
}
