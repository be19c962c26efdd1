// Package finetune builds training data for the stylist model from our own chain:
// every example is exactly the prompt the chain sends (rag.Chain.Prepare: system
// message, template, retrieved context, history) and the JSON answer it parses
// (rag.Target), so the model is trained as it is served. Sources are the
// fashion-style-instruct dataset (each outfit line grounded in the catalog article
// retrieval finds for it) and synthetic requests over the catalog.
package finetune

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"

	"github.com/stylistbot/stylist/catalog"
	"github.com/stylistbot/stylist/rag"
)

// Preparer renders a request as the chain would send it; *rag.Chain implements it.
type Preparer interface {
	Prepare(ctx context.Context, req rag.Request) (*rag.Prepared, error)
}

// Sources of examples.
const (
	SourceStyle     = "style-instruct"
	SourceSynthetic = "synthetic"
)

// Kinds of request.
const (
	KindStyleLine = "style-line" // one outfit line of a style-instruct completion
	KindType      = "type"       // "a sweater for men"
	KindColour    = "colour"     // "a black sweater"
	KindCount     = "count"      // "top 3 black sweaters"
	KindNegation  = "negation"   // "a sweater, not black"
	KindDetail    = "detail"     // "a striped sweater", "a linen shirt"
	KindFollowUp  = "follow-up"  // "same but in white" after an earlier turn
	KindNone      = "none"       // nothing suitable in the context: an honest answer
)

// Example is one training example: the request, the messages the chain sends and
// the answer the model should give.
type Example struct {
	Source   string      `json:"source"`
	Kind     string      `json:"kind"`
	Occasion string      `json:"occasion,omitempty"`
	Audience string      `json:"audience,omitempty"` // index group the request is for, "" = any
	Group    string      `json:"group"`              // split key: the thread's first request
	Request  rag.Request `json:"request"`
	System   string      `json:"system"`
	Prompt   string      `json:"prompt"`
	Answer   rag.Target  `json:"answer"`
	// Outfit is the answer of an outfit request (then Answer is empty).
	Outfit *rag.OutfitTarget `json:"outfit,omitempty"`
}

// Options configure Build.
type Options struct {
	Seed      uint64     // makes everything deterministic (0 = 1)
	Synthetic int        // synthetic requests to generate (before drops)
	ValShare  float64    // share of request groups in validation (default 0.1)
	Style     []StyleRow // fashion-style-instruct rows; nil = none
	// Outfits is the number of synthetic outfit requests; they and the style rows'
	// outfit requests need a Preparer that is an OutfitPreparer (a chain with outfits).
	Outfits int
	// Parser reads style-instruct outfit lines for matching them to slot candidates;
	// nil = style rows become single-item requests only.
	Parser rag.Parser
}

// Dataset is the built examples, split, with the report.
type Dataset struct {
	Train, Val []Example
	Report     *Report
}

// Build makes the dataset: style-instruct rows, then synthetic requests; drops
// (and counts) what cannot be grounded, removes duplicate prompts, and splits by
// request group so no request appears in both splits.
func Build(ctx context.Context, p Preparer, articles []catalog.Article, opts Options) (*Dataset, error) {
	if opts.Seed == 0 {
		opts.Seed = 1
	}
	if opts.ValShare == 0 {
		opts.ValShare = 0.1
	}
	if opts.ValShare < 0 || opts.ValShare >= 1 {
		return nil, fmt.Errorf("finetune: validation share %v must be in [0, 1)", opts.ValShare)
	}
	b := &builder{p: p, rep: newReport(), rng: rand.New(rand.NewPCG(opts.Seed, 0x5eed))}
	op, hasOutfits := p.(OutfitPreparer)
	hasOutfits = hasOutfits && opts.Outfits > 0
	for _, row := range opts.Style {
		if err := b.styleRow(ctx, row); err != nil {
			return nil, err
		}
		if outfits := ParseOutfits(row.Completion); hasOutfits && opts.Parser != nil && len(outfits) > 0 {
			if err := b.styleOutfit(ctx, op, opts.Parser, row, outfits); err != nil {
				return nil, err
			}
		}
	}
	if opts.Synthetic > 0 {
		if len(articles) == 0 {
			return nil, fmt.Errorf("finetune: synthetic requests need a catalog")
		}
		if err := b.synthetic(ctx, articles, opts.Synthetic); err != nil {
			return nil, err
		}
	}
	if hasOutfits {
		if err := b.syntheticOutfits(ctx, op, articles, opts.Outfits); err != nil {
			return nil, err
		}
	}
	ds := &Dataset{Report: b.rep}
	seen := map[string]bool{}
	for _, ex := range b.out {
		key := ex.System + "\x00" + ex.Prompt
		if seen[key] {
			b.rep.drop(ex.Source, "duplicate prompt")
			continue
		}
		seen[key] = true
		if inVal(ex.Group, opts.Seed, opts.ValShare) {
			ds.Val = append(ds.Val, ex)
		} else {
			ds.Train = append(ds.Train, ex)
		}
	}
	b.rep.summarise(ds)
	return ds, nil
}

// inVal assigns a request group to validation by a seeded hash of its key.
func inVal(group string, seed uint64, share float64) bool {
	h := uint64(14695981039346656037) ^ seed
	for i := 0; i < len(group); i++ {
		h ^= uint64(group[i])
		h *= 1099511628211
	}
	return float64(h%10000) < share*10000
}

// builder collects examples and drops.
type builder struct {
	p   Preparer
	rep *Report
	rng *rand.Rand
	out []Example
}

// add prepares req and, when pick accepts the context, records the example.
// pick returns the answer, or a drop reason.
func (b *builder) add(ctx context.Context, ex Example, pick func(*rag.Prepared) (rag.Target, string)) (*rag.Prepared, bool, error) {
	p, err := b.p.Prepare(ctx, ex.Request)
	if err != nil {
		return nil, false, fmt.Errorf("finetune: %q: %w", ex.Request.Query, err)
	}
	if p.Prompt == "" {
		b.rep.drop(ex.Source, "retrieval found nothing")
		return p, false, nil
	}
	ans, why := pick(p)
	if why != "" {
		b.rep.drop(ex.Source, why)
		return p, false, nil
	}
	ex.System, ex.Prompt, ex.Answer = p.System, p.Prompt, ans
	if ex.Group == "" {
		ex.Group = normGroup(ex.Request.Query)
	}
	b.out = append(b.out, ex)
	return p, true, nil
}

// pickIDs returns the article ids of a target.
func pickIDs(t rag.Target) []string {
	ids := make([]string, 0, len(t.Items))
	for _, it := range t.Items {
		ids = append(ids, it.ArticleID)
	}
	return slices.Clip(ids)
}
