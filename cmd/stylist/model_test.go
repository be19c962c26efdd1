package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stylistbot/stylist/internal/ollamatest"
	"github.com/stylistbot/stylist/modelfile"
	"github.com/stylistbot/stylist/rag"
)

// stylist model create packages the tiny base with its LoRA adapter on the real
// Ollama server; the server reports the adapter and template, and the chain answers
// with the new model.
func TestModelCreateAndAnswer(t *testing.T) {
	srv := ollamatest.Shared(t)
	t.Setenv("STYLIST_LLM__URL", srv.URL())
	base, adapter := ollamatest.TinyFiles(t)
	mfPath := filepath.Join(t.TempDir(), "stylist.Modelfile")
	out, _, err := run(t, "", "model", "create", "stylist-lora", "--from", base, "--adapter", adapter, "--template", "chatml", "--modelfile", mfPath)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"wrote " + mfPath, "created", "stylist-lora on " + srv.URL(), "adapter ", "sha256-", "template    {{- if .System }}<|im_start|>system", "stop", "<|im_end|>", "num_ctx", "serve it"} {
		if !strings.Contains(out, want) {
			t.Fatalf("output lacks %q:\n%s", want, out)
		}
	}
	mf, err := os.ReadFile(mfPath)
	if err != nil {
		t.Fatal(err)
	}
	chatml, _ := modelfile.Format("chatml")
	for _, want := range []string{"FROM " + base, "ADAPTER " + adapter, "SYSTEM You are stylist", "PARAMETER temperature 0.3", chatml.Template} {
		if !strings.Contains(string(mf), want) {
			t.Fatalf("Modelfile lacks %q:\n%s", want, mf)
		}
	}
	t.Setenv("STYLIST_LLM__NUM_CTX", "1024")
	t.Setenv("STYLIST_LLM__NUM_PREDICT", "256")
	out, stderr, err := run(t, "", "ask", "--json", "--model", "stylist-lora", "--count", "2", "a black sweater")
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	var ans rag.Answer
	if err := json.Unmarshal([]byte(out), &ans); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if ans.RetrievalOnly || ans.Model != "stylist-lora" || len(ans.Items) != 2 {
		t.Fatalf("want a model answer from stylist-lora with 2 items: %+v", ans)
	}
}

func TestModelCreateRefusesBadInput(t *testing.T) {
	base, _ := ollamatest.TinyFiles(t)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"model", "create", "x"}, "--from BASE is required"},
		{[]string{"model", "create", "x", "--from", base, "--template", "vicuna"}, `unknown template "vicuna"`},
		{[]string{"model", "create", "x", "--from", base, "--adapter", base}, `general.type is "unknown"`},
	} {
		_, _, err := run(t, "", tc.args...)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%v: err = %v, want %q", tc.args, err, tc.want)
		}
	}
}

func TestModelfileName(t *testing.T) {
	for in, want := range map[string]string{"stylist": "stylist.Modelfile", "hf.co/a/b:q4": "hf.co_a_b_q4.Modelfile"} {
		if got := modelfileName(in); got != want {
			t.Errorf("%s → %s, want %s", in, got, want)
		}
	}
}
