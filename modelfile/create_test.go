package modelfile

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ollama/ollama/api"

	"github.com/stylistbot/stylist/internal/ollamatest"
)

func TestMain(m *testing.M) { os.Exit(ollamatest.Main(m)) }

// The real Ollama 0.6.5 server takes the tiny base and its LoRA adapter, reports
// the adapter, template, system prompt and parameters, and llama.cpp loads the
// adapter when the model answers.
func TestCreateWithAdapterOnRealOllama(t *testing.T) {
	srv := ollamatest.Shared(t)
	base, adapter := tinyFiles(t)
	f, _ := Format("chatml")
	temp := 0.2
	s := Spec{From: base, Adapter: adapter, Format: f, System: "You are stylist.", NumCtx: 1024, Temperature: &temp}
	path := filepath.Join(t.TempDir(), "Modelfile")
	mf, err := s.Write(path)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	var steps []string
	show, err := Create(ctx, srv.Client(), "stylist-tuned", mf, filepath.Dir(path), func(s string) { steps = append(steps, s) })
	if err != nil {
		t.Fatal(err)
	}
	if got := Adapters(show); len(got) != 1 {
		t.Fatalf("server reports adapters %q; modelfile:\n%s", got, show.Modelfile)
	}
	if show.Template != f.Template || show.System != "You are stylist." {
		t.Fatalf("template %q system %q", show.Template, show.System)
	}
	for _, p := range []string{"num_ctx", "1024", "temperature", "0.2", "stop", "<|im_end|>"} {
		if !strings.Contains(show.Parameters, p) {
			t.Fatalf("parameters lack %q:\n%s", p, show.Parameters)
		}
	}
	if !slices.ContainsFunc(steps, func(s string) bool { return strings.HasPrefix(s, "uploading tiny-lora.gguf") }) {
		t.Fatalf("progress %q", steps)
	}
	// A chat makes the runner load the adapter (a bad adapter fails the load). The
	// tiny model ends at once after a chatml prompt; under a JSON format it must write.
	stream := false
	var reply api.ChatResponse
	err = srv.Client().Chat(ctx, &api.ChatRequest{Model: "stylist-tuned", Stream: &stream, Format: json.RawMessage(`"json"`), Options: map[string]any{"num_thread": 1},
		Messages: []api.Message{{Role: "user", Content: "a black dress"}}}, func(r api.ChatResponse) error { reply = r; return nil })
	if err != nil {
		t.Fatalf("chat with the adapter: %v\n%s", err, srv.Logs())
	}
	if !reply.Done || !json.Valid([]byte(reply.Message.Content)) {
		t.Fatalf("reply %+v", reply)
	}
	if !strings.Contains(srv.Logs(), "loaded 8 tensors from lora file") {
		t.Fatalf("llama.cpp did not report loading the adapter's 8 tensors:\n%s", srv.Logs())
	}
}

// A base the server does not have and cannot pull fails with the server's reason.
func TestCreateFromMissingBaseFails(t *testing.T) {
	srv := ollamatest.Shared(t)
	f, _ := Format("llama3")
	mf, err := Spec{From: "registry.invalid/nobody/nothing:latest", Format: f}.Modelfile()
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	_, err = Create(ctx, srv.Client(), "stylist-nobase", mf, t.TempDir(), nil)
	if err == nil || !strings.Contains(err.Error(), `create "stylist-nobase"`) {
		t.Fatalf("err = %v", err)
	}
	t.Log(err)
}
