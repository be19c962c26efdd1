// Package eval measures retrieval and answer quality on a set of queries with
// expected attributes: type precision@k (the reference metric), full-constraint
// precision@k, graded nDCG@k and latency.
package eval

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// Query is one line of a queries file.
type Query struct {
	Q                   string   `json:"q"`
	Types               []string `json:"types,omitempty"`
	ColourMaster        []string `json:"colour_master,omitempty"`
	IndexGroup          []string `json:"index_group,omitempty"`
	ExcludeColourMaster []string `json:"exclude_colour_master,omitempty"`
	Count               int      `json:"count,omitempty"` // items the query asks for, when it says so
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
	return n
}

// ReadQueries reads a JSONL queries file; blank lines and lines starting with # are skipped.
// Errors name the line.
func ReadQueries(r io.Reader) ([]Query, error) {
	return readJSONL(r, "queries", func(q *Query) string { return q.Q })
}

// readJSONL reads a JSONL file of T strictly (unknown fields are errors);
// blank lines and lines starting with # are skipped; text(x) must not be
// blank. Errors name what (the kind of file) and the line.
func readJSONL[T any](r io.Reader, what string, text func(*T) string) ([]T, error) {
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
