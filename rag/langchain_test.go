package rag

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/tmc/langchaingo/callbacks"
	"github.com/tmc/langchaingo/chains"
	"github.com/tmc/langchaingo/llms"
	"github.com/tmc/langchaingo/schema"

	"github.com/stylistbot/stylist/prompts"
)

// fakeLLM answers with the first retrieved article it sees in the prompt, or with
// a scripted response / error.
type fakeLLM struct {
	resp *llms.ContentResponse
	err  error
}

func (f fakeLLM) Call(ctx context.Context, p string, o ...llms.CallOption) (string, error) {
	return llms.GenerateFromSinglePrompt(ctx, f, p, o...)
}

func (f fakeLLM) GenerateContent(ctx context.Context, _ []llms.MessageContent, o ...llms.CallOption) (*llms.ContentResponse, error) {
	var opts llms.CallOptions
	for _, x := range o {
		x(&opts)
	}
	if f.err != nil {
		return nil, f.err
	}
	if f.resp != nil {
		return f.resp, nil
	}
	content := `{"intro": "Two jackets.", "items": [], "tip": "Zip up."}`
	if opts.StreamingFunc != nil {
		if err := opts.StreamingFunc(ctx, []byte(content)); err != nil {
			return nil, err
		}
	}
	return &llms.ContentResponse{Choices: []*llms.ContentChoice{{Content: content}}}, nil
}

// recordingHandler records the callbacks it receives.
type recordingHandler struct {
	callbacks.SimpleHandler
	mu     sync.Mutex
	events []string
}

func (h *recordingHandler) add(e string) { h.mu.Lock(); h.events = append(h.events, e); h.mu.Unlock() }

func (h *recordingHandler) HandleChainStart(context.Context, map[string]any) { h.add("chain-start") }
func (h *recordingHandler) HandleChainEnd(context.Context, map[string]any)   { h.add("chain-end") }
func (h *recordingHandler) HandleRetrieverStart(context.Context, string)     { h.add("retriever-start") }
func (h *recordingHandler) HandleRetrieverEnd(_ context.Context, _ string, docs []schema.Document) {
	h.add(fmt.Sprintf("retriever-end:%d", len(docs)))
}
func (h *recordingHandler) HandleLLMGenerateContentStart(context.Context, []llms.MessageContent) {
	h.add("llm-start")
}
func (h *recordingHandler) HandleLLMGenerateContentEnd(ctx context.Context, _ *llms.ContentResponse) {
	if _, ok := LLMElapsed(ctx); ok {
		h.add("llm-end-timed")
	}
}
func (h *recordingHandler) HandleLLMError(ctx context.Context, _ error) {
	if _, ok := LLMElapsed(ctx); ok {
		h.add("llm-error-timed")
	}
}

func (h *recordingHandler) got() string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return strings.Join(h.events, " ")
}

// TestChainsCall: the chain is a langchaingo chains.Chain; chains.Call runs the
// whole RAG pipeline through its schema.Retriever and reports to the handler.
func TestChainsCall(t *testing.T) {
	h := &recordingHandler{}
	c, err := New(testRetriever(t), fakeLLM{}, testPrompts(t), testConfig("m"), WithCallbacks(h))
	if err != nil {
		t.Fatal(err)
	}
	out, err := chains.Call(context.Background(), c, map[string]any{InputQuery: "top 2 white jackets"})
	if err != nil {
		t.Fatal(err)
	}
	ans, ok := out[OutputAnswer].(*Answer)
	if !ok || len(ans.Items) != 2 || ans.Items[0].ProductTypeName != "Jacket" {
		t.Fatalf("answer %+v", out[OutputAnswer])
	}
	checkGrounded(t, ans)
	if text, _ := out[OutputText].(string); !strings.Contains(text, ans.Items[0].ArticleID) {
		t.Fatalf("text output %q lacks the items", text)
	}
	if got := h.got(); !strings.HasPrefix(got, "chain-start retriever-start retriever-end:") || !strings.HasSuffix(got, "llm-start llm-end-timed chain-end") {
		t.Fatalf("callbacks %q", got)
	}
	if _, err := chains.Run(context.Background(), c, "white jacket"); err != nil {
		t.Fatalf("chains.Run: %v", err)
	}
	if _, err := chains.Call(context.Background(), c, map[string]any{InputQuery: 3}); err == nil {
		t.Fatal("a non-string query was accepted")
	}
}

