package lsa

import (
	"fmt"
	"math"
)

// Options configures Fit. The zero value is not usable; start from DefaultOptions.
type Options struct {
	// Dim is the output vector length (number of LSA components). If the corpus has
	// lower rank, the trailing components are zero.
	Dim int
	// MinDF drops features found in fewer documents.
	MinDF int
	// MaxFeatures caps the vocabulary, keeping the features with the highest
	// document frequency.
	MaxFeatures int
	// CharNGrams adds character 3- and 4-grams of every word (robust to
	// misspellings, plurals and "tshirt"/"t-shirt" spellings).
	CharNGrams bool
	// PowerIters is the number of power (subspace) iterations of the randomized SVD.
	PowerIters int
	// Oversample is the number of extra random directions of the randomized SVD.
	Oversample int
	// Seed makes the randomized SVD reproducible.
	Seed int64
	// FieldWeights multiplies the term frequency of each " - "-separated segment of a
	// text (the chunk text is "name - type - colour - index - description"); the last
	// weight applies to all further segments. Weights must be >= 1.
	FieldWeights []float64
	// WordWeight, BigramWeight and CharWeight scale the separately L2-normalised
	// blocks of word, word-bigram and character n-gram features.
	WordWeight, BigramWeight, CharWeight float64
	// Workers bounds the goroutines of the analysis and the sparse products; 0 means
	// GOMAXPROCS. It never changes results.
	Workers int
	// Progress, if set, is called with a stage name and progress counts during Fit.
	Progress func(stage string, done, total int)
}

// maxDim bounds Options.Dim; LSA gains nothing from thousands of components.
const maxDim = 4096

// DefaultOptions returns the options tuned on the H&M catalog.
func DefaultOptions() Options {
	return Options{
		Dim:          256,
		MinDF:        2,
		MaxFeatures:  30000,
		CharNGrams:   true,
		PowerIters:   1,
		Oversample:   16,
		Seed:         1,
		FieldWeights: []float64{1.5, 2, 2, 1, 1},
		WordWeight:   1,
		BigramWeight: 0.5,
		CharWeight:   1,
	}
}

// Validate reports the first invalid field.
func (o Options) Validate() error {
	switch {
	case o.Dim < 1 || o.Dim > maxDim:
		return fmt.Errorf("lsa: Options.Dim must be in [1, %d], got %d", maxDim, o.Dim)
	case o.MinDF < 1:
		return fmt.Errorf("lsa: Options.MinDF must be >= 1, got %d", o.MinDF)
	case o.MaxFeatures < 1:
		return fmt.Errorf("lsa: Options.MaxFeatures must be >= 1, got %d", o.MaxFeatures)
	case o.PowerIters < 0 || o.PowerIters > 20:
		return fmt.Errorf("lsa: Options.PowerIters must be in [0, 20], got %d", o.PowerIters)
	case o.Oversample < 0:
		return fmt.Errorf("lsa: Options.Oversample must be >= 0, got %d", o.Oversample)
	case o.Workers < 0:
		return fmt.Errorf("lsa: Options.Workers must be >= 0, got %d", o.Workers)
	}
	for i, w := range o.FieldWeights {
		if !(w >= 1) || math.IsInf(w, 0) {
			return fmt.Errorf("lsa: Options.FieldWeights[%d] must be a finite number >= 1, got %v", i, w)
		}
	}
	for _, kw := range []struct {
		name string
		v    float64
	}{{"WordWeight", o.WordWeight}, {"BigramWeight", o.BigramWeight}, {"CharWeight", o.CharWeight}} {
		if !(kw.v >= 0) || math.IsInf(kw.v, 0) {
			return fmt.Errorf("lsa: Options.%s must be a finite number >= 0, got %v", kw.name, kw.v)
		}
	}
	if o.WordWeight == 0 && o.BigramWeight == 0 && (o.CharWeight == 0 || !o.CharNGrams) {
		return fmt.Errorf("lsa: Options.WordWeight, BigramWeight and CharWeight are all zero")
	}
	return nil
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
