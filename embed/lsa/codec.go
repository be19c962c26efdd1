package lsa

import (
	"bufio"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"hash/crc32"
	"io"
	"math"
)

// Saved model layout (little endian):
//
//	magic "STYLSA" | version uint16 | payload | CRC-32C of everything before it
//
// payload: options, docs, rank, sigma, vocabulary keys, idf (float32), projection
// (float32, features × dim). Version 2 adds Options.OrdinaryWords after the kind
// weights and, after the keys, a bitset of the vocabulary words fitted as
// ordinary. The model ID is the SHA-256 of version and payload, and names the
// version ("lsa/v2/…"), so an index built with a version-1 model keeps its ID.
const (
	magic         = "STYLSA"
	formatVersion = 2 // written by Fit
	minVersion    = 1 // oldest version Load reads
)

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// Save writes the model in its compact binary format.
func (m *Model) Save(w io.Writer) error {
	bw := bufio.NewWriterSize(w, 1<<20)
	crc := crc32.New(castagnoli)
	mw := io.MultiWriter(bw, crc)
	if _, err := io.WriteString(mw, magic); err != nil {
		return err
	}
	if err := binary.Write(mw, binary.LittleEndian, m.version); err != nil {
		return err
	}
	if err := m.writePayload(mw); err != nil {
		return err
	}
	if err := binary.Write(bw, binary.LittleEndian, crc.Sum32()); err != nil {
		return err
	}
	return bw.Flush()
}

// modelID hashes the format version and the persistent state: the bytes Save
// writes between the magic and the checksum (Load hashes them as read, without
// writing the model again).
func modelID(m *Model) string {
	h := sha256.New()
	_ = binary.Write(h, binary.LittleEndian, m.version)
	_ = m.writePayload(h) // hash.Hash writes never fail
	return formatID(m.version, m.dim, h.Sum(nil))
}

// formatID is the ID of a model of this version and dimension whose version and
// payload hash to sum.
func formatID(version uint16, dim int, sum []byte) string {
	return fmt.Sprintf("lsa/v%d/d%d/%s", version, dim, hex.EncodeToString(sum)[:16])
}

// writePayload writes everything but the header and the checksum.
func (m *Model) writePayload(w io.Writer) error {
	e := encoder{buf: make([]byte, 0, 1<<16)}
	o := &m.opts
	e.ints(o.Dim, o.MinDF, o.MaxFeatures, o.PowerIters, o.Oversample)
	e.buf = binary.LittleEndian.AppendUint64(e.buf, uint64(o.Seed))
	e.bool(o.CharNGrams)
	e.float64s(o.FieldWeights)
	e.float64s([]float64{o.WordWeight, o.BigramWeight, o.CharWeight})
	if m.version >= 2 {
		e.bool(o.OrdinaryWords)
	}
	e.ints(m.stats.Docs, m.stats.Rank)
	e.float64s(m.stats.Sigma)
	e.uvarint(uint64(len(m.keys)))
	for _, k := range m.keys {
		e.uvarint(uint64(len(k)))
		e.buf = append(e.buf, k...)
		if err := e.flushIfBig(w); err != nil {
			return err
		}
	}
	if m.version >= 2 {
		e.bits(m.plain)
	}
	for _, chunk := range [][]float32{m.wg.idf, m.proj} {
		for i := 0; i < len(chunk); i += 1 << 14 {
			for _, x := range chunk[i:min(i+1<<14, len(chunk))] {
				e.buf = binary.LittleEndian.AppendUint32(e.buf, math.Float32bits(x))
			}
			if err := e.flushIfBig(w); err != nil {
				return err
			}
		}
	}
	_, err := w.Write(e.buf)
	return err
}

// encoder appends primitive values to a buffer.
type encoder struct{ buf []byte }

func (e *encoder) uvarint(v uint64) { e.buf = binary.AppendUvarint(e.buf, v) }

func (e *encoder) ints(vs ...int) {
	for _, v := range vs {
		e.buf = binary.LittleEndian.AppendUint64(e.buf, uint64(int64(v)))
	}
}

func (e *encoder) bool(b bool) {
	if b {
		e.buf = append(e.buf, 1)
	} else {
		e.buf = append(e.buf, 0)
	}
}

// bits appends bs as a bitset, least significant bit first (its length is known).
func (e *encoder) bits(bs []bool) {
	for i := 0; i < len(bs); i += 8 {
		var b byte
		for j := i; j < min(i+8, len(bs)); j++ {
			if bs[j] {
				b |= 1 << (j - i)
			}
		}
		e.buf = append(e.buf, b)
	}
}

func (e *encoder) float64s(vs []float64) {
	e.uvarint(uint64(len(vs)))
	for _, v := range vs {
		e.buf = binary.LittleEndian.AppendUint64(e.buf, math.Float64bits(v))
	}
}

func (e *encoder) flushIfBig(w io.Writer) error {
	if len(e.buf) < 1<<15 {
		return nil
	}
	_, err := w.Write(e.buf)
	e.buf = e.buf[:0]
	return err
}

// crc32c is the checksum of saved models.
func crc32c(b []byte) uint32 { return crc32.Checksum(b, castagnoli) }
