package main

import (
	"encoding/json"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stylistbot/stylist/eval"
	"github.com/stylistbot/stylist/internal/ollamatest"
)

// Two tiny models on the real server: "tiny" writes "ok" for every id (invented),
// the picker writes a retrieved article's id. The comparison must tell them apart.
func TestEvalComparesModels(t *testing.T) {
	srv := ollamatest.Shared(t)
	t.Setenv("STYLIST_LLM__URL", srv.URL())
	t.Setenv("STYLIST_LLM__NUM_CTX", "1024")
	t.Setenv("STYLIST_LLM__NUM_PREDICT", "256")
	t.Setenv("STYLIST_LLM__DEFAULT_COUNT", "1")
	out, _, err := run(t, "", "search", "--json", "--k", "1", "black sweater")
	if err != nil {
		t.Fatal(err)
	}
	var res searchOutput
	if err := json.Unmarshal([]byte(out), &res); err != nil || len(res.Items) != 1 {
		t.Fatalf("%v %s", err, out)
	}
	id := res.Items[0].ArticleID
	srv.CreateTinyModelWith(t, "tiny-picker", ollamatest.TinyOptions{JSONValue: id})

	dir := t.TempDir()
	qf := filepath.Join(dir, "q.jsonl")
	os.WriteFile(qf, []byte(`{"q": "black sweater", "types": ["Sweater"]}`+"\n"+`{"q": "a black sweater please", "types": ["Sweater"]}`+"\n"), 0o644)
	of := filepath.Join(dir, "outfits.jsonl")
	os.WriteFile(of, []byte(`{"q": "what should I wear to a wedding as a guest", "audience": "women", "slots": ["main", "shoes"]}`+"\n"+`{"q": "black jeans", "single": true}`+"\n"), 0o644)
	charts := filepath.Join(dir, "charts")
	out, stderr, err := run(t, "", "eval", "--queries", qf, "--outfits", of, "--generate", "--models", ollamatest.TinyModel+",tiny-picker", "--json", "--chart", charts)
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	var cmp eval.Comparison
	if err := json.Unmarshal([]byte(out), &cmp); err != nil || len(cmp.Models) != 2 || cmp.Queries != 2 {
		t.Fatalf("%v %s", err, out)
	}
	tiny, picker := cmp.Models[0], cmp.Models[1]
	if tiny.Model != ollamatest.TinyModel || picker.Model != "tiny-picker" {
		t.Fatalf("%+v", cmp.Models)
	}
	if tiny.ValidJSON != 1 || picker.ValidJSON != 1 || tiny.Grounded != 0 || picker.Grounded != 1 || picker.TypePrecision != 1 || tiny.TypePrecision != 0 {
		t.Fatalf("tiny %+v\npicker %+v", tiny, picker)
	}
	if picker.CountRespected != 1 || picker.PromptTokens == 0 || picker.AnswerTokens == 0 || picker.TokensPerSec <= 0 || picker.LatencyP50 <= 0 {
		t.Fatalf("picker %+v", picker)
	}
	// The tiny models write "ok" or a sweater's id for every piece: never a slot
	// candidate, so grounding keeps the assembled looks, which pass the checks.
	for _, m := range cmp.Models {
		o := m.Outfits
		if cmp.OutfitQueries != 1 || o == nil || o.Answers != 1 || o.ValidJSON != 1 || o.Grounded != 0 || o.ModelPicked != 0 || o.Looks == 0 || o.Pass != 1 {
			t.Fatalf("%s outfits: %+v", m.Model, o)
		}
	}
	if _, err := os.Stat(filepath.Join(charts, "outfit_pass.png")); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(filepath.Join(charts, "grounded.png"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := png.DecodeConfig(f); err != nil {
		t.Fatal(err)
	}

	out, _, err = run(t, "", "eval", "--queries", qf, "--models", "tiny-picker")
	if err != nil || !strings.Contains(out, "valid JSON") || !strings.Contains(out, "tiny-picker") {
		t.Fatalf("%v\n%s", err, out)
	}
	_, _, err = run(t, "", "eval", "--queries", qf, "--models", "no-such-model")
	if err == nil || !strings.Contains(err.Error(), "no-such-model") {
		t.Fatalf("a missing model must be named: %v", err)
	}
}
