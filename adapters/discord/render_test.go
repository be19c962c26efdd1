package discordadapter

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/stylistbot/stylist/bot"
	"github.com/stylistbot/stylist/bot/bottest"
	"github.com/stylistbot/stylist/internal/golden"
)

func words(n int) string { return strings.TrimSpace(strings.Repeat("linen ", n)) }

func renderCases() map[string]bot.Reply {
	many := fullReply
	many.Items = nil
	for i := 0; i < 12; i++ {
		it := itemDress
		it.ArticleID = "01762090" + string(rune('1'+i%9)) + "0"
		many.Items = append(many.Items, it)
	}
	heavy := fullReply
	heavy.Items = nil
	for i := 0; i < 3; i++ {
		it := itemRed
		it.Reason = words(600) // 3,599 characters
		heavy.Items = append(heavy.Items, it)
	}
	long := itemRed
	long.Name, long.Type, long.Reason = words(60), words(250), words(1000)
	emoji := itemDress
	emoji.Name = strings.Repeat("👗", 300)
	bad := itemDress
	bad.ImageURL = "javascript:alert(1)"
	retrieval := fullReply
	retrieval.Notices = []string{"retrieval-only answer: the stylist model is unreachable"}
	return map[string]bot.Reply{
		"full":            fullReply,
		"retrieval_only":  retrieval,
		"help_text":       {Ref: "r-2", Text: "Ask me with /outfit request:<what you need>, or mention me.", Ephemeral: true},
		"error":           {Ref: "r-3", Error: &bot.Error{Code: "busy", Message: "I'm busy right now, try again in a minute."}, Feedback: true},
		"partial":         {Ref: "r-4", Intro: "Looking through the catalog…", Partial: true, Feedback: true},
		"empty":           {},
		"long_fields":     {Ref: "r-5", Items: []bot.Item{long}, Feedback: true},
		"many_items":      many,
		"heavy_embeds":    heavy,
		"long_content":    {Ref: "r-6", Intro: words(800), Tip: "Keep it simple.", Items: []bot.Item{itemDress}, Feedback: true},
		"emoji_title":     {Items: []bot.Item{emoji}},
		"bad_image_no_id": {Ref: strings.Repeat("x", 90), Items: []bot.Item{bad}, Feedback: true},
		"outfits":         bottest.OutfitReply(),
		"outfits_heavy":   heavyOutfits(),
	}
}

// heavyOutfits has looks whose reasons exceed an embed's budget.
func heavyOutfits() bot.Reply {
	r := bottest.OutfitReply()
	for i := range r.Outfits {
		items := append([]bot.Item(nil), r.Outfits[i].Items...)
		for j := range items {
			items[j].Reason = words(400)
		}
		r.Outfits[i].Items = items
	}
	return r
}

