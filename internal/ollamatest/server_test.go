package ollamatest

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"math"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ollama/ollama/api"
)

// recommendationSchema mirrors the shape the rag package asks the LLM for.
const recommendationSchema = `{"type":"object","properties":{
	"intro":{"type":"string"},
	"items":{"type":"array","items":{"type":"object","properties":{
		"article_id":{"type":"string"},"reason":{"type":"string"}},"required":["article_id","reason"]}},
	"tip":{"type":"string"}},
	"required":["intro","items","tip"]}`

type recommendation struct {
	Intro string `json:"intro"`
	Items []struct {
		ArticleID string `json:"article_id"`
		Reason    string `json:"reason"`
	} `json:"items"`
	Tip string `json:"tip"`
}

func ctxFor(t *testing.T, d time.Duration) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), d)
	t.Cleanup(cancel)
	return ctx
}

// chat runs a non-streaming chat and returns the final response.
func chat(t *testing.T, c *api.Client, req api.ChatRequest) api.ChatResponse {
	t.Helper()
	stream := false
	req.Stream = &stream
	var last api.ChatResponse
	began := time.Now()
	if err := c.Chat(ctxFor(t, time.Minute), &req, func(r api.ChatResponse) error { last = r; return nil }); err != nil {
		t.Fatalf("chat: %v", err)
	}
	t.Logf("chat %s: %s (load %s, %d tokens)", req.Model, time.Since(began).Round(time.Millisecond), last.LoadDuration.Round(time.Millisecond), last.EvalCount)
	return last
}

func TestServerVersion(t *testing.T) {
	s := Shared(t)
	v, err := s.Client().Version(ctxFor(t, 10*time.Second))
	if err != nil || v != Version {
		t.Fatalf("version = %q, %v; want %s", v, err, Version)
	}
	if !strings.HasPrefix(s.URL(), "http://127.0.0.1:") {
		t.Errorf("URL %q is not loopback", s.URL())
	}
}

func TestChatIsDeterministic(t *testing.T) {
	c := Shared(t).Client()
	msgs := []api.Message{{Role: "system", Content: "Be brief."}, {Role: "user", Content: "Suggest a black dress."}}
	// Different seeds, temperatures and no top-p cut-off: the designed logits leave no choice.
	for _, opts := range []map[string]any{nil, {"seed": 1, "temperature": 1.5, "top_p": 1.0}, {"seed": 2, "temperature": 0}} {
		r := chat(t, c, api.ChatRequest{Model: TinyModel, Messages: msgs, Options: opts})
		if r.Message.Content != DefaultReply || r.DoneReason != "stop" {
			t.Errorf("options %v: reply %q (%s), want %q (stop)", opts, r.Message.Content, r.DoneReason, DefaultReply)
		}
	}
}

