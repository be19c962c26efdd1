package ollamatest

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"testing"
	"time"

	"github.com/ollama/ollama/api"
)

// Names of the models that Shared creates.
const (
	// TinyModel answers DefaultReply and stops; it embeds into EmbeddingDim dimensions.
	TinyModel = "tiny"
	// EndlessModel never stops generating (for timeout and cancellation tests).
	EndlessModel = "tiny-endless"
)

// TinyTemplate is the chat template of the tiny models.
const TinyTemplate = `{{- if .System }}<|system|>{{ .System }}{{ end }}{{- range .Messages }}{{ if ne .Role "system" }}<|{{ .Role }}|>{{ .Content }}{{ end }}{{ end }}<|assistant|>`

// TinyParameters are the model parameters stored with the tiny models.
// One thread: on a shared 2-core machine two threads decode 10-100x slower.
var TinyParameters = map[string]any{"num_thread": 1, "num_ctx": 1024}

// CreateTinyModel registers the default tiny model under name.
func (s *Server) CreateTinyModel(tb testing.TB, name string) {
	tb.Helper()
	s.CreateTinyModelWith(tb, name, TinyOptions{})
}

// CreateTinyModelWith registers a tiny model with custom options under name.
func (s *Server) CreateTinyModelWith(tb testing.TB, name string, opts TinyOptions) {
	tb.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if err := createTiny(ctx, s.client, name, opts); err != nil {
		tb.Fatalf("ollamatest: %v\nserver log (tail):\n%s", err, s.Logs())
	}
}

// createTiny writes the GGUF, uploads it as a blob and creates the model from it.
func createTiny(ctx context.Context, c *api.Client, name string, opts TinyOptions) error {
	var buf bytes.Buffer
	if err := WriteTinyGGUF(&buf, opts); err != nil {
		return err
	}
	sum := sha256.Sum256(buf.Bytes())
	digest := "sha256:" + hex.EncodeToString(sum[:])
	if err := c.CreateBlob(ctx, digest, &buf); err != nil {
		return fmt.Errorf("upload tiny model blob: %w", err)
	}
	stream := false
	req := &api.CreateRequest{
		Model:      name,
		Files:      map[string]string{"tiny.gguf": digest},
		Template:   TinyTemplate,
		Parameters: TinyParameters,
		Stream:     &stream,
	}
	if err := c.Create(ctx, req, func(api.ProgressResponse) error { return nil }); err != nil {
		return fmt.Errorf("create model %q: %w", name, err)
	}
	return nil
}
