package catalog

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// utf8BOM is the byte-order mark some tools write at the start of CSV files.
var utf8BOM = []byte("\ufeff")

// parser turns decompressed CSV bytes into articles, resynchronising after
// CSV syntax errors.
type parser struct {
	data []byte
	rep  *Report
	// cursor: byte offset of the start of line curLine; it only moves forward.
	curOff  int
	curLine int
}

// parse reads the header and all rows of data into a Catalog, filling rep.
func parse(data []byte, rep *Report) (*Catalog, error) {
	data = bytes.TrimPrefix(data, utf8BOM)
	p := &parser{data: data, rep: rep, curLine: 1}

	cr := newCSVReader(data)
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, ErrEmpty
	}
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrHeader, err)
	}
	mapping, err := p.mapHeader(header)
	if err != nil {
		return nil, err
	}

	arts := make([]Article, 0, bytes.Count(data, []byte{'\n'}))
	byID := make(map[string]int, cap(arts))
	startLine := 1 // absolute line number where cr's input begins
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if !errors.As(err, &pe) {
				return nil, fmt.Errorf("catalog: read: %w", err)
			}
			bad := startLine + pe.StartLine - 1
			rep.skip(bad, ReasonBadQuoting, fmt.Sprintf("line %d: %v", startLine+pe.Line-1, pe.Err))
			// Resume on the line after the one where the bad record started, so
			// an unbalanced quote costs one row rather than the rest of the file.
			off, ok := p.lineStart(bad + 1)
			if !ok {
				break
			}
			cr, startLine = newCSVReader(data[off:]), bad+1
			continue
		}
		recLine, _ := cr.FieldPos(0)
		line := startLine + recLine - 1
		a, reason, detail := buildArticle(rec, len(header), mapping)
		if reason == "" {
			if _, dup := byID[a.ArticleID]; dup {
				reason, detail = ReasonDuplicateID, a.ArticleID
			}
		}
		if reason != "" {
			rep.skip(line, reason, detail)
			continue
		}
		capFields(&a, func(col string, size int) { rep.truncate(line, col, size) })
		byID[a.ArticleID] = len(arts)
		arts = append(arts, a)
		rep.Rows++
		rep.Loaded++
		if a.DetailDesc == "" {
			rep.EmptyDesc++
		}
	}
	return &Catalog{Articles: arts, byID: byID}, nil
}

// newCSVReader returns a strict encoding/csv reader over b.
func newCSVReader(b []byte) *csv.Reader {
	cr := csv.NewReader(bytes.NewReader(b))
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = false
	cr.ReuseRecord = true
	return cr
}

// mapHeader maps header positions to column indexes (-1 for ignored columns)
// and records missing and unknown columns in the report.
func (p *parser) mapHeader(header []string) ([]int, error) {
	mapping := make([]int, len(header))
	seen := make([]bool, len(columns))
	for i, h := range header {
		mapping[i] = -1
		name := normalizeHeader(h)
		ci, ok := columnIndex[name]
		switch {
		case !ok:
			p.rep.UnknownColumns = append(p.rep.UnknownColumns, strings.TrimSpace(h))
		case seen[ci]:
			p.rep.UnknownColumns = append(p.rep.UnknownColumns, strings.TrimSpace(h)+" (duplicate)")
		default:
			seen[ci] = true
			mapping[i] = ci
		}
	}
	for _, req := range RequiredColumns {
		if !seen[columnIndex[req]] {
			return nil, &MissingColumnError{Column: req}
		}
	}
	for ci, ok := range seen {
		if !ok {
			p.rep.MissingColumns = append(p.rep.MissingColumns, columns[ci].name)
		}
	}
	return mapping, nil
}

// lineStart returns the byte offset where 1-based line target begins, or false
// if the data ends before it. Targets must not decrease between calls.
func (p *parser) lineStart(target int) (int, bool) {
	for p.curLine < target {
		i := bytes.IndexByte(p.data[p.curOff:], '\n')
		if i < 0 {
			return 0, false
		}
		p.curOff += i + 1
		p.curLine++
	}
	return p.curOff, p.curOff < len(p.data)
}

// buildArticle validates and normalises one record; reason is non-empty when
// the row must be skipped.
func buildArticle(rec []string, width int, mapping []int) (a Article, reason, detail string) {
	if len(rec) != width {
		return a, ReasonFieldCount, fmt.Sprintf("%d fields, header has %d", len(rec), width)
	}
	for i, ci := range mapping {
		if ci >= 0 {
			*columns[ci].field(&a) = strings.TrimSpace(rec[i])
		}
	}
	if a.ArticleID == "" {
		return a, ReasonMissingArticleID, ""
	}
	id, ok := NormalizeID(a.ArticleID, ArticleIDWidth)
	if !ok {
		return a, ReasonInvalidArticleID, a.ArticleID
	}
	a.ArticleID = id
	if a.ProdName == "" {
		return a, ReasonEmptyProdName, id
	}
	if a.ProductTypeName == "" {
		return a, ReasonEmptyProductType, id
	}
	if pc, ok := NormalizeID(a.ProductCode, ProductCodeWidth); ok {
		a.ProductCode = pc
	} else if a.ProductCode == "" {
		// H&M article ids are the product code followed by a 3-digit colourway.
		a.ProductCode = id[:ProductCodeWidth]
	}
	if cc, ok := NormalizeID(a.ColourGroupCode, ColourGroupCodeWidth); ok {
		a.ColourGroupCode = cc
	}
	if isMissingText(a.DetailDesc) {
		a.DetailDesc = ""
	}
	return a, "", ""
}

// Size caps of catalog fields, in bytes, applied at load: the real H&M catalog's
// longest description is 766 bytes and its longest other field 40 bytes, so
// only broken or hostile files are cut.
const (
	MaxDescBytes  = 4000 // detail_desc
	MaxFieldBytes = 200  // every other column
)

// fieldCap returns the size cap of column col.
func fieldCap(col string) int {
	if col == ColDetailDesc {
		return MaxDescBytes
	}
	return MaxFieldBytes
}

// capFields cuts every field of a over its cap (at a UTF-8 boundary, ending in
// "…") and calls cut with the column and its original size.
func capFields(a *Article, cut func(col string, size int)) {
	for _, c := range columns {
		f := c.field(a)
		limit := fieldCap(c.name)
		if len(*f) <= limit {
			continue
		}
		size := len(*f)
		keep := limit - len("…")
		for keep > 0 && !utf8.RuneStart((*f)[keep]) {
			keep--
		}
		*f = strings.TrimSpace((*f)[:keep]) + "…"
		cut(c.name, size)
	}
}
