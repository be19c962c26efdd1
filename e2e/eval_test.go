package e2e

import (
	"context"
	"net/http"
	"os"
	"testing"

	"github.com/stylistbot/stylist/eval"
	"github.com/stylistbot/stylist/internal/ollamatest"
	"github.com/stylistbot/stylist/prompts"
	"github.com/stylistbot/stylist/rag"
)

// eval --generate over the dev set with the real tiny model: every item of every
// answer is a catalog article, the count is honoured, and the model answered.
func TestEvalGenerateGrounded(t *testing.T) {
	r := demoRetriever(t)
	f, err := os.Open("../eval/testdata/dev.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	qs, err := eval.ReadQueries(f)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	qs = qs[:12]
	m, _ := rag.NewOllamaModel(ollamatest.Shared(t).URL(), ollamatest.TinyModel, &http.Client{})
	ps, _ := prompts.Load("")
	cfg := rag.DefaultConfig()
	cfg.Model, cfg.NumCtx, cfg.NumPredict, cfg.NumThread, cfg.ContextItems = ollamatest.TinyModel, 1024, 256, 1, 8
	chain, err := rag.New(r, m, ps, cfg, rag.WithLogger(quiet))
	if err != nil {
		t.Fatal(err)
	}
	rep, err := eval.Run(context.Background(), r, qs, 10)
	if err != nil {
		t.Fatal(err)
	}
	if err := eval.RunAnswersChecked(context.Background(), chain, r, qs, cfg.DefaultCount, rep); err != nil {
		t.Fatal(err)
	}
	a := rep.Answers
	if a.Answers != len(qs) || a.Grounded != 1 || a.CountRespected != 1 || a.FellBack != 0 {
		t.Fatalf("answers %+v", a)
	}
	if a.DroppedIDs < len(qs) {
		t.Fatalf("the tiny model invents an id per answer; grounding must have dropped them: %d", a.DroppedIDs)
	}
	if a.TypePrecision < 0.9 {
		t.Fatalf("type precision of answered items %.2f", a.TypePrecision)
	}
}
