package slackadapter

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/slack-go/slack"

	"github.com/stylistbot/stylist/bot"
	"github.com/stylistbot/stylist/bot/bottest"
	"github.com/stylistbot/stylist/internal/golden"
)

func sampleItems(n int, reason string) []bot.Item {
	colours := []string{"Black", "Dark Blue", "Light Beige", "White", "Red"}
	types := []string{"Coat", "Trousers", "Sweater", "Boots", "Scarf"}
	items := make([]bot.Item, n)
	for i := range items {
		items[i] = bot.Item{
			ArticleID:  fmt.Sprintf("0%09d", 108775015+i),
			Name:       fmt.Sprintf("Item %d %s", i+1, types[i%len(types)]),
			Type:       types[i%len(types)],
			Colour:     colours[i%len(colours)],
			Department: "Ladieswear",
			Reason:     reason,
		}
	}
	return items
}

func renderCases() map[string]bot.Reply {
	normal := bot.Reply{
		Ref:   "rep-0001",
		Intro: "Here are three pieces for a warm winter walk.",
		Items: []bot.Item{
			{ArticleID: "0108775015", Name: "Strap top", Type: "Vest top", Colour: "Black", Department: "Jersey Basic",
				Reason: "A snug base layer under a coat.", ImageURL: "https://example.com/img/0108775015.jpg"},
			{ArticleID: "0110065001", Name: "OP T-shirt (Idro)", Type: "Bra", Colour: "Black", Department: "Clean Lingerie",
				Reason: "Soft and seamless."},
			{ArticleID: "0111565001", Name: "20 den 1p Stockings", Type: "Underwear Tights", Colour: "Black",
				Department: "Tights basic", Reason: "Keeps legs warm under a skirt."},
		},
		Tip:      "Layer a chunky scarf in a contrasting colour.",
		Feedback: true,
	}
	notice := normal
	notice.Tip = ""
	notice.Items = normal.Items[:2]
	notice.Notices = []string{"retrieval-only answer: the stylist model was unavailable, these are the closest catalog matches"}
	long := bot.Reply{
		Ref:      "rep-long",
		Intro:    strings.Repeat("Long intro & more ", 300),
		Items:    []bot.Item{{ArticleID: "0123456789", Name: "Wool coat", Type: "Coat", Colour: "Grey", Department: "Outdoor", Reason: strings.Repeat("very warm ", 500)}},
		Tip:      strings.Repeat("tip ", 1000),
		Feedback: true,
	}
	many := bot.Reply{Ref: "rep-many", Intro: "Lots of options.", Items: sampleItems(30, "Fits the brief."), Tip: "Mix and match.", Feedback: true}
	huge := bot.Reply{Ref: "rep-huge", Intro: "Big answer.", Items: sampleItems(12, strings.Repeat("détaillé ", 250)), Feedback: true}
	escaping := bot.Reply{
		Ref:   "rep-esc",
		Intro: "Hey <!channel> and <!here|here>, @everyone look: <https://evil.example|click> & <@U0VICTIM> @Here",
		Items: []bot.Item{{ArticleID: "0999999999", Name: "*Bold* <script>", Type: "Top & Tee", Colour: "Red>Blue",
			Department: "<!subteam^S123>", Reason: "@channel it's great & cheap <b>", ImageURL: "javascript:alert(1)"}},
		Tip:      "Wear with @here confidence",
		Notices:  []string{"<!everyone> notice"},
		Feedback: true,
	}
	errReply := bot.Reply{Ref: "rep-err", Text: "That request is too long <b>.", Error: &bot.Error{Code: "too_long", Message: "That request is too long <b>."}}
	partial := bot.Reply{Ref: "rep-part", Text: "Looking through coats & jackets…", Partial: true, Feedback: true}
	help := bot.Reply{Ref: "rep-help", Text: bot.HelpText}
	outfits := bottest.OutfitReply()
	manyLooks := bottest.OutfitReply()
	for len(manyLooks.Outfits) < 8 { // more looks and text than one message holds
		o := manyLooks.Outfits[0]
		o.Title = fmt.Sprintf("Look %d @channel <!here>", len(manyLooks.Outfits)+1)
		o.Items = append([]bot.Item(nil), o.Items...)
		for i := range o.Items {
			o.Items[i].Reason = strings.Repeat("layered and warm ", 60)
		}
		manyLooks.Outfits = append(manyLooks.Outfits, o)
	}
	return map[string]bot.Reply{
		"outfits": outfits, "outfits_many": manyLooks,
		"normal": normal, "notice": notice, "long": long, "many": many, "huge": huge,
		"escaping": escaping, "error": errReply, "partial": partial, "help": help,
	}
}

func TestRenderGolden(t *testing.T) {
	for name, r := range renderCases() {
		t.Run(name, func(t *testing.T) {
			blocks, text := Render(r)
			var buf bytes.Buffer
			enc := json.NewEncoder(&buf)
			enc.SetEscapeHTML(false) // readable goldens; Slack accepts both forms
			enc.SetIndent("", "  ")
			if err := enc.Encode(struct {
				Blocks []slack.Block `json:"blocks"`
				Text   string        `json:"text"`
			}{blocks, text}); err != nil {
				t.Fatal(err)
			}
			got := buf.Bytes()
			golden.Check(t, "render_"+name+".golden", got)
		})
	}
}

