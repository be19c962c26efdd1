package lsa

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"slices"
	"strings"
	"testing"
)

func TestSaveLoadRoundTrip(t *testing.T) {
	m, _ := fitToy(t)
	var buf bytes.Buffer
	if err := m.Save(&buf); err != nil {
		t.Fatal(err)
	}
	l, err := Load(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if l.ID() != m.ID() || l.Dim() != m.Dim() {
		t.Errorf("loaded ID %s dim %d, want %s dim %d", l.ID(), l.Dim(), m.ID(), m.Dim())
	}
	if got, want := l.Stats(), m.Stats(); got.Docs != want.Docs || got.Features != want.Features ||
		got.Rank != want.Rank || !slices.Equal(got.Sigma, want.Sigma) {
		t.Errorf("loaded stats %+v, want %+v", got, want)
	}
	ctx := context.Background()
	texts := append(slices.Clone(toyCorpus), "black sweather", "white t-shirt", "unknownword")
	a, err := m.EmbedDocuments(ctx, texts)
	if err != nil {
		t.Fatal(err)
	}
	b, err := l.EmbedDocuments(ctx, texts)
	if err != nil {
		t.Fatal(err)
	}
	for i := range texts {
		if !slices.Equal(a[i], b[i]) {
			t.Errorf("EmbedDocuments(%q) differs after load", texts[i])
		}
		qa, _ := m.EmbedQuery(ctx, texts[i])
		qb, _ := l.EmbedQuery(ctx, texts[i])
		if !slices.Equal(qa, qb) {
			t.Errorf("EmbedQuery(%q) differs after load", texts[i])
		}
	}
	var again bytes.Buffer
	if err := l.Save(&again); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), again.Bytes()) {
		t.Error("saving a loaded model gives different bytes")
	}
}

func TestLoadRejectsBadData(t *testing.T) {
	m, _ := fitToy(t)
	var buf bytes.Buffer
	if err := m.Save(&buf); err != nil {
		t.Fatal(err)
	}
	good := buf.Bytes()
	mutate := func(f func(b []byte) []byte) []byte { return f(slices.Clone(good)) }
	tests := []struct {
		name string
		data []byte
		want error
	}{
		{"empty", nil, ErrFormat},
		{"not a model", []byte("PK\x03\x04 definitely a zip file"), ErrFormat},
		{"truncated", good[:len(good)/2], ErrFormat},
		{"header only", good[:8], ErrFormat},
		{"flipped byte", mutate(func(b []byte) []byte { b[len(b)/3] ^= 0x40; return b }), ErrFormat},
		{"bad checksum", mutate(func(b []byte) []byte { b[len(b)-1] ^= 1; return b }), ErrFormat},
		{"trailing garbage", append(slices.Clone(good), 0), ErrFormat},
		{"future version", mutate(func(b []byte) []byte {
			binary.LittleEndian.PutUint16(b[len(magic):], formatVersion+1)
			return b
		}), ErrVersion},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m, err := Load(bytes.NewReader(tc.data))
			if !errors.Is(err, tc.want) {
				t.Errorf("Load error = %v, want %v", err, tc.want)
			}
			if m != nil {
				t.Error("Load returned a model with an error")
			}
		})
	}
}

// TestLoadValidatesPayload re-signs corrupted payloads, so the checks behind the
// checksum are exercised too.
func TestLoadValidatesPayload(t *testing.T) {
	m, _ := fitToy(t)
	var buf bytes.Buffer
	if err := m.Save(&buf); err != nil {
		t.Fatal(err)
	}
	resign := func(b []byte) []byte {
		body := b[:len(b)-4]
		return binary.LittleEndian.AppendUint32(slices.Clone(body), crc32c(body))
	}
	head := len(magic) + 2
	tests := []struct {
		name string
		edit func(b []byte)
	}{
		{"dim zero", func(b []byte) { binary.LittleEndian.PutUint64(b[head:], 0) }},
		{"negative min_df", func(b []byte) { binary.LittleEndian.PutUint64(b[head+8:], ^uint64(0)) }},
		{"last projection value NaN", func(b []byte) { binary.LittleEndian.PutUint32(b[len(b)-8:], 0x7fc00000) }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b := slices.Clone(buf.Bytes())
			tc.edit(b)
			if _, err := Load(bytes.NewReader(resign(b))); !errors.Is(err, ErrFormat) {
				t.Errorf("err = %v, want ErrFormat", err)
			}
		})
	}
}

// TestLoadVersion1: a model saved in format 1 (before Options.OrdinaryWords)
// still loads, keeps its "lsa/v1/…" ID, so indexes built with it open, and
// embeds as it did: ordinary words keep their character n-grams.
func TestLoadVersion1(t *testing.T) {
	o := toyOptions()
	o.OrdinaryWords = false
	fitted, err := Fit(context.Background(), toyCorpus, o)
	if err != nil {
		t.Fatal(err)
	}
	v1 := newModel(1, fitted.opts, fitted.keys, nil, fitted.wg.idf, fitted.proj, fitted.stats)
	v1.id = modelID(v1)
	var buf bytes.Buffer
	if err := v1.Save(&buf); err != nil {
		t.Fatal(err)
	}
	if v := binary.LittleEndian.Uint16(buf.Bytes()[len(magic):]); v != 1 {
		t.Fatalf("saved version %d, want 1", v)
	}
	l, err := Load(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if l.ID() != v1.ID() || !strings.HasPrefix(l.ID(), "lsa/v1/") || l.Options().OrdinaryWords {
		t.Errorf("loaded %s (ordinary words %v), want %s without", l.ID(), l.Options().OrdinaryWords, v1.ID())
	}
	ctx := context.Background()
	for _, q := range []string{"gloves", "gift for my boyfriend who loves football", "black sweather"} {
		a, _ := fitted.EmbedQuery(ctx, q)
		b, _ := l.EmbedQuery(ctx, q)
		if !slices.Equal(a, b) {
			t.Errorf("EmbedQuery(%q) of the version-1 model differs from the model it was saved from", q)
		}
	}
	v2, _ := fitToy(t)
	if !strings.HasPrefix(v2.ID(), "lsa/v2/") || !v2.Options().OrdinaryWords {
		t.Errorf("a new fit is %s (ordinary words %v), want lsa/v2 with them", v2.ID(), v2.Options().OrdinaryWords)
	}
}
