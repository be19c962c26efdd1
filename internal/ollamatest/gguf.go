package ollamatest

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"io"
	"math"
)

// GGUF value type codes (gguf.h).
const (
	ggufUint32  = 4
	ggufInt32   = 5
	ggufFloat32 = 6
	ggufString  = 8
	ggufArray   = 9
)

// ggufAlignment is the default GGUF data alignment; tensor offsets are multiples of it.
const ggufAlignment = 32

// ggufKV is one metadata entry; value is uint32, float32, string, []string, []float32 or []int32.
type ggufKV struct {
	key   string
	value any
}

// ggufTensor is one F32 tensor; shape is in ggml order (first dimension fastest).
type ggufTensor struct {
	name  string
	shape []uint64
	data  []float32
}

// writeGGUF writes a GGUF v3 file with the given metadata and F32 tensors.
func writeGGUF(w io.Writer, kvs []ggufKV, tensors []ggufTensor) error {
	bw := bufio.NewWriter(w)
	g := &ggufWriter{w: bw}
	g.raw([]byte("GGUF"))
	g.u32(3)
	g.u64(uint64(len(tensors)))
	g.u64(uint64(len(kvs)))
	for _, kv := range kvs {
		g.str(kv.key)
		g.value(kv.value)
	}
	var offset uint64
	for _, t := range tensors {
		n := uint64(1)
		for _, d := range t.shape {
			n *= d
		}
		if n != uint64(len(t.data)) {
			return fmt.Errorf("gguf: tensor %s has %d values, shape %v needs %d", t.name, len(t.data), t.shape, n)
		}
		g.str(t.name)
		g.u32(uint32(len(t.shape)))
		for _, d := range t.shape {
			g.u64(d)
		}
		g.u32(0) // GGML_TYPE_F32
		g.u64(offset)
		offset += pad(4 * n)
	}
	g.zeros(pad(g.n) - g.n)
	for _, t := range tensors {
		for _, v := range t.data {
			g.u32(math.Float32bits(v))
		}
		g.zeros(pad(4*uint64(len(t.data))) - 4*uint64(len(t.data)))
	}
	if g.err != nil {
		return fmt.Errorf("gguf: %w", g.err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("gguf: %w", err)
	}
	return nil
}

// pad rounds n up to the GGUF alignment.
func pad(n uint64) uint64 { return (n + ggufAlignment - 1) / ggufAlignment * ggufAlignment }

// ggufWriter writes little-endian GGUF primitives, remembering the first error and the byte count.
type ggufWriter struct {
	w   io.Writer
	n   uint64
	err error
}

func (g *ggufWriter) raw(b []byte) {
	if g.err != nil {
		return
	}
	var k int
	k, g.err = g.w.Write(b)
	g.n += uint64(k)
}

func (g *ggufWriter) u32(v uint32) { g.raw(binary.LittleEndian.AppendUint32(nil, v)) }
func (g *ggufWriter) u64(v uint64) { g.raw(binary.LittleEndian.AppendUint64(nil, v)) }
func (g *ggufWriter) zeros(n uint64) {
	g.raw(make([]byte, n))
}

func (g *ggufWriter) str(s string) {
	g.u64(uint64(len(s)))
	g.raw([]byte(s))
}

// value writes a typed metadata value: its type code, then its payload.
func (g *ggufWriter) value(v any) {
	switch v := v.(type) {
	case uint32:
		g.u32(ggufUint32)
		g.u32(v)
	case float32:
		g.u32(ggufFloat32)
		g.u32(math.Float32bits(v))
	case string:
		g.u32(ggufString)
		g.str(v)
	case []string:
		g.u32(ggufArray)
		g.u32(ggufString)
		g.u64(uint64(len(v)))
		for _, s := range v {
			g.str(s)
		}
	case []float32:
		g.u32(ggufArray)
		g.u32(ggufFloat32)
		g.u64(uint64(len(v)))
		for _, f := range v {
			g.u32(math.Float32bits(f))
		}
	case []int32:
		g.u32(ggufArray)
		g.u32(ggufInt32)
		g.u64(uint64(len(v)))
		for _, i := range v {
			g.u32(uint32(i))
		}
	default:
		if g.err == nil {
			g.err = fmt.Errorf("unsupported metadata type %T", v)
		}
	}
}
