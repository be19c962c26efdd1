package lsa

import (
	"context"
	"errors"
	"math"
	"slices"
	"strings"
	"testing"
)

// toyOptions are DefaultOptions scaled down for the toy corpus.
func toyOptions() Options {
	o := DefaultOptions()
	o.Dim, o.MinDF = 24, 1
	return o
}

func fitToy(t *testing.T) (*Model, [][]float32) {
	t.Helper()
	m, vecs, err := FitTransform(context.Background(), toyCorpus, toyOptions())
	if err != nil {
		t.Fatal(err)
	}
	return m, vecs
}

func dot(a, b []float32) float64 {
	var s float64
	for i := range a {
		s += float64(a[i]) * float64(b[i])
	}
	return s
}

// ranking returns the corpus indexes ordered by decreasing cosine with the query.
func ranking(t *testing.T, m *Model, vecs [][]float32, query string) []int {
	t.Helper()
	q, err := m.EmbedQuery(context.Background(), query)
	if err != nil {
		t.Fatal(err)
	}
	idx := make([]int, len(vecs))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int {
		da, db := dot(q, vecs[a]), dot(q, vecs[b])
		switch {
		case da > db:
			return -1
		case da < db:
			return 1
		}
		return 0
	})
	return idx
}

// field returns segment i of a toy text.
func field(text string, i int) string { return strings.Split(text, " - ")[i] }

func TestToyQueriesRankTheRightProducts(t *testing.T) {
	m, vecs := fitToy(t)
	tests := []struct {
		query       string
		wantType    string // every one of the top n has this product type
		wantColour  string // and, if set, the first hit has this colour
		n           int
		belowType   string // every item of this type and colour ranks below the top n
		belowColour string
	}{
		{query: "black sweater", wantType: "Sweater", wantColour: "Black", n: 2, belowType: "T-shirt", belowColour: "White"},
		{query: "sweather", wantType: "Sweater", n: 3, belowType: "T-shirt"},
		{query: "black sweaters", wantType: "Sweater", wantColour: "Black", n: 2, belowType: "T-shirt"},
		{query: "white t-shirt", wantType: "T-shirt", wantColour: "White", n: 2, belowType: "Sweater", belowColour: "White"},
		{query: "white tshirt", wantType: "T-shirt", wantColour: "White", n: 2, belowType: "Dress", belowColour: "White"},
		{query: "white t shirt", wantType: "T-shirt", wantColour: "White", n: 2, belowType: "Dress", belowColour: "White"},
		{query: "waterproof jacket", wantType: "Jacket", n: 2, belowType: "Trousers"},
		{query: "yellow summer dress", wantType: "Dress", wantColour: "Yellow", n: 1, belowType: "Jacket", belowColour: "Yellow"},
		{query: "denim jeans", wantType: "Trousers", n: 3, belowType: "Sweater"},
		{query: "jogging trousers", wantType: "Trousers", n: 1, belowType: "Dress"},
	}
	for _, tc := range tests {
		t.Run(tc.query, func(t *testing.T) {
			r := ranking(t, m, vecs, tc.query)
			var top []string
			for _, i := range r[:tc.n] {
				top = append(top, toyCorpus[i])
				if got := field(toyCorpus[i], 1); got != tc.wantType {
					t.Errorf("top %d hit %q has type %q, want %q", tc.n, toyCorpus[i], got, tc.wantType)
				}
			}
			if tc.wantColour != "" {
				if got := field(toyCorpus[r[0]], 2); got != tc.wantColour {
					t.Errorf("first hit %q has colour %q, want %q", toyCorpus[r[0]], got, tc.wantColour)
				}
			}
			for pos, i := range r {
				if field(toyCorpus[i], 1) == tc.belowType && (tc.belowColour == "" || field(toyCorpus[i], 2) == tc.belowColour) && pos < tc.n {
					t.Errorf("%q ranks at %d, inside the top %d", toyCorpus[i], pos, tc.n)
				}
			}
			if t.Failed() {
				t.Logf("top: %q", top)
			}
		})
	}
}

