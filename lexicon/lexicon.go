// Package lexicon knows the ordinary words of English, so that spelling
// correction never turns a word a person meant ("she", "what", "loves",
// "cost") into a catalog word ("shoe", "hat", "gloves", "coat").
//
// The list is derived from Debian's wamerican and wbritish word lists (SCOWL,
// licence in WORDS-LICENSE) by `go generate ./lexicon/` and embedded, so
// nothing is read from disk at run time.
package lexicon

//go:generate go run ./internal/gen -o words.txt.gz /usr/share/dict/american-english /usr/share/dict/british-english

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"io"
	"sort"
	"strings"
	"sync"
)

//go:embed words.txt.gz
var wordsGz []byte

// words is the sorted list, decompressed on first use.
var words = sync.OnceValue(func() []string {
	zr, err := gzip.NewReader(bytes.NewReader(wordsGz))
	if err != nil {
		panic("lexicon: embedded words.txt.gz: " + err.Error())
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		panic("lexicon: embedded words.txt.gz: " + err.Error())
	}
	return strings.Fields(string(b))
})

// IsWord reports whether w, lower-case ASCII letters with apostrophes removed
// ("dont"), is an English word, an inflected form ("loves", "costs") or a
// proper noun of the list ("nike", "paris").
func IsWord(w string) bool {
	l := words()
	i := sort.SearchStrings(l, w)
	return i < len(l) && l[i] == w
}

// Len is the number of words known.
func Len() int { return len(words()) }
