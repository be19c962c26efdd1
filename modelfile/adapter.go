package modelfile

import (
	"fmt"
	"os"
	"strings"

	"github.com/ollama/ollama/fs/ggml"
)

// checkAdapter refuses, before anything is uploaded, a file that Ollama would take
// for a second base model or llama.cpp would refuse to load as a LoRA adapter.
func checkAdapter(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("modelfile: --adapter: %w", err)
	}
	defer f.Close()
	g, _, err := ggml.Decode(f, 0)
	if err != nil {
		return fmt.Errorf("modelfile: --adapter %s: not a GGUF file: %w", path, err)
	}
	kv := g.KV()
	if k := kv.Kind(); k != "adapter" {
		return fmt.Errorf("modelfile: --adapter %s: general.type is %q, want \"adapter\" (export the LoRA with llama.cpp's convert_lora_to_gguf.py)", path, k)
	}
	// KV.String prefixes the architecture to keys outside general.*; read it as written.
	if t, _ := kv["adapter.type"].(string); t != "lora" {
		return fmt.Errorf("modelfile: --adapter %s: adapter.type is %q, want \"lora\"", path, t)
	}
	pairs := 0
	for _, t := range g.Tensors().Items() {
		if strings.HasSuffix(t.Name, ".lora_a") {
			pairs++
		}
	}
	if pairs == 0 {
		return fmt.Errorf("modelfile: --adapter %s: no lora_a/lora_b tensors", path)
	}
	return nil
}
