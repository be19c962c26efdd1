// Command gen derives lexicon/words.txt.gz from Debian's word lists
// (packages wamerican and wbritish, SCOWL; see lexicon/WORDS-LICENSE):
// lower-cased, possessives dropped, other apostrophes removed ("don't" →
// "dont", as query tokenisation does), ASCII letters only, sorted, unique,
// one word a line, gzip-compressed.
//
//	go run ./lexicon/internal/gen -o lexicon/words.txt.gz /usr/share/dict/american-english /usr/share/dict/british-english
package main

import (
	"bufio"
	"compress/gzip"
	"flag"
	"fmt"
	"os"
	"sort"
	"strings"
)

func main() {
	out := flag.String("o", "words.txt.gz", "output file")
	flag.Parse()
	if flag.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "gen: give the word list files (apt-get install wamerican wbritish)")
		os.Exit(2)
	}
	words := map[string]bool{}
	for _, path := range flag.Args() {
		if err := read(path, words); err != nil {
			fmt.Fprintln(os.Stderr, "gen:", err)
			os.Exit(1)
		}
	}
	list := make([]string, 0, len(words))
	for w := range words {
		list = append(list, w)
	}
	sort.Strings(list)
	f, err := os.Create(*out)
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
	zw, _ := gzip.NewWriterLevel(f, gzip.BestCompression)
	zw.ModTime = zw.ModTime.UTC() // zero time: reproducible output
	_, err = zw.Write([]byte(strings.Join(list, "\n") + "\n"))
	if err == nil {
		err = zw.Close()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
	fmt.Printf("gen: %d words → %s\n", len(list), *out)
}

// read adds the usable words of one list file to words.
func read(path string, words map[string]bool) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for line := 1; sc.Scan(); line++ {
		w := strings.ToLower(strings.TrimSpace(sc.Text()))
		if strings.HasSuffix(w, "'s") {
			continue
		}
		w = strings.ReplaceAll(w, "'", "")
		if ascii(w) {
			words[w] = true
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

func ascii(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] < 'a' || w[i] > 'z' {
			return false
		}
	}
	return w != ""
}
