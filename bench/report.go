package bench

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"sort"
	"strings"
	"time"
)

// WriteJSON writes the report as indented JSON.
func (r *Report) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

// WriteMarkdown writes the conditions of the run, the results table, the
// default's stage breakdown and the target checks; command is the command
// line to show ("" = none).
func (r *Report) WriteMarkdown(w io.Writer, command string) error {
	var b strings.Builder
	m := r.Machine
	if command != "" {
		fmt.Fprintf(&b, "Command: `%s`\n\n", command)
	}
	fmt.Fprintf(&b, "- Run: %s, %s in all.\n", r.Started.Format("2006-01-02 15:04 MST"), fmtDur(r.Elapsed))
	fmt.Fprintf(&b, "- Machine: %d CPUs (%s), %.1f GiB RAM, %s, GOMAXPROCS %d; %s; FAISS %s (Debian libfaiss-dev, generic x86-64 build)",
		m.CPUs, orUnknown(m.CPUModel), float64(m.MemBytes)/(1<<30), m.OS, m.GOMAXPROCS, m.Go, orUnknown(m.FAISS))
	if r.Python != "" {
		fmt.Fprintf(&b, "; python3-faiss %s", r.Python)
	}
	b.WriteString(".\n")
	fmt.Fprintf(&b, "- Load average (1/5/15 min) at start: %s; at end: %s (%s).\n", orUnknown(m.LoadStart), orUnknown(m.LoadEnd), loadNote(m))
	fmt.Fprintf(&b, "- Catalog: %s, %d articles. Embedder %s, %d dims: fitted and applied once in %s (%s CPU), the vectors are reused by every factory. Retriever (BM25 + vocabulary) built once in %s.\n",
		r.Source, r.Articles, r.Embedder, r.Dim, fmtDur(r.Embed), fmtDur(r.EmbedCPU), fmtDur(r.RetrieverBuild))
	fmt.Fprintf(&b, "- Queries: %d (%s); %d have a non-zero vector and are used for ANN latency and recall.\n",
		r.Queries, kinds(r.QueryKinds), r.ANNQueries)
	fmt.Fprintf(&b, "- ANN: one query per call, k=%d, 1 OpenMP thread, sequential, after a warm-up; the index is read back from its file first. "+
		"Two passes over the queries, one before and one after the whole-path and Python timings, are pooled (so load changes during a run favour no row). "+
		"Recall@%[1]d is against exact inner-product search (Flat), a result tied with the %[1]d-th exact neighbour counting as correct; "+
		"\"R@%[1]d of %[2]d\" is the recall@%[1]d of the best %[1]d of a search for the %[2]d candidates the whole path fetches. "+
		"IVF/PQ training uses %[3]s vectors.\n", r.RecallK, r.Candidates, trainSample(r.TrainSample))
	fmt.Fprintf(&b, "- Whole path: `retrieve.Retriever.SearchTimed` (understand + embed + ANN for %d candidates + BM25 + rerank + diversity), k=%d, same queries, one at a time.\n",
		r.Candidates, r.K)
	if r.Python != "" {
		b.WriteString("- Python: `bench/faiss_compare.py` under /usr/bin/python3 reads the same index file, sets the same settings with `faiss.ParameterSpace`, " +
			"runs the same query vectors one at a time with `omp_set_num_threads(1)`. \"Same ids\" counts queries whose result ids are identical in order, as sets, " +
			"and up to ties (every position holds an article with the same exact similarity: identical texts embed identically); Py recall is the recall of Python's results.\n")
	} else if r.PythonError != "" {
		fmt.Fprintf(&b, "- Python comparison skipped: %s\n", r.PythonError)
	}
	b.WriteString("\n")
	r.table(&b)
	if def := r.find(func(x *Result) bool { return x.Default }); def != nil && def.Path != nil {
		p := def.Path
		fmt.Fprintf(&b, "\nDefault (%s) whole path, p50 per stage: understand %s, embed + ANN %s (embed %s, FAISS search of %d %s), lexical %s, rerank %s; "+
			"total p50 %s, p99 %s, max %s (thread CPU p50 %s, p99 %s).\n",
			r.Default, fmtDur(p.Understand), fmtDur(p.ANN), fmtDur(p.Embed), r.Candidates, fmtDur(p.Search), fmtDur(p.Lexical), fmtDur(p.Rerank),
			fmtDur(p.Total.P50), fmtDur(p.Total.P99), fmtDur(p.Total.Max), fmtDur(p.CPU.P50), fmtDur(p.CPU.P99))
		if len(def.Sweep) > 0 {
			b.WriteString("\nThe default's whole path with other `retrieve.candidates` (same index, same queries):\n\n" +
				"| candidates | p50 | p99 | CPU p50 | CPU p99 | embed + ANN p50 | lexical p50 | rerank p50 |\n|---:|---:|---:|---:|---:|---:|---:|---:|\n")
			for _, sw := range append(def.Sweep, SweepPoint{Candidates: r.Candidates, Path: p}) {
				q := sw.Path
				fmt.Fprintf(&b, "| %d | %s | %s | %s | %s | %s | %s | %s |\n", sw.Candidates, fmtDur(q.Total.P50), fmtDur(q.Total.P99),
					fmtDur(q.CPU.P50), fmtDur(q.CPU.P99), fmtDur(q.ANN), fmtDur(q.Lexical), fmtDur(q.Rerank))
			}
		}
	}
	if s := r.Served; s != nil {
		fmt.Fprintf(&b, "\nServed index (%s, as `stylist index` builds it and the server opens it): index.Build %s wall, %s CPU "+
			"(embed %s, train %s, add %s), FAISS file %s, directory %s, index.Open %s.",
			s.Factory, fmtDur(s.Wall), fmtDur(s.CPU), fmtDur(s.Embed), fmtDur(s.Train), fmtDur(s.Add), mib(s.IndexBytes), mib(s.TotalBytes), fmtDur(s.Open))
		if p := s.Path; p != nil {
			fmt.Fprintf(&b, " Whole path over it (%s): p50 %s, p99 %s, max %s (thread CPU p50 %s, p99 %s); stage p50s: understand %s, embed + ANN %s, lexical %s, rerank %s.",
				s.Label, fmtDur(p.Total.P50), fmtDur(p.Total.P99), fmtDur(p.Total.Max), fmtDur(p.CPU.P50), fmtDur(p.CPU.P99),
				fmtDur(p.Understand), fmtDur(p.ANN), fmtDur(p.Lexical), fmtDur(p.Rerank))
		}
		b.WriteString("\n")
	}
	if cs := r.Check(DefaultTargets()); len(cs) > 0 {
		b.WriteString("\n| target | measured | met |\n|---|---|---|\n")
		for _, c := range cs {
			fmt.Fprintf(&b, "| %s | %s | %s |\n", c.Target, c.Measured, c.verdict())
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// table writes the results table.
func (r *Report) table(b *strings.Builder) {
	var flatBytes int64
	if f := r.find(func(x *Result) bool { return x.Factory == "Flat" && x.Err == "" }); f != nil {
		flatBytes = f.DiskBytes
	}
	py := r.Python != ""
	fmt.Fprintf(b, "| factory | search | train + add (CPU) | disk / memory | %% Flat | ANN p50 | ANN p99 | ANN CPU p50 | recall@%d | R@%d of %d | path p50 | path p99 | path CPU p50 / p99 |", r.RecallK, r.RecallK, r.Candidates)
	cols := 13
	if py {
		b.WriteString(" Py p50 | Py CPU p50 | ours/Py p50 | ours/Py CPU p50 | ours/Py p99 | same ids: in order / as sets / up to ties | Py recall |")
		cols += 7
	}
	b.WriteString("\n|---|---|" + strings.Repeat("---:|", cols-2) + "\n")
	for _, x := range r.Results {
		name := "`" + x.Factory + "`"
		if x.Default {
			name = "**" + name + " (default)**"
		}
		if x.Err != "" {
			fmt.Fprintf(b, "| %s | %s | failed: %s |%s\n", name, x.Label, cell(x.Err), strings.Repeat(" |", cols-3))
			continue
		}
		pct := "-"
		if flatBytes > 0 {
			pct = fmt.Sprintf("%.1f%%", 100*float64(x.DiskBytes)/float64(flatBytes))
		}
		p50, p99, pcpu := "-", "-", "-"
		if x.Path != nil {
			p50, p99, pcpu = fmtDur(x.Path.Total.P50), fmtDur(x.Path.Total.P99), fmtDur(x.Path.CPU.P50)+" / "+fmtDur(x.Path.CPU.P99)
		}
		fmt.Fprintf(b, "| %s | %s | %s (%s) | %s / %s | %s | %s | %s | %s | %.4f | %.4f | %s | %s | %s |", name, x.Label,
			fmtDur(x.Train+x.Add), fmtDur(x.BuildCPU), mib(x.DiskBytes), mib(x.MemBytes), pct,
			fmtDur(x.ANN.P50), fmtDur(x.ANN.P99), fmtDur(x.ANNCPU.P50), x.Recall, x.RecallCand, p50, p99, pcpu)
		if py {
			switch p := x.Python; {
			case p == nil:
				b.WriteString(strings.Repeat(" - |", 7))
			case p.Err != "" && p.Queries == 0:
				fmt.Fprintf(b, " failed: %s |%s", cell(p.Err), strings.Repeat(" |", 6))
			default:
				fmt.Fprintf(b, " %s | %s | %s | %s | %s | %d / %d / %d of %d | %.4f |", fmtDur(p.ANN.P50), fmtDur(p.CPU.P50), fmtRatio(p.Ratio50),
					fmtRatio(p.RatioCPU), fmtRatio(p.Ratio99), p.SameIDs, p.SameSets, p.SameUpToTies, p.Queries, p.Recall)
			}
		}
		b.WriteString("\n")
	}
}

// cell makes text safe inside a Markdown table cell.
func cell(s string) string { return strings.ReplaceAll(strings.ReplaceAll(s, "|", "/"), "\n", " ") }

// fmtDur renders a duration with three significant digits in a readable unit.
func fmtDur(d time.Duration) string {
	switch {
	case d <= 0:
		return "0"
	case d < time.Millisecond:
		return fmt.Sprintf("%.0f µs", float64(d)/float64(time.Microsecond))
	case d < time.Second:
		return fmt.Sprintf("%.2f ms", float64(d)/float64(time.Millisecond))
	case d < time.Minute:
		return fmt.Sprintf("%.1f s", d.Seconds())
	}
	return d.Round(time.Second).String()
}

func fmtRatio(x float64) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return "-"
	}
	return fmt.Sprintf("%.2f", x)
}

func kinds(m map[string]int) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%d %s", m[k], k)
	}
	return strings.Join(parts, ", ")
}

// loadNote says whether the load average suggests contention.
func loadNote(m Machine) string {
	var worst float64
	for _, s := range []string{m.LoadStart, m.LoadEnd} {
		if f := strings.Fields(s); len(f) > 0 {
			var x float64
			if _, err := fmt.Sscan(f[0], &x); err == nil {
				worst = max(worst, x)
			}
		}
	}
	if m.CPUs > 0 && worst > float64(m.CPUs) {
		return "the machine was shared and loaded beyond its CPU count: latencies include waiting for a CPU and are upper bounds"
	}
	return "no significant other load"
}

func trainSample(n int) string {
	if n <= 0 {
		return "all"
	}
	return fmt.Sprintf("up to %d", n)
}

func orUnknown(s string) string {
	if s == "" {
		return "unknown"
	}
	return s
}

// verdict renders whether the target was met, and whether only CPU time meets it.
func (c Check) verdict() string {
	switch {
	case c.Met:
		return "yes"
	case c.MetCPU:
		return "on CPU time only (wall time includes waiting for a CPU)"
	}
	return "**no**"
}
