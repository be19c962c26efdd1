package discordadapter

import (
	"net/url"
	"strings"

	"github.com/bwmarrin/discordgo"

	"github.com/stylistbot/stylist/bot"
)

// FeedbackPrefix starts the custom_id of the helpful / not-helpful buttons: "stylist_feedback:yes:<ref>".
const FeedbackPrefix = "stylist_feedback"

// embedColour is the accent colour of item embeds.
const embedColour = 0xB57EDC

// Message is one rendered Discord message; Render may return several for one reply.
type Message struct {
	Content    string                       `json:"content,omitempty"`
	Embeds     []*discordgo.MessageEmbed    `json:"embeds,omitempty"`
	Components []discordgo.MessageComponent `json:"components,omitempty"`
	Ephemeral  bool                         `json:"ephemeral,omitempty"`
}

// Render turns a neutral reply into one or more Discord messages within Discord's limits:
// intro, tip and notices in the content, one embed per item (per look for outfit replies),
// feedback buttons on the last message.
func Render(r bot.Reply) []Message {
	ephemeral := r.Ephemeral || r.Error != nil
	embeds := make([]*discordgo.MessageEmbed, 0, len(r.Items))
	if len(r.Outfits) > 0 && r.Error == nil {
		for i, o := range r.Outfits {
			embeds = append(embeds, outfitEmbed(o, i+1))
		}
	} else {
		for _, it := range r.Items {
			embeds = append(embeds, itemEmbed(it))
		}
	}
	content := renderContent(r)
	if content == "" && len(embeds) == 0 {
		content = ellipsis
	}
	var msgs []Message
	chunks := splitText(content, MaxContent, maxContentParts)
	for _, c := range chunks {
		msgs = append(msgs, Message{Content: c})
	}
	if len(msgs) == 0 {
		msgs = append(msgs, Message{})
	}
	cur, total := len(msgs)-1, 0
	for _, e := range embeds {
		n := embedLen(e)
		if len(msgs[cur].Embeds) == MaxEmbeds || (len(msgs[cur].Embeds) > 0 && total+n > MaxEmbedTotal) {
			msgs = append(msgs, Message{})
			cur, total = cur+1, 0
		}
		msgs[cur].Embeds = append(msgs[cur].Embeds, e)
		total += n
	}
	if r.Feedback && !r.Partial && r.Error == nil {
		msgs[len(msgs)-1].Components = feedbackButtons(r.Ref)
	}
	for i := range msgs {
		msgs[i].Ephemeral = ephemeral
	}
	return msgs
}

// renderContent builds the message text: error, or intro / plain text, tip and notices.
func renderContent(r bot.Reply) string {
	if r.Error != nil {
		msg := strings.TrimSpace(r.Error.Message)
		if msg == "" {
			msg = strings.TrimSpace(r.Text)
		}
		if msg == "" {
			msg = "something went wrong (" + r.Error.Code + ")"
		}
		return cleanUTF8("⚠️ " + msg)
	}
	var parts []string
	if s := strings.TrimSpace(r.Intro); s != "" {
		parts = append(parts, s)
	}
	if s := strings.TrimSpace(r.Text); s != "" && (len(r.Items) == 0 || len(parts) == 0) {
		parts = append(parts, s)
	}
	if s := strings.TrimSpace(r.Tip); s != "" {
		parts = append(parts, "💡 "+s)
	}
	var notes []string
	for _, n := range r.Notices {
		if n = strings.Join(strings.Fields(n), " "); n != "" {
			notes = append(notes, "-# ℹ️ "+n)
		}
	}
	if len(notes) > 0 {
		parts = append(parts, strings.Join(notes, "\n"))
	}
	return cleanUTF8(strings.Join(parts, "\n\n"))
}

// itemEmbed renders one item; it always fits MaxEmbedTotal on its own.
func itemEmbed(it bot.Item) *discordgo.MessageEmbed {
	title := strings.TrimSpace(it.Name)
	if title == "" {
		title = "Article " + it.ArticleID
	}
	e := &discordgo.MessageEmbed{
		Type:  discordgo.EmbedTypeRich,
		Title: truncate(cleanUTF8(title), MaxTitle),
		Color: embedColour,
	}
	for _, f := range [...]struct{ name, value string }{
		{"Type", it.Type}, {"Colour", it.Colour}, {"Department", it.Department},
	} {
		if v := strings.TrimSpace(f.value); v != "" && len(e.Fields) < MaxFields {
			e.Fields = append(e.Fields, &discordgo.MessageEmbedField{
				Name: truncate(f.name, MaxFieldName), Value: truncate(cleanUTF8(v), MaxFieldValue), Inline: true,
			})
		}
	}
	if it.ArticleID != "" {
		e.Footer = &discordgo.MessageEmbedFooter{Text: truncate(cleanUTF8("article "+it.ArticleID), MaxFooter)}
	}
	if u := imageURL(it.ImageURL); u != "" {
		e.Thumbnail = &discordgo.MessageEmbedThumbnail{URL: u}
	}
	room := MaxEmbedTotal - embedLen(e)
	e.Description = truncate(cleanUTF8(strings.TrimSpace(it.Reason)), min(MaxDescription, room))
	return e
}

// imageURL returns u when Discord will accept it as an embed image (absolute http/https), else "".
func imageURL(u string) string {
	p, err := url.Parse(strings.TrimSpace(u))
	if err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" || len(u) > 2048 {
		return ""
	}
	return p.String()
}

// embedLen counts the characters Discord adds up against MaxEmbedTotal.
func embedLen(e *discordgo.MessageEmbed) int {
	n := textLen(e.Title) + textLen(e.Description)
	for _, f := range e.Fields {
		n += textLen(f.Name) + textLen(f.Value)
	}
	if e.Footer != nil {
		n += textLen(e.Footer.Text)
	}
	if e.Author != nil {
		n += textLen(e.Author.Name)
	}
	return n
}

// feedbackButtons renders the helpful / not-helpful row, or nothing when ref cannot fit a custom_id.
func feedbackButtons(ref string) []discordgo.MessageComponent {
	yes, no := FeedbackCustomID(true, ref), FeedbackCustomID(false, ref)
	if ref == "" || len(yes) > MaxCustomID || len(no) > MaxCustomID {
		return nil
	}
	return []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
		discordgo.Button{Label: "Helpful", Style: discordgo.SuccessButton, CustomID: yes, Emoji: &discordgo.ComponentEmoji{Name: "👍"}},
		discordgo.Button{Label: "Not helpful", Style: discordgo.SecondaryButton, CustomID: no, Emoji: &discordgo.ComponentEmoji{Name: "👎"}},
	}}}
}

// FeedbackCustomID builds the custom_id of a feedback button.
func FeedbackCustomID(helpful bool, ref string) string {
	v := "no"
	if helpful {
		v = "yes"
	}
	return FeedbackPrefix + ":" + v + ":" + ref
}

// ParseFeedbackCustomID reads a feedback button's custom_id; ok is false for any other id.
func ParseFeedbackCustomID(id string) (helpful bool, ref string, ok bool) {
	rest, found := strings.CutPrefix(id, FeedbackPrefix+":")
	if !found {
		return false, "", false
	}
	v, ref, found := strings.Cut(rest, ":")
	if !found || ref == "" || (v != "yes" && v != "no") {
		return false, "", false
	}
	return v == "yes", ref, true
}
