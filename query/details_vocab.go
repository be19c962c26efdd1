package query

import (
	_ "embed"
	"fmt"
	"sort"
	"strings"
	"sync"
)

//go:embed data/details.txt
var detailsTxt string

// detailsFile names the embedded vocabulary in errors.
const detailsFile = "query/data/details.txt"

// MaxDetails is the most detail labels the vocabulary may hold (a DetailSet has one bit each).
const MaxDetails = 128

// detail is one garment detail of data/details.txt.
type detail struct {
	label   string
	section string
	ask     bool       // a request can ask for it (not only rule it out)
	request [][]string // normalised request phrases
	catalog [][]string // normalised catalog phrases
	except  [][]string // normalised phrases that start like a catalog phrase but mean something else
}

// detailSections are the sections of data/details.txt; all but the first
// hold details a request can ask for.
var detailSections = []string{"ruled out only", "material", "fit", "neckline", "sleeves and length", "feature"}

// parseDetails reads a details vocabulary; errors name name and the line.
func parseDetails(name, text string) ([]detail, error) {
	var out []detail
	seen := map[string]int{}
	section := ""
	for n, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fail := func(f string, args ...any) error {
			return fmt.Errorf("%s:%d: %s", name, n+1, fmt.Sprintf(f, args...))
		}
		if strings.HasPrefix(line, "[") {
			s, ok := strings.CutSuffix(line[1:], "]")
			if !ok || !contains(detailSections, s) {
				return nil, fail("unknown section %q (want one of %s)", line, strings.Join(detailSections, ", "))
			}
			section = s
			continue
		}
		if section == "" {
			return nil, fail("detail before any [section]")
		}
		label, rest, ok := strings.Cut(line, ":")
		parts := strings.Split(rest, "|")
		if !ok || len(parts) < 2 || len(parts) > 3 {
			return nil, fail("want \"label: request phrases | catalog phrases [| except phrases]\"")
		}
		d := detail{label: strings.TrimSpace(label), section: section, ask: section != detailSections[0]}
		if d.label == "" || strings.ContainsAny(d.label, ",|") || strings.ToLower(d.label) != d.label {
			return nil, fail("bad label %q (lower case, no commas)", d.label)
		}
		if prev, dup := seen[d.label]; dup {
			return nil, fail("label %q already on line %d", d.label, prev)
		}
		seen[d.label] = n + 1
		lists := []*[][]string{&d.request, &d.catalog, &d.except}
		for i, p := range parts {
			for _, ph := range strings.Split(p, ",") {
				if ph = strings.TrimSpace(ph); ph == "" {
					continue
				}
				toks := normPhrase(ph)
				if len(toks) == 0 {
					return nil, fail("phrase %q has no words", ph)
				}
				*lists[i] = append(*lists[i], toks)
			}
		}
		if len(d.request) == 0 || len(d.catalog) == 0 {
			return nil, fail("detail %q needs request and catalog phrases", d.label)
		}
		out = append(out, d)
	}
	if len(out) > MaxDetails {
		return nil, fmt.Errorf("%s: %d details, at most %d", name, len(out), MaxDetails)
	}
	return out, nil
}

// details parses data/details.txt once; the file is embedded and tested
// (TestDetailsFileParses), so an error is a programming error.
var details = sync.OnceValue(func() []detail {
	ds, err := parseDetails(detailsFile, detailsTxt)
	if err != nil {
		panic("query: " + err.Error())
	}
	return ds
})

// detailID maps a label to its position in details().
var detailID = sync.OnceValue(func() map[string]int {
	m := map[string]int{}
	for i, d := range details() {
		m[d.label] = i
	}
	return m
})

// catalogIndex holds, by first word, the catalog phrases of every detail (as detail positions).
type catalogPhrase struct {
	id     int
	toks   []string
	except [][]string
}

var catalogIndex = sync.OnceValue(func() map[string][]catalogPhrase {
	m := map[string][]catalogPhrase{}
	for i, d := range details() {
		for _, p := range d.catalog {
			m[p[0]] = append(m[p[0]], catalogPhrase{id: i, toks: p, except: d.except})
		}
	}
	return m
})

// DetailSet is a set of detail labels as bits (position in the vocabulary).
type DetailSet [MaxDetails / 64]uint64

// Has reports whether the set holds the detail at position id.
func (s *DetailSet) Has(id int) bool { return s[id/64]&(1<<(id%64)) != 0 }

func (s *DetailSet) add(id int) { s[id/64] |= 1 << (id % 64) }

// Labels lists the set's labels in vocabulary order.
func (s DetailSet) Labels() []string {
	var out []string
	for i, d := range details() {
		if s.Has(i) {
			out = append(out, d.label)
		}
	}
	return out
}

// cancels are the words that, just before a catalog phrase, say the article lacks it.
var cancels = set("without", "no", "non")

// TextDetails reads the details an article's name and description state,
// with the catalog phrases of data/details.txt; a phrase right after
// "without", "no" or "non" (or "no X or") does not count.
func TextDetails(prodName, desc string) DetailSet {
	var s DetailSet
	idx := catalogIndex()
	toks := tokenize(prodName + " . " + desc)
	for i := range toks {
		for _, p := range idx[toks[i].norm] {
			if s.Has(p.id) || !phraseAt(toks, i, p.toks) || cancelled(toks, i) {
				continue
			}
			exc := false
			for _, e := range p.except {
				if phraseAt(toks, i, e) {
					exc = true
					break
				}
			}
			if !exc {
				s.add(p.id)
			}
		}
	}
	return s
}

// phraseAt reports whether phrase starts at token i within one clause.
func phraseAt(toks []token, i int, phrase []string) bool {
	if i+len(phrase) > len(toks) {
		return false
	}
	for k, w := range phrase {
		if toks[i+k].norm != w || (k > 0 && toks[i+k].brk != brkNone) {
			return false
		}
	}
	return true
}

// cancelled reports whether a negation in the same clause rules out the
// phrase at token i: "no hood", "non-wired", "without a hood", "no collar or buttons".
func cancelled(toks []token, i int) bool {
	for back, j := 0, i-1; j >= 0 && back < 4; back, j = back+1, j-1 {
		if toks[j+1].brk != brkNone {
			return false
		}
		w := toks[j].norm
		switch {
		case back == 0 && cancels[w]:
			return true
		case back == 1 && (w == "without" || w == "no"):
			return true
		case back >= 2 && (w == "without" || w == "no") && (toks[i-1].norm == "or" || toks[i-1].norm == "nor"):
			return true
		}
	}
	return false
}

// FormatDetails renders a set for catalog.Article.Details: labels joined by
// commas in vocabulary order ("" for none).
func FormatDetails(s DetailSet) string { return strings.Join(s.Labels(), ",") }

// DetailLabels lists every detail label of the vocabulary.
func DetailLabels() []string {
	var out []string
	for _, d := range details() {
		out = append(out, d.label)
	}
	return out
}

// AskableDetails lists the labels a request can ask for, sorted.
func AskableDetails() []string {
	var out []string
	for _, d := range details() {
		if d.ask {
			out = append(out, d.label)
		}
	}
	sort.Strings(out)
	return out
}
