// Package modelfile packages a (fine-tuned) stylist model for Ollama: it writes the
// Modelfile (base, LoRA adapter, chat template, system prompt, parameters) and
// creates the model on a server through github.com/ollama/ollama/api, uploading
// local GGUF files as blobs the way `ollama create` does.
package modelfile

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/ollama/ollama/parser"
)

// Spec describes the model to create.
type Spec struct {
	// From is the base: an Ollama model name (e.g. llama3.1:8b-instruct-q4_K_M,
	// hf.co/org/repo) or a local GGUF file.
	From string
	// Adapter is a local LoRA adapter GGUF (convert_lora_to_gguf.py output); "" = none.
	Adapter string
	// Format is the chat format; a zero Format keeps the base model's template and stops.
	Format ChatFormat
	// System is the default system prompt (the chain sends its own as well).
	System string
	// NumCtx and Temperature become PARAMETER lines when positive / not nil.
	NumCtx      int
	Temperature *float64
	// NumPredict caps answer tokens when positive.
	NumPredict int
}

// Modelfile returns the Modelfile for s. Local paths (From when it is a file,
// Adapter) are made absolute so the file works from any directory.
func (s Spec) Modelfile() (*parser.Modelfile, error) {
	if strings.TrimSpace(s.From) == "" {
		return nil, errors.New("modelfile: a base model (--from) is required")
	}
	from := s.From
	if isLocalPath(from) {
		abs, err := localFile("--from", from)
		if err != nil {
			return nil, err
		}
		from = abs
	}
	mf := &parser.Modelfile{Commands: []parser.Command{{Name: "model", Args: from}}}
	add := func(name, args string) { mf.Commands = append(mf.Commands, parser.Command{Name: name, Args: args}) }
	if s.Adapter != "" {
		abs, err := localFile("--adapter", s.Adapter)
		if err != nil {
			return nil, err
		}
		if err := checkAdapter(abs); err != nil {
			return nil, err
		}
		add("adapter", abs)
	}
	if s.Format.Template != "" {
		add("template", s.Format.Template)
	}
	if s.System != "" {
		add("system", strings.TrimSpace(s.System))
	}
	for _, st := range s.Format.Stop {
		add("stop", st)
	}
	if s.NumCtx > 0 {
		add("num_ctx", strconv.Itoa(s.NumCtx))
	}
	if s.NumPredict > 0 {
		add("num_predict", strconv.Itoa(s.NumPredict))
	}
	if s.Temperature != nil {
		add("temperature", strconv.FormatFloat(*s.Temperature, 'f', -1, 64))
	}
	return mf, nil
}

// Write writes s's Modelfile to path and reads it back with Ollama's own parser,
// so what is written is exactly what Create sends. It returns the parsed file.
func (s Spec) Write(path string) (*parser.Modelfile, error) {
	mf, err := s.Modelfile()
	if err != nil {
		return nil, err
	}
	text := mf.String()
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		return nil, fmt.Errorf("modelfile: %w", err)
	}
	back, err := Read(path)
	if err != nil {
		return nil, err
	}
	if back.String() != text {
		return nil, fmt.Errorf("modelfile: %s does not read back as written (a template or system prompt Ollama's Modelfile syntax cannot quote?)", path)
	}
	return back, nil
}

// Read parses a Modelfile; errors name the file.
func Read(path string) (*parser.Modelfile, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("modelfile: %w", err)
	}
	defer f.Close()
	mf, err := parser.ParseFile(f)
	if err != nil {
		return nil, fmt.Errorf("modelfile: %s: %w", path, err)
	}
	return mf, nil
}

// isLocalPath reports whether a FROM value names a file rather than a model.
func isLocalPath(s string) bool {
	if strings.HasPrefix(s, "/") || strings.HasPrefix(s, "./") || strings.HasPrefix(s, "../") || strings.HasPrefix(s, "~") {
		return true
	}
	if strings.HasSuffix(strings.ToLower(s), ".gguf") {
		return true
	}
	_, err := os.Stat(s)
	return err == nil
}

func localFile(flag, p string) (string, error) {
	if strings.HasPrefix(p, "~/") {
		if home, err := os.UserHomeDir(); err == nil {
			p = filepath.Join(home, p[2:])
		}
	}
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", fmt.Errorf("modelfile: %s %s: %w", flag, p, err)
	}
	st, err := os.Stat(abs)
	if err != nil {
		return "", fmt.Errorf("modelfile: %s: %w", flag, err)
	}
	if st.IsDir() {
		return "", fmt.Errorf("modelfile: %s %s is a directory; give the GGUF file", flag, p)
	}
	return abs, nil
}
