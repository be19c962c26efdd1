package query

import (
	"strings"
	"sync"

	"github.com/stylistbot/stylist/catalog"
)

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
		if lbl, n := matchDetailOf(toks, i, true); lbl != "" && n > 1 && detailNeg[toks[i].norm] {
			i += n - 1 // "without underwire", "no wires": a detail of its own (non-wired), asked for
			continue
		}
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

// matchDetail returns the detail whose request phrase starts at token i
// (longest first; of equally long ones the first in the file).
func matchDetail(_ []detail, toks []token, i int) (string, int) {
	return matchDetailOf(toks, i, false)
}

// matchDetailOf is matchDetail over the details a request can ask for when askable is set.
func matchDetailOf(toks []token, i int, askable bool) (string, int) {
	best, bestN := "", 0
	for _, d := range detailIndex()[toks[i].norm] {
		if askable && !d.ask {
			continue
		}
		for _, p := range d.request {
			if len(p) > bestN && phraseAt(toks, i, p) {
				best, bestN = d.label, len(p)
			}
		}
	}
	return best, bestN
}

// askedDetails finds the details the request asks for ("a quilted jacket",
// "wireless bra", "turtleneck"), outside the tokens already dropped (ruled-out
// details, limits) and other than the ones it rules out. Words stay in Terms:
// they help lexical search too.
func askedDetails(toks []token, drop []bool, not []string) []string {
	var out []string
	for i := 0; i < len(toks); {
		if drop[i] {
			i++
			continue
		}
		lbl, n := matchDetailOf(toks, i, true)
		if lbl == "" {
			i++
			continue
		}
		ok := true
		for k := i; k < i+n; k++ {
			ok = ok && !drop[k]
		}
		if ok && !contains(not, lbl) {
			out = appendUnique(out, lbl)
		}
		i += n
	}
	return out
}

// HasDetail reports whether the article's name or description states the
// detail label ("hood", "wool"); a phrase right after "without"/"no" does not
// count. It reads the text (TextDetails), so it holds for any article.
func HasDetail(a *catalog.Article, label string) bool {
	id, ok := detailID()[label]
	if !ok {
		return false
	}
	s := TextDetails(a.ProdName, a.DetailDesc)
	return s.Has(id)
}

// ExcludedDetails returns the ruled-out details the article carries
// (stored details, catalog.Article.Details).
func (q *Query) ExcludedDetails(a *catalog.Article) []string {
	var out []string
	for _, l := range q.NotDetails {
		if StatesDetail(a, l) {
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

// DetailsOf derives an article's catalog.Article.Details from its name and
// description (index.BuildOptions.Details).
func DetailsOf(a *catalog.Article) string {
	return FormatDetails(TextDetails(a.ProdName, a.DetailDesc))
}

// StatesDetail reports whether the article's stored details
// (catalog.Article.Details) hold label.
func StatesDetail(a *catalog.Article, label string) bool {
	for rest := a.Details; rest != ""; {
		var l string
		l, rest, _ = strings.Cut(rest, ",")
		if l == label {
			return true
		}
	}
	return false
}

// DetailMatch reports whether the article carries every detail the request
// asks for (stored details, catalog.Article.Details).
func (q *Query) DetailMatch(a *catalog.Article) bool {
	for _, l := range q.Details {
		if !StatesDetail(a, l) {
			return false
		}
	}
	return true
}

// MatchedDetails splits the asked details into those the article carries and those it lacks.
func (q *Query) MatchedDetails(a *catalog.Article) (has, lacks []string) {
	for _, l := range q.Details {
		if StatesDetail(a, l) {
			has = append(has, l)
		} else {
			lacks = append(lacks, l)
		}
	}
	return has, lacks
}
