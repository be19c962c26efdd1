package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/stylistbot/stylist/catalog"
	"github.com/stylistbot/stylist/index/faiss"
)

// demoOptions returns options for a small run over the demo catalog.
func demoOptions(t testing.TB, specs string, queries int) Options {
	t.Helper()
	cat, _, err := catalog.Demo()
	if err != nil {
		t.Fatal(err)
	}
	sp, err := ParseSpecs(specs)
	if err != nil {
		t.Fatal(err)
	}
	o := DefaultOptions()
	o.Articles, o.Source, o.Specs, o.Queries, o.Warmup = cat.Articles, "demo", sp, queries, 5
	o.TempDir = t.TempDir()
	return o
}

func TestRunDemo(t *testing.T) {
	o := demoOptions(t, "Flat; HNSW32 ef=16,64; IVF8,Flatt", 60)
	o.DefaultSpec, o.DefaultParams = "HNSW32", faiss.SearchParams{EfSearch: 64}
	o.WholePathAll = false
	python := ""
	if _, err := PythonVersion(context.Background(), DefaultPython); err == nil {
		python = DefaultPython
	} else {
		t.Logf("python comparison not tested: %v", err)
	}
	o.Python = python
	// Identical ids need FAISS's own HNSW search on both sides; the shim's
	// walker (index/faiss/shim_hnsw.cpp) finds the same or nearer neighbours
	// in another order and has its own tests (TestHNSWWalker).
	t.Setenv("STYLIST_FAISS_NATIVE_HNSW", "1")
	o.ServedDir = t.TempDir()
	o.CandidateSweep = []int{50}
	var log bytes.Buffer
	o.Log = &log
	rep, err := Run(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Results) != 4 {
		t.Fatalf("got %d results, want 4 (Flat, HNSW32 x2, failed factory):\n%s", len(rep.Results), log.String())
	}
	if rep.Queries != 60 || rep.ANNQueries == 0 || rep.ANNQueries > 60 || rep.RecallK != 20 {
		t.Fatalf("queries %d, ann queries %d, recall k %d", rep.Queries, rep.ANNQueries, rep.RecallK)
	}
	flat, lo, hi, bad := rep.Results[0], rep.Results[1], rep.Results[2], rep.Results[3]
	if flat.Err != "" || flat.Recall != 1 || flat.RecallIDs < 0.99 {
		t.Errorf("Flat: err %q recall %v id recall %v; exact search must find the exact answers", flat.Err, flat.Recall, flat.RecallIDs)
	}
	if flat.DiskBytes < int64(len(o.Articles))*int64(rep.Dim)*4 || flat.MemBytes <= 0 {
		t.Errorf("Flat: %d bytes on disk, %d in memory, want at least the raw vectors", flat.DiskBytes, flat.MemBytes)
	}
	if lo.Label != "ef=16" || hi.Label != "ef=64" || !hi.Default || lo.Default {
		t.Errorf("HNSW rows: %q default=%v, %q default=%v", lo.Label, lo.Default, hi.Label, hi.Default)
	}
	if !(hi.Recall >= lo.Recall && hi.Recall > 0.5 && hi.Recall <= 1) {
		t.Errorf("HNSW recall ef=16 %.3f, ef=64 %.3f: want 0.5 < ef16 <= ef64 <= 1", lo.Recall, hi.Recall)
	}
	if hi.Path == nil || hi.Path.Total.N != 60 || hi.Path.Total.P50 <= 0 || hi.Path.CPU.N != 60 || hi.Path.CPU.P50 <= 0 || lo.Path != nil ||
		hi.Path.Embed <= 0 || hi.Path.Search <= 0 || hi.Path.Embed+hi.Path.Search > hi.Path.Total.Max {
		t.Errorf("whole path: default %+v, ef=16 %+v; want it timed for the default only", hi.Path, lo.Path)
	}
	for _, r := range rep.Results[:3] {
		if r.ANN.N != 2*rep.ANNQueries || r.ANN.P50 <= 0 || r.ANN.P99 < r.ANN.P50 {
			t.Errorf("%s %s: ANN latency %+v", r.Factory, r.Label, r.ANN)
		}
		// One thread searches, so its CPU time cannot exceed the wall time, give or
		// take the two clock reads around each search that only the CPU time includes.
		if r.ANNCPU.N != r.ANN.N || r.ANNCPU.P50 <= 0 || r.ANNCPU.P50 > r.ANN.P50+10*time.Microsecond || r.BuildCPU <= 0 {
			t.Errorf("%s %s: ANN CPU %+v vs wall %+v, build CPU %v", r.Factory, r.Label, r.ANNCPU, r.ANN, r.BuildCPU)
		}
	}
	if len(hi.Sweep) != 1 || hi.Sweep[0].Candidates != 50 || hi.Sweep[0].Path.Total.N != 60 || lo.Sweep != nil {
		t.Errorf("candidate sweep: default %+v, ef=16 %+v", hi.Sweep, lo.Sweep)
	}
	if s := rep.Served; s == nil || s.Path == nil || s.Path.Total.N != 60 || s.IndexBytes <= 0 || s.TotalBytes <= s.IndexBytes || s.Factory != "HNSW32" {
		t.Errorf("served index: %+v", s)
	}
	if bad.Err == "" || !strings.Contains(bad.Factory, "Flatt") {
		t.Errorf("a rejected factory must give a failed row, got %+v", bad)
	}
	if python != "" {
		// Same index file, same settings, same query vectors: identical ids in
		// both languages (this also checks that per-call settings really apply).
		for _, r := range rep.Results[:3] {
			p := r.Python
			if p == nil || p.Err != "" || p.Queries != rep.ANNQueries || p.SameIDs != p.Queries || p.SameSets != p.Queries ||
				!(p.Ratio50 > 0) || !(p.RatioCPU > 0) || p.Recall != r.Recall || p.SameUpToTies != p.Queries || r.ANN.N != 2*rep.ANNQueries {
				t.Errorf("%s %s: python %+v, our recall %v; want identical ids for every query", r.Factory, r.Label, p, r.Recall)
			}
		}
	}

	var md bytes.Buffer
	if err := rep.WriteMarkdown(&md, "stylist bench --queries 60"); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"`stylist bench --queries 60`", "| `Flat` | - |", "**`HNSW32` (default)** | ef=64", "failed:", "whole path p50", "Served index (HNSW32", "| 50 | "} {
		if !strings.Contains(md.String(), want) {
			t.Errorf("markdown lacks %q:\n%s", want, md.String())
		}
	}
	var js bytes.Buffer
	if err := rep.WriteJSON(&js); err != nil {
		t.Fatal(err)
	}
	var back Report
	if err := json.Unmarshal(js.Bytes(), &back); err != nil || len(back.Results) != 4 || back.Results[2].ANN != hi.ANN {
		t.Errorf("JSON round trip: %v, %+v", err, back.Results)
	}
}
