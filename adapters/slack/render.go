package slackadapter

import (
	"fmt"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/slack-go/slack"

	"github.com/stylistbot/stylist/bot"
)

// Action ids of the feedback buttons; their value is the Reply.Ref.
const (
	ActionFeedbackYes = "stylist_feedback_yes"
	ActionFeedbackNo  = "stylist_feedback_no"
	feedbackBlockID   = "stylist_feedback"
)

// Render turns a neutral reply into Block Kit blocks and the plain-text fallback
// Slack shows in notifications. All user- and model-originated text is escaped and
// broadcast pings are neutralised. The result respects Slack's limits (3,000-rune
// sections, 50 blocks) and keeps the message JSON under ~15 KB by shortening item
// reasons, then dropping items (with "…and N more"), then shortening prose.
func Render(r bot.Reply) ([]slack.Block, string) {
	if len(r.Outfits) > 0 && r.Error == nil && !r.Partial {
		return renderOutfits(r)
	}
	maxItems := maxItemsForBlocks(len(r.Items), fixedBlocks(r))
	var blocks []slack.Block
	var text string
	for _, l := range layouts(len(r.Items), maxItems) {
		blocks, text = build(r, l)
		if messageSize(blocks, text) <= maxMessageJSON {
			break
		}
	}
	return blocks, text
}

// fixedBlocks counts the blocks a reply needs besides its items.
func fixedBlocks(r bot.Reply) int {
	n := 0
	for _, present := range []bool{
		r.Error != nil, r.Intro != "", r.Text != "" && r.Error == nil, r.Tip != "",
		len(r.Notices) > 0, r.Partial, showFeedback(r),
	} {
		if present {
			n++
		}
	}
	return n
}

func showFeedback(r bot.Reply) bool {
	return r.Feedback && !r.Partial && r.Error == nil && r.Ref != "" && len(r.Ref) <= maxButtonValue
}

// build renders r with one layout.
func build(r bot.Reply, l layout) ([]slack.Block, string) {
	var blocks []slack.Block
	var fb []string // fallback text lines (already escaped)

	if r.Error != nil {
		const prefix = ":warning: "
		msg := Escape(firstNonEmpty(r.Error.Message, r.Text, r.Error.Code))
		blocks = append(blocks, section(prefix+clip(msg, l.prose-utf8.RuneCountInString(prefix))))
		fb = append(fb, ":warning: "+msg)
	}
	if r.Intro != "" {
		intro := clip(Escape(r.Intro), l.prose)
		blocks = append(blocks, section(intro))
		fb = append(fb, intro)
	}
	if r.Text != "" && r.Error == nil {
		t := clip(Escape(r.Text), l.prose)
		blocks = append(blocks, section(t))
		fb = append(fb, t)
	}
	for i, it := range r.Items[:l.items] {
		if i > 0 {
			blocks = append(blocks, slack.NewDividerBlock())
		}
		blocks = append(blocks, itemBlocks(it, l.reason)...)
		fb = append(fb, "• "+itemLine(it))
	}
	if more := len(r.Items) - l.items; more > 0 {
		line := fmt.Sprintf("…and %d more", more)
		blocks = append(blocks, contextLine(line))
		fb = append(fb, line)
	}
	if r.Tip != "" {
		const prefix = ":bulb: *Styling tip:* "
		tip := clip(Escape(r.Tip), l.prose-utf8.RuneCountInString(prefix))
		blocks = append(blocks, section(prefix+tip))
		fb = append(fb, "Tip: "+tip)
	}
	if len(r.Notices) > 0 {
		blocks = append(blocks, noticeBlock(r.Notices))
	}
	if r.Partial {
		blocks = append(blocks, contextLine(":hourglass_flowing_sand: _still working…_"))
	}
	if showFeedback(r) {
		blocks = append(blocks, feedbackBlock(r.Ref))
	}
	text := clip(strings.Join(fb, "\n"), min(l.prose, maxFallbackRunes))
	if text == "" {
		text = "…"
	}
	return blocks, text
}