func TestRenderGolden(t *testing.T) {
	for name, r := range renderCases() {
		t.Run(name, func(t *testing.T) {
			msgs := Render(r)
			checkLimits(t, msgs)
			got, err := json.MarshalIndent(msgs, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			golden.Check(t, "render_"+name+".golden", got)
		})
	}
}

// checkLimits verifies every Discord limit on a rendering, independently of the goldens.
func checkLimits(t *testing.T, msgs []Message) {
	t.Helper()
	if len(msgs) == 0 {
		t.Fatal("no messages")
	}
	for i, m := range msgs {
		if m.Content == "" && len(m.Embeds) == 0 {
			t.Errorf("message %d is empty", i)
		}
		if n := textLen(m.Content); n > MaxContent {
			t.Errorf("message %d content %d > %d", i, n, MaxContent)
		}
		if len(m.Embeds) > MaxEmbeds {
			t.Errorf("message %d has %d embeds", i, len(m.Embeds))
		}
		total := 0
		for _, e := range m.Embeds {
			total += embedLen(e)
			lim := []struct {
				what     string
				got, max int
			}{
				{"title", textLen(e.Title), MaxTitle},
				{"description", textLen(e.Description), MaxDescription},
				{"fields", len(e.Fields), MaxFields},
			}
			if e.Footer != nil {
				lim = append(lim, struct {
					what     string
					got, max int
				}{"footer", textLen(e.Footer.Text), MaxFooter})
			}
			for _, f := range e.Fields {
				lim = append(lim, struct {
					what     string
					got, max int
				}{"field name", textLen(f.Name), MaxFieldName}, struct {
					what     string
					got, max int
				}{"field value", textLen(f.Value), MaxFieldValue})
			}
			for _, l := range lim {
				if l.got > l.max {
					t.Errorf("message %d embed %q: %s %d > %d", i, e.Title, l.what, l.got, l.max)
				}
			}
		}
		if total > MaxEmbedTotal {
			t.Errorf("message %d embed text %d > %d", i, total, MaxEmbedTotal)
		}
		for _, c := range m.Components {
			row, ok := c.(discordgo.ActionsRow)
			if !ok {
				t.Errorf("top-level component %T is not an action row", c)
				continue
			}
			if len(row.Components) > MaxButtonsPerRow {
				t.Errorf("row has %d buttons", len(row.Components))
			}
			for _, b := range row.Components {
				if id := b.(discordgo.Button).CustomID; len(id) > MaxCustomID {
					t.Errorf("custom_id %d > %d", len(id), MaxCustomID)
				}
			}
		}
		if i < len(msgs)-1 && len(m.Components) > 0 {
			t.Errorf("buttons on message %d of %d", i, len(msgs))
		}
	}
}

func TestRenderProperties(t *testing.T) {
	cases := renderCases()
	if got := len(Render(cases["many_items"])); got != 2 {
		t.Errorf("12 items -> %d messages, want 2", got)
	}
	if got := len(Render(cases["heavy_embeds"])); got != 3 {
		t.Errorf("3 items of ~3,700 characters -> %d messages, want 3 (6,000 per message)", got)
	}
	lc := Render(cases["long_content"])
	if len(lc) != 3 || len(lc[2].Embeds) != 1 || len(lc[2].Components) != 1 {
		t.Errorf("long content: %d messages; want 3 with the embed and buttons on the last", len(lc))
	}
	var joined []string
	for _, m := range lc {
		joined = append(joined, m.Content)
	}
	if strings.Join(strings.Fields(strings.Join(joined, " ")), " ") != strings.Join(strings.Fields(words(800)+" 💡 Keep it simple."), " ") {
		t.Errorf("splitting lost or changed text")
	}
	for name, r := range cases {
		for _, m := range Render(r) {
			if m.Ephemeral != (r.Ephemeral || r.Error != nil) {
				t.Errorf("%s: ephemeral = %v", name, m.Ephemeral)
			}
		}
	}
	if m := Render(cases["bad_image_no_id"])[0]; m.Embeds[0].Thumbnail != nil || m.Components != nil {
		t.Errorf("bad image URL or over-long ref must be dropped: %+v", m)
	}
	if m := Render(cases["full"])[0]; m.Embeds[0].Footer.Text != "article 0108775015" || m.Embeds[0].Thumbnail == nil {
		t.Errorf("full: footer/thumbnail wrong: %+v", m.Embeds[0])
	}
	if m := Render(cases["outfits"]); len(m) != 1 || len(m[0].Embeds) != 2 || m[0].Embeds[0].Title != "Wedding guest look 1: white & dark blue" ||
		m[0].Embeds[0].Fields[0].Name != "Top" || m[0].Embeds[0].Fields[2].Name != "Shoes" || len(m[0].Embeds[1].Fields) != 2 {
		t.Errorf("outfits: one embed per look with slot-labelled fields: %+v", m)
	}
	if m := Render(cases["retrieval_only"])[0]; !strings.Contains(m.Content, "-# ℹ️ retrieval-only answer") {
		t.Errorf("retrieval-only notice missing: %q", m.Content)
	}
}

func TestFeedbackCustomIDRoundTrip(t *testing.T) {
	tests := []struct {
		id      string
		helpful bool
		ref     string
		ok      bool
	}{
		{FeedbackCustomID(true, "r-1"), true, "r-1", true},
		{FeedbackCustomID(false, "a:b"), false, "a:b", true},
		{"stylist_feedback:maybe:r", false, "", false},
		{"stylist_feedback:yes:", false, "", false},
		{"other:yes:r", false, "", false},
		{"", false, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			h, ref, ok := ParseFeedbackCustomID(tt.id)
			if h != tt.helpful || ref != tt.ref || ok != tt.ok {
				t.Errorf("got (%v, %q, %v), want (%v, %q, %v)", h, ref, ok, tt.helpful, tt.ref, tt.ok)
			}
		})
	}
}
