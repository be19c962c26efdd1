package modelfile

import (
	"embed"
	"fmt"
	"slices"
	"strings"
)

//go:embed templates/*.tmpl
var templateFiles embed.FS

// ChatFormat is a prompt format a model was trained with: the Ollama TEMPLATE that
// renders the chat in it and the stop sequences that end the assistant's turn.
type ChatFormat struct {
	Name     string
	Template string   // Ollama (Go text/template) chat template
	Stop     []string // PARAMETER stop values
}

// formats lists the built-in formats; each has templates/NAME.tmpl.
var formats = map[string][]string{
	// Llama 3 / 3.1 Instruct, and models tuned with axolotl or TRL's "llama3" chat template.
	"llama3": {"<|start_header_id|>", "<|end_header_id|>", "<|eot_id|>"},
	// ChatML (Qwen, many community fine-tunes).
	"chatml": {"<|im_start|>", "<|im_end|>"},
	// Alpaca instruction format ("### Instruction:" / "### Response:"), as Unsloth's
	// Alpaca notebooks train it (e.g. hf.co/floraliuya/recft_unsloth-Meta-Llama-3.1-8B-2).
	"alpaca": {"### Instruction:", "### Response:", "<|end_of_text|>", "<|eot_id|>"},
}

// Formats returns the names of the built-in chat formats, sorted.
func Formats() []string {
	names := make([]string, 0, len(formats))
	for n := range formats {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// Format returns the built-in chat format name.
func Format(name string) (ChatFormat, error) {
	stop, ok := formats[name]
	if !ok {
		return ChatFormat{}, fmt.Errorf("modelfile: unknown template %q (have %s)", name, strings.Join(Formats(), ", "))
	}
	b, err := templateFiles.ReadFile("templates/" + name + ".tmpl")
	if err != nil {
		return ChatFormat{}, fmt.Errorf("modelfile: template %q: %w", name, err)
	}
	return ChatFormat{Name: name, Template: string(b), Stop: slices.Clone(stop)}, nil
}