// TestRetrieverIsTheChainsRetrieval: the schema.Retriever returns the documents
// the chain grounds its answers in, with the hit in each document's metadata.
func TestRetrieverIsTheChainsRetrieval(t *testing.T) {
	c, err := New(testRetriever(t), nil, testPrompts(t), testConfig("m"))
	if err != nil {
		t.Fatal(err)
	}
	var r schema.Retriever = c.Retriever()
	docs, err := r.GetRelevantDocuments(context.Background(), "white jacket")
	if err != nil || len(docs) == 0 {
		t.Fatalf("docs %v err %v", docs, err)
	}
	h, ok := HitOf(docs[0])
	if !ok || docs[0].Metadata["article_id"] != h.Article.ArticleID || !strings.Contains(docs[0].PageContent, h.Article.ProdName) {
		t.Fatalf("document %+v", docs[0])
	}
	a, err := c.Recommend(context.Background(), Request{Query: "white jacket", Count: 1}, nil)
	if err != nil || len(a.Items) != 1 || a.Items[0].ArticleID != h.Article.ArticleID {
		t.Fatalf("the chain's first item %+v is not the retriever's first document %s (%v)", a.Items, h.Article.ArticleID, err)
	}
}

// TestLLMEdgeCases: no choices and errors fall back to retrieval, reported to the handler.
func TestLLMEdgeCases(t *testing.T) {
	for _, tc := range []struct {
		name   string
		llm    fakeLLM
		notice string
		event  string
	}{
		{"no choices", fakeLLM{resp: &llms.ContentResponse{}}, "returned nothing", "llm-end-timed"},
		{"error", fakeLLM{err: errors.New("boom")}, "the stylist model failed", "llm-error-timed"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := &recordingHandler{}
			c, err := New(testRetriever(t), tc.llm, testPrompts(t), testConfig("m"), WithCallbacks(h))
			if err != nil {
				t.Fatal(err)
			}
			a, err := c.Recommend(context.Background(), Request{Query: "white jacket"}, nil)
			if err != nil || !a.RetrievalOnly || !strings.Contains(strings.Join(a.Notices, " "), tc.notice) {
				t.Fatalf("answer %+v err %v", a, err)
			}
			if !strings.Contains(h.got(), tc.event) {
				t.Fatalf("callbacks %q lack %s", h.got(), tc.event)
			}
		})
	}
}

// TestCountPolicy is the one count resolution: text, then explicit, then default, capped.
func TestCountPolicy(t *testing.T) {
	c := Config{DefaultCount: 5, MaxCount: 10}
	for _, tc := range []struct{ text, explicit, want int }{
		{0, 0, 5}, {3, 0, 3}, {0, 4, 4}, {3, 4, 3}, {20, 0, 10}, {0, 50, 10},
	} {
		if got := c.Count(tc.text, tc.explicit); got != tc.want {
			t.Errorf("Count(%d, %d) = %d, want %d", tc.text, tc.explicit, got, tc.want)
		}
	}
}

// TestSwapIsAllOrNothing: a config naming a template the new prompt set lacks
// changes neither the config nor the prompts.
func TestSwapIsAllOrNothing(t *testing.T) {
	c, err := New(testRetriever(t), nil, testPrompts(t), testConfig("m"))
	if err != nil {
		t.Fatal(err)
	}
	before, ps := c.Config(), c.Prompts()
	bad := testConfig("other")
	bad.Prompt = "nosuchprompt"
	if err := c.Swap(bad, testPrompts(t)); err == nil || !strings.Contains(err.Error(), `prompt: no template "nosuchprompt"`) {
		t.Fatalf("Swap: %v", err)
	}
	if c.Config().Model != before.Model || c.Prompts() != ps {
		t.Fatal("a refused swap changed the chain")
	}
	// A prompt set that lacks a template the running config uses is refused too.
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "custom.tmpl"), []byte("{{.Query}}"), 0o644); err != nil {
		t.Fatal(err)
	}
	withCustom, err := prompts.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	cfg := testConfig("m")
	cfg.Prompt = "custom"
	if err := c.Swap(cfg, withCustom); err != nil {
		t.Fatal(err)
	}
	if err := c.SetPrompts(testPrompts(t)); err == nil || !strings.Contains(err.Error(), `no template "custom"`) {
		t.Fatalf("SetPrompts without the configured prompt: %v", err)
	}
	if c.Prompts() != withCustom {
		t.Fatal("a refused SetPrompts changed the prompts")
	}
}
