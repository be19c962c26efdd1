package rag

import (
	"context"
	"fmt"
	"strings"

	"github.com/tmc/langchaingo/callbacks"
	"github.com/tmc/langchaingo/chains"
	"github.com/tmc/langchaingo/llms"
	"github.com/tmc/langchaingo/memory"
	"github.com/tmc/langchaingo/schema"
)

// Input and output keys of the chain as a langchaingo chains.Chain.
const (
	InputQuery   = "query"   // string, required: the request text
	InputCount   = "count"   // int, optional: Request.Count
	InputHistory = "history" // []Turn, optional: Request.History
	InputVariant = "variant" // string, optional: Request.Variant
	OutputText   = "text"    // string: the answer as plain text
	OutputAnswer = "answer"  // *Answer: the grounded answer
)

var (
	_ chains.Chain           = (*Chain)(nil)
	_ callbacks.HandlerHaver = (*Chain)(nil)
)

// Call implements chains.Chain, so chains.Call, chains.Run and chains.Predict
// work on the chain: inputs are InputQuery and the optional InputCount,
// InputHistory and InputVariant; outputs are OutputText and OutputAnswer. A
// chains.WithStreamingFunc option receives the model's raw output as it streams
// (the extracted prose goes nowhere: use Recommend for that); other options are
// ignored (the chain's Config decides model, temperature and length).
func (c *Chain) Call(ctx context.Context, inputs map[string]any, options ...chains.ChainCallOption) (map[string]any, error) {
	req, err := requestFromInputs(inputs)
	if err != nil {
		return nil, err
	}
	var opts llms.CallOptions
	for _, o := range chains.GetLLMCallOptions(options...) {
		o(&opts)
	}
	var stream StreamFunc
	if f := opts.StreamingFunc; f != nil {
		stream = func(ctx context.Context, chunk string) error { return f(ctx, []byte(chunk)) }
	}
	ans, err := c.Recommend(ctx, req, stream)
	if err != nil {
		return nil, err
	}
	return map[string]any{OutputText: ans.Text(), OutputAnswer: ans}, nil
}

func requestFromInputs(in map[string]any) (Request, error) {
	var req Request
	var ok bool
	if req.Query, ok = in[InputQuery].(string); !ok {
		return req, fmt.Errorf("rag: input %q must be a string, got %T", InputQuery, in[InputQuery])
	}
	if v, present := in[InputCount]; present {
		if req.Count, ok = v.(int); !ok {
			return req, fmt.Errorf("rag: input %q must be an int, got %T", InputCount, v)
		}
	}
	if v, present := in[InputHistory]; present {
		if req.History, ok = v.([]Turn); !ok {
			return req, fmt.Errorf("rag: input %q must be a []rag.Turn, got %T", InputHistory, v)
		}
	}
	if v, present := in[InputVariant]; present {
		if req.Variant, ok = v.(string); !ok {
			return req, fmt.Errorf("rag: input %q must be a string, got %T", InputVariant, v)
		}
	}
	return req, nil
}

// GetMemory implements chains.Chain: the chain keeps no memory of its own (thread
// history comes in with each request).
func (c *Chain) GetMemory() schema.Memory { return memory.NewSimple() }

// GetInputKeys implements chains.Chain.
func (c *Chain) GetInputKeys() []string { return []string{InputQuery} }

// GetOutputKeys implements chains.Chain.
func (c *Chain) GetOutputKeys() []string { return []string{OutputText} }

// GetCallbackHandler implements callbacks.HandlerHaver (chains.Call reports the
// chain's start, end and errors to it).
func (c *Chain) GetCallbackHandler() callbacks.Handler {
	if c.cb == nil {
		return nil
	}
	return c.cb
}

// Retriever returns the chain's retrieval step as a schema.Retriever.
func (c *Chain) Retriever() *Retriever { return c.docs }

// Text renders the answer as plain text: intro, one line per item, tip.
func (a *Answer) Text() string {
	var b strings.Builder
	b.WriteString(a.Intro)
	for i, it := range a.Items {
		fmt.Fprintf(&b, "\n%d. %s (%s, %s) [%s]", i+1, it.ProdName, it.ProductTypeName, it.ColourGroupName, it.ArticleID)
		if it.Reason != "" {
			b.WriteString(": " + it.Reason)
		}
	}
	if a.Tip != "" {
		b.WriteString("\n" + a.Tip)
	}
	return b.String()
}
