// Package bottest holds replies shared by the adapters' rendering tests.
package bottest

import "github.com/stylistbot/stylist/bot"

// OutfitReply is an outfit answer with two looks, slot labels, an image, a tip and a notice.
func OutfitReply() bot.Reply {
	look1 := []bot.Item{
		{ArticleID: "0608945001", Name: "Slim shirt", Type: "Shirt", Colour: "White", Slot: "top", SlotLabel: "Top", Reason: "White shirt, the piece that sets the tone.", ImageURL: "https://example.com/img/0608945001.jpg"},
		{ArticleID: "0700984001", Name: "Slim suit trousers", Type: "Trousers", Colour: "Dark Blue", Slot: "bottom", SlotLabel: "Bottom", Reason: "Dark blue trousers, the base that grounds the look."},
		{ArticleID: "0663362001", Name: "Derby shoes", Type: "Other shoe", Colour: "Black", Slot: "shoes", SlotLabel: "Shoes", Reason: "Black shoes, the finish from the ground up."},
		{ArticleID: "0580341001", Name: "Silk tie", Type: "Tie", Colour: "Red", Slot: "accessory", SlotLabel: "Accessory", Reason: "Red tie, the finishing touch; its red is the look's accent."},
	}
	look2 := []bot.Item{
		{ArticleID: "0759871002", Name: "Linen shirt", Type: "Shirt", Colour: "Light Blue", Slot: "top", SlotLabel: "Top", Reason: "Light blue shirt."},
		{ArticleID: "0768912001", Name: "Chinos", Type: "Trousers", Colour: "Beige", Slot: "bottom", SlotLabel: "Bottom", Reason: "Beige trousers."},
	}
	return bot.Reply{
		Ref:   "rep-outfit",
		Intro: "Here are 2 looks for a wedding as a guest, put together from the catalog.",
		Items: append(append([]bot.Item(nil), look1...), look2...),
		Outfits: []bot.Outfit{
			{Title: "Wedding guest look 1: white & dark blue", Rationale: "A formal look for a wedding as a guest; a neutral base with red as the accent.", Items: look1},
			{Title: "Wedding guest look 2: light blue & beige", Rationale: "Lighter colours for a summer ceremony.", Items: look2},
		},
		Tip:      "Match the belt to the shoes.",
		Notices:  []string{"retrieval-only answer: no stylist model is configured"},
		Feedback: true,
	}
}
