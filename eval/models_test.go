package eval

import (
	"bytes"
	"context"
	"encoding/json"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tmc/langchaingo/llms"

	"github.com/stylistbot/stylist/catalog"
	"github.com/stylistbot/stylist/rag"
)

// scripted answers like a chain whose model replied reply: it reports the call to
// rec and grounds the reply against known ids.
type scripted struct {
	rec   *LLMRecorder
	reply string
	known map[string]catalog.Article
}

func (s scripted) Recommend(ctx context.Context, _ rag.Request, _ rag.StreamFunc) (*rag.Answer, error) {
	s.rec.HandleLLMGenerateContentEnd(ctx, &llms.ContentResponse{Choices: []*llms.ContentChoice{{Content: s.reply,
		GenerationInfo: map[string]any{"PromptTokens": 100, "CompletionTokens": 20, "EvalDuration": 200 * time.Millisecond}}}})
	a := &rag.Answer{}
	t, err := rag.ParseTarget(s.reply)
	if err != nil {
		return &rag.Answer{RetrievalOnly: true, Items: []rag.Item{{ArticleID: "0000000001", FromRetrieval: true}}}, nil
	}
	for _, it := range t.Items {
		art, ok := s.known[it.ArticleID]
		if !ok {
			a.DroppedIDs = append(a.DroppedIDs, it.ArticleID)
			continue
		}
		a.Items = append(a.Items, rag.Item{ArticleID: art.ArticleID, ProductTypeName: art.ProductTypeName})
	}
	return a, nil
}

type lookup map[string]catalog.Article

func (l lookup) Article(id string) (catalog.Article, bool) { a, ok := l[id]; return a, ok }

func TestCompareModels(t *testing.T) {
	known := lookup{
		"0000000001": {ArticleID: "0000000001", ProductTypeName: "Sweater"},
		"0000000002": {ArticleID: "0000000002", ProductTypeName: "Skirt"},
	}
	good := &LLMRecorder{}
	half := &LLMRecorder{}
	bad := &LLMRecorder{}
	runs := []ModelRun{
		{"good", scripted{good, `{"intro":"i","items":[{"article_id":"0000000001","reason":"r"},{"article_id":"0000000002","reason":"r"}],"tip":"t"}`, known}, good},
		{"half", scripted{half, `{"intro":"i","items":[{"article_id":"0000000001","reason":"r"},{"article_id":"ok","reason":"r"}],"tip":"t"}`, known}, half},
		{"bad", scripted{bad, `{"intro": "i", "items": [`, known}, bad},
	}
	qs := []Query{{Q: "a sweater", Types: []string{"Sweater"}, Count: 2}, {Q: "anything"}}
	cmp, err := CompareModels(context.Background(), runs, known, qs, nil, 1)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][4]float64{ // valid, grounded, count, type P
		"good": {1, 1, 0.5, 0.5},
		"half": {1, 0.5, 0.5, 0.5},
		"bad":  {0, 0, 0, 0},
	}
	for _, s := range cmp.Models {
		w := want[s.Model]
		if got := [4]float64{s.ValidJSON, s.Grounded, s.CountRespected, s.TypePrecision}; got != w {
			t.Errorf("%s: valid/grounded/count/typeP = %v, want %v", s.Model, got, w)
		}
		if s.Answers != 2 || (s.Model != "bad" && (s.PromptTokens != 100 || s.AnswerTokens != 20 || s.TokensPerSec != 100)) {
			t.Errorf("%s: %+v", s.Model, s)
		}
	}
	var tb, js bytes.Buffer
	if err := cmp.WriteTable(&tb); err != nil || !strings.Contains(tb.String(), "valid JSON") || strings.Count(tb.String(), "\n") != 4 {
		t.Fatalf("%v\n%s", err, tb.String())
	}
	if err := cmp.WriteJSON(&js); err != nil {
		t.Fatal(err)
	}
	var back Comparison
	if err := json.Unmarshal(js.Bytes(), &back); err != nil || len(back.Models) != 3 || back.Models[1].Grounded != 0.5 {
		t.Fatalf("%v %+v", err, back)
	}
	dir := filepath.Join(t.TempDir(), "charts")
	files, err := cmp.WriteCharts(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != len(metrics) {
		t.Fatalf("%d charts", len(files))
	}
	f, err := os.Open(filepath.Join(dir, "grounded.png"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if cfg, err := png.DecodeConfig(f); err != nil || cfg.Width < 200 {
		t.Fatalf("%v %+v", err, cfg)
	}
}
