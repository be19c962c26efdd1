package eval

import (
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"math"
	"slices"
	"text/tabwriter"
	"time"
)

// WriteTable prints the per-query rows and the overall summary.
func (rep *Report) WriteTable(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "#\ttype P@%d\tfull P@%d\tnDCG@%d\tms\taud P@%d\tquery\n", rep.K, rep.K, rep.K, rep.K)
	for i, q := range rep.Queries {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%.2f\t%s\t%s\n", i+1, pct(q.TypePrecision), pct(q.FullPrecision), num(q.NDCG), ms(q.Latency), pct(q.AudiencePrecision), clip(q.Query.Q, 70))
	}
	fmt.Fprintf(tw, "\tall\t\t\t\t\n")
	fmt.Fprintf(tw, "mean\t%s\t%s\t%s\t\t%d queries, %d with no results\n", pct(rep.TypePrecision), pct(rep.FullPrecision), num(rep.NDCG), len(rep.Queries), rep.ZeroResults)
	fmt.Fprintf(tw, "latency\tp50 %.2f ms\tp99 %.2f ms\t\t\t\n", ms(rep.LatencyP50), ms(rep.LatencyP99))
	if a := rep.Audience; a != nil {
		fmt.Fprintf(tw, "audience\tP %s\tadult: children %s\tchild: fitting %s\t\t%d adult requests, %d child requests\n",
			pct(a.Precision), pctp(a.AdultChildShare), pctp(a.ChildFit), a.AdultQueries, a.ChildQueries)
		for _, k := range slices.Sorted(maps.Keys(a.KindQueries)) {
			fmt.Fprintf(tw, "  %s\tP %s\t\t\t\t%d queries\n", k, pct(a.ByKind[k]), a.KindQueries[k])
		}
	}
	if a := rep.Answers; a != nil {
		fmt.Fprintf(tw, "answers\tgrounded %s\tcount ok %s\tfell back %s\t\t%d answers, %d invented ids dropped, type P of items %s\n",
			pct(a.Grounded), pct(a.CountRespected), pct(a.FellBack), a.Answers, a.DroppedIDs, pct(a.TypePrecision))
	}
	return tw.Flush()
}

// WriteJSON prints the report as one JSON document (NaN metrics become null).
func (rep *Report) WriteJSON(w io.Writer) error {
	type qr struct {
		QueryResult
		TypePrecision *float64 `json:"type_precision"`
		LatencyMS     float64  `json:"latency_ms"`
	}
	out := struct {
		*Report
		TypePrecision *float64 `json:"type_precision"`
		Queries       []qr     `json:"queries"`
		P50MS         float64  `json:"latency_p50_ms"`
		P99MS         float64  `json:"latency_p99_ms"`
	}{Report: rep, TypePrecision: nan(rep.TypePrecision), P50MS: ms(rep.LatencyP50), P99MS: ms(rep.LatencyP99)}
	for _, q := range rep.Queries {
		out.Queries = append(out.Queries, qr{QueryResult: q, TypePrecision: nan(q.TypePrecision), LatencyMS: ms(q.Latency)})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

func nan(f float64) *float64 {
	if math.IsNaN(f) {
		return nil
	}
	return &f
}

func pct(f float64) string {
	if math.IsNaN(f) {
		return "-"
	}
	return fmt.Sprintf("%.3f", f)
}

func num(f float64) string { return pct(f) }

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

func pctp(f *float64) string {
	if f == nil {
		return "-"
	}
	return pct(*f)
}
