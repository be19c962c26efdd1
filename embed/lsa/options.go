package lsa

import (
	"fmt"
	"math"

	"github.com/stylistbot/stylist/internal/confcheck"
)

// Options configures Fit: the "index.lsa" section of the configuration file (koanf
// tags name the keys; fields tagged "-" keep DefaultOptions' value). The zero value
// is not usable; start from DefaultOptions.
type Options struct {
	// Dim is the output vector length (number of LSA components). If the corpus has
	// lower rank, the trailing components are zero.
	Dim int `koanf:"dim"`
	// MinDF drops features found in fewer documents.
	MinDF int `koanf:"min_df"`
	// MaxFeatures caps the vocabulary, keeping the features with the highest
	// document frequency.
	MaxFeatures int `koanf:"max_features"`
	// CharNGrams adds character 3- and 4-grams of every word (robust to
	// misspellings, plurals and "tshirt"/"t-shirt" spellings).
	CharNGrams bool `koanf:"char_ngrams"`
	// PowerIters is the number of power (subspace) iterations of the randomized SVD.
	PowerIters int `koanf:"power_iters"`
	// Oversample is the number of extra random directions of the randomized SVD.
	Oversample int `koanf:"-"`
	// Seed makes the randomized SVD reproducible.
	Seed int64 `koanf:"seed"`
	// FieldWeights multiplies the term frequency of each " - "-separated segment of a
	// text (the chunk text is "name - type - colour - index - description"); the last
	// weight applies to all further segments. Weights must be >= 1.
	FieldWeights []float64 `koanf:"-"`
	// OrdinaryWords makes ordinary English words (lexicon.Known: "loves", "dress",
	// "football") features by their whole word only, a plural by its singular
	// ("dresses" → "dress"), without character n-grams, on documents and queries
	// alike: n-grams then serve what they are for (names, compounds, misspellings,
	// words outside the dictionary) and no longer pull "loves" towards "gloves" or
	// "she" towards "shoe". The n-gram block of a text weighs as much as the share
	// of its words that have n-grams. Models saved in format 1 behave as if it
	// were false.
	OrdinaryWords bool `koanf:"-"`
	// WordWeight, BigramWeight and CharWeight scale the separately L2-normalised
	// blocks of word, word-bigram and character n-gram features.
	WordWeight, BigramWeight, CharWeight float64 `koanf:"-"`
	// Workers bounds the goroutines of the analysis and the sparse products; 0 means
	// GOMAXPROCS. It never changes results.
	Workers int `koanf:"-"`
	// Progress, if set, is called with a stage name and progress counts during Fit.
	Progress func(stage string, done, total int) `koanf:"-" json:"-"`
}

// maxDim bounds Options.Dim; LSA gains nothing from thousands of components.
const maxDim = 4096

// DefaultOptions returns the options tuned on the H&M catalog.
func DefaultOptions() Options {
	return Options{
		Dim:           128,
		MinDF:         2,
		MaxFeatures:   30000,
		CharNGrams:    true,
		OrdinaryWords: true,
		PowerIters:    1,
		Oversample:    16,
		Seed:          1,
		FieldWeights:  []float64{1.5, 2, 2, 1, 1},
		WordWeight:    1,
		BigramWeight:  0.5,
		CharWeight:    1,
	}
}

// Validate reports every invalid field as a *confcheck.ConfigError, keyed like the
// configuration file ("dim") or, for fields not in it, by Go name ("Oversample").
func (o Options) Validate() error {
	var v confcheck.Checker
	v.Between("dim", o.Dim, 1, maxDim)
	v.AtLeast("min_df", o.MinDF, 1)
	v.AtLeast("max_features", o.MaxFeatures, 1)
	v.Between("power_iters", o.PowerIters, 0, 20)
	v.AtLeast("Oversample", o.Oversample, 0)
	v.AtLeast("Workers", o.Workers, 0)
	for i, w := range o.FieldWeights {
		v.Check(fmt.Sprintf("FieldWeights[%d]", i), w >= 1 && !math.IsInf(w, 0), fmt.Sprintf("is %v, must be a finite number >= 1", w))
	}
	for _, kw := range []struct {
		name string
		v    float64
	}{{"WordWeight", o.WordWeight}, {"BigramWeight", o.BigramWeight}, {"CharWeight", o.CharWeight}} {
		v.Check(kw.name, kw.v >= 0 && !math.IsInf(kw.v, 0), fmt.Sprintf("is %v, must be a finite number >= 0", kw.v))
	}
	v.Check("WordWeight", o.WordWeight != 0 || o.BigramWeight != 0 || (o.CharWeight != 0 && o.CharNGrams),
		"WordWeight, BigramWeight and CharWeight are all zero")
	return v.Err()
}

// fieldWeight returns the weight of segment i.
func (o *Options) fieldWeight(i int) float64 {
	switch {
	case len(o.FieldWeights) == 0:
		return 1
	case i < len(o.FieldWeights):
		return o.FieldWeights[i]
	default:
		return o.FieldWeights[len(o.FieldWeights)-1]
	}
}

// kindWeights returns the block weights indexed by feature kind.
func (o *Options) kindWeights() [numKinds]float64 {
	return [numKinds]float64{kindWord: o.WordWeight, kindBigram: o.BigramWeight, kindChar: o.CharWeight}
}

// workers returns the effective worker count.
func (o *Options) workers() int {
	if o.Workers > 0 {
		return o.Workers
	}
	return maxProcs()
}