// itemBlocks renders one item: a section (bold name, type · colour · department,
// reason; image accessory when set) and a context line with the article id.
func itemBlocks(it bot.Item, reasonMax int) []slack.Block {
	name := clip(Escape(strings.ReplaceAll(firstNonEmpty(it.Name, it.ArticleID, "item"), "*", "")), 200)
	lines := []string{"*" + name + "*"}
	if meta := metaLine(it); meta != "" {
		lines = append(lines, clip(meta, 300))
	}
	head := strings.Join(lines, "\n")
	if reason := strings.TrimSpace(it.Reason); reason != "" && reasonMax > 0 {
		room := maxSectionRunes - utf8.RuneCountInString(head) - 1
		lines = append(lines, clip(Escape(reason), min(reasonMax, room)))
	}
	sec := section(strings.Join(lines, "\n"))
	if img := imageURL(it.ImageURL); img != "" {
		sec.Accessory = slack.NewAccessory(slack.NewImageBlockElement(img, clip(name, maxAltText)))
	}
	blocks := []slack.Block{sec}
	if it.ArticleID != "" {
		blocks = append(blocks, contextLine("Article "+clip(Escape(it.ArticleID), 100)))
	}
	return blocks
}

// metaLine joins type, colour and department with " · ", skipping blanks.
func metaLine(it bot.Item) string {
	var parts []string
	for _, p := range []string{it.Type, it.Colour, it.Department} {
		if p = strings.TrimSpace(p); p != "" {
			parts = append(parts, Escape(p))
		}
	}
	return strings.Join(parts, " · ")
}

// itemLine is an item's one-line plain-text form for the fallback text.
func itemLine(it bot.Item) string {
	line := clip(Escape(firstNonEmpty(it.Name, it.ArticleID, "item")), 200)
	var parts []string
	for _, p := range []string{it.Type, it.Colour} {
		if p = strings.TrimSpace(p); p != "" {
			parts = append(parts, Escape(p))
		}
	}
	if len(parts) > 0 {
		line += " (" + clip(strings.Join(parts, ", "), 200) + ")"
	}
	return line
}

// imageURL returns u when it is an absolute http(s) URL Slack accepts, else "".
func imageURL(u string) string {
	if u == "" || len(u) > maxImageURL {
		return ""
	}
	p, err := url.Parse(u)
	if err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" {
		return ""
	}
	return u
}

func noticeBlock(notices []string) *slack.ContextBlock {
	var elems []slack.MixedElement
	for i, n := range notices {
		if i == maxContextElems-1 && len(notices) > maxContextElems {
			n = strings.Join(notices[i:], "; ")
		}
		elems = append(elems, mrkdwn(":information_source: "+clip(Escape(n), 500)))
		if len(elems) == maxContextElems {
			break
		}
	}
	return slack.NewContextBlock("", elems...)
}

func feedbackBlock(ref string) *slack.ActionBlock {
	yes := slack.NewButtonBlockElement(ActionFeedbackYes, ref, plain(":+1: Helpful"))
	no := slack.NewButtonBlockElement(ActionFeedbackNo, ref, plain(":-1: Not helpful"))
	return slack.NewActionBlock(feedbackBlockID, yes, no)
}

func section(text string) *slack.SectionBlock {
	return slack.NewSectionBlock(mrkdwn(text), nil, nil)
}

func contextLine(text string) *slack.ContextBlock {
	return slack.NewContextBlock("", mrkdwn(text))
}

// mrkdwn builds a verbatim mrkdwn text object: Slack does not auto-link URLs,
// channel names or mentions in it.
func mrkdwn(text string) *slack.TextBlockObject {
	return slack.NewTextBlockObject(slack.MarkdownType, text, false, true)
}

func plain(text string) *slack.TextBlockObject {
	return slack.NewTextBlockObject(slack.PlainTextType, text, true, false)
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			return s
		}
	}
	return ""
}
