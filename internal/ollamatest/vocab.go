package ollamatest

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
)

// llama.cpp token types (llama_token_type).
const (
	tokNormal  = 1
	tokUnknown = 2
	tokControl = 3
	tokByte    = 6
)

// Special token ids of the tiny vocabulary.
const (
	tokUnk = iota
	tokBOS
	tokEOS
	tokSystem
	tokUser
	tokAssistant
)

// spmSpace is SentencePiece's word-boundary marker, rendered as a space.
const spmSpace = "▁"

// vocab is the tiny model's SentencePiece ("llama") vocabulary.
type vocab struct {
	tokens []string
	scores []float32
	types  []int32
	index  map[string]int
}

// add appends a token, or returns the id of an existing token with the same text.
func (v *vocab) add(text string, typ int32) int {
	if id, ok := v.index[text]; ok {
		return id
	}
	id := len(v.tokens)
	score := float32(0)
	if typ == tokNormal {
		score = float32(len([]rune(text))) // SPM merges prefer the longer piece
	}
	v.tokens = append(v.tokens, text)
	v.scores = append(v.scores, score)
	v.types = append(v.types, typ)
	v.index[text] = id
	return id
}

// id returns the id of a token that must exist.
func (v *vocab) id(text string) int {
	id, ok := v.index[text]
	if !ok {
		panic("ollamatest: token not in vocabulary: " + text)
	}
	return id
}

// newBaseVocab builds the fixed part: specials, 256 byte tokens, "▁" and printable ASCII.
func newBaseVocab() *vocab {
	v := &vocab{index: map[string]int{}}
	v.add("<unk>", tokUnknown)
	for _, s := range []string{"<s>", "</s>", "<|system|>", "<|user|>", "<|assistant|>"} {
		v.add(s, tokControl)
	}
	for b := range 256 {
		v.add(fmt.Sprintf("<0x%02X>", b), tokByte)
	}
	v.add(spmSpace, tokNormal)
	for c := byte('!'); c <= '~'; c++ {
		v.add(string(c), tokNormal)
	}
	for _, w := range []string{"▁the", "▁a", "▁and", "▁dress", "▁shirt", "▁black", "▁white"} {
		v.add(w, tokNormal)
	}
	return v
}

// replyPieces splits a reply into word tokens: the first word as is, later words with "▁".
func replyPieces(reply string) ([]string, error) {
	words := strings.Fields(reply)
	if len(words) == 0 {
		return nil, errors.New("ollamatest: TinyOptions.Reply is empty")
	}
	if len(words) > maxReplyWords {
		return nil, fmt.Errorf("ollamatest: TinyOptions.Reply has %d words, at most %d", len(words), maxReplyWords)
	}
	seen := map[string]bool{}
	pieces := make([]string, len(words))
	for i, w := range words {
		if err := checkText("Reply", w); err != nil {
			return nil, err
		}
		if i > 0 {
			w = spmSpace + w
		}
		if seen[w] {
			return nil, fmt.Errorf("ollamatest: TinyOptions.Reply repeats the word %q; each word must be unique", w)
		}
		seen[w] = true
		pieces[i] = w
	}
	return pieces, nil
}

// checkText rejects characters that would break JSON strings or the vocabulary.
func checkText(field, s string) error {
	for _, r := range s {
		if r == '"' || r == '\\' || r == '<' || unicode.IsControl(r) || unicode.IsSpace(r) {
			return fmt.Errorf("ollamatest: TinyOptions.%s %q contains %q (quotes, backslashes, '<', spaces and control characters are not allowed)", field, s, r)
		}
	}
	return nil
}
