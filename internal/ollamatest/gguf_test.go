package ollamatest

import (
	"bytes"
	"encoding/binary"
	"math"
	"strings"
	"testing"

	"github.com/ollama/ollama/fs/ggml"
)

func TestWriteTinyGGUFDecodesWithOllama(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteTinyGGUF(&buf, TinyOptions{}); err != nil {
		t.Fatal(err)
	}
	raw := buf.Bytes()
	g, size, err := ggml.Decode(bytes.NewReader(raw), -1)
	if err != nil {
		t.Fatalf("ollama's GGUF decoder rejects the file: %v", err)
	}
	if size != int64(len(raw)) {
		t.Errorf("decoded size %d, file has %d bytes", size, len(raw))
	}
	kv := g.KV()
	if got := kv.Architecture(); got != "llama" {
		t.Errorf("architecture %q", got)
	}
	if kv.EmbeddingLength() != EmbeddingDim || kv.BlockCount() != layers || kv.HeadCount() != heads {
		t.Errorf("shape: embedding %d, blocks %d, heads %d", kv.EmbeddingLength(), kv.BlockCount(), kv.HeadCount())
	}
	if _, ok := kv["llama.pooling_type"]; ok {
		t.Error("llama.pooling_type is set; Ollama would refuse chat")
	}
	tokens := kv.Strings("tokenizer.ggml.tokens")
	if len(tokens) < 360 || tokens[tokEOS] != "</s>" || tokens[tokAssistant] != "<|assistant|>" {
		t.Errorf("vocabulary: %d tokens, eos %q, assistant %q", len(tokens), tokens[tokEOS], tokens[tokAssistant])
	}

	ts := g.Tensors()
	items := ts.Items()
	if len(items) != 3+9*layers {
		t.Fatalf("%d tensors, want %d", len(items), 3+9*layers)
	}
	if ts.Offset%ggufAlignment != 0 {
		t.Errorf("tensor data starts at %d, not %d-aligned", ts.Offset, ggufAlignment)
	}
	for _, tn := range items {
		if tn.Kind != 0 {
			t.Errorf("%s: kind %d, want F32", tn.Name, tn.Kind)
		}
		if tn.Offset%ggufAlignment != 0 {
			t.Errorf("%s: offset %d not aligned", tn.Name, tn.Offset)
		}
		if tn.Name == "output_norm.weight" {
			got := readF32(raw[ts.Offset+tn.Offset:], hidden)
			if got[0] != aNorm || got[splitDim-1] != aNorm || got[splitDim] != 1 || got[hidden-1] != 1 {
				t.Errorf("output_norm.weight reads back as %v", got)
			}
		}
	}
}

func readF32(b []byte, n int) []float32 {
	out := make([]float32, n)
	for i := range out {
		out[i] = math.Float32frombits(binary.LittleEndian.Uint32(b[4*i:]))
	}
	return out
}

func TestWriteTinyGGUFIsDeterministic(t *testing.T) {
	write := func(o TinyOptions) []byte {
		var buf bytes.Buffer
		if err := WriteTinyGGUF(&buf, o); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	a, b := write(TinyOptions{}), write(TinyOptions{})
	if !bytes.Equal(a, b) {
		t.Error("two writes with the same options differ")
	}
	for name, o := range map[string]TinyOptions{
		"reply":   {Reply: "Other words here."},
		"json":    {JSONValue: "0108775015"},
		"endless": {Endless: true},
		"seed":    {Seed: 7},
	} {
		if bytes.Equal(a, write(o)) {
			t.Errorf("%s: options do not change the file", name)
		}
	}
}

func TestWriteTinyGGUFRejectsBadOptions(t *testing.T) {
	tests := []struct {
		name string
		opts TinyOptions
		want string
	}{
		{"repeated word", TinyOptions{Reply: "a b b"}, "repeats"},
		{"endless single word", TinyOptions{Reply: "ok.", Endless: true}, "two words"},
		{"quote in reply", TinyOptions{Reply: `say "hi"`}, "Reply"},
		{"backslash in json value", TinyOptions{JSONValue: `a\b`}, "JSONValue"},
		{"space in json value", TinyOptions{JSONValue: "two words"}, "JSONValue"},
		{"json value is a reply word", TinyOptions{Reply: "ok then", JSONValue: "ok"}, "differ"},
		{"too many words", TinyOptions{Reply: manyWords(maxReplyWords + 1)}, "at most"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := WriteTinyGGUF(&bytes.Buffer{}, tt.opts)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want it to mention %q", err, tt.want)
			}
		})
	}
	if err := WriteTinyGGUF(&bytes.Buffer{}, TinyOptions{Reply: manyWords(maxReplyWords)}); err != nil {
		t.Errorf("%d words: %v", maxReplyWords, err)
	}
}

func manyWords(n int) string {
	w := make([]string, n)
	for i := range w {
		w[i] = "w" + strings.Repeat("x", i)
	}
	return strings.Join(w, " ")
}
