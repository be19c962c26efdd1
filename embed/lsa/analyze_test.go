package lsa

import (
	"maps"
	"slices"
	"testing"
)

// features returns the analyzer's features of text with their summed weights.
func features(opts Options, text string) map[string]float64 {
	out := map[string]float64{}
	newAnalyzer(&opts).analyze(text, func(key []byte, k kind, w float64) {
		if key[0] != keyPrefix[k] {
			panic("key prefix does not match kind")
		}
		out[string(key)] += w
	})
	return out
}

func TestAnalyzeWords(t *testing.T) {
	o := DefaultOptions()
	o.CharNGrams, o.FieldWeights, o.OrdinaryWords = false, nil, false
	tests := []struct {
		text string
		want []string // all word and bigram features
	}{
		{"Black Sweater", []string{"wblack", "wsweater", "bblack sweater"}},
		{"T-shirt", []string{"wtshirt", "wshirt"}},
		{"t shirt", []string{"wtshirt", "wshirt"}},
		{"V-neck top", []string{"wvneck", "wneck", "wtop", "bvneck top"}},
		{"off-the-shoulder", []string{"wofftheshoulder", "woff", "wshoulder"}},
		{"Men's jeans", []string{"wmens", "wjeans", "bmens jeans"}},
		{"top in the jersey", []string{"wtop", "wjersey", "btop jersey"}},
		{"a dress", []string{"wdress"}},
		{"Sizes 92-140", []string{"wsizes", "w92", "w140", "bsizes 92", "b92 140"}},
		{"Café  crème", []string{"wcafé", "wcrème", "bcafé crème"}},
		{"ÉTÉ", []string{"wété"}},
		{"", nil},
		{" - - ", nil},
	}
	for _, tc := range tests {
		t.Run(tc.text, func(t *testing.T) {
			got := slices.Sorted(maps.Keys(features(o, tc.text)))
			want := slices.Compact(slices.Sorted(slices.Values(tc.want)))
			if !slices.Equal(got, want) {
				t.Errorf("features(%q) = %q, want %q", tc.text, got, want)
			}
		})
	}
}

func TestAnalyzeCharGrams(t *testing.T) {
	o := DefaultOptions()
	o.FieldWeights, o.OrdinaryWords = nil, false
	got := features(o, "knit")
	want := []string{
		"c<kn", "ckni", "cnit", "cit>", // 3-grams of "<knit>"
		"c<kni", "cknit", "cnit>", // 4-grams
		"wknit",
	}
	if g := slices.Sorted(maps.Keys(got)); !slices.Equal(g, slices.Sorted(slices.Values(want))) {
		t.Errorf("features(knit) = %q, want %q", g, want)
	}
	for k, n := range map[string]int{"2024": 1, "ab": 1 + 2 + 1} { // digits get no n-grams; "<ab>" has 2 3-grams and 1 4-gram
		if got := len(features(o, k)); got != n {
			t.Errorf("%q: %d features, want %d", k, got, n)
		}
	}
}

func TestAnalyzeFieldWeights(t *testing.T) {
	o := DefaultOptions()
	o.CharNGrams, o.FieldWeights = false, []float64{3, 2, 1}
	got := features(o, "red - red dress - dress - knit dress - red")
	want := map[string]float64{
		"wred":        3 + 2 + 1, // field 0, 1 and the 5th field (weight of the last)
		"wdress":      2 + 1 + 1,
		"bred dress":  2,
		"wknit":       1,
		"bknit dress": 1,
	}
	if !maps.Equal(got, want) {
		t.Errorf("features = %v, want %v", got, want)
	}
}

func TestAnalyzeFix(t *testing.T) {
	o := DefaultOptions()
	o.CharNGrams, o.FieldWeights = false, nil
	a := newAnalyzer(&o)
	a.fix = func(w []byte) []byte {
		if string(w) == "sweather" {
			return []byte("sweater")
		}
		return nil
	}
	got := map[string]bool{}
	a.analyze("black sweather", func(key []byte, _ kind, _ float64) { got[string(key)] = true })
	want := map[string]bool{"wblack": true, "wsweater": true, "bblack sweater": true}
	if !maps.Equal(got, want) {
		t.Errorf("features = %v, want %v", got, want)
	}
}