func TestFitTransformMatchesEmbedDocuments(t *testing.T) {
	m, vecs := fitToy(t)
	again, err := m.EmbedDocuments(context.Background(), toyCorpus)
	if err != nil {
		t.Fatal(err)
	}
	for i := range vecs {
		if c := dot(vecs[i], again[i]); c < 0.9999 {
			t.Errorf("doc %d: cosine(FitTransform, EmbedDocuments) = %v, want ~1", i, c)
		}
		if n := dot(vecs[i], vecs[i]); math.Abs(n-1) > 1e-5 {
			t.Errorf("doc %d: squared norm %v, want 1", i, n)
		}
	}
}

func TestFitIsDeterministicAndIndependentOfWorkers(t *testing.T) {
	o1, o2 := toyOptions(), toyOptions()
	o1.Workers, o2.Workers = 1, 3
	m1, v1, err := FitTransform(context.Background(), toyCorpus, o1)
	if err != nil {
		t.Fatal(err)
	}
	m2, v2, err := FitTransform(context.Background(), toyCorpus, o2)
	if err != nil {
		t.Fatal(err)
	}
	if m1.ID() != m2.ID() {
		t.Errorf("IDs differ: %s vs %s", m1.ID(), m2.ID())
	}
	for i := range v1 {
		if !slices.Equal(v1[i], v2[i]) {
			t.Fatalf("doc %d vectors differ between Workers=1 and Workers=3", i)
		}
	}
	o3 := toyOptions()
	o3.Seed = 99
	m3, err := Fit(context.Background(), toyCorpus, o3)
	if err != nil {
		t.Fatal(err)
	}
	if m3.ID() == m1.ID() {
		t.Errorf("a different seed gave the same ID %s", m1.ID())
	}
}

func TestModelShape(t *testing.T) {
	m, vecs := fitToy(t)
	if m.Dim() != 24 || len(vecs[0]) != 24 {
		t.Fatalf("Dim() = %d, len = %d, want 24", m.Dim(), len(vecs[0]))
	}
	if !strings.HasPrefix(m.ID(), "lsa/v2/d24/") || len(m.ID()) != len("lsa/v2/d24/")+16 {
		t.Errorf("ID() = %q", m.ID())
	}
	st := m.Stats()
	if st.Docs != len(toyCorpus) || st.Features == 0 || st.Rank == 0 || st.Rank > 24 || len(st.Sigma) != st.Rank {
		t.Errorf("stats = %+v", st)
	}
	if !slices.IsSortedFunc(st.Sigma, func(a, b float64) int { return -cmpFloat(a, b) }) {
		t.Errorf("singular values not decreasing: %v", st.Sigma)
	}
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func TestDimAboveRankPadsWithZeros(t *testing.T) {
	o := toyOptions()
	o.Dim = 100 // the toy corpus has rank <= 30
	m, vecs, err := FitTransform(context.Background(), toyCorpus, o)
	if err != nil {
		t.Fatal(err)
	}
	rank := m.Stats().Rank
	if m.Dim() != 100 || rank > len(toyCorpus) {
		t.Fatalf("Dim() = %d rank = %d", m.Dim(), rank)
	}
	for i, v := range vecs {
		for j := rank; j < len(v); j++ {
			if v[j] != 0 {
				t.Fatalf("doc %d component %d = %v beyond rank %d", i, j, v[j], rank)
			}
		}
	}
}

func TestQueriesWithoutKnownFeatures(t *testing.T) {
	m, _ := fitToy(t)
	tests := []struct {
		name, text string
		zero       bool
	}{
		{"empty", "", true},
		{"punctuation", " - !!! - ", true},
		{"stop words", "the and of", true},
		{"unknown word shares char n-grams", "sweaterish", false},
		{"digits only", "12345", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			v, err := m.EmbedQuery(context.Background(), tc.text)
			if err != nil {
				t.Fatal(err)
			}
			n := dot(v, v)
			if math.IsNaN(n) {
				t.Fatal("NaN in vector")
			}
			if tc.zero && n != 0 {
				t.Errorf("squared norm %v, want a zero vector", n)
			}
			if !tc.zero && math.Abs(n-1) > 1e-5 {
				t.Errorf("squared norm %v, want 1", n)
			}
		})
	}
}

