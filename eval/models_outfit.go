package eval

import (
	"context"
	"errors"

	"github.com/stylistbot/stylist/catalog"
	"github.com/stylistbot/stylist/outfit"
	"github.com/stylistbot/stylist/rag"
)

// OutfitModelStats is one model's answers to outfit requests.
type OutfitModelStats struct {
	Answers     int     `json:"answers"`      // outfit requests answered with looks
	ValidJSON   float64 `json:"valid_json"`   // replies that parse as the outfit answer JSON
	Grounded    float64 `json:"grounded"`     // the model's pieces that were candidates shown (not dropped)
	ModelPicked float64 `json:"model_picked"` // pieces of the answers the model chose itself (the rest are the assembly's)
	LookCount   float64 `json:"look_count"`   // replies with the expected number of looks
	Pass        float64 `json:"pass"`         // answered looks passing every outfit check (eval.CheckOutfits)
	Looks       int     `json:"looks"`
}

// runOutfits asks run every outfit request of oqs (single-item lines are skipped)
// and checks the looks of its answers.
func runOutfits(ctx context.Context, run ModelRun, cat Lookup, oqs []OutfitQuery) (*OutfitModelStats, error) {
	st := &OutfitModelStats{}
	var calls, valid, counted, pieces, grounded, shown, picked, pass float64
	run.Calls.take()
	for _, q := range oqs {
		if q.Single {
			continue
		}
		a, err := run.Rec.Recommend(ctx, rag.Request{Query: q.Q}, nil)
		if err != nil {
			return nil, err
		}
		cs := run.Calls.take()
		if len(cs) > 0 && cs[len(cs)-1].Err == nil {
			calls++
			if t, err := rag.ParseOutfitTarget(cs[len(cs)-1].Content); err == nil {
				valid++
				n := 0
				for _, o := range t.Outfits {
					n += len(o.Items)
				}
				pieces += float64(n)
				grounded += float64(n - min(n, len(a.DroppedIDs)))
				if want := max(q.Outfits, 1); len(t.Outfits) == want {
					counted++
				}
			} else if !errors.Is(err, rag.ErrBadOutput) {
				return nil, err
			}
		} else if len(cs) > 0 {
			calls++
		}
		if len(a.Outfits) == 0 {
			continue
		}
		st.Answers++
		res := &outfit.Result{}
		for _, o := range a.Outfits {
			look := outfit.Outfit{Title: o.Title}
			for _, it := range o.Items {
				art := catalog.Article{ArticleID: it.ArticleID, ProductTypeName: it.ProductTypeName, ColourGroupName: it.ColourGroupName, IndexGroupName: it.IndexGroupName}
				if cat != nil {
					if full, ok := cat.Article(it.ArticleID); ok {
						art = full
					}
				}
				look.Items = append(look.Items, outfit.Item{Slot: it.Slot, Article: art})
				shown++
				if !it.FromRetrieval {
					picked++
				}
			}
			res.Outfits = append(res.Outfits, look)
		}
		for _, v := range CheckOutfits(q, res) {
			st.Looks++
			if len(v.Failures) == 0 {
				pass++
			}
		}
	}
	if calls > 0 {
		st.ValidJSON, st.LookCount = valid/calls, counted/calls
	}
	if pieces > 0 {
		st.Grounded = grounded / pieces
	}
	if shown > 0 {
		st.ModelPicked = picked / shown
	}
	if st.Looks > 0 {
		st.Pass = pass / float64(st.Looks)
	}
	return st, nil
}
