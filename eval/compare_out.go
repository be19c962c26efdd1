package eval

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
)

// metric is one compared number, for the table and the charts.
type metric struct {
	key, title, unit string
	value            func(ModelStats) float64
}

var metrics = []metric{
	{"valid_json", "valid JSON replies", "share", func(s ModelStats) float64 { return s.ValidJSON }},
	{"grounded", "picks found in the context", "share", func(s ModelStats) float64 { return s.Grounded }},
	{"count_respected", "replies with the requested count", "share", func(s ModelStats) float64 { return s.CountRespected }},
	{"type_precision", "picks of the requested type", "share", func(s ModelStats) float64 { return s.TypePrecision }},
	{"prompt_tokens", "prompt tokens per call", "tokens", func(s ModelStats) float64 { return s.PromptTokens }},
	{"answer_tokens", "answer tokens per call", "tokens", func(s ModelStats) float64 { return s.AnswerTokens }},
	{"latency_p50_ms", "answer latency p50", "ms", func(s ModelStats) float64 { return ms(s.LatencyP50) }},
	{"latency_p95_ms", "answer latency p95", "ms", func(s ModelStats) float64 { return ms(s.LatencyP95) }},
	{"tokens_per_sec", "generation speed", "tokens/s", func(s ModelStats) float64 { return s.TokensPerSec }},
}

var outfitMetrics = []metric{
	{"outfit_valid_json", "outfit replies: valid JSON", "share", func(s ModelStats) float64 { return s.Outfits.ValidJSON }},
	{"outfit_grounded", "outfit pieces among the slot candidates", "share", func(s ModelStats) float64 { return s.Outfits.Grounded }},
	{"outfit_pass", "looks passing every outfit check", "share", func(s ModelStats) float64 { return s.Outfits.Pass }},
	{"outfit_model_picked", "outfit pieces the model chose", "share", func(s ModelStats) float64 { return s.Outfits.ModelPicked }},
}

// WriteTable prints one row per model.
func (c *Comparison) WriteTable(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprint(tw, "model\tanswers\tfailed\tvalid JSON\tgrounded\tcount ok\ttype P\tprompt tok\tanswer tok\tp50 ms\tp95 ms\ttok/s\t\n")
	for _, s := range c.Models {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%.3f\t%.3f\t%.3f\t%.3f\t%.0f\t%.0f\t%.0f\t%.0f\t%.1f\t\n", s.Model, s.Answers, s.Failed, s.ValidJSON, s.Grounded,
			s.CountRespected, s.TypePrecision, s.PromptTokens, s.AnswerTokens, ms(s.LatencyP50), ms(s.LatencyP95), s.TokensPerSec)
	}
	if err := tw.Flush(); err != nil || c.OutfitQueries == 0 {
		return err
	}
	tw = tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(w, "\noutfit requests (%d):\n", c.OutfitQueries)
	{
		fmt.Fprint(tw, "model\toutfit answers\tvalid JSON\tgrounded\tlooks ok\tmodel-picked\tlook count ok\tlooks\t\n")
		for _, s := range c.Models {
			if o := s.Outfits; o != nil {
				fmt.Fprintf(tw, "%s\t%d\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t%d\t\n", s.Model, o.Answers, o.ValidJSON, o.Grounded, o.Pass, o.ModelPicked, o.LookCount, o.Looks)
			}
		}
	}
	return tw.Flush()
}

// WriteJSON prints the comparison as one JSON document.
func (c *Comparison) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(c)
}

// WriteCharts writes one PNG bar chart per metric into dir (created if needed) and
// returns the files.
func (c *Comparison) WriteCharts(dir string) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("eval: charts: %w", err)
	}
	names := make([]string, len(c.Models))
	for i, s := range c.Models {
		names[i] = s.Model
	}
	var files []string
	all := metrics
	if c.OutfitQueries > 0 {
		all = append(append([]metric(nil), metrics...), outfitMetrics...)
	}
	for _, m := range all {
		vals := make(plotter.Values, len(c.Models))
		for i, s := range c.Models {
			vals[i] = m.value(s)
		}
		p := plot.New()
		n := c.Queries
		if strings.HasPrefix(m.key, "outfit_") {
			n = c.OutfitQueries
		}
		p.Title.Text = fmt.Sprintf("%s (%d queries)", m.title, n)
		p.Y.Label.Text = m.unit
		p.Y.Min = 0
		if m.unit == "share" {
			p.Y.Max = 1
		}
		bars, err := plotter.NewBarChart(vals, vg.Points(28))
		if err != nil {
			return nil, fmt.Errorf("eval: chart %s: %w", m.key, err)
		}
		bars.LineStyle.Width = 0
		p.Add(bars)
		p.NominalX(names...)
		path := filepath.Join(dir, m.key+".png")
		width := vg.Length(max(4, 1.2*float64(len(names)))) * vg.Inch
		if err := p.Save(width, 3*vg.Inch, path); err != nil {
			return nil, fmt.Errorf("eval: chart %s: %w", m.key, err)
		}
		files = append(files, path)
	}
	return files, nil
}
