package console

import (
	"testing"

	"github.com/stylistbot/stylist/bot"
	"github.com/stylistbot/stylist/bot/bottest"
	"github.com/stylistbot/stylist/internal/golden"
)

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
		{"outfits", bottest.OutfitReply()},
	} {
		t.Run(tc.name, func(t *testing.T) {
			golden.Check(t, "render_"+tc.name+".golden", []byte(Render(tc.r)))
		})
	}
}
