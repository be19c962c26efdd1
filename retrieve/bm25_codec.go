package retrieve

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"maps"
	"math"
	"slices"
	"strings"
)

// BM25File is the name of the persisted lexical index in an index directory
// (written by `stylist index`, read at start-up instead of tokenizing the catalog).
const BM25File = "bm25.bin"

// bm25Magic starts a file written by (*BM25).MarshalBinary; the last byte is
// its version. Version 2 adds the tokenizer's fingerprint after the magic.
const (
	bm25Prefix  = "STYLBM25"
	bm25Magic   = bm25Prefix + "\x02"
	bm25MagicV1 = bm25Prefix + "\x01"
)

// tokenizerVersion is raised by hand when Tokens changes in a way the probe
// of TokenizerFingerprint might miss (new stop words, stems, compounds).
const tokenizerVersion = 1

// tokenizerProbe exercises every rule of Tokens: case, compounds, stop words,
// short words, digits, plural folding and its exceptions, non-ASCII letters.
const tokenizerProbe = "The T-shirts & v-neck Dresses, a 5-pocket x-large jeans; leggings tights shorts trousers " +
	"classes dresses brushes watches parties bodies boxes glasses bus status is it in on of with for and x 2 100% " +
	"Ünïcode façade blå 日本 hoodies skirts shoes"

// TokenizerFingerprint identifies the behaviour of Tokens: a bm25.bin written
// under another fingerprint indexed the catalog with other terms than a
// query now looks up, so it is stale (ErrBM25Stale).
func TokenizerFingerprint() uint32 {
	h := crc32.NewIEEE()
	fmt.Fprintf(h, "v%d|%s", tokenizerVersion, strings.Join(Tokens(tokenizerProbe), "|"))
	for _, w := range slices.Sorted(maps.Keys(stop)) {
		fmt.Fprintf(h, "|%s", w)
	}
	return h.Sum32()
}

// ErrBM25Format reports a persisted BM25 index that cannot be read.
var ErrBM25Format = errors.New("retrieve: bad BM25 file")

// ErrBM25Stale reports a persisted BM25 index written by another tokenizer
// (an older build, or before a change to Tokens): readable, but its terms
// are not the ones queries look up. Rebuild the lexical index from the texts
// (New) and the index directory with `stylist index`.
var ErrBM25Stale = errors.New("retrieve: BM25 file built by another tokenizer")

// MarshalBinary encodes the index: parameters, document lengths, then every
// term (sorted) with its postings as document-id deltas and term frequencies.
func (x *BM25) MarshalBinary() ([]byte, error) {
	b := []byte(bm25Magic)
	b = binary.LittleEndian.AppendUint32(b, TokenizerFingerprint())
	b = binary.LittleEndian.AppendUint32(b, math.Float32bits(x.k1))
	b = binary.LittleEndian.AppendUint32(b, math.Float32bits(x.b))
	b = binary.AppendUvarint(b, uint64(len(x.docLen)))
	for _, l := range x.docLen {
		b = binary.AppendUvarint(b, uint64(l))
	}
	terms := make([]string, 0, len(x.postings))
	for t := range x.postings {
		terms = append(terms, t)
	}
	slices.Sort(terms)
	total := 0
	for _, ps := range x.postings {
		total += len(ps)
	}
	b = binary.AppendUvarint(b, uint64(len(terms)))
	b = binary.AppendUvarint(b, uint64(total))
	for _, t := range terms {
		ps := x.postings[t]
		b = binary.AppendUvarint(b, uint64(len(t)))
		b = append(b, t...)
		b = binary.AppendUvarint(b, uint64(len(ps)))
		prev := int32(-1)
		for _, p := range ps {
			b = binary.AppendUvarint(b, uint64(p.doc-prev))
			b = binary.AppendUvarint(b, uint64(p.tf))
			prev = p.doc
		}
	}
	return b, nil
}

// UnmarshalBM25 decodes an index written by MarshalBinary for docs documents.
func UnmarshalBM25(data []byte, docs int) (*BM25, error) {
	if len(data) >= len(bm25MagicV1) && string(data[:len(bm25MagicV1)]) == bm25MagicV1 {
		return nil, fmt.Errorf("%w: version 1 has no tokenizer fingerprint (rebuild the index with `stylist index`)", ErrBM25Stale)
	}
	if len(data) < len(bm25Magic)+12 || string(data[:len(bm25Magic)]) != bm25Magic {
		return nil, fmt.Errorf("%w: not a stylist BM25 file, or another version (rebuild the index with `stylist index`)", ErrBM25Format)
	}
	d := data[len(bm25Magic):]
	if fp, want := binary.LittleEndian.Uint32(d), TokenizerFingerprint(); fp != want {
		return nil, fmt.Errorf("%w: tokenizer %08x, this build's is %08x (rebuild the index with `stylist index`)", ErrBM25Stale, fp, want)
	}
	d = d[4:]
	x := &BM25{k1: math.Float32frombits(binary.LittleEndian.Uint32(d)), b: math.Float32frombits(binary.LittleEndian.Uint32(d[4:]))}
	d = d[8:]
	var bad error
	next := func(what string) uint64 {
		v, n := binary.Uvarint(d)
		if n <= 0 {
			if bad == nil {
				bad = fmt.Errorf("%w: truncated at %s (byte %d)", ErrBM25Format, what, len(data)-len(d))
			}
			d = nil
			return 0
		}
		d = d[n:]
		return v
	}
	n := next("document count")
	if bad == nil && n != uint64(docs) {
		return nil, fmt.Errorf("%w: %d documents, the index has %d", ErrBM25Format, n, docs)
	}
	x.docLen = make([]uint16, docs)
	for i := range x.docLen {
		x.docLen[i] = uint16(min(next("document length"), math.MaxUint16))
	}
	nt := next("term count")
	total := next("postings total")
	if bad != nil {
		return nil, bad
	}
	if nt > uint64(len(d)) || total > uint64(len(d)/2) {
		return nil, fmt.Errorf("%w: %d terms and %d postings in %d bytes", ErrBM25Format, nt, total, len(d))
	}
	x.postings = make(map[string][]posting, nt)
	slab := make([]posting, 0, total) // one allocation for every term's postings
	for range nt {
		l := next("term length")
		if bad != nil || l > uint64(len(d)) {
			return nil, cmpErr(bad, ErrBM25Format, "term length")
		}
		t := string(d[:l])
		d = d[l:]
		np := next("postings count")
		if bad != nil || np > uint64(len(d)) {
			return nil, cmpErr(bad, ErrBM25Format, "postings of "+t)
		}
		lo := len(slab)
		doc := int64(-1)
		for range np {
			doc += int64(next("document id"))
			tf := next("term frequency")
			if doc < 0 || doc >= int64(docs) || tf > math.MaxUint16 {
				return nil, cmpErr(bad, ErrBM25Format, fmt.Sprintf("posting of %q (document %d)", t, doc))
			}
			if len(slab) == cap(slab) {
				return nil, fmt.Errorf("%w: more postings than the %d announced", ErrBM25Format, total)
			}
			slab = append(slab, posting{doc: int32(doc), tf: uint16(tf)})
		}
		x.postings[t] = slab[lo:len(slab):len(slab)]
	}
	if bad != nil {
		return nil, bad
	}
	if len(d) != 0 {
		return nil, fmt.Errorf("%w: %d trailing bytes", ErrBM25Format, len(d))
	}
	x.finish()
	return x, nil
}

func cmpErr(err, kind error, what string) error {
	if err != nil {
		return err
	}
	return fmt.Errorf("%w: bad %s", kind, what)
}
