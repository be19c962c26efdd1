package bench

import (
	"bytes"
	"context"
	_ "embed"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/stylistbot/stylist/index/faiss"
)

// compareScript is faiss_compare.py, written next to the index files at run time.
//
//go:embed faiss_compare.py
var compareScript []byte

// pyRunner runs faiss_compare.py on index files with the corpus's ANN queries.
type pyRunner struct {
	python, script, queries, tmp string
	k                            int
	version                      string
}

// pyRun is the outcome of one search setting in Python.
type pyRun struct {
	Applied   map[string]float64 `json:"applied"`
	Ignored   []string           `json:"ignored"`
	Latencies []int64            `json:"latencies_ns"`
	CPU       []int64            `json:"cpu_ns"`
	IDs       [][]int64          `json:"ids"`
}

// PythonVersion returns the faiss version python can import, or an error
// saying why it cannot (no interpreter, no python3-faiss).
func PythonVersion(ctx context.Context, python string) (string, error) {
	dir, err := os.MkdirTemp("", "stylist-bench-py-")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(dir)
	script := filepath.Join(dir, "faiss_compare.py")
	if err := os.WriteFile(script, compareScript, 0o644); err != nil {
		return "", err
	}
	return probe(ctx, python, script)
}

func probe(ctx context.Context, python, script string) (string, error) {
	var stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, python, "-I", script, "--version")
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("%s cannot import faiss: %v: %s", python, err, lastLine(stderr.String()))
	}
	return strings.TrimSpace(string(out)), nil
}

// newPyRunner writes the script and the query vectors into tmp and checks that python imports faiss.
func newPyRunner(ctx context.Context, python, tmp string, c *corpus) (*pyRunner, error) {
	p := &pyRunner{python: python, script: filepath.Join(tmp, "faiss_compare.py"), queries: filepath.Join(tmp, "queries.npy"), tmp: tmp, k: c.k}
	if err := os.WriteFile(p.script, compareScript, 0o644); err != nil {
		return nil, err
	}
	v, err := probe(ctx, python, p.script)
	if err != nil {
		return nil, err
	}
	p.version = v
	if err := writeNPY(p.queries, c.qvecs, len(c.annQ), c.dim); err != nil {
		return nil, err
	}
	return p, nil
}

// run searches the index file at path with each setting, as the Go side did.
func (p *pyRunner) run(ctx context.Context, path string, params []faiss.SearchParams, warmup int) ([]pyRun, error) {
	type setting struct {
		EfSearch  int     `json:"efSearch"`
		NProbe    int     `json:"nprobe"`
		KFactorRF float32 `json:"k_factor_rf"`
	}
	job := struct {
		Index   string    `json:"index"`
		Queries string    `json:"queries"`
		K       int       `json:"k"`
		Warmup  int       `json:"warmup"`
		Runs    []setting `json:"runs"`
	}{Index: path, Queries: p.queries, K: p.k, Warmup: warmup}
	for _, s := range params {
		job.Runs = append(job.Runs, setting{s.EfSearch, s.NProbe, s.KFactorRF})
	}
	b, err := json.Marshal(job)
	if err != nil {
		return nil, err
	}
	jobPath := filepath.Join(p.tmp, "job.json")
	if err := os.WriteFile(jobPath, b, 0o644); err != nil {
		return nil, err
	}
	var stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, p.python, "-I", p.script, jobPath)
	cmd.Stderr = &stderr
	cmd.Env = append(os.Environ(), "OMP_NUM_THREADS=1")
	cmd.Dir = p.tmp // with -I, a stray module in the caller's directory cannot shadow the stdlib
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("faiss_compare.py: %v: %s", err, lastLine(stderr.String()))
	}
	var res struct {
		Runs []pyRun `json:"runs"`
	}
	if err := json.Unmarshal(out, &res); err != nil {
		return nil, fmt.Errorf("faiss_compare.py: bad output: %w", err)
	}
	if len(res.Runs) != len(params) {
		return nil, fmt.Errorf("faiss_compare.py: %d runs for %d settings", len(res.Runs), len(params))
	}
	return res.Runs, nil
}

// comparePython summarises Python's run i against ours (latency and ids).
func comparePython(ours, ourCPU Latency, ourIDs [][]int64, runs []pyRun, i int, err error) *PythonStats {
	if err != nil {
		return &PythonStats{Err: err.Error()}
	}
	r := runs[i]
	st := &PythonStats{ANN: Summarize(durations(r.Latencies)), CPU: Summarize(durations(r.CPU)), Queries: len(ourIDs)}
	if len(r.IDs) != len(ourIDs) {
		st.Err = fmt.Sprintf("python answered %d queries, we asked %d", len(r.IDs), len(ourIDs))
		return st
	}
	st.Ratio50, st.Ratio99, st.RatioCPU = ratio(ours.P50, st.ANN.P50), ratio(ours.P99, st.ANN.P99), ratio(ourCPU.P50, st.CPU.P50)
	for j := range ourIDs {
		if slices.Equal(ourIDs[j], r.IDs[j]) {
			st.SameIDs++
		}
		if sameSet(ourIDs[j], r.IDs[j]) {
			st.SameSets++
		}
	}
	return st
}

func durations(ns []int64) []time.Duration {
	ds := make([]time.Duration, len(ns))
	for i, n := range ns {
		ds[i] = time.Duration(n)
	}
	return ds
}

func ratio(a, b time.Duration) float64 {
	if b <= 0 {
		return math.NaN()
	}
	return float64(a) / float64(b)
}

// sameSet reports whether a and b hold the same ids, in any order.
func sameSet(a, b []int64) bool {
	if len(a) != len(b) {
		return false
	}
	x, y := slices.Clone(a), slices.Clone(b)
	slices.Sort(x)
	slices.Sort(y)
	return slices.Equal(x, y)
}

// writeNPY writes rows x cols float32 values as a NumPy .npy file (format 1.0).
func writeNPY(path string, data []float32, rows, cols int) error {
	header := fmt.Sprintf("{'descr': '<f4', 'fortran_order': False, 'shape': (%d, %d), }", rows, cols)
	// Magic (6) + version (2) + header length (2) + header + '\n' must be a multiple of 64.
	pad := 64 - (10+len(header)+1)%64
	header += strings.Repeat(" ", pad%64) + "\n"
	var b bytes.Buffer
	b.WriteString("\x93NUMPY\x01\x00")
	_ = binary.Write(&b, binary.LittleEndian, uint16(len(header)))
	b.WriteString(header)
	_ = binary.Write(&b, binary.LittleEndian, data[:rows*cols])
	return os.WriteFile(path, b.Bytes(), 0o644)
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return lines[len(lines)-1]
}
