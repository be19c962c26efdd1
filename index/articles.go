package index

import (
	"bytes"
	"encoding/binary"
	"encoding/gob"
	"errors"
	"fmt"
	"reflect"
	"unsafe"

	"github.com/stylistbot/stylist/catalog"
)

// articlesMagic starts an ArticlesFile (format version 2).
const articlesMagic = "STYLART\x01"

// articleFields are the string fields of catalog.Article, by Go field name.
var articleFields = func() map[string]int {
	t := reflect.TypeFor[catalog.Article]()
	m := map[string]int{}
	for i := range t.NumField() {
		if t.Field(i).Type.Kind() == reflect.String {
			m[t.Field(i).Name] = i
		}
	}
	return m
}()

// encodeArticles writes arts column by column: for every string field its
// name, a dictionary of its distinct values and one dictionary index per
// article. Catalog columns repeat a few values (types, colours, sections), so
// the file is small and decodes with one allocation per distinct value.
func encodeArticles(arts []catalog.Article) []byte {
	var b []byte
	b = append(b, articlesMagic...)
	b = binary.AppendUvarint(b, uint64(len(arts)))
	t := reflect.TypeFor[catalog.Article]()
	b = binary.AppendUvarint(b, uint64(len(articleFields)))
	idx := make([]uint32, len(arts))
	for f := range t.NumField() {
		if t.Field(f).Type.Kind() != reflect.String {
			continue
		}
		b = appendString(b, t.Field(f).Name)
		dict := map[string]uint32{}
		var values []string
		for i := range arts {
			s := reflect.ValueOf(&arts[i]).Elem().Field(f).String()
			n, ok := dict[s]
			if !ok {
				n = uint32(len(values))
				dict[s] = n
				values = append(values, s)
			}
			idx[i] = n
		}
		b = binary.AppendUvarint(b, uint64(len(values)))
		for _, s := range values {
			b = appendString(b, s)
		}
		for _, n := range idx {
			b = binary.AppendUvarint(b, uint64(n))
		}
	}
	return b
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

// decodeArticles reads an ArticlesFile written by encodeArticles. The
// articles' strings share data's memory, which the caller must not modify.
// The second result lists the columns the file holds (an older file lacks
// the newer ones, such as Details, which stay "").
func decodeArticles(data []byte) ([]catalog.Article, map[string]bool, error) {
	if !bytes.HasPrefix(data, []byte(articlesMagic)) {
		return nil, nil, errors.New("not a stylist articles file (bad magic)")
	}
	present := map[string]bool{}
	arts, err := decodeColumns(data, present)
	return arts, present, err
}

// decodeColumns decodes the columns after the magic, noting each in present.
func decodeColumns(data []byte, present map[string]bool) ([]catalog.Article, error) {
	d := &reader{s: unsafe.String(unsafe.SliceData(data), len(data)), off: len(articlesMagic)}
	n := d.count("article count", len(data))
	cols := d.count("column count", len(data))
	if d.err != nil {
		return nil, d.err
	}
	arts := make([]catalog.Article, n)
	base := unsafe.Pointer(unsafe.SliceData(arts))
	t := reflect.TypeFor[catalog.Article]()
	size := t.Size()
	var values []string
	for range cols {
		name := d.str("column name")
		nv := d.count("dictionary size of "+name, len(data))
		if d.err != nil {
			return nil, d.err
		}
		values = values[:0]
		for range nv {
			values = append(values, d.str("value of "+name))
		}
		if d.err != nil {
			return nil, d.err
		}
		f, ok := articleFields[name]
		if !ok {
			return nil, fmt.Errorf("unknown column %q (written by a newer stylist?)", name)
		}
		present[name] = true
		off := t.Field(f).Offset
		what := "index of " + name
		for i := range n {
			v := d.uvarint(what)
			if d.err != nil {
				return nil, d.err
			}
			if v >= uint64(len(values)) {
				return nil, fmt.Errorf("column %s: article %d: value %d of %d", name, i, v, len(values))
			}
			*(*string)(unsafe.Add(base, uintptr(i)*size+off)) = values[v]
		}
	}
	if d.err == nil && d.off != len(d.s) {
		return nil, fmt.Errorf("%d trailing bytes", len(d.s)-d.off)
	}
	return arts, d.err
}

// reader decodes uvarints and length-prefixed strings; the first error sticks.
type reader struct {
	s   string
	off int
	err error
}

func (r *reader) uvarint(what string) uint64 {
	if r.err != nil {
		return 0
	}
	var v uint64
	for shift := 0; shift < 64; shift += 7 {
		if r.off >= len(r.s) {
			break
		}
		c := r.s[r.off]
		r.off++
		v |= uint64(c&0x7f) << shift
		if c < 0x80 {
			return v
		}
	}
	r.err = fmt.Errorf("truncated or bad %s at byte %d", what, r.off)
	return 0
}

// count reads a uvarint that must not exceed limit.
func (r *reader) count(what string, limit int) int {
	v := r.uvarint(what)
	if r.err == nil && v > uint64(limit) {
		r.err = fmt.Errorf("bad %s %d at byte %d", what, v, r.off)
	}
	return int(v)
}

func (r *reader) str(what string) string {
	n := r.count(what+" length", len(r.s)-r.off)
	if r.err != nil {
		return ""
	}
	s := r.s[r.off : r.off+n]
	r.off += n
	return s
}

// readArticles decodes the article metadata of a directory in format version
// (1: gob, 2 and 3: the columnar ArticlesFile) and reports whether it holds
// the articles' details (catalog.Article.Details, format 3).
func readArticles(version int, data []byte) ([]catalog.Article, bool, error) {
	if version == 1 {
		var arts []catalog.Article
		err := gob.NewDecoder(bytes.NewReader(data)).Decode(&arts)
		return arts, false, err
	}
	arts, cols, err := decodeArticles(data)
	if err == nil && version >= 3 && !cols[detailsColumn] {
		err = fmt.Errorf("format %d without the %s column", version, detailsColumn)
	}
	return arts, cols[detailsColumn], err
}

// detailsColumn is the articles.bin column of catalog.Article.Details (format 3).
const detailsColumn = "Details"