func TestChatStreamsOneChunkPerToken(t *testing.T) {
	c := Shared(t).Client()
	req := &api.ChatRequest{Model: TinyModel, Messages: []api.Message{{Role: "user", Content: "hi"}}}
	var chunks []api.ChatResponse
	if err := c.Chat(ctxFor(t, time.Minute), req, func(r api.ChatResponse) error { chunks = append(chunks, r); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(chunks) < 3 {
		t.Fatalf("%d chunks, want several", len(chunks))
	}
	var text strings.Builder
	for i, ch := range chunks {
		if ch.Done != (i == len(chunks)-1) {
			t.Errorf("chunk %d: done = %v", i, ch.Done)
		}
		text.WriteString(ch.Message.Content)
	}
	if last := chunks[len(chunks)-1]; last.DoneReason != "stop" {
		t.Errorf("final chunk done_reason %q", last.DoneReason)
	}
	if text.String() != DefaultReply {
		t.Errorf("streamed text %q, want %q", text.String(), DefaultReply)
	}
}

func TestChatWithJSONSchemaIsValid(t *testing.T) {
	s := Shared(t)
	s.CreateTinyModelWith(t, "tiny-article", TinyOptions{JSONValue: "0108775015"})
	var first string
	for i, model := range []string{TinyModel, TinyModel, "tiny-article"} {
		r := chat(t, s.Client(), api.ChatRequest{
			Model:    model,
			Messages: []api.Message{{Role: "user", Content: "Something for a summer party?"}},
			Format:   json.RawMessage(recommendationSchema),
			Options:  map[string]any{"seed": i, "temperature": 1.0},
		})
		if r.DoneReason != "stop" {
			t.Errorf("%s: done_reason %q", model, r.DoneReason)
		}
		dec := json.NewDecoder(strings.NewReader(r.Message.Content))
		dec.DisallowUnknownFields()
		var rec recommendation
		if err := dec.Decode(&rec); err != nil {
			t.Fatalf("%s: reply is not schema JSON: %v\n%s", model, err, r.Message.Content)
		}
		if rec.Intro == "" || rec.Tip == "" || len(rec.Items) == 0 || rec.Items[0].ArticleID == "" || rec.Items[0].Reason == "" {
			t.Errorf("%s: empty fields in %s", model, r.Message.Content)
		}
		switch {
		case model == "tiny-article":
			if rec.Items[0].ArticleID != "0108775015" {
				t.Errorf("JSONValue not used: %s", r.Message.Content)
			}
		case first == "":
			first = r.Message.Content
		case r.Message.Content != first:
			t.Errorf("not deterministic:\n%s\n%s", first, r.Message.Content)
		}
	}
}

func TestCustomReply(t *testing.T) {
	s := Shared(t)
	s.CreateTinyModelWith(t, "tiny-custom", TinyOptions{Reply: "Try the white shirt."})
	r := chat(t, s.Client(), api.ChatRequest{Model: "tiny-custom", Messages: []api.Message{{Role: "user", Content: "?"}}})
	if r.Message.Content != "Try the white shirt." {
		t.Errorf("reply %q", r.Message.Content)
	}
}

func TestEndlessModelStopsAtNumPredict(t *testing.T) {
	r := chat(t, Shared(t).Client(), api.ChatRequest{
		Model:    EndlessModel,
		Messages: []api.Message{{Role: "user", Content: "hi"}},
		Options:  map[string]any{"num_predict": 40},
	})
	if !r.Done || r.DoneReason != "length" || r.EvalCount != 40 {
		t.Errorf("done_reason %q after %d tokens, want length after 40", r.DoneReason, r.EvalCount)
	}
	if !strings.HasPrefix(r.Message.Content, DefaultReply+DefaultReply) {
		t.Errorf("reply %q", r.Message.Content)
	}
}

func TestEmbedIsNormalisedAndStable(t *testing.T) {
	c := Shared(t).Client()
	in := []string{"black summer dress", "white cotton shirt", "black summer dress"}
	began := time.Now()
	r, err := c.Embed(ctxFor(t, time.Minute), &api.EmbedRequest{Model: TinyModel, Input: in})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("embed %d inputs: %s (load %s)", len(in), time.Since(began).Round(time.Millisecond), r.LoadDuration.Round(time.Millisecond))
	if len(r.Embeddings) != len(in) {
		t.Fatalf("%d embeddings for %d inputs", len(r.Embeddings), len(in))
	}
	for i, v := range r.Embeddings {
		if len(v) != EmbeddingDim {
			t.Fatalf("embedding %d has %d dims, want %d", i, len(v), EmbeddingDim)
		}
		if n := dot(v, v); math.Abs(n-1) > 1e-4 {
			t.Errorf("embedding %d has squared norm %f", i, n)
		}
	}
	if !slices.Equal(r.Embeddings[0], r.Embeddings[2]) {
		t.Error("identical inputs give different vectors")
	}
	if cos := dot(r.Embeddings[0], r.Embeddings[1]); cos > 0.99 {
		t.Errorf("different inputs are too similar: cosine %f", cos)
	}
	again, err := c.Embed(ctxFor(t, time.Minute), &api.EmbedRequest{Model: TinyModel, Input: in[:1]})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(again.Embeddings[0], r.Embeddings[0]) {
		t.Error("batch and single embeddings of the same text differ")
	}
}

func dot(a, b []float32) float64 {
	var s float64
	for i := range a {
		s += float64(a[i]) * float64(b[i])
	}
	return s
}

func TestKillFailsPendingRequest(t *testing.T) {
	body := `{"model":"endless","messages":[{"role":"user","content":"hi"}]}`
	startEndless := func(t *testing.T) *Server {
		s := Start(t)
		s.CreateTinyModelWith(t, "endless", TinyOptions{Endless: true})
		return s
	}

	t.Run("raw HTTP stream breaks", func(t *testing.T) {
		s := startEndless(t)
		ctx := ctxFor(t, time.Minute)
		req, _ := http.NewRequestWithContext(ctx, http.MethodPost, s.URL()+"/api/chat", strings.NewReader(body))
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		br := bufio.NewReader(resp.Body)
		if _, err := br.ReadString('\n'); err != nil {
			t.Fatalf("first chunk: %v", err)
		}
		began := time.Now()
		s.Kill()
		_, err = io.ReadAll(br)
		if err == nil || ctx.Err() != nil {
			t.Fatalf("reading after Kill: err = %v, ctx = %v; want a prompt transport error", err, ctx.Err())
		}
		t.Logf("stream failed %s after Kill: %v", time.Since(began).Round(time.Millisecond), err)
		if _, err := s.Client().Version(ctxFor(t, 5*time.Second)); err == nil {
			t.Error("server still answers after Kill")
		}
	})

	// api.Client.Chat ignores the scanner's error: a broken stream ends with a nil
	// error but without the final done chunk, which callers must check for.
	t.Run("api client sees no done chunk", func(t *testing.T) {
		s := startEndless(t)
		ctx := ctxFor(t, time.Minute)
		req := &api.ChatRequest{Model: "endless", Messages: []api.Message{{Role: "user", Content: "hi"}}}
		chunks, done := 0, false
		err := s.Client().Chat(ctx, req, func(r api.ChatResponse) error {
			chunks++
			done = done || r.Done
			if chunks == 3 {
				s.Kill()
			}
			return nil
		})
		if ctx.Err() != nil || done {
			t.Fatalf("after Kill: err = %v, ctx = %v, done chunk = %v; want a prompt end without done", err, ctx.Err(), done)
		}
		t.Logf("chat ended after %d chunks, err = %v", chunks, err)
	})
}

func TestChatWithOtherFormatsTerminates(t *testing.T) {
	c := Shared(t).Client()
	formats := map[string]string{
		"json":            `"json"`,
		"optional only":   `{"type":"object","properties":{"a":{"type":"string"},"b":{"type":"integer"}}}`,
		"enum and bool":   `{"type":"object","properties":{"colour":{"enum":["red","blue"]},"ok":{"type":"boolean"}},"required":["colour","ok"]}`,
		"string arrays":   `{"type":"object","properties":{"tags":{"type":"array","items":{"type":"string"}},"grid":{"type":"array","items":{"type":"array","items":{"type":"number"}}}},"required":["tags","grid"]}`,
		"ranges":          `{"type":"object","properties":{"n":{"type":"integer","minimum":3,"maximum":7},"x":{"type":"number"}},"required":["n","x"]}`,
		"top-level array": `{"type":"array","items":{"type":"string"},"minItems":2}`,
	}
	for name, format := range formats {
		t.Run(name, func(t *testing.T) {
			r := chat(t, c, api.ChatRequest{Model: TinyModel, Format: json.RawMessage(format), Messages: []api.Message{{Role: "user", Content: "go"}}})
			var v any
			if r.DoneReason != "stop" || json.Unmarshal([]byte(r.Message.Content), &v) != nil {
				t.Errorf("done_reason %q, reply %q is not JSON", r.DoneReason, r.Message.Content)
			}
			t.Logf("%s", r.Message.Content)
		})
	}
}
