// Package lsa is the built-in offline embedder: TF-IDF over words, word bigrams and
// character n-grams, reduced by a randomized truncated SVD (latent semantic analysis)
// fitted on the catalog text at index time. It needs no model server and no download.
//
// Pipeline:
//   - analyze: lowercase; split on non-letters/digits; hyphenated words and a lone
//     letter before a word are also joined ("t-shirt", "t shirt" → "tshirt"); a tiny
//     stop-word list; features are words, adjacent-word bigrams and character 3-4-grams
//     of "<word>". With Options.OrdinaryWords (the default; format 2) an ordinary
//     English word (lexicon.Known) is only a word feature, a plural its singular
//     ("dresses" → "dress"), and has no n-grams: n-grams are for names, compounds
//     and words outside the dictionary, so "loves" shares nothing with "gloves".
//     Each " - "-separated field of the chunk text ("name - type -
//     colour - index - description") has a term-frequency weight (Options.FieldWeights).
//   - weigh: sublinear tf × smoothed idf; the word, bigram and n-gram blocks are
//     L2-normalised separately, scaled by their weights (the n-gram block also by
//     the share of the text's words that have n-grams), then the row is normalised.
//   - reduce: randomized SVD (Halko, Martinsson & Tropp) on the row space with
//     float32 sparse products spread over goroutines and float64 small factorizations;
//     a text's vector is its TF-IDF row projected on the top Dim right singular
//     vectors, L2-normalised.
//
// Documents and queries use the same analyzer and the same linear projection, so a
// document embedded by FitTransform, EmbedDocuments or EmbedQuery gets the same
// vector (up to float32 rounding), except that EmbedQuery first corrects words unknown
// to the vocabulary by one edit ("sweather" → "sweater"). A text that shares no
// feature with the vocabulary gets an all-zero vector, which callers must treat as
// "no signal" (its cosine with anything is 0). Vectors never contain NaN.
//
// The words fitting treated as ordinary are saved with the model, so a later
// change of the word list cannot make queries disagree with indexed documents.
// Models saved in format 1 (IDs "lsa/v1/…") still load and embed as they did.
//
// A Model is immutable after Fit or Load and safe for concurrent use.
package lsa

import "errors"

// Kind names this embedder family (for index manifests).
const Kind = "lsa"

// ErrEmptyCorpus is returned by Fit when no text yields a feature kept in the vocabulary.
var ErrEmptyCorpus = errors.New("lsa: corpus has no usable features")

// ErrFormat is returned by Load for data that is not a valid saved model (corrupt,
// truncated or not an lsa model at all).
var ErrFormat = errors.New("lsa: invalid model data")

// ErrVersion is returned by Load for a model saved by an unsupported format version.
var ErrVersion = errors.New("lsa: unsupported model format version")
