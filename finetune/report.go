package finetune

import (
	"fmt"
	"io"
	"math"
	"sort"
	"strings"
	"text/tabwriter"
)

// CharsPerToken estimates tokens from characters (English text and JSON, llama tokenizers).
const CharsPerToken = 3.5

// Report counts what Build made and dropped.
type Report struct {
	Examples   int                       `json:"examples"`
	Train      int                       `json:"train"`
	Val        int                       `json:"val"`
	BySource   map[string]int            `json:"by_source"`
	ByKind     map[string]int            `json:"by_kind"`
	ByOccasion map[string]int            `json:"by_occasion"`
	ByAudience map[string]int            `json:"by_audience"`
	Dropped    map[string]map[string]int `json:"dropped"` // source → reason → count
	// Lengths in estimated tokens (CharsPerToken): the prompt (system + user), the
	// answer, and the whole sequence a trainer sees.
	PromptTokens   Lengths `json:"prompt_tokens"`
	AnswerTokens   Lengths `json:"answer_tokens"`
	SequenceTokens Lengths `json:"sequence_tokens"`
}

// Lengths summarises a length distribution.
type Lengths struct {
	Min  int     `json:"min"`
	P50  int     `json:"p50"`
	P95  int     `json:"p95"`
	Max  int     `json:"max"`
	Mean float64 `json:"mean"`
}

func newReport() *Report {
	return &Report{BySource: map[string]int{}, ByKind: map[string]int{}, ByOccasion: map[string]int{}, ByAudience: map[string]int{},
		Dropped: map[string]map[string]int{}}
}

func (r *Report) drop(source, why string) {
	if r.Dropped[source] == nil {
		r.Dropped[source] = map[string]int{}
	}
	r.Dropped[source][why]++
}

// DroppedTotal is the number of dropped candidates of a source ("" = all).
func (r *Report) DroppedTotal(source string) int {
	n := 0
	for s, m := range r.Dropped {
		if source == "" || s == source {
			for _, c := range m {
				n += c
			}
		}
	}
	return n
}

func (r *Report) summarise(ds *Dataset) {
	r.Train, r.Val = len(ds.Train), len(ds.Val)
	r.Examples = r.Train + r.Val
	var ps, as, ss []int
	for _, set := range [][]Example{ds.Train, ds.Val} {
		for _, ex := range set {
			r.BySource[ex.Source]++
			r.ByKind[ex.Kind]++
			if ex.Occasion != "" {
				r.ByOccasion[ex.Occasion]++
			}
			aud := ex.Audience
			if aud == "" {
				aud = "any"
			}
			r.ByAudience[aud]++
			p := tokens(len(ex.System) + len(ex.Prompt))
			a := tokens(len(ex.AnswerText()))
			ps, as, ss = append(ps, p), append(as, a), append(ss, p+a)
		}
	}
	r.PromptTokens, r.AnswerTokens, r.SequenceTokens = lengths(ps), lengths(as), lengths(ss)
}

func tokens(chars int) int { return int(math.Ceil(float64(chars) / CharsPerToken)) }

func lengths(xs []int) Lengths {
	if len(xs) == 0 {
		return Lengths{}
	}
	sort.Ints(xs)
	sum := 0
	for _, x := range xs {
		sum += x
	}
	at := func(p float64) int { return xs[max(0, min(len(xs)-1, int(math.Ceil(p*float64(len(xs))))-1))] }
	return Lengths{Min: xs[0], P50: at(0.5), P95: at(0.95), Max: xs[len(xs)-1], Mean: float64(sum) / float64(len(xs))}
}

// WriteText prints the report for people.
func (r *Report) WriteText(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "examples\t%d (train %d, val %d)\n", r.Examples, r.Train, r.Val)
	for _, sec := range []struct {
		name string
		m    map[string]int
	}{{"source", r.BySource}, {"kind", r.ByKind}, {"occasion", r.ByOccasion}, {"audience", r.ByAudience}} {
		fmt.Fprintf(tw, "by %s\t%s\n", sec.name, counts(sec.m))
	}
	for _, src := range sortedKeys(r.Dropped) {
		fmt.Fprintf(tw, "dropped (%s)\t%d: %s\n", src, r.DroppedTotal(src), counts(r.Dropped[src]))
	}
	for _, l := range []struct {
		name string
		l    Lengths
	}{{"prompt tokens", r.PromptTokens}, {"answer tokens", r.AnswerTokens}, {"sequence tokens", r.SequenceTokens}} {
		fmt.Fprintf(tw, "%s\tmin %d, p50 %d, p95 %d, max %d (≈ chars/%.1f)\n", l.name, l.l.Min, l.l.P50, l.l.P95, l.l.Max, CharsPerToken)
	}
	return tw.Flush()
}

// counts formats a count map, largest first: "a 3, b 1".
func counts(m map[string]int) string {
	keys := sortedKeys(m)
	sort.SliceStable(keys, func(i, j int) bool { return m[keys[i]] > m[keys[j]] })
	parts := make([]string, 0, len(keys))
	for _, k := range keys {
		parts = append(parts, fmt.Sprintf("%s %d", k, m[k]))
	}
	if len(parts) == 0 {
		return "-"
	}
	return strings.Join(parts, ", ")
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
