package rag

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/stylistbot/stylist/internal/golden"
)

// renderAnswer is an outfit answer as plain text: what a user reads when no
// model is reachable (and what the model is given to choose from).
func renderAnswer(a *Answer) string {
	var b strings.Builder
	b.WriteString(a.Intro + "\n")
	for _, o := range a.Outfits {
		fmt.Fprintf(&b, "\n== %s ==\n%s\n", o.Title, o.Rationale)
		for _, it := range o.Items {
			fmt.Fprintf(&b, "  %s: %s — %s, %s (article %s)\n     %s\n", it.SlotLabel, it.ProdName, it.ProductTypeName, it.ColourGroupName, it.ArticleID, it.Reason)
		}
	}
	for _, n := range a.Notices {
		b.WriteString("\nNote: " + n)
	}
	return b.String() + "\n"
}

// TestPairingAnswersWithoutModel: "what shoes go with a red dress" shows
// shoes in colours that go with red, and "what goes with my navy blazer" a
// look around the blazer; both speak of the person's own piece.
func TestPairingAnswersWithoutModel(t *testing.T) {
	c, _ := outfitChain(t, "", "")
	for _, tc := range []struct{ name, q, must string }{
		{"outfit_pairing_shoes", "what shoes go with a red dress", "Here are 3 ideas for shoes to go with your red dress, in colours that go with red."},
		{"outfit_anchor_look", "what goes with my navy blazer?", "Here is a look built around your navy blazer, in colours that go with navy."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a, err := c.Recommend(context.Background(), Request{Query: tc.q}, nil)
			if err != nil {
				t.Fatal(err)
			}
			if a.Intro != tc.must || len(a.Outfits) == 0 {
				t.Fatalf("intro %q, %d outfits", a.Intro, len(a.Outfits))
			}
			golden.Check(t, tc.name+".golden", []byte(renderAnswer(a)))
		})
	}
}

// TestPairingFollowUps: a kind asked "with it" pairs with the thread's anchor;
// a new anchor is a new request, whatever the one before asked.
func TestPairingFollowUps(t *testing.T) {
	c, _ := outfitChain(t, "", "")
	ctx := context.Background()
	ask := func(q string, history []Turn) *Answer {
		t.Helper()
		a, err := c.Recommend(ctx, Request{Query: q, History: history}, nil)
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	turn := func(q string, a *Answer) Turn { return Turn{Query: q, ArticleIDs: ids(a.Items)} }
	first := ask("what goes with my navy blazer?", nil)
	h := []Turn{turn("what goes with my navy blazer?", first)}
	bags := ask("which bag would go with it?", h)
	if len(bags.Outfits) != 3 || !strings.Contains(bags.Intro, "navy blazer") {
		t.Fatalf("bags for the blazer: %q, %d options", bags.Intro, len(bags.Outfits))
	}
	for _, o := range bags.Outfits {
		if len(o.Items) != 1 || o.Items[0].ProductTypeName != "Bag" {
			t.Errorf("option %+v, want one bag", o.Items)
		}
	}
	h = []Turn{turn("what shoes go with a red dress", ask("what shoes go with a red dress", nil))}
	look := ask("what goes with my black boots?", h)
	if len(look.Outfits) != 1 || !strings.Contains(look.Intro, "look built around your black boots") {
		t.Fatalf("a new anchor after a pairing: %q", look.Intro)
	}
	for _, it := range look.Outfits[0].Items {
		if it.Slot == "shoes" {
			t.Errorf("shoes %s next to the boots: the red dress's pairing was carried over", it.ArticleID)
		}
	}
}
