package lsa

import (
	"bytes"
	"context"
	"math"
	"runtime"
	"runtime/metrics"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// realFit is the default model fitted once on the real catalog.
var realFit struct {
	once  sync.Once
	rows  []catalogRow
	texts []string
	model *Model
	vecs  [][]float32
	err   error
}

// fitReal fits DefaultOptions on the real catalog once per test binary; it skips
// in -short mode or when the catalog is absent.
func fitReal(tb testing.TB) (*Model, [][]float32, []catalogRow) {
	tb.Helper()
	if testing.Short() {
		tb.Skip("fits the real catalog; skipped in -short mode")
	}
	rows := loadRealCatalog(tb)
	realFit.once.Do(func() {
		realFit.rows = rows
		realFit.texts = catalogTexts(rows)
		realFit.model, realFit.vecs, realFit.err = FitTransform(context.Background(), realFit.texts, DefaultOptions())
	})
	if realFit.err != nil {
		tb.Fatal(realFit.err)
	}
	return realFit.model, realFit.vecs, realFit.rows
}

func catalogTexts(rows []catalogRow) []string {
	texts := make([]string, len(rows))
	for i, r := range rows {
		texts[i] = r.text
	}
	return texts
}

// qualityProbe is a query with the product types and colour a good hit has.
type qualityProbe struct {
	query  string
	types  []string
	colour string // substring of colour_group_name, lowercase; "" = any
}

var qualityProbes = []qualityProbe{
	{"black sweater", []string{"Sweater"}, "black"},
	{"white t-shirt", []string{"T-shirt"}, "white"},
	{"waterproof jacket", []string{"Jacket", "Coat"}, ""},
	{"denim jeans women", []string{"Trousers"}, ""}, // H&M files jeans under "Trousers"
	{"yellow summer dress", []string{"Dress"}, "yellow"},
	{"jogging trousers", []string{"Trousers"}, ""},
	// Misspellings and spelling variants.
	{"black sweather", []string{"Sweater"}, "black"},
	{"white tshirt", []string{"T-shirt"}, "white"},
	{"rain jaket", []string{"Jacket", "Coat"}, ""},
	{"blue jeens", []string{"Trousers"}, "blue"},
	{"grey hoodies", []string{"Hoodie"}, "grey"},
}

// topK returns the indexes of the k vectors most similar to q.
func topK(q []float32, vecs [][]float32, k int) []int {
	idx := make([]int, len(vecs))
	score := make([]float64, len(vecs))
	for i, v := range vecs {
		idx[i], score[i] = i, dot(q, v)
	}
	slices.SortStableFunc(idx, func(a, b int) int { return -cmpFloat(score[a], score[b]) })
	return idx[:k]
}

// TestRealCatalogQuality measures, for each probe, the share of the 20 nearest
// articles whose product type (and colour) matches.
func TestRealCatalogQuality(t *testing.T) {
	m, vecs, rows := fitReal(t)
	st := m.Stats()
	t.Logf("fitted %d docs: %d features, %d nonzeros, rank %d; analyse %v, matrix %v, svd %v, project %v",
		st.Docs, st.Features, st.NNZ, st.Rank, st.Analyse, st.Matrix, st.SVD, st.Project)
	const k = 20
	var sumType float64
	for _, p := range qualityProbes {
		q, err := m.EmbedQuery(context.Background(), p.query)
		if err != nil {
			t.Fatal(err)
		}
		typeHits, colourHits := 0, 0
		for _, i := range topK(q, vecs, k) {
			if slices.Contains(p.types, rows[i].productType) {
				typeHits++
			}
			if strings.Contains(strings.ToLower(rows[i].colour), p.colour) {
				colourHits++
			}
		}
		share := float64(typeHits) / k
		sumType += share
		if p.colour == "" {
			t.Logf("%-22q type %2d/%d", p.query, typeHits, k)
		} else {
			t.Logf("%-22q type %2d/%d colour %2d/%d", p.query, typeHits, k, colourHits, k)
		}
		if share < 0.7 {
			t.Errorf("%q: only %d of the top %d have type %v", p.query, typeHits, k, p.types)
		}
		if p.colour != "" && colourHits < k*7/10 {
			t.Errorf("%q: only %d of the top %d have colour %q", p.query, colourHits, k, p.colour)
		}
	}
	if mean := sumType / float64(len(qualityProbes)); mean < 0.9 {
		t.Errorf("mean type share %.3f, want >= 0.9", mean)
	} else {
		t.Logf("mean type share %.3f", mean)
	}
}

// TestRealCatalogConsistency checks FitTransform against EmbedDocuments and a
// save/load round trip on the real model.
func TestRealCatalogConsistency(t *testing.T) {
	m, vecs, rows := fitReal(t)
	sample := make([]string, 0, 500)
	for i := 0; i < len(rows); i += len(rows) / 500 {
		sample = append(sample, rows[i].text)
	}
	again, err := m.EmbedDocuments(context.Background(), sample)
	if err != nil {
		t.Fatal(err)
	}
	for j, v := range again {
		i := j * (len(rows) / 500)
		if c := dot(v, vecs[i]); !(c > 0.999) {
			t.Errorf("article %d: cosine(FitTransform, EmbedDocuments) = %v", i, c)
		}
	}
	for i, v := range vecs {
		if n := dot(v, v); math.IsNaN(n) || (n != 0 && math.Abs(n-1) > 1e-4) {
			t.Fatalf("article %d: squared norm %v", i, n)
		}
	}
	var buf bytes.Buffer
	if err := m.Save(&buf); err != nil {
		t.Fatal(err)
	}
	t.Logf("saved model: %.1f MB", float64(buf.Len())/1e6)
	l, err := Load(&buf)
	if err != nil {
		t.Fatal(err)
	}
	a, _ := m.EmbedQuery(context.Background(), "black sweater")
	b, _ := l.EmbedQuery(context.Background(), "black sweater")
	if l.ID() != m.ID() || !slices.Equal(a, b) {
		t.Error("loaded model differs")
	}
}

// peakHeap samples the live heap until stop is closed and returns the maximum.
func peakHeap(stop <-chan struct{}) <-chan uint64 {
	out := make(chan uint64, 1)
	go func() {
		s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
		var peak uint64
		tick := time.NewTicker(20 * time.Millisecond)
		defer tick.Stop()
		for {
			metrics.Read(s)
			peak = max(peak, s[0].Value.Uint64())
			select {
			case <-stop:
				out <- peak
				return
			case <-tick.C:
			}
		}
	}()
	return out
}

// BenchmarkFitTransformRealCatalog fits the default model on the whole real
// catalog (run with -benchtime=1x; one fit takes tens of seconds).
func BenchmarkFitTransformRealCatalog(b *testing.B) {
	rows := loadRealCatalog(b)
	texts := catalogTexts(rows)
	runtime.GC()
	stop := make(chan struct{})
	peak := peakHeap(stop)
	var m *Model
	for b.Loop() {
		var err error
		if m, _, err = FitTransform(context.Background(), texts, DefaultOptions()); err != nil {
			b.Fatal(err)
		}
	}
	close(stop)
	st := m.Stats()
	b.ReportMetric(float64(<-peak)/(1<<20), "peak-heap-MiB")
	b.ReportMetric(st.Analyse.Seconds(), "analyse-s")
	b.ReportMetric(st.Matrix.Seconds(), "matrix-s")
	b.ReportMetric(st.SVD.Seconds(), "svd-s")
	b.ReportMetric(st.Project.Seconds(), "project-s")
	b.ReportMetric(float64(st.NNZ), "nnz")
	var buf bytes.Buffer
	if err := m.Save(&buf); err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(buf.Len())/1e6, "model-MB")
}