// TestRenderLimits checks Slack's limits and the safety rules on every case.
func TestRenderLimits(t *testing.T) {
	for name, r := range renderCases() {
		t.Run(name, func(t *testing.T) {
			blocks, text := Render(r)
			if len(blocks) == 0 || len(blocks) > maxBlocks {
				t.Fatalf("%d blocks", len(blocks))
			}
			if text == "" || utf8.RuneCountInString(text) > maxFallbackRunes {
				t.Errorf("fallback text has %d runes", utf8.RuneCountInString(text))
			}
			if size := messageSize(blocks, text); size > 16*1024 {
				t.Errorf("message JSON is %d bytes", size)
			}
			all, _ := json.Marshal(blocks)
			var decoded any
			_ = json.Unmarshal(all, &decoded) // undo JSON's \u003c escaping before scanning
			plainJSON := fmt.Sprint(decoded) + text
			for _, bad := range []string{"<!channel>", "<!here", "<!everyone>", "<!subteam", "<@U0VICTIM>", "@channel", "@here", "@everyone", "@Here", "<script>", "javascript:"} {
				if strings.Contains(plainJSON, bad) {
					t.Errorf("output contains %q", bad)
				}
			}
			for _, b := range blocks {
				if s, ok := b.(*slack.SectionBlock); ok && utf8.RuneCountInString(s.Text.Text) > maxSectionRunes {
					t.Errorf("section of %d runes", utf8.RuneCountInString(s.Text.Text))
				}
			}
		})
	}
}

func TestRenderStructure(t *testing.T) {
	cases := renderCases()
	t.Run("normal has intro, items, dividers, tip and feedback", func(t *testing.T) {
		blocks, _ := Render(cases["normal"])
		var types []string
		for _, b := range blocks {
			types = append(types, string(b.BlockType()))
		}
		want := "section section context divider section context divider section context section actions"
		if got := strings.Join(types, " "); got != want {
			t.Errorf("block types\n got %s\nwant %s", got, want)
		}
		item := blocks[1].(*slack.SectionBlock)
		if item.Accessory == nil || item.Accessory.ImageElement == nil || item.Accessory.ImageElement.ImageURL == nil || *item.Accessory.ImageElement.ImageURL != "https://example.com/img/0108775015.jpg" {
			t.Errorf("first item lacks its image accessory: %+v", item.Accessory)
		}
		if blocks[4].(*slack.SectionBlock).Accessory != nil {
			t.Error("item without ImageURL has an accessory")
		}
		act := blocks[len(blocks)-1].(*slack.ActionBlock)
		if len(act.Elements.ElementSet) != 2 {
			t.Fatalf("feedback block has %d elements", len(act.Elements.ElementSet))
		}
		for i, id := range []string{ActionFeedbackYes, ActionFeedbackNo} {
			btn := act.Elements.ElementSet[i].(*slack.ButtonBlockElement)
			if btn.ActionID != id || btn.Value != "rep-0001" {
				t.Errorf("button %d = %s/%s", i, btn.ActionID, btn.Value)
			}
		}
	})
	t.Run("many items are cut with and N more", func(t *testing.T) {
		blocks, text := Render(cases["many"])
		items := 0
		for _, b := range blocks {
			if c, ok := b.(*slack.ContextBlock); ok && strings.HasPrefix(c.ContextElements.Elements[0].(*slack.TextBlockObject).Text, "Article ") {
				items++
			}
		}
		more := fmt.Sprintf("…and %d more", 30-items)
		if items == 0 || items == 30 || !strings.Contains(text, more) {
			t.Errorf("%d items shown, text %q lacks %q", items, text, more)
		}
	})
	t.Run("huge reasons are shortened before items are dropped", func(t *testing.T) {
		blocks, _ := Render(cases["huge"])
		sections := 0
		for _, b := range blocks {
			if s, ok := b.(*slack.SectionBlock); ok && strings.HasPrefix(s.Text.Text, "*Item") {
				sections++
			}
		}
		if sections != 12 {
			t.Errorf("%d of 12 items kept; reasons should have been shortened first", sections)
		}
	})
	t.Run("no feedback without ref or on partial or error", func(t *testing.T) {
		for _, r := range []bot.Reply{
			{Text: "x", Feedback: true},
			cases["partial"],
			{Ref: "r", Feedback: true, Error: &bot.Error{Code: "busy", Message: "busy"}},
		} {
			blocks, _ := Render(r)
			for _, b := range blocks {
				if b.BlockType() == slack.MBTAction {
					t.Errorf("reply %+v got feedback buttons", r)
				}
			}
		}
	})
}

func BenchmarkRender(b *testing.B) {
	cases := renderCases()
	for _, name := range []string{"normal", "huge"} {
		r := cases[name]
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				Render(r)
			}
		})
	}
}

func TestRenderOutfitGroups(t *testing.T) {
	blocks, text := Render(bottest.OutfitReply())
	var headers []string
	sections := 0
	for _, b := range blocks {
		switch x := b.(type) {
		case *slack.HeaderBlock:
			headers = append(headers, x.Text.Text)
		case *slack.SectionBlock:
			if strings.HasPrefix(x.Text.Text, "*Top:*") || strings.HasPrefix(x.Text.Text, "*Shoes:*") {
				sections++
			}
		}
	}
	if len(headers) != 2 || headers[1] != "Wedding guest look 2: light blue & beige" || sections != 3 {
		t.Fatalf("headers %q, slot sections %d", headers, sections)
	}
	if !strings.Contains(text, "• Top: Slim shirt") {
		t.Errorf("fallback text: %q", text)
	}
	blocks, _ = Render(renderCases()["outfits_many"])
	more := false
	for _, b := range blocks {
		if c, ok := b.(*slack.ContextBlock); ok {
			for _, e := range c.ContextElements.Elements {
				if t, ok := e.(*slack.TextBlockObject); ok && strings.Contains(t.Text, "more looks") {
					more = true
				}
			}
		}
	}
	if !more {
		t.Error(`too many looks must end with "…and N more looks"`)
	}
}
