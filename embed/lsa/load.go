package lsa

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"io"
	"math"
)

// Load reads a model written by Save. Corrupt or truncated data yields an error
// wrapping ErrFormat; another format version yields an error wrapping ErrVersion.
func Load(r io.Reader) (*Model, error) {
	var data []byte
	var err error
	if l, ok := r.(interface{ Len() int }); ok { // *bytes.Reader and friends: one allocation
		data = make([]byte, l.Len())
		_, err = io.ReadFull(r, data)
	} else {
		data, err = io.ReadAll(r)
	}
	if err != nil {
		return nil, fmt.Errorf("lsa: load: %w", err)
	}
	head := len(magic) + 2
	if len(data) < head+4 || string(data[:len(magic)]) != magic {
		return nil, fmt.Errorf("%w: not an lsa model", ErrFormat)
	}
	version := binary.LittleEndian.Uint16(data[len(magic):])
	if version < minVersion || version > formatVersion {
		return nil, fmt.Errorf("%w: got %d, want %d to %d", ErrVersion, version, minVersion, formatVersion)
	}
	body := data[:len(data)-4]
	if crc32c(body) != binary.LittleEndian.Uint32(data[len(data)-4:]) {
		return nil, fmt.Errorf("%w: checksum mismatch", ErrFormat)
	}
	d := decoder{buf: body[head:], version: version}
	m, err := d.model()
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(body[len(magic):]) // version and payload, as modelID hashes them
	m.id = formatID(version, m.dim, sum[:])
	return m, nil
}

// decoder reads primitive values; the first failure sticks.
type decoder struct {
	buf     []byte
	err     error
	version uint16
}

func (d *decoder) fail(what string) {
	if d.err == nil {
		d.err = fmt.Errorf("%w: bad %s", ErrFormat, what)
	}
}

func (d *decoder) take(n int, what string) []byte {
	if d.err != nil || n < 0 || n > len(d.buf) {
		d.fail(what)
		return nil
	}
	b := d.buf[:n]
	d.buf = d.buf[n:]
	return b
}

func (d *decoder) int64(what string) int64 {
	if b := d.take(8, what); b != nil {
		return int64(binary.LittleEndian.Uint64(b))
	}
	return 0
}

func (d *decoder) int(what string) int {
	v := d.int64(what)
	if v < 0 || v > math.MaxInt32 {
		d.fail(what)
		return 0
	}
	return int(v)
}

func (d *decoder) uvarint(what string, limit int) int {
	if d.err != nil {
		return 0
	}
	v, n := binary.Uvarint(d.buf)
	if n <= 0 || v > uint64(limit) {
		d.fail(what)
		return 0
	}
	d.buf = d.buf[n:]
	return int(v)
}

func (d *decoder) float64s(what string) []float64 {
	n := d.uvarint(what, len(d.buf)/8)
	b := d.take(8*n, what)
	out := make([]float64, n)
	for i := range out {
		if b != nil {
			out[i] = math.Float64frombits(binary.LittleEndian.Uint64(b[8*i:]))
		}
	}
	return out
}

func (d *decoder) float32s(n int, what string) []float32 {
	if n < 0 || n > len(d.buf)/4 {
		d.fail(what)
		return nil
	}
	b := d.take(4*n, what)
	out := make([]float32, n)
	for i := range out {
		x := math.Float32frombits(binary.LittleEndian.Uint32(b[4*i:]))
		if math.IsNaN(float64(x)) || math.IsInf(float64(x), 0) {
			d.fail(what)
			return nil
		}
		out[i] = x
	}
	return out
}

// model decodes the payload written by writePayload.
func (d *decoder) model() (*Model, error) {
	var o Options
	o.Dim, o.MinDF, o.MaxFeatures = d.int("dim"), d.int("min_df"), d.int("max_features")
	o.PowerIters, o.Oversample, o.Seed = d.int("power_iters"), d.int("oversample"), d.int64("seed")
	if b := d.take(1, "char_ngrams"); b != nil {
		o.CharNGrams = b[0] == 1
	}
	o.FieldWeights = d.float64s("field_weights")
	if kw := d.float64s("kind_weights"); len(kw) == 3 {
		o.WordWeight, o.BigramWeight, o.CharWeight = kw[0], kw[1], kw[2]
	} else {
		d.fail("kind_weights")
	}
	if d.version >= 2 {
		if b := d.take(1, "ordinary_words"); b != nil {
			o.OrdinaryWords = b[0] == 1
		}
	}
	var st FitStats
	st.Docs, st.Rank = d.int("docs"), d.int("rank")
	st.Sigma = d.float64s("sigma")
	nf := d.uvarint("features", len(d.buf))
	keys := make([]string, 0, nf)
	seen := make(map[string]struct{}, nf)
	for range nf {
		k := string(d.take(d.uvarint("key length", len(d.buf)), "key"))
		if _, ok := kindOf(k); !ok && d.err == nil {
			d.fail("key")
		}
		if _, dup := seen[k]; dup && d.err == nil {
			d.fail("duplicate key")
		}
		seen[k] = struct{}{}
		keys = append(keys, k)
	}
	var plain []bool
	if d.version >= 2 {
		bits := d.take((nf+7)/8, "ordinary words")
		plain = make([]bool, nf)
		for i := range plain {
			if bits != nil {
				plain[i] = bits[i/8]&(1<<(i%8)) != 0
			}
		}
	}
	idfs := d.float32s(nf, "idf")
	if d.err == nil && o.Dim > 0 && nf > len(d.buf)/4/o.Dim {
		d.fail("projection")
	}
	proj := d.float32s(nf*o.Dim, "projection")
	if d.err == nil && len(d.buf) != 0 {
		d.fail("trailing data")
	}
	if d.err != nil {
		return nil, d.err
	}
	if err := o.Validate(); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrFormat, err)
	}
	if st.Rank > o.Dim || len(st.Sigma) != st.Rank {
		return nil, fmt.Errorf("%w: bad rank", ErrFormat)
	}
	return newModel(d.version, o, keys, plain, idfs, proj, st), nil
}
