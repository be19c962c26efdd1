package lexicon

import (
	_ "embed"
	"strings"
	"sync"
)

// Curated lists (one entry a line, '#' comments): words people use about
// clothes that the word lists lack, fashion brands and well-known people.
var (
	//go:embed slang.txt
	slangTxt string
	//go:embed brands.txt
	brandsTxt string
	//go:embed people.txt
	peopleTxt string
)

// lines returns the non-comment lines of a list, lower-cased.
func lines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		l = strings.ToLower(strings.TrimSpace(l))
		if l != "" && !strings.HasPrefix(l, "#") {
			out = append(out, l)
		}
	}
	return out
}

var (
	brands = sync.OnceValue(func() []string { return lines(brandsTxt) })
	people = sync.OnceValue(func() []string { return lines(peopleTxt) })
	// extra holds every single word of the curated lists.
	extra = sync.OnceValue(func() map[string]bool {
		m := map[string]bool{}
		for _, l := range [][]string{lines(slangTxt), brands(), people()} {
			for _, p := range l {
				for _, w := range strings.FieldsFunc(p, func(r rune) bool { return r < 'a' || r > 'z' }) {
					m[w] = true
				}
			}
		}
		return m
	})
)

// Brands returns the fashion and sports brand names H&M does not sell, lower-case
// ("nike", "louis vuitton").
func Brands() []string { return brands() }

// People returns names of celebrities people cite as style references, lower-case
// ("zendaya", "harry styles").
func People() []string { return people() }

// Known reports whether w is an English word (IsWord) or a word of the
// curated lists: style slang, brands, well-known people.
func Known(w string) bool { return IsWord(w) || extra()[w] }
