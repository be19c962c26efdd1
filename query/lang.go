package query

import (
	"embed"
	"fmt"
	"regexp"
	"strings"
	"sync"
	"unicode"

	"github.com/stylistbot/stylist/lexicon"
)

//go:embed data/lang/*.txt
var langFS embed.FS

// translated are the languages whose fashion vocabulary Parse translates.
var translated = []string{"es", "fr", "de"}

// langDict is one language's phrase table, by first word, longest first.
type langDict struct {
	byFirst map[string][]langEntry
	words   map[string]bool // every word of every phrase
}

type langEntry struct {
	from []string
	to   string
}

// langDicts loads data/lang/*.txt; the files are embedded and tested, so a bad
// line is a programming error named by file and line.
var langDicts = sync.OnceValue(func() map[string]*langDict {
	out := map[string]*langDict{}
	for _, lang := range translated {
		name := "data/lang/" + lang + ".txt"
		b, err := langFS.ReadFile(name)
		if err != nil {
			panic("query: " + err.Error())
		}
		d := &langDict{byFirst: map[string][]langEntry{}, words: map[string]bool{}}
		for n, line := range strings.Split(string(b), "\n") {
			line = strings.TrimSpace(line)
			if line == "" || strings.HasPrefix(line, "#") {
				continue
			}
			from, to, ok := strings.Cut(line, "=")
			if !ok {
				panic(fmt.Sprintf("query: %s line %d: want \"foreign = english\"", name, n+1))
			}
			toks := foreignWords(from)
			if len(toks) == 0 {
				panic(fmt.Sprintf("query: %s line %d: empty phrase", name, n+1))
			}
			for _, t := range toks {
				d.words[t] = true
			}
			d.byFirst[toks[0]] = append(d.byFirst[toks[0]], langEntry{toks, strings.TrimSpace(to)})
		}
		for k, l := range d.byFirst {
			for i := 1; i < len(l); i++ {
				for j := i; j > 0 && len(l[j].from) > len(l[j-1].from); j-- {
					l[j], l[j-1] = l[j-1], l[j]
				}
			}
			d.byFirst[k] = l
		}
		out[lang] = d
	}
	return out
})

// otherWords are function and fashion words of languages not translated.
var otherWords = sync.OnceValue(func() map[string]bool {
	b, err := langFS.ReadFile("data/lang/other.txt")
	if err != nil {
		panic("query: " + err.Error())
	}
	m := map[string]bool{}
	for _, line := range strings.Split(string(b), "\n") {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
			m[strings.ToLower(line)] = true
		}
	}
	return m
})

// elision splits French elisions: "d'été" → "d été", "l'hiver" → "l hiver".
var elision = regexp.MustCompile(`(?i)\b(qu|[cdjlmnst])['’]`)

// foreignWords lower-cases and splits a foreign phrase into words, keeping
// accents ("été") and splitting elisions and hyphens.
func foreignWords(s string) []string {
	s = strings.ToLower(s)
	if strings.ContainsAny(s, "'’") {
		s = elision.ReplaceAllString(s, "$1 ")
	}
	return strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// LangOther is Query.Lang for a request in a language the stylist does not translate.
const LangOther = "other"

// detectLang names the language of a request: "" for English, "es", "fr",
// "de", or LangOther. A language needs two of its words that are not English
// ("camiseta blanca"), or one when its words are most of the request
// ("robe d'été"); words of the catalog's vocabulary ("gilet") count as
// English. Requests in another script are LangOther.
func detectLang(text string, catalogWord func(string) bool) string {
	letters, latin := 0, 0
	for _, r := range text {
		if unicode.IsLetter(r) {
			letters++
			if unicode.Is(unicode.Latin, r) {
				latin++
			}
		}
	}
	if letters > 0 && latin*2 < letters {
		return LangOther
	}
	words := foreignWords(text)
	if len(words) == 0 {
		return ""
	}
	best, bestScore := "", 0
	for _, lang := range translated {
		d := langDicts()[lang]
		in, strong := 0, 0
		for _, w := range words {
			if d.words[w] {
				in++
				if !english(w) && !catalogWord(w) {
					strong++
				}
			}
		}
		if strong >= 2 || strong == 1 && in*2 > len(words) {
			if score := strong*10 + in; score > bestScore {
				best, bestScore = lang, score
			}
		}
	}
	if best != "" {
		return best
	}
	other := 0
	for _, w := range words {
		if otherWords()[w] && !english(w) && !catalogWord(w) {
			other++
		}
	}
	if other >= 2 {
		return LangOther
	}
	return ""
}

// english reports whether w reads as English (a word, slang, a brand or a name).
func english(w string) bool {
	return lexicon.Known(w) || stopwords[w] || len([]rune(w)) == 1
}

// translate rewrites a request in lang into the catalog's English words,
// longest phrase first; words the table does not know are kept when they
// are English, and left out otherwise (a false friend is never searched).
func translate(text, lang string) string {
	d := langDicts()[lang]
	// keep clause punctuation: translate each run of words between marks
	var b strings.Builder
	for _, part := range splitClauses(text) {
		if part.mark != "" {
			b.WriteString(part.mark)
			continue
		}
		words := foreignWords(part.text)
		for i := 0; i < len(words); {
			n, to := 0, ""
			for _, e := range d.byFirst[words[i]] {
				if i+len(e.from) <= len(words) && equalStrings(words[i:i+len(e.from)], e.from) {
					n, to = len(e.from), e.to
					break
				}
			}
			switch {
			case n > 0:
				i += n
			case english(words[i]) || isDigits(words[i]):
				to = words[i]
				i++
			default:
				i++
			}
			if to != "" {
				b.WriteString(" " + to)
			}
		}
	}
	return strings.TrimSpace(b.String())
}

type clause struct{ text, mark string }

// splitClauses cuts text at clause punctuation, keeping the marks.
func splitClauses(text string) []clause {
	var out []clause
	start := 0
	for i, r := range text {
		if strings.ContainsRune(",.;:!?()\n", r) {
			out = append(out, clause{text: text[start:i]}, clause{mark: string(r)})
			start = i + len(string(r))
		}
	}
	return append(out, clause{text: text[start:]})
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// languageNotice is the one line for requests in other languages.
const languageNotice = "I understand requests in English (and fashion words in Spanish, French and German); please ask in English"
