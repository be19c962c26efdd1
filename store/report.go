package store

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"math"
	"slices"
	"sort"
	"text/tabwriter"
	"time"
)

// Z95 is the standard normal quantile for a two-sided 95% interval.
const Z95 = 1.959963984540054

// Variant labels used in reports for requests without a variant name and for
// votes on replies that have no request record.
const (
	LabelDefault  = "(default)"
	LabelNoRecord = "(no record)"
)

// VariantStats summarises one prompt variant over a report window.
type VariantStats struct {
	Variant      string        `json:"variant"`
	Requests     int           `json:"requests"`
	Feedback     int           `json:"feedback"` // votes (a user's latest vote per reply)
	Helpful      int           `json:"helpful"`
	HelpfulRate  float64       `json:"helpful_rate"` // Helpful / Feedback; 0 without feedback
	HelpfulLow   float64       `json:"helpful_low"`  // Wilson 95% interval of the helpful rate
	HelpfulHigh  float64       `json:"helpful_high"`
	FallbackRate float64       `json:"fallback_rate"` // share of requests answered without the LLM
	GroundedRate float64       `json:"grounded_rate"` // share of requests where no invented article was dropped
	LatencyP50   time.Duration `json:"latency_p50"`
	LatencyP90   time.Duration `json:"latency_p90"`
}

// Report summarises request records and votes from since onwards, per variant,
// sorted by variant name. A vote counts for the variant that produced the reply.
func (s *Store) Report(ctx context.Context, since time.Time) ([]VariantStats, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	reqs, votes, err := s.be.reportData(ctx, storeTime(since))
	if err != nil {
		return nil, fmt.Errorf("store: report: %w", err)
	}
	return Summarize(reqs, votes), nil
}

func label(variant string) string {
	if variant == "" {
		return LabelDefault
	}
	return variant
}

// Summarize computes per-variant statistics from request records and votes.
func Summarize(reqs []RequestRecord, votes []FeedbackEvent) []VariantStats {
	by := map[string]*VariantStats{}
	lat := map[string][]time.Duration{}
	var fellBack, grounded = map[string]int{}, map[string]int{}
	get := func(v string) *VariantStats {
		if by[v] == nil {
			by[v] = &VariantStats{Variant: v}
		}
		return by[v]
	}
	for _, r := range reqs {
		v := label(r.Variant)
		st := get(v)
		st.Requests++
		lat[v] = append(lat[v], r.Latency)
		if r.FellBack {
			fellBack[v]++
		}
		if r.Grounded {
			grounded[v]++
		}
	}
	for _, ev := range votes {
		st := get(label(ev.Variant))
		st.Feedback++
		if ev.Helpful {
			st.Helpful++
		}
	}
	out := make([]VariantStats, 0, len(by))
	for v, st := range by {
		if st.Feedback > 0 {
			st.HelpfulRate = float64(st.Helpful) / float64(st.Feedback)
		}
		st.HelpfulLow, st.HelpfulHigh = Wilson(st.Helpful, st.Feedback, Z95)
		if st.Requests > 0 {
			st.FallbackRate = float64(fellBack[v]) / float64(st.Requests)
			st.GroundedRate = float64(grounded[v]) / float64(st.Requests)
			st.LatencyP50 = Percentile(lat[v], 0.5)
			st.LatencyP90 = Percentile(lat[v], 0.9)
		}
		out = append(out, *st)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Variant < out[j].Variant })
	return out
}

// Wilson returns the Wilson score interval for successes out of n trials at
// normal quantile z (Z95 for 95%). With n == 0 it returns the uninformative [0, 1].
func Wilson(successes, n int, z float64) (lo, hi float64) {
	if n <= 0 {
		return 0, 1
	}
	nf := float64(n)
	p := float64(successes) / nf
	z2 := z * z
	den := 1 + z2/nf
	center := (p + z2/(2*nf)) / den
	half := z / den * math.Sqrt(p*(1-p)/nf+z2/(4*nf*nf))
	return math.Max(0, center-half), math.Min(1, center+half)
}

// Percentile returns the nearest-rank p-quantile (0 < p <= 1) of ds: the smallest
// value with at least p of the values at or below it; 0 for no values.
func Percentile(ds []time.Duration, p float64) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	rank := int(math.Ceil(p*float64(len(s)) - 1e-9))
	return s[min(max(rank, 1), len(s))-1]
}

// WriteReportTable renders stats as an aligned plain-text table.
func WriteReportTable(w io.Writer, stats []VariantStats) error {
	var buf bytes.Buffer
	tw := tabwriter.NewWriter(&buf, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "variant\trequests\tfeedback\thelpful\t95% CI\tfallback\tgrounded\tp50\tp90")
	for _, st := range stats {
		rate, ci := "-", "-"
		if st.Feedback > 0 {
			rate = fmt.Sprintf("%d (%s)", st.Helpful, pct(st.HelpfulRate))
			ci = pct(st.HelpfulLow) + "–" + pct(st.HelpfulHigh)
		}
		fb, gr, p50, p90 := "-", "-", "-", "-"
		if st.Requests > 0 {
			fb, gr = pct(st.FallbackRate), pct(st.GroundedRate)
			p50, p90 = dur(st.LatencyP50), dur(st.LatencyP90)
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\t%s\t%s\t%s\t%s\t%s\t%s\n", st.Variant, st.Requests, st.Feedback, rate, ci, fb, gr, p50, p90)
	}
	if len(stats) == 0 {
		fmt.Fprintln(tw, "(no requests or feedback in this window)")
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}

func pct(f float64) string { return fmt.Sprintf("%.0f%%", 100*f) }

func dur(d time.Duration) string {
	switch {
	case d >= 10*time.Second:
		return d.Round(time.Second).String()
	case d >= time.Second:
		return d.Round(100 * time.Millisecond).String()
	default:
		return d.Round(time.Millisecond).String()
	}
}
