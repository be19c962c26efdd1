package rag

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/tmc/langchaingo/llms"
)

// recordingModel answers reply and records the text of the messages it was sent.
type recordingModel struct {
	reply string
	msgs  []string
}

func (m *recordingModel) Call(ctx context.Context, p string, o ...llms.CallOption) (string, error) {
	return llms.GenerateFromSinglePrompt(ctx, m, p, o...)
}

func (m *recordingModel) GenerateContent(_ context.Context, msgs []llms.MessageContent, _ ...llms.CallOption) (*llms.ContentResponse, error) {
	for _, mc := range msgs {
		for _, p := range mc.Parts {
			if tc, ok := p.(llms.TextContent); ok {
				m.msgs = append(m.msgs, tc.Text)
			}
		}
	}
	return &llms.ContentResponse{Choices: []*llms.ContentChoice{{Content: m.reply}}}, nil
}

// Prepare renders exactly what Recommend sends: the same retrieval, count and
// messages; the targets written for training parse back as the chain reads them.
func TestPrepareIsWhatRecommendSends(t *testing.T) {
	rec := &recordingModel{reply: `{"intro":"hi","items":[],"tip":"t"}`}
	c, err := New(testRetriever(t), rec, testPrompts(t), testConfig("m"))
	if err != nil {
		t.Fatal(err)
	}
	for _, req := range []Request{
		{Query: "a black sweater for men", Count: 2},
		{Query: "same but in white", History: []Turn{{Query: "a black sweater for men"}}},
	} {
		rec.msgs = nil
		p, err := c.Prepare(context.Background(), req)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := c.Recommend(context.Background(), req, nil); err != nil {
			t.Fatal(err)
		}
		if p.Count == 0 || len(p.Hits) == 0 || p.System == "" || p.Prompt == "" || p.Model != "m" {
			t.Fatalf("%+v", p)
		}
		if len(rec.msgs) != 2 || rec.msgs[0] != p.System || rec.msgs[1] != p.Prompt {
			t.Fatalf("Recommend sent other messages than Prepare rendered:\n%q\nvs system %q prompt %q", rec.msgs, p.System, p.Prompt)
		}
		for _, h := range p.Hits {
			if !strings.Contains(p.Prompt, h.Article.ArticleID) {
				t.Fatalf("hit %s is not in the prompt", h.Article.ArticleID)
			}
		}
	}
	p, _ := c.Prepare(context.Background(), Request{Query: "a black sweater"})
	tg := Target{Intro: "x", Items: []TargetItem{{ArticleID: p.Hits[0].Article.ArticleID, Reason: "r"}}, Tip: "t"}
	b, _ := json.Marshal(tg)
	back, err := ParseTarget(string(b))
	if err != nil || back.Items[0].ArticleID != p.Hits[0].Article.ArticleID {
		t.Fatalf("%v %+v", err, back)
	}
	if _, err := ParseTarget("not json"); !errors.Is(err, ErrBadOutput) {
		t.Fatalf("err = %v", err)
	}
	if !json.Valid(AnswerSchema()) {
		t.Fatal("schema")
	}
}
