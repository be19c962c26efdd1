package ollamatest

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/ollama/ollama/api"
)

// BenchmarkStartAndFirstChat measures a private server's start-up, model creation and
// the first chat (which loads the model).
func BenchmarkStartAndFirstChat(b *testing.B) {
	for b.Loop() {
		s := Start(b)
		s.CreateTinyModel(b, TinyModel)
		benchChat(b, s.Client(), nil)
		s.Kill()
	}
}

// BenchmarkChat measures a warm non-streaming chat (8 tokens).
func BenchmarkChat(b *testing.B) {
	c := Shared(b).Client()
	benchChat(b, c, nil)
	for b.Loop() {
		benchChat(b, c, nil)
	}
}

// BenchmarkChatJSONSchema measures a warm chat constrained by the recommendation schema.
func BenchmarkChatJSONSchema(b *testing.B) {
	c := Shared(b).Client()
	for b.Loop() {
		benchChat(b, c, json.RawMessage(recommendationSchema))
	}
}

// BenchmarkEmbed3 measures a warm /api/embed with three inputs.
func BenchmarkEmbed3(b *testing.B) {
	c := Shared(b).Client()
	req := &api.EmbedRequest{Model: TinyModel, Input: []string{"black dress", "white shirt", "denim jacket"}}
	for b.Loop() {
		if _, err := c.Embed(context.Background(), req); err != nil {
			b.Fatal(err)
		}
	}
}

func benchChat(b *testing.B, c *api.Client, format json.RawMessage) {
	stream := false
	req := &api.ChatRequest{Model: TinyModel, Stream: &stream, Format: format, Messages: []api.Message{{Role: "user", Content: "hi"}}}
	done := false
	if err := c.Chat(context.Background(), req, func(r api.ChatResponse) error { done = r.Done; return nil }); err != nil || !done {
		b.Fatalf("chat: %v (done %v)", err, done)
	}
}