func TestFitErrors(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Fit(ctx, toyCorpus, toyOptions()); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled context: err = %v", err)
	}
	if _, err := Fit(context.Background(), nil, toyOptions()); !errors.Is(err, ErrEmptyCorpus) {
		t.Errorf("no texts: err = %v", err)
	}
	if _, err := Fit(context.Background(), []string{"!!", "the"}, toyOptions()); !errors.Is(err, ErrEmptyCorpus) {
		t.Errorf("no features: err = %v", err)
	}
	o := toyOptions()
	o.MinDF = 1000
	if _, err := Fit(context.Background(), toyCorpus, o); !errors.Is(err, ErrEmptyCorpus) {
		t.Errorf("MinDF above corpus size: err = %v", err)
	}
	o = toyOptions()
	o.Dim = 0
	if _, err := Fit(context.Background(), toyCorpus, o); err == nil || !strings.Contains(err.Error(), "lsa: options: dim: is 0") {
		t.Errorf("Dim 0: err = %v", err)
	}
}

func TestEmbedDocumentsHonoursContext(t *testing.T) {
	m, _ := fitToy(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := m.EmbedDocuments(ctx, toyCorpus); !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}

func TestOptionsValidate(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(*Options)
		field  string // "" = valid
	}{
		{"defaults", func(*Options) {}, ""},
		{"dim", func(o *Options) { o.Dim = 0 }, "dim"},
		{"dim too big", func(o *Options) { o.Dim = 5000 }, "dim"},
		{"min df", func(o *Options) { o.MinDF = 0 }, "min_df"},
		{"max features", func(o *Options) { o.MaxFeatures = 0 }, "max_features"},
		{"power iters", func(o *Options) { o.PowerIters = -1 }, "power_iters"},
		{"oversample", func(o *Options) { o.Oversample = -2 }, "Oversample"},
		{"workers", func(o *Options) { o.Workers = -1 }, "Workers"},
		{"field weight below 1", func(o *Options) { o.FieldWeights = []float64{2, 0.5} }, "FieldWeights[1]"},
		{"field weight NaN", func(o *Options) { o.FieldWeights = []float64{math.NaN()} }, "FieldWeights[0]"},
		{"bigram weight", func(o *Options) { o.BigramWeight = -1 }, "BigramWeight"},
		{"char weight inf", func(o *Options) { o.CharWeight = math.Inf(1) }, "CharWeight"},
		{"all weights zero", func(o *Options) { o.WordWeight, o.BigramWeight, o.CharWeight = 0, 0, 0 }, "WordWeight"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			o := DefaultOptions()
			tc.mutate(&o)
			err := o.Validate()
			switch {
			case tc.field == "" && err != nil:
				t.Errorf("unexpected error %v", err)
			case tc.field != "" && (err == nil || !strings.Contains(err.Error(), tc.field+": ")):
				t.Errorf("err = %v, want one naming %s", err, tc.field)
			}
		})
	}
}

func TestFitReportsProgress(t *testing.T) {
	o := toyOptions()
	o.PowerIters = 2
	last := map[string][2]int{}
	o.Progress = func(stage string, done, total int) {
		if prev, ok := last[stage]; ok && done < prev[0] {
			t.Errorf("%s went back from %d to %d", stage, prev[0], done)
		}
		last[stage] = [2]int{done, total}
	}
	m, err := Fit(context.Background(), toyCorpus, o)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][2]int{"lsa: analyse": {len(toyCorpus), len(toyCorpus)}, "lsa: svd": {3, 3}}
	for stage, w := range want {
		if last[stage] != w {
			t.Errorf("last %s progress = %v, want %v", stage, last[stage], w)
		}
	}
	if m.Options().Progress != nil {
		t.Error("the model keeps the Progress callback")
	}
}
