package ollamatest

import (
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
)

// LoRAOptions shapes the tiny LoRA adapter; the zero value gives the defaults.
type LoRAOptions struct {
	// Rank is the LoRA rank r (default 4).
	Rank int
	// Alpha is adapter.lora.alpha (default 2*Rank).
	Alpha float32
	// Seed seeds the adapter's weights (0 means a fixed default).
	Seed uint64
}

// LoRATargets are the base tensors the tiny adapter adapts: the attention queries
// and keys of every block. The tiny model's queries and keys are zero and only mix
// the context features that its output layer ignores, so the adapted model answers
// exactly like the base while llama.cpp still loads, checks and applies every pair.
var LoRATargets = []string{"attn_q", "attn_k"}

// WriteTinyLoRA writes a LoRA adapter GGUF that matches the tiny model (WriteTinyGGUF)
// in the layout llama.cpp's llama_adapter_lora_init (Ollama 0.6.5) accepts and
// convert_lora_to_gguf.py writes: general.type=adapter, adapter.type=lora,
// adapter.lora.alpha, and for each adapted base tensor W of shape [in, out] the
// pair W.lora_a [in, r] and W.lora_b [r, out] (ggml order).
func WriteTinyLoRA(w io.Writer, opts LoRAOptions) error {
	if opts.Rank == 0 {
		opts.Rank = 4
	}
	if opts.Rank < 1 || opts.Rank > hidden {
		return fmt.Errorf("ollamatest: LoRAOptions.Rank %d must be in [1, %d]", opts.Rank, hidden)
	}
	if opts.Alpha == 0 {
		opts.Alpha = float32(2 * opts.Rank)
	}
	if opts.Seed == 0 {
		opts.Seed = 20250406
	}
	r := uint64(opts.Rank)
	rng := rand.New(rand.NewPCG(opts.Seed, 0x6c6f_7261))
	random := func(n uint64) []float32 {
		s := make([]float32, n)
		for i := range s {
			s[i] = float32(rng.NormFloat64() * 0.02)
		}
		return s
	}
	kvs := []ggufKV{
		{"general.architecture", "llama"},
		{"general.type", "adapter"},
		{"general.name", "stylist-tiny-lora"},
		{"adapter.type", "lora"},
		{"adapter.lora.alpha", opts.Alpha},
	}
	var ts []ggufTensor
	for l := range layers {
		for _, name := range LoRATargets {
			base := fmt.Sprintf("blk.%d.%s.weight", l, name)
			ts = append(ts,
				ggufTensor{base + ".lora_a", []uint64{hidden, r}, random(hidden * r)},
				ggufTensor{base + ".lora_b", []uint64{r, hidden}, random(r * hidden)},
			)
		}
	}
	return writeGGUF(w, kvs, ts)
}

// TinyFiles writes the tiny base model and a matching LoRA adapter into a fresh
// temporary directory of tb and returns their paths.
func TinyFiles(tb testing.TB) (base, adapter string) {
	tb.Helper()
	dir := tb.TempDir()
	base, adapter = filepath.Join(dir, "tiny-base.gguf"), filepath.Join(dir, "tiny-lora.gguf")
	for path, write := range map[string]func(io.Writer) error{
		base:    func(w io.Writer) error { return WriteTinyGGUF(w, TinyOptions{}) },
		adapter: func(w io.Writer) error { return WriteTinyLoRA(w, LoRAOptions{}) },
	} {
		f, err := os.Create(path)
		if err != nil {
			tb.Fatal(err)
		}
		err = write(f)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			tb.Fatalf("ollamatest: %s: %v", path, err)
		}
	}
	return base, adapter
}
