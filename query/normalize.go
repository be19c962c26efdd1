package query

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// brk is the strength of the clause boundary in front of a token.
type brk uint8

const (
	brkNone brk = iota
	brkComma
	brkHard // . ; : ! ? ( ) [ ] " newline
)

// token is one normalised word of the request.
type token struct {
	raw  string // lower-cased surface form ("dresses")
	norm string // singular form used for matching ("dress")
	brk  brk    // boundary between this token and the previous one
	unit bool   // a number with an attached currency sign or percent sign ("$30", "100%")
}

// tokenize lower-cases text, splits it into words (letters and digits are
// split apart: "top5" → "top 5"), drops possessive "'s", joins other
// apostrophes ("don't" → "dont"), turns a free-standing "&" into "and" and
// records clause boundaries from punctuation.
func tokenize(text string) []token {
	text = strings.ToLower(text)
	toks := make([]token, 0, len(text)/5+1)
	var (
		start   = -1 // byte offset of the current word in text
		joined  string
		kind    int // 0 none, 1 letters, 2 digits
		pending brk
		money   bool
	)
	flush := func(end int) {
		if start < 0 {
			return
		}
		raw := text[start:end]
		if joined != "" {
			raw = joined + raw
		}
		t := token{raw: raw, norm: raw, brk: pending}
		if kind == 1 {
			t.norm = singular(raw)
		} else if money {
			t.unit = true
		}
		toks = append(toks, t)
		start, joined, kind, pending, money = -1, "", 0, brkNone, false
	}
	mark := func(at int, b brk) {
		flush(at)
		if len(toks) > 0 && b > pending { // a boundary before the first token means nothing
			pending = b
		}
	}
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		next, nsize := utf8.DecodeRuneInString(text[i+size:])
		switch {
		case unicode.IsLetter(r), unicode.IsDigit(r):
			k := 1
			if unicode.IsDigit(r) {
				k = 2
			}
			if kind != 0 && kind != k {
				flush(i)
			}
			if start < 0 {
				start = i
			}
			kind = k
		case r == '\'' || r == '’' || r == '‘':
			if kind == 1 && unicode.IsLetter(next) {
				after, _ := utf8.DecodeRuneInString(text[i+size+nsize:])
				if next == 's' && !unicode.IsLetter(after) {
					flush(i) // possessive: "men's" → "men"
					size += nsize
				} else { // "don't" → "dont"
					joined += text[start:i]
					start = i + size
				}
				break
			}
			flush(i)
		case r == '&':
			if kind == 1 && i-start == 1 && joined == "" && unicode.IsLetter(next) {
				joined = text[start:i] // "h&m" → "hm"; "black&white" still splits
				start = i + size
				break
			}
			flush(i)
			toks = append(toks, token{raw: "and", norm: "and", brk: pending})
			pending = brkNone
		case r == '$' || r == '€' || r == '£' || r == '¥':
			flush(i)
			money = true
		case r == '%':
			flush(i)
			if len(toks) > 0 {
				toks[len(toks)-1].unit = true
			}
		case r == ',':
			mark(i, brkComma)
		case r == '.' || r == ';' || r == ':' || r == '!' || r == '?' || r == '(' || r == ')' ||
			r == '[' || r == ']' || r == '"' || r == '“' || r == '”' || r == '\n' || r == '…':
			mark(i, brkHard)
		default: // spaces, hyphens, slashes, other symbols: word boundary only
			flush(i)
		}
		i += size
	}
	flush(len(text))
	return toks
}

// keepPlural lists words whose singular means something else, or which are
// only used in the plural ("shorts" vs "short", "flats" vs "flat").
var keepPlural = set(
	"jeans", "shorts", "trousers", "pants", "leggings", "tights", "sunglasses", "glasses",
	"pyjamas", "pajamas", "dungarees", "overalls", "trunks", "briefs", "boxers", "knickers",
	"flats", "clothes", "sweatpants", "plus", "always", "yes", "does", "news", "thanks",
	"series", "species", "lots", "whereas", "perhaps", "sometimes", "various", "christmas",
	"jeggings", "chinos", "bottoms", "bermudas", "suspenders", "braces", "wellies", "sweats", "less",
)

// ieStems are words ending in "ie" whose plural is "-ies" ("hoodies").
var ieStems = set(
	"hoodie", "beanie", "bootie", "onesie", "nightie", "tie", "cookie", "movie", "selfie",
	"hippie", "indie", "pie", "lie", "undie", "sunnie", "bowtie", "necktie", "cardie",
	"newbie", "foodie", "rookie", "scrunchie", "kiltie", "sweetie",
)

// irregular maps irregular plurals to their singular.
var irregular = map[string]string{
	"scarves": "scarf", "wives": "wife", "knives": "knife", "halves": "half", "leaves": "leaf",
	"feet": "foot", "teeth": "tooth", "geese": "goose", "mice": "mouse", "people": "person",
}

// singular turns a simple English plural into its singular; it is only as
// clever as the fashion vocabulary needs: dresses→dress, blouses→blouse,
// accessories→accessory, hoodies→hoodie, watches→watch, jeans→jeans.
func singular(w string) string {
	if len(w) <= 3 || keepPlural[w] {
		return w
	}
	if s, ok := irregular[w]; ok {
		return s
	}
	switch {
	case strings.HasSuffix(w, "ies"):
		if ieStems[w[:len(w)-1]] {
			return w[:len(w)-1]
		}
		return w[:len(w)-3] + "y"
	case strings.HasSuffix(w, "sses"), strings.HasSuffix(w, "shes"), strings.HasSuffix(w, "ches"),
		strings.HasSuffix(w, "xes"), strings.HasSuffix(w, "zzes"):
		return w[:len(w)-2]
	case strings.HasSuffix(w, "ss"), strings.HasSuffix(w, "us"), strings.HasSuffix(w, "is"):
		return w
	case strings.HasSuffix(w, "s"):
		return w[:len(w)-1]
	}
	return w
}

// normPhrase returns the matching key of a phrase as written in a table.
func normPhrase(p string) []string {
	toks := tokenize(p)
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = t.norm
	}
	return out
}

// set builds a membership map.
func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}
