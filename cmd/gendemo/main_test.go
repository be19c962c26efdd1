package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/stylistbot/stylist/catalog"
)

func TestRun(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "articles.csv.gz")
	if err := run(out, 40, 2); err != nil {
		t.Fatal(err)
	}
	first, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	c, rep, err := catalog.LoadFile(out)
	if err != nil || c.Len() != 40 || !rep.Gzip || rep.SkippedTotal() != 0 {
		t.Fatalf("generated file: %v, %s", err, rep)
	}
	if err := run(out, 40, 2); err != nil {
		t.Fatal(err)
	}
	second, _ := os.ReadFile(out)
	if !bytes.Equal(first, second) {
		t.Error("two runs with the same flags wrote different bytes")
	}
	if err := run(out, 0, 2); err == nil {
		t.Error("n=0 accepted")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("temporary files left behind: %d entries", len(entries))
	}
	if err := run(filepath.Join(dir, "missing", "x.gz"), 10, 1); err == nil {
		t.Error("unwritable path accepted")
	}
}
