// Command gendemo writes the deterministic demo catalog (a gzip-compressed
// articles CSV in the H&M Kaggle schema, with no H&M rows) that package
// catalog embeds. Run it through `go generate ./catalog`.
package main

import (
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/stylistbot/stylist/catalog"
)

func main() {
	out := flag.String("out", "catalog/demo/articles.csv.gz", `output file ("-" for stdout)`)
	n := flag.Int("n", catalog.DemoSize, "number of articles")
	seed := flag.Uint64("seed", catalog.DemoSeed, "generator seed")
	flag.Parse()
	if err := run(*out, *n, *seed); err != nil {
		fmt.Fprintln(os.Stderr, "gendemo:", err)
		os.Exit(1)
	}
}

// run generates the catalog and writes it atomically to out.
func run(out string, n int, seed uint64) error {
	if out == "-" {
		return catalog.WriteDemo(os.Stdout, n, seed)
	}
	tmp, err := os.CreateTemp(filepath.Dir(out), ".gendemo-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	h := sha256.New()
	if err := catalog.WriteDemo(io.MultiWriter(tmp, h), n, seed); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), out); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "gendemo: wrote %d articles (seed %d) to %s, sha256 %s\n", n, seed, out, hex.EncodeToString(h.Sum(nil)))
	return nil
}