// BenchmarkEmbedDocumentsRealCatalog embeds the whole real catalog with a fitted model.
func BenchmarkEmbedDocumentsRealCatalog(b *testing.B) {
	m, _, rows := fitReal(b)
	texts := catalogTexts(rows)
	for b.Loop() {
		if _, err := m.EmbedDocuments(context.Background(), texts); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(texts))*float64(b.N)/b.Elapsed().Seconds(), "vectors/s")
}

// BenchmarkEmbedQueryRealCatalog embeds short queries (some misspelled) with the
// real model.
func BenchmarkEmbedQueryRealCatalog(b *testing.B) {
	m, _, _ := fitReal(b)
	i := 0
	for b.Loop() {
		if _, err := m.EmbedQuery(context.Background(), qualityProbes[i%len(qualityProbes)].query); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// BenchmarkEmbedQueryToy embeds queries with the small toy model (no catalog needed).
func BenchmarkEmbedQueryToy(b *testing.B) {
	m, err := Fit(context.Background(), toyCorpus, toyOptions())
	if err != nil {
		b.Fatal(err)
	}
	i := 0
	for b.Loop() {
		if _, err := m.EmbedQuery(context.Background(), qualityProbes[i%len(qualityProbes)].query); err != nil {
			b.Fatal(err)
		}
		i++
	}
}
