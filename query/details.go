package query

import (
	_ "embed"
	"fmt"
	"regexp"
	"strings"
	"sync"

	"github.com/stylistbot/stylist/catalog"
)

//go:embed data/details.txt
var detailsTxt string

// detail is one feature a request can rule out.
type detail struct {
	label   string
	request [][]string     // normalised request phrases
	catalog *regexp.Regexp // whole-word catalog phrases
}

// details parses data/details.txt once; the file is embedded and tested, so a
// bad line is a programming error named by its line.
var details = sync.OnceValue(func() []detail {
	var out []detail
	for n, line := range strings.Split(detailsTxt, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		label, rest, ok1 := strings.Cut(line, ":")
		req, cat, ok2 := strings.Cut(rest, "|")
		if !ok1 || !ok2 {
			panic(fmt.Sprintf("query: data/details.txt line %d: want \"label: request phrases | catalog phrases\"", n+1))
		}
		d := detail{label: strings.TrimSpace(label)}
		for _, p := range strings.Split(req, ",") {
			if t := normPhrase(strings.TrimSpace(p)); len(t) > 0 {
				d.request = append(d.request, t)
			}
		}
		var alts []string
		for _, p := range strings.Split(cat, ",") {
			if p = strings.TrimSpace(p); p != "" {
				alts = append(alts, regexp.QuoteMeta(strings.ToLower(p)))
			}
		}
		d.catalog = regexp.MustCompile(`\b(` + strings.Join(alts, "|") + `)\b`)
		out = append(out, d)
	}
	return out
})

// detailNeg are the words that rule out the detail that follows them.
var detailNeg = set("no", "not", "without", "non", "never", "nothing", "avoid", "hate", "dislike", "isnt",
	"arent", "dont", "doesnt", "shouldnt", "cant", "wont", "nor", "except", "minus")

// detailFill are words that may stand between a negation and the detail:
// "not too tight", "without a hood", "jeans that are not skinny", "no real fur".
var detailFill = set("a", "an", "any", "too", "very", "so", "the", "be", "want", "like", "need", "real",
	"really", "overly", "super", "have", "has", "with", "of", "that", "it", "is", "are", "at", "all")

// negatedDetails finds the details the request rules out and marks the
// tokens of each negation (trigger and detail) in drop. "wool-free" and
// "X free" count too.
func negatedDetails(toks []token, drop []bool) []string {
	var out []string
	ds := details()
	for i := 0; i < len(toks); i++ {
		if !detailNeg[toks[i].norm] {
			if lbl, n := matchDetail(ds, toks, i); lbl != "" && i+n < len(toks) && toks[i+n].norm == "free" && toks[i+n].brk == brkNone {
				out = appendUnique(out, lbl)
				for j := i; j <= i+n; j++ {
					drop[j] = true
				}
			}
			continue
		}
		j := i + 1
		for j < len(toks) && j-i <= 4 && toks[j].brk == brkNone {
			lbl, n := matchDetail(ds, toks, j)
			if lbl != "" {
				out = appendUnique(out, lbl)
				for x := i; x < j+n; x++ {
					drop[x] = true
				}
				j += n
				// "not tight or see-through", "no wool, no polyester"
				if j+1 < len(toks) && (toks[j].norm == "or" || toks[j].norm == "and" || toks[j].norm == "nor") && toks[j].brk == brkNone {
					drop[j] = true
					j++
					continue
				}
				break
			}
			if !detailFill[toks[j].norm] {
				break
			}
			j++
		}
	}
	return out
}

// detailIndex holds the details by the first word of their request phrases.
var detailIndex = sync.OnceValue(func() map[string][]detail {
	m := map[string][]detail{}
	for _, d := range details() {
		for _, p := range d.request {
			if l := m[p[0]]; len(l) == 0 || l[len(l)-1].label != d.label {
				m[p[0]] = append(l, d)
			}
		}
	}
	return m
})

// matchDetail returns the detail whose request phrase starts at token i (longest first).
func matchDetail(_ []detail, toks []token, i int) (string, int) {
	best, bestN := "", 0
	for _, d := range detailIndex()[toks[i].norm] {
		for _, p := range d.request {
			if len(p) <= bestN || i+len(p) > len(toks) {
				continue
			}
			ok := true
			for k, w := range p {
				if toks[i+k].norm != w || (k > 0 && toks[i+k].brk != brkNone) {
					ok = false
					break
				}
			}
			if ok {
				best, bestN = d.label, len(p)
			}
		}
	}
	return best, bestN
}

// HasDetail reports whether the article's name or description states the
// detail label ("hood", "wool"); a phrase right after "without"/"no" does not count.
func HasDetail(a *catalog.Article, label string) bool {
	for _, d := range details() {
		if d.label != label {
			continue
		}
		text := strings.ToLower(a.ProdName + " . " + a.DetailDesc)
		for _, m := range d.catalog.FindAllStringIndex(text, -1) {
			before := strings.Fields(text[max(0, m[0]-14):m[0]])
			if n := len(before); n > 0 && (before[n-1] == "without" || before[n-1] == "no" || before[n-1] == "non" ||
				(n > 1 && (before[n-2] == "without" || before[n-2] == "no"))) {
				continue
			}
			return true
		}
	}
	return false
}

// DetailLabels lists the detail labels a request can rule out.
func DetailLabels() []string {
	var out []string
	for _, d := range details() {
		out = append(out, d.label)
	}
	return out
}

// ExcludedDetails returns the ruled-out details the article has.
func (q *Query) ExcludedDetails(a *catalog.Article) []string {
	var out []string
	for _, l := range q.NotDetails {
		if HasDetail(a, l) {
			out = append(out, l)
		}
	}
	return out
}

func appendUnique(l []string, x string) []string {
	if contains(l, x) {
		return l
	}
	return append(l, x)
}
