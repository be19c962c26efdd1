package modelfile

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ollama/ollama/template"

	"github.com/stylistbot/stylist/internal/ollamatest"
)

func TestFormatsParseAsOllamaTemplates(t *testing.T) {
	for _, name := range Formats() {
		t.Run(name, func(t *testing.T) {
			f, err := Format(name)
			if err != nil {
				t.Fatal(err)
			}
			if len(f.Stop) == 0 || f.Template == "" {
				t.Fatalf("format %q has no stops or template", name)
			}
			if _, err := template.Parse(f.Template); err != nil {
				t.Fatalf("Ollama refuses the %s template: %v", name, err)
			}
		})
	}
	if _, err := Format("vicuna"); err == nil || !strings.Contains(err.Error(), "alpaca, chatml, llama3") {
		t.Fatalf("unknown format: %v", err)
	}
}

func writeFile(t *testing.T, name string, write func(f *os.File) error) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := write(f); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return p
}

func tinyFiles(t *testing.T) (base, adapter string) { return ollamatest.TinyFiles(t) }

func TestWriteReadsBackWithOllamasParser(t *testing.T) {
	base, adapter := tinyFiles(t)
	temp := 0.3
	for _, name := range Formats() {
		t.Run(name, func(t *testing.T) {
			f, _ := Format(name)
			s := Spec{From: base, Adapter: adapter, Format: f, System: "You are stylist.\nAnswer in JSON.", NumCtx: 4096, NumPredict: 768, Temperature: &temp}
			path := filepath.Join(t.TempDir(), "Modelfile")
			mf, err := s.Write(path)
			if err != nil {
				t.Fatal(err)
			}
			req, err := mf.CreateRequest(filepath.Dir(path))
			if err != nil {
				t.Fatal(err)
			}
			if req.Template != f.Template || req.System != "You are stylist.\nAnswer in JSON." {
				t.Fatalf("template/system changed on the way: %q / %q", req.Template, req.System)
			}
			if len(req.Files) != 1 || len(req.Adapters) != 1 || req.Files[base] == "" || req.Adapters[adapter] == "" {
				t.Fatalf("files %v adapters %v", req.Files, req.Adapters)
			}
			stop, _ := req.Parameters["stop"].([]string)
			if strings.Join(stop, "|") != strings.Join(f.Stop, "|") {
				t.Fatalf("stop = %q, want %q", stop, f.Stop)
			}
			if req.Parameters["num_ctx"] != int64(4096) || req.Parameters["temperature"] != float32(0.3) || req.Parameters["num_predict"] != int64(768) {
				t.Fatalf("parameters %#v", req.Parameters)
			}
		})
	}
}

func TestModelNameBaseIsKeptAsFrom(t *testing.T) {
	f, _ := Format("alpaca")
	mf, err := Spec{From: "hf.co/floraliuya/recft_unsloth-Meta-Llama-3.1-8B-2", Format: f}.Modelfile()
	if err != nil {
		t.Fatal(err)
	}
	req, err := mf.CreateRequest(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if req.From != "hf.co/floraliuya/recft_unsloth-Meta-Llama-3.1-8B-2" || len(req.Files) != 0 || req.Template != f.Template {
		t.Fatalf("%+v", req)
	}
}

func TestBadInputsAreRefusedBeforeUpload(t *testing.T) {
	base, adapter := tinyFiles(t)
	notGGUF := writeFile(t, "notes.gguf", func(f *os.File) error { _, err := f.WriteString("hello"); return err })
	for _, tc := range []struct {
		name string
		spec Spec
		want string
	}{
		{"no base", Spec{}, "--from) is required"},
		{"missing base file", Spec{From: "./nope.gguf"}, "--from"},
		{"missing adapter", Spec{From: base, Adapter: filepath.Join(t.TempDir(), "x.gguf")}, "--adapter"},
		{"base given as adapter", Spec{From: base, Adapter: base}, `general.type is "unknown", want "adapter"`},
		{"not gguf", Spec{From: base, Adapter: notGGUF}, "not a GGUF file"},
		{"directory", Spec{From: base, Adapter: filepath.Dir(adapter)}, "is a directory"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := tc.spec.Modelfile()
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want it to mention %q", err, tc.want)
			}
		})
	}
}
