// Package eval measures retrieval and answer quality on a set of queries with
// expected attributes: type precision@k (the reference metric), full-constraint
// precision@k, graded nDCG@k and latency.
package eval

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"strings"

	"github.com/stylistbot/stylist/catalog"
)

// Query is one line of a queries file.
type Query struct {
	Q                   string   `json:"q"`
	Types               []string `json:"types,omitempty"`
	ColourMaster        []string `json:"colour_master,omitempty"`
	IndexGroup          []string `json:"index_group,omitempty"`
	ExcludeColourMaster []string `json:"exclude_colour_master,omitempty"`
	Count               int      `json:"count,omitempty"` // items the query asks for, when it says so
	// Audience is who the articles must be for: adult, women, men, children,
	// baby or teen (see expectedAudience for the default); Bands are the
	// children's index names that fit (children, teen); Kind groups queries
	// in the report ("adult", "gendered", "child-age", ...).
	Audience string   `json:"audience,omitempty"`
	Bands    []string `json:"bands,omitempty"`
	Kind     string   `json:"kind,omitempty"`
	// Details are the details an article must state in its name or
	// description, each as alternatives separated by "|" ("quilted",
	// "hood|hooded"), matched as whole words, case-insensitive, and not right
	// after "no", "non-" or "without"; NotDetails must not be stated. They
	// are checked against the catalog's own text, not the index's details.
	Details    []string `json:"details,omitempty"`
	NotDetails []string `json:"not_details,omitempty"`
	// details and notDetails are Details and NotDetails compiled (ReadQueries).
	details, notDetails []*regexp.Regexp
}

// constraints counts the positive constraints of q.
func (q Query) constraints() int {
	n := 0
	for _, c := range [][]string{q.Types, q.ColourMaster, q.IndexGroup} {
		if len(c) > 0 {
			n++
		}
	}
	if len(q.ExcludeColourMaster) > 0 {
		n++
	}
	return n + len(q.Details) + len(q.NotDetails)
}

// ReadQueries reads a JSONL queries file; blank lines and lines starting with # are skipped.
// Errors name the line.
func ReadQueries(r io.Reader) ([]Query, error) {
	return readJSONL(r, "queries", func(q *Query) string { return q.Q }, func(q *Query) error {
		if q.Audience != "" && !audiences[q.Audience] {
			return fmt.Errorf("unknown \"audience\" %q (want adult, women, men, children, baby or teen)", q.Audience)
		}
		var err error
		if q.details, err = detailPatterns("details", q.Details); err != nil {
			return err
		}
		q.notDetails, err = detailPatterns("not_details", q.NotDetails)
		return err
	})
}

// readJSONL reads a JSONL file of T strictly (unknown fields are errors);
// blank lines and lines starting with # are skipped; text(x) must not be
// blank and check(x), when given, must accept x. Errors name what (the kind
// of file) and the line.
func readJSONL[T any](r io.Reader, what string, text func(*T) string, check func(*T) error) ([]T, error) {
	var out []T
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		s := strings.TrimSpace(sc.Text())
		if s == "" || strings.HasPrefix(s, "#") {
			continue
		}
		dec := json.NewDecoder(strings.NewReader(s))
		dec.DisallowUnknownFields()
		var x T
		if err := dec.Decode(&x); err != nil {
			return nil, fmt.Errorf("%s line %d: %w", what, line, err)
		}
		if strings.TrimSpace(text(&x)) == "" {
			return nil, fmt.Errorf("%s line %d: empty \"q\"", what, line)
		}
		if check != nil {
			if err := check(&x); err != nil {
				return nil, fmt.Errorf("%s line %d: %w", what, line, err)
			}
		}
		out = append(out, x)
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: no queries found", what)
	}
	return out, nil
}

// detailPatterns compiles the "|"-separated alternatives of each detail
// expectation into one whole-word pattern.
func detailPatterns(key string, ds []string) ([]*regexp.Regexp, error) {
	out := make([]*regexp.Regexp, 0, len(ds))
	for _, d := range ds {
		var alts []string
		for _, a := range strings.Split(d, "|") {
			if a = strings.ToLower(strings.TrimSpace(a)); a != "" {
				alts = append(alts, regexp.QuoteMeta(a))
			}
		}
		if len(alts) == 0 {
			return nil, fmt.Errorf("%q: empty detail %q", key, d)
		}
		out = append(out, regexp.MustCompile(`\b(`+strings.Join(alts, "|")+`)\b`))
	}
	return out, nil
}

// statesDetail reports whether the article's name or description states the
// detail re, other than right after "no", "non-" or "without (a)".
func statesDetail(a *catalog.Article, re *regexp.Regexp) bool {
	text := strings.ToLower(a.ProdName + " . " + a.DetailDesc)
	for _, m := range re.FindAllStringIndex(text, -1) {
		before := text[max(0, m[0]-10):m[0]]
		if strings.HasSuffix(before, "non-") || strings.HasSuffix(before, "no ") ||
			strings.HasSuffix(before, "without ") || strings.HasSuffix(before, "without a ") {
			continue
		}
		return true
	}
	return false
}
