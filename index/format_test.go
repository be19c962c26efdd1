package index

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/gob"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/stylistbot/stylist/catalog"
)

func TestArticlesRoundTrip(t *testing.T) {
	arts := testArticles()
	arts[3].DetailDesc = ""
	arts[4].ProdName = "Façade «tee» 日本"
	arts[5].SectionName, arts[5].GarmentGroupName = "Divided", "Jersey Fancy"
	arts[2].Details = "hood,lined"
	got, cols, err := decodeArticles(encodeArticles(arts))
	if err != nil {
		t.Fatal(err)
	}
	if !cols[detailsColumn] || !cols["ProdName"] {
		t.Fatalf("columns %v", cols)
	}
	if !reflect.DeepEqual(got, arts) {
		t.Fatalf("round trip differs:\n got %+v\nwant %+v", got[:6], arts[:6])
	}
	empty, _, err := decodeArticles(encodeArticles(nil))
	if err != nil || len(empty) != 0 {
		t.Fatalf("empty: %v %v", empty, err)
	}
}

func TestArticlesDecodeRejectsDamage(t *testing.T) {
	good := encodeArticles(testArticles())
	unknown := bytes.Replace(good, []byte("ProdName"), []byte("ProdNaem"), 1)
	tests := []struct {
		name string
		data []byte
		msg  string
	}{
		{"gob file", func() []byte { var b bytes.Buffer; gob.NewEncoder(&b).Encode(testArticles()); return b.Bytes() }(), "bad magic"},
		{"truncated", good[:len(good)/2], "truncated"},
		{"trailing", append(bytes.Clone(good), 0), "trailing"},
		{"unknown column", unknown, `unknown column "ProdNaem"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := decodeArticles(tt.data)
			if err == nil || !strings.Contains(err.Error(), tt.msg) {
				t.Fatalf("got %v, want an error mentioning %q", err, tt.msg)
			}
		})
	}
}

// TestOpenReadsFormatVersion1 turns a fresh directory into the version 1
// layout (gob articles, SHA-256 only) and opens it.
func TestOpenReadsFormatVersion1(t *testing.T) {
	dir, _ := build(t, "Flat")
	var b bytes.Buffer
	if err := gob.NewEncoder(&b).Encode(testArticles()); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, ArticlesFileV1), b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	os.Remove(filepath.Join(dir, ArticlesFile))
	f, err := fileInfo(filepath.Join(dir, ArticlesFileV1))
	if err != nil {
		t.Fatal(err)
	}
	editManifest(t, dir, func(m *Manifest) {
		m.FormatVersion = 1
		delete(m.Files, ArticlesFile)
		m.Files[ArticlesFileV1] = f
		for name, f := range m.Files {
			f.CRC32C = nil
			m.Files[name] = f
		}
	})
	x, err := Open(context.Background(), dir, OpenOptions{LoadEmbedder: loader("hash/v1", 32)})
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	if !reflect.DeepEqual(x.Articles(), testArticles()) {
		t.Fatal("version 1 articles differ")
	}
	flipByte(t, filepath.Join(dir, ArticlesFileV1))
	if _, err := Open(context.Background(), dir, OpenOptions{LoadEmbedder: loader("hash/v1", 32)}); !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), "checksum") {
		t.Fatalf("tampered version 1 articles: %v", err)
	}
}

func TestExtras(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "idx")
	mk := func(texts []string) ([]byte, error) { return []byte(strings.Join(texts, "\n")), nil }
	opt := BuildOptions{Factory: "Flat", Trainer: hashTrainer{hashEmbedder{id: "hash/v1", dim: 32}}, Extras: []Extra{{Name: "texts.txt", Make: mk}}}
	m, _, err := Build(context.Background(), dir, testArticles(), opt)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := m.Files["texts.txt"]; !ok {
		t.Fatalf("manifest lists no extra: %v", m.Files)
	}
	x, err := Open(context.Background(), dir, OpenOptions{LoadEmbedder: loader("hash/v1", 32), Extras: []string{"texts.txt", "absent.bin"}})
	if err != nil {
		t.Fatal(err)
	}
	b, ok := x.Extra("texts.txt")
	want := catalog.DefaultText().Render(testArticles()[0])
	if !ok || !strings.HasPrefix(string(b), want+"\n") {
		t.Fatalf("extra = %q, %t; want it to start with %q", b[:min(len(b), 80)], ok, want)
	}
	if _, ok := x.Extra("absent.bin"); ok {
		t.Fatal("an extra the index does not have must report !ok")
	}
	x.Close()
	// An extra nobody asks for is still verified.
	flipByte(t, filepath.Join(dir, "texts.txt"))
	if _, err := Open(context.Background(), dir, OpenOptions{LoadEmbedder: loader("hash/v1", 32)}); !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), "texts.txt") {
		t.Fatalf("tampered extra: %v", err)
	}
	for _, name := range []string{"", "../x", ManifestFile, ArticlesFile} {
		opt.Extras = []Extra{{Name: name, Make: mk}}
		if _, _, err := Build(context.Background(), dir, testArticles(), opt); err == nil {
			t.Fatalf("extra named %q accepted", name)
		}
	}
}

// TestDetailsStored builds with a Details function and checks that format 3
// stores and reports them, and that a format 2 directory (no Details column)
// opens with HasDetails false while a format 3 one without it is refused.
func TestDetailsStored(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "idx")
	opt := BuildOptions{Factory: "Flat", Trainer: hashTrainer{hashEmbedder{id: "hash/v1", dim: 32}},
		Details: func(a *catalog.Article) string { return "d:" + a.ArticleID }}
	m, _, err := Build(context.Background(), dir, testArticles(), opt)
	if err != nil {
		t.Fatal(err)
	}
	if m.FormatVersion != 3 {
		t.Fatalf("format %d", m.FormatVersion)
	}
	x, err := Open(context.Background(), dir, OpenOptions{LoadEmbedder: loader("hash/v1", 32)})
	if err != nil {
		t.Fatal(err)
	}
	if !x.HasDetails() || x.Articles()[1].Details != "d:"+x.Articles()[1].ArticleID {
		t.Fatalf("HasDetails %t, article 1 details %q", x.HasDetails(), x.Articles()[1].Details)
	}
	x.Close()

	// Rewrite articles.bin without the Details column, as format 2 wrote it.
	arts := testArticles()
	old := encodeArticlesWithout(arts, detailsColumn)
	if err := os.WriteFile(filepath.Join(dir, ArticlesFile), old, 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := fileInfo(filepath.Join(dir, ArticlesFile))
	if err != nil {
		t.Fatal(err)
	}
	editManifest(t, dir, func(m *Manifest) { m.Files[ArticlesFile] = f })
	if _, err := Open(context.Background(), dir, OpenOptions{LoadEmbedder: loader("hash/v1", 32)}); !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), "Details column") {
		t.Fatalf("format 3 without details: %v", err)
	}
	editManifest(t, dir, func(m *Manifest) { m.FormatVersion = 2 })
	x, err = Open(context.Background(), dir, OpenOptions{LoadEmbedder: loader("hash/v1", 32)})
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	if x.HasDetails() || x.Articles()[1].Details != "" || x.Articles()[1].ProdName != arts[1].ProdName {
		t.Fatalf("format 2: HasDetails %t, article %+v", x.HasDetails(), x.Articles()[1])
	}
}

// encodeArticlesWithout is encodeArticles minus one column, as an older build wrote the file.
func encodeArticlesWithout(arts []catalog.Article, column string) []byte {
	full := encodeArticles(arts)
	d := &reader{s: string(full), off: len(articlesMagic)}
	n := d.uvarint("n")
	cols := d.uvarint("cols")
	out := []byte(articlesMagic)
	out = binary.AppendUvarint(out, n)
	out = binary.AppendUvarint(out, cols-1)
	for range cols {
		start := d.off
		name := d.str("name")
		nv := d.uvarint("nv")
		for range nv {
			d.str("v")
		}
		for range n {
			d.uvarint("i")
		}
		if name != column {
			out = append(out, full[start:d.off]...)
		}
	}
	return out
}
