package finetune

import (
	"context"
	"strings"
	"testing"

	"github.com/stylistbot/stylist/catalog"
	"github.com/stylistbot/stylist/rag"
)

// Outfit examples are the outfit prompt and the assembly's looks: every piece is a
// candidate listed in the prompt, under its slot; style rows' lines take the slot
// candidate of their type; follow-ups carry the looks shown before.
func TestOutfitExamplesAreGrounded(t *testing.T) {
	c, r, arts := demoChainWith(t, true)
	ds, err := Build(context.Background(), c, arts, Options{Seed: 4, Synthetic: 20, Outfits: 40, Style: sampleRows, Parser: r})
	if err != nil {
		t.Fatal(err)
	}
	var sb strings.Builder
	ds.Report.WriteText(&sb)
	t.Log("\n" + sb.String())
	byID := map[string]catalog.Article{}
	for _, a := range arts {
		byID[a.ArticleID] = a
	}
	kinds := map[string]int{}
	for _, ex := range append(append([]Example(nil), ds.Train...), ds.Val...) {
		if ex.Outfit == nil {
			continue
		}
		kinds[ex.Kind]++
		t2, err := rag.ParseOutfitTarget(ex.Chat().Messages[2].Content)
		if err != nil || len(t2.Outfits) == 0 {
			t.Fatalf("%v %+v", err, t2)
		}
		for _, look := range t2.Outfits {
			if look.Title == "" || look.Rationale == "" || len(look.Items) == 0 {
				t.Fatalf("%q: look %+v", ex.Request.Query, look)
			}
			for _, it := range look.Items {
				a, ok := byID[it.ArticleID]
				if !ok || !strings.Contains(ex.Prompt, it.ArticleID+" | "+a.ProdName) || it.Reason == "" || it.Slot == "" {
					t.Fatalf("%q: piece %+v is not a candidate shown in the prompt", ex.Request.Query, it)
				}
			}
		}
		if ex.Kind == KindOutfitFollowUp && (len(ex.Request.History) != 1 || len(ex.Request.History[0].ArticleIDs) == 0) {
			t.Fatalf("follow-up without the looks shown: %+v", ex.Request)
		}
		if ex.Kind == KindStyleOutfit {
			found := false
			for _, look := range t2.Outfits {
				for _, it := range look.Items {
					found = found || strings.HasPrefix(it.Reason, linePrefix)
				}
			}
			if !found {
				t.Fatalf("style outfit without a piece chosen for a completion line: %+v", t2)
			}
		}
	}
	for _, k := range []string{KindOutfit, KindOutfitFollowUp, KindStyleOutfit} {
		if kinds[k] == 0 {
			t.Errorf("no %s examples: %v", k, kinds)
		}
	}
	if ds.Report.ByOccasion["wedding"] == 0 {
		t.Errorf("occasions %v", ds.Report.ByOccasion)
	}
}