func TestAnalyzeSkipsZeroWeightKinds(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(*Options)
		absent kind
	}{
		{"no bigrams", func(o *Options) { o.BigramWeight = 0 }, kindBigram},
		{"no char weight", func(o *Options) { o.CharWeight = 0 }, kindChar},
		{"char n-grams off", func(o *Options) { o.CharNGrams = false }, kindChar},
		{"no words", func(o *Options) { o.WordWeight = 0 }, kindWord},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			o := DefaultOptions()
			tc.mutate(&o)
			seen := map[kind]int{}
			for k := range features(o, "Black wool sweater - Sweater - Haakan") { // a name gets n-grams
				kd, _ := kindOf(k)
				seen[kd]++
			}
			for k := range numKinds {
				if n := seen[k]; (k == tc.absent) != (n == 0) {
					t.Errorf("kind %d: %d features", k, n)
				}
			}
		})
	}
}

// TestAnalyzeOrdinaryWords: with Options.OrdinaryWords an ordinary English word
// is its word, a plural its singular, never character n-grams, so "loves" shares no
// feature with "gloves" nor "she" with "shoe"; names, compounds outside the
// dictionary and misspellings keep their n-grams.
func TestAnalyzeOrdinaryWords(t *testing.T) {
	o := DefaultOptions()
	o.FieldWeights = nil
	tests := []struct {
		text  string
		want  []string // word features
		grams bool     // whether character n-grams are emitted
	}{
		{"loves", []string{"wlove"}, false},
		{"gloves", []string{"wglove"}, false},
		{"she", []string{"wshe"}, false},
		{"dresses", []string{"wdress"}, false},
		{"watches", []string{"wwatch"}, false},
		{"sizes", []string{"wsize"}, false},
		{"hoodies", []string{"whoodie"}, false},
		{"shorts", []string{"wshorts"}, false}, // plural-only: no "short" sleeve
		{"jeans", []string{"wjeans"}, false},
		{"dress", []string{"wdress"}, false},
		{"sports", []string{"wsport"}, false}, // the same feature as "Sport", counted once
		{"haakan", []string{"whaakan"}, true},
		{"ladieswear", []string{"wladieswear"}, true},
		{"sweather", []string{"wsweather"}, true},
	}
	for _, tc := range tests {
		t.Run(tc.text, func(t *testing.T) {
			var words []string
			grams := false
			for k := range features(o, tc.text) {
				switch kd, _ := kindOf(k); kd {
				case kindWord:
					words = append(words, k)
				case kindChar:
					grams = true
				}
			}
			if slices.Sort(words); !slices.Equal(words, slices.Sorted(slices.Values(tc.want))) || grams != tc.grams {
				t.Errorf("%q: words %q, n-grams %v; want %q, %v", tc.text, words, grams, tc.want, tc.grams)
			}
		})
	}
	// The n-gram block weighs as much as the share of words that have n-grams.
	a := newAnalyzer(&o)
	for _, tc := range []struct {
		text  string
		share float64
	}{{"gift for my boyfriend who loves football", 0}, {"haakan", 1}, {"haakan gloves", 0.5}} {
		a.analyze(tc.text, func([]byte, kind, float64) {})
		if got := a.charShare(); got != tc.share {
			t.Errorf("charShare(%q) = %v, want %v", tc.text, got, tc.share)
		}
	}
	o.OrdinaryWords = false
	a = newAnalyzer(&o)
	if a.analyze("loves", func([]byte, kind, float64) {}); a.charShare() != 1 {
		t.Errorf("charShare without OrdinaryWords = %v, want 1", a.charShare())
	}
}
