package console

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/stylistbot/stylist/bot"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create)", err)
	}
	if got != string(want) {
		t.Errorf("%s mismatch:\n--- got ---\n%s\n--- want ---\n%s", path, got, want)
	}
}

func TestRender(t *testing.T) {
	for _, tc := range []struct {
		name string
		r    bot.Reply
	}{
		{"answer", bot.Reply{
			Ref:   "r1",
			Intro: "Here are three pieces for a rainy autumn commute.",
			Items: []bot.Item{
				{ArticleID: "0706016001", Name: "Jade HW Skinny Denim TRS", Type: "Trousers", Colour: "Black", Department: "Jersey Fancy", Reason: "High-waisted and dark, so splashes won't show."},
				{ArticleID: "0372860002", Name: "7p Basic Shaftless", Type: "Socks", Colour: "White", Department: "Socks Bin", Reason: "Warm layer under boots.", ImageURL: "https://example.invalid/0372860002.jpg"},
				{ArticleID: "0610776002", Name: "Tilly (1)", Type: "T-shirt", Colour: "", Department: "Tops Knitwear"},
			},
			Tip:      "Add a bright scarf to lift the dark palette.",
			Notices:  []string{"retrieval-only answer: the stylist model is unreachable"},
			Feedback: true,
		}},
		{"help", bot.Reply{Text: bot.HelpText}},
		{"error", bot.Reply{Text: "I'm busy with other requests right now, try again in a moment.", Error: &bot.Error{Code: "busy", Message: "I'm busy with other requests right now, try again in a moment."}, Ephemeral: true}},
		{"no_items", bot.Reply{Intro: "Hmm.", Text: "I couldn't find anything in the catalog that matches.", Feedback: true}},
		{"partial", bot.Reply{Partial: true, Text: `{"intro": "Looking at`}},
		{"nameless_item", bot.Reply{Items: []bot.Item{{ArticleID: "0108775015"}}}},
		{"empty", bot.Reply{}},
		{"outfits", outfitReply()},
	} {
		t.Run(tc.name, func(t *testing.T) {
			golden(t, "render_"+tc.name, Render(tc.r))
		})
	}
}

// outfitReply is an outfit answer with two looks (shared by the golden tests).
func outfitReply() bot.Reply {
	look1 := []bot.Item{
		{ArticleID: "0608945001", Name: "Slim shirt", Type: "Shirt", Colour: "White", Slot: "top", SlotLabel: "Top", Reason: "White shirt, the piece that sets the tone."},
		{ArticleID: "0700984001", Name: "Slim suit trousers", Type: "Trousers", Colour: "Dark Blue", Slot: "bottom", SlotLabel: "Bottom", Reason: "Dark blue trousers, the base that grounds the look."},
		{ArticleID: "0663362001", Name: "Derby shoes", Type: "Other shoe", Colour: "Black", Slot: "shoes", SlotLabel: "Shoes", Reason: "Black shoes, the finish from the ground up."},
		{ArticleID: "0580341001", Name: "Silk tie", Type: "Tie", Colour: "Red", Slot: "accessory", SlotLabel: "Accessory", Reason: "Red tie, the finishing touch, and its red is the look's accent."},
	}
	look2 := []bot.Item{
		{ArticleID: "0759871002", Name: "Linen shirt", Type: "Shirt", Colour: "Light Blue", Slot: "top", SlotLabel: "Top", Reason: "Light blue shirt."},
		{ArticleID: "0768912001", Name: "Chinos", Type: "Trousers", Colour: "Beige", Slot: "bottom", SlotLabel: "Bottom", Reason: "Beige trousers."},
		{ArticleID: "0663362002", Slot: "shoes", SlotLabel: "Shoes"},
	}
	return bot.Reply{
		Ref:   "r-outfit",
		Intro: "Here are 2 looks for a wedding as a guest, put together from the catalog.",
		Items: append(append([]bot.Item(nil), look1...), look2...),
		Outfits: []bot.Outfit{
			{Title: "Wedding guest look 1: white & dark blue", Rationale: "A formal look for a wedding as a guest: white shirt and dark blue trousers with black shoes; a white, dark blue and black base with red as the accent.", Items: look1},
			{Title: "Wedding guest look 2: light blue & beige", Rationale: "A formal look in lighter colours.", Items: look2},
		},
		Tip:      "Match the belt to the shoes.",
		Notices:  []string{"retrieval-only answer: no stylist model is configured"},
		Feedback: true,
	}
}
