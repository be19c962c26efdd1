package slackadapter

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/slack-go/slack"

	"github.com/stylistbot/stylist/bot"
)

// maxHeaderRunes is Slack's limit on a header block's text.
const maxHeaderRunes = 150

// renderOutfits renders an outfit reply: each look as its own group (a header
// with the look's title, its rationale, then one section per piece led by its
// slot label), divided from the next. It shortens reasons, then drops looks
// from the end ("…and N more looks"), until the message fits Slack's limits.
func renderOutfits(r bot.Reply) ([]slack.Block, string) {
	var blocks []slack.Block
	var text string
	for n := len(r.Outfits); n >= 1; n-- {
		for _, reason := range []int{maxSectionRunes, 400, 150, 0} {
			blocks, text = buildOutfits(r, n, reason)
			if len(blocks) <= maxBlocks && messageSize(blocks, text) <= maxMessageJSON {
				return blocks, text
			}
		}
	}
	return blocks, text
}

func buildOutfits(r bot.Reply, n, reasonMax int) ([]slack.Block, string) {
	var blocks []slack.Block
	var fb []string
	if r.Intro != "" {
		intro := clip(Escape(r.Intro), maxSectionRunes)
		blocks = append(blocks, section(intro))
		fb = append(fb, intro)
	}
	for i, o := range r.Outfits[:n] {
		if i > 0 {
			blocks = append(blocks, slack.NewDividerBlock())
		}
		title := strings.TrimSpace(o.Title)
		if title == "" {
			title = fmt.Sprintf("Look %d", i+1)
		}
		// Header blocks are plain text: Slack shows them as they are, no mentions or links.
		blocks = append(blocks, slack.NewHeaderBlock(plain(clip(noBroadcast(title), maxHeaderRunes))))
		fb = append(fb, "*"+clip(Escape(title), 200)+"*")
		if why := strings.TrimSpace(o.Rationale); why != "" {
			blocks = append(blocks, contextLine(clip(Escape(why), 1000)))
		}
		for _, it := range o.Items {
			blocks = append(blocks, outfitItemBlock(it, reasonMax))
			fb = append(fb, "• "+clip(Escape(slotLabel(it)), 50)+": "+itemLine(it))
		}
	}
	if more := len(r.Outfits) - n; more > 0 {
		line := fmt.Sprintf("…and %d more looks", more)
		blocks = append(blocks, contextLine(line))
		fb = append(fb, line)
	}
	if r.Tip != "" {
		const prefix = ":bulb: *Styling tip:* "
		tip := clip(Escape(r.Tip), maxSectionRunes-utf8.RuneCountInString(prefix))
		blocks = append(blocks, section(prefix+tip))
		fb = append(fb, "Tip: "+tip)
	}
	if len(r.Notices) > 0 {
		blocks = append(blocks, noticeBlock(r.Notices))
	}
	if showFeedback(r) {
		blocks = append(blocks, feedbackBlock(r.Ref))
	}
	return blocks, clip(strings.Join(fb, "\n"), maxFallbackRunes)
}

// outfitItemBlock is one piece: "*Shoes:* name", type · colour · article id, and its reason.
func outfitItemBlock(it bot.Item, reasonMax int) *slack.SectionBlock {
	name := clip(Escape(strings.ReplaceAll(firstNonEmpty(it.Name, it.ArticleID, "item"), "*", "")), 200)
	label := clip(Escape(strings.ReplaceAll(slotLabel(it), "*", "")), 50)
	lines := []string{"*" + label + ":* " + name}
	var meta []string
	for _, p := range []string{it.Type, it.Colour} {
		if p = strings.TrimSpace(p); p != "" {
			meta = append(meta, Escape(p))
		}
	}
	if it.ArticleID != "" {
		meta = append(meta, "article "+clip(Escape(it.ArticleID), 100))
	}
	if len(meta) > 0 {
		lines = append(lines, clip(strings.Join(meta, " · "), 300))
	}
	head := strings.Join(lines, "\n")
	if reason := strings.TrimSpace(it.Reason); reason != "" && reasonMax > 0 {
		room := maxSectionRunes - utf8.RuneCountInString(head) - 1
		lines = append(lines, "_"+clip(Escape(strings.ReplaceAll(reason, "_", " ")), min(reasonMax, room-2))+"_")
	}
	sec := section(strings.Join(lines, "\n"))
	if img := imageURL(it.ImageURL); img != "" {
		sec.Accessory = slack.NewAccessory(slack.NewImageBlockElement(img, clip(name, maxAltText)))
	}
	return sec
}

func slotLabel(it bot.Item) string {
	return firstNonEmpty(it.SlotLabel, it.Slot, "Piece")
}

// noBroadcast defuses @channel-style words and <!here>-style tokens in plain
// text (header blocks are not mrkdwn, so they cannot be escaped).
func noBroadcast(s string) string {
	s = strings.NewReplacer("<", "‹", ">", "›").Replace(s)
	for _, w := range []string{"@channel", "@here", "@everyone", "@Here", "@Channel", "@Everyone"} {
		s = strings.ReplaceAll(s, w, "@\u200b"+w[1:])
	}
	return s
}
