package rag

import (
	"context"
	"fmt"

	"github.com/stylistbot/stylist/prompts"
	"github.com/stylistbot/stylist/query"
	"github.com/stylistbot/stylist/retrieve"
)

// Prepared is one request made ready for the model, exactly as Recommend sends it:
// the understood query (history folded in), the retrieved context, the count, and the
// rendered system and user messages. Training data is built from it ("train as we
// serve"); Recommend itself asks the model with it.
type Prepared struct {
	Query       query.Query
	Count       int            // items the answer must have (the count policy)
	Hits        []retrieve.Hit // the articles listed in the prompt, in order
	Notices     []string       // retrieval notices for an answer of Count items
	Excluded    int            // items left out because earlier turns showed them
	Result      *retrieve.Result
	Template    string // prompt template rendered
	Model       string // model asked (variant or llm.model)
	Temperature float64
	System      string // rendered system message; "" when Hits is empty
	Prompt      string // rendered user message; "" when Hits is empty (no model call)
}

// Target is the JSON answer the model is asked for and the chain parses and
// grounds; training targets are written with it.
type Target = modelAnswer

// TargetItem is one pick of a Target.
type TargetItem = modelItem

// AnswerSchema returns the JSON schema the chain sends as Ollama's format.
func AnswerSchema() []byte { return append([]byte(nil), answerSchema...) }

// ParseTarget reads a model reply as the chain does (text around the object is
// tolerated); the error wraps ErrBadOutput.
func ParseTarget(s string) (*Target, error) { return parseAnswer(s) }

// Prepare retrieves for req and renders the messages Recommend would send, whether
// or not the chain has a model.
func (c *Chain) Prepare(ctx context.Context, req Request) (*Prepared, error) {
	return c.prepare(ctx, c.cfg.Load(), c.prompts.Load(), req)
}

func (c *Chain) prepare(ctx context.Context, cfg *Config, ps *prompts.Set, req Request) (*Prepared, error) {
	q, exclude := effectiveQuery(c.ret, req.History, req.Query)
	n := cfg.Count(q.Count, req.Count)
	k := max(cfg.ContextItems, n)
	docs, res, err := c.docs.search(ctx, q, k+len(exclude), c.cb)
	if err != nil {
		return nil, fmt.Errorf("rag: retrieve: %w", err)
	}
	p := &Prepared{Query: q, Count: n, Notices: noticesFor(res, n), Excluded: len(exclude), Result: res,
		Template: cfg.Prompt, Model: cfg.Model, Temperature: cfg.Temperature}
	for _, d := range docs {
		if h, ok := HitOf(d); ok && !exclude[h.Article.ArticleID] && len(p.Hits) < k {
			p.Hits = append(p.Hits, h)
		}
	}
	if v, ok := cfg.Variants[req.Variant]; ok {
		p.Template = v.Template
		if v.Temperature != nil {
			p.Temperature = *v.Temperature
		}
		if v.Model != "" {
			p.Model = v.Model
		}
	}
	if len(p.Hits) == 0 {
		return p, nil
	}
	data := promptData(q, p.Hits, n, req.History)
	fitBudget(&data, cfg.NumCtx-cfg.NumPredict, n)
	p.Hits = p.Hits[:len(data.Items)] // fitBudget may drop trailing items: the model sees only these
	if p.Prompt, err = ps.Render(p.Template, data); err != nil {
		return nil, err
	}
	if p.System, err = ps.Render(prompts.System, data); err != nil {
		return nil, err
	}
	return p, nil
}
