// Package lsa is the built-in offline embedder: TF-IDF over words, word bigrams and
// character n-grams, reduced by a randomized truncated SVD (latent semantic analysis)
// fitted on the catalog text at index time. It needs no model server and no download.
//
// Documents and queries go through the same analyzer and the same linear projection,
// so a document embedded by FitTransform, EmbedDocuments or EmbedQuery gets the same
// vector (up to float32 rounding). Vectors are L2-normalised; a text that shares no
// feature with the fitted vocabulary gets an all-zero vector, which callers must treat
// as "no signal" (its cosine with anything is 0). Vectors never contain NaN.
//
// A Model is immutable after Fit or Load and safe for concurrent use.
package lsa

import "errors"

// ErrEmptyCorpus is returned by Fit when no text yields a feature kept in the vocabulary.
var ErrEmptyCorpus = errors.New("lsa: corpus has no usable features")

// ErrFormat is returned by Load for data that is not a valid saved model (corrupt,
// truncated or not an lsa model at all).
var ErrFormat = errors.New("lsa: invalid model data")

// ErrVersion is returned by Load for a model saved by an unsupported format version.
var ErrVersion = errors.New("lsa: unsupported model format version")
