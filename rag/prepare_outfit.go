package rag

import (
	"context"
	"fmt"
	"maps"

	"github.com/stylistbot/stylist/outfit"
	"github.com/stylistbot/stylist/prompts"
	"github.com/stylistbot/stylist/query"
)

// PreparedOutfit is an outfit request made ready for the model exactly as
// Recommend sends it: the request read with its thread, the assembly (plan, slot
// candidates, assembled looks) and the rendered system and outfit messages.
type PreparedOutfit struct {
	Request  query.OutfitRequest
	Result   *outfit.Result
	Excluded map[string]bool // articles earlier turns showed ("show me another look")
	System   string          // "" when nothing could be assembled (no model call)
	Prompt   string
}

// OutfitTarget is the outfit answer JSON the model is asked for and the chain
// parses and grounds per slot; training targets are written with it.
type OutfitTarget = modelOutfitAnswer

// OutfitTargetLook is one look of an OutfitTarget.
type OutfitTargetLook = modelOutfit

// OutfitTargetPiece is one slot's pick of a look.
type OutfitTargetPiece = modelSlotPiece

// OutfitAnswerSchema returns the JSON schema the chain sends as Ollama's format for outfits.
func OutfitAnswerSchema() []byte { return append([]byte(nil), outfitSchema...) }

// ParseOutfitTarget reads a model's outfit reply as the chain does; the error wraps ErrBadOutput.
func ParseOutfitTarget(s string) (*OutfitTarget, error) { return parseOutfitAnswer(s) }

// PrepareOutfit assembles req and renders the outfit messages Recommend would send,
// whether or not the chain has a model; ok is false when req (with its thread) is
// not an outfit request or the chain builds no outfits.
func (c *Chain) PrepareOutfit(ctx context.Context, req Request) (*PreparedOutfit, bool, error) {
	if c.outfits == nil {
		return nil, false, nil
	}
	return c.prepareOutfit(ctx, c.prompts.Load(), req, true)
}

// prepareOutfit reads and assembles req; it renders the messages when render is set
// and something was assembled.
func (c *Chain) prepareOutfit(ctx context.Context, ps *prompts.Set, req Request, render bool) (*PreparedOutfit, bool, error) {
	t, ok := outfitRequest(c.outfits, req.History, req.Query)
	if !ok {
		return nil, false, nil
	}
	r, exclude := t.req, t.exclude
	if t.swapSlot != "" { // leave out the piece being swapped (and keep what was left out then)
		shown, err := c.outfits.AssembleRequest(ctx, *t.prev, t.prevExclude)
		if err != nil {
			return nil, true, fmt.Errorf("rag: outfit: %w", err)
		}
		exclude = maps.Clone(t.prevExclude)
		if exclude == nil {
			exclude = map[string]bool{}
		}
		for _, o := range shown.Outfits {
			for _, it := range o.Items {
				if it.Slot == t.swapSlot {
					exclude[it.Article.ArticleID] = true
				}
			}
		}
	}
	res, err := c.outfits.AssembleRequest(ctx, r, exclude)
	if err != nil {
		return nil, true, fmt.Errorf("rag: outfit: %w", err)
	}
	p := &PreparedOutfit{Request: r, Result: res, Excluded: exclude}
	if len(res.Outfits) == 0 || !render {
		return p, true, nil
	}
	data := promptData(r.Query, nil, 1, req.History)
	data.Outfit = outfitPromptData(res)
	cfg := c.cfg.Load()
	fitOutfitBudget(data.Outfit, assembledPerSlot(res), cfg.NumCtx-cfg.NumPredict)
	if p.Prompt, err = ps.Render(prompts.Outfit, data); err != nil {
		return nil, true, err
	}
	if p.System, err = ps.Render(prompts.System, data); err != nil {
		return nil, true, err
	}
	return p, true, nil
}
