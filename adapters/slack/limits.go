package slackadapter

import (
	"encoding/json"

	"github.com/slack-go/slack"
)

// Slack Block Kit and message limits the renderer respects.
const (
	maxBlocks        = 50    // blocks per message
	maxSectionRunes  = 3000  // section text
	maxContextElems  = 10    // elements per context block
	maxButtonValue   = 2000  // button value
	maxAltText       = 2000  // image alt_text
	maxImageURL      = 3000  // image_url
	maxFallbackRunes = 3000  // the plain-text `text` fallback (shown in notifications)
	maxMessageJSON   = 15000 // blocks + text JSON; Socket Mode drops payloads >= 20 KB, keep well under 16 KB
)

// layout is one attempt at fitting a reply into Slack's limits; Render tries
// progressively smaller layouts until the message fits.
type layout struct {
	items  int // items shown
	reason int // max runes of each item's reason (0 drops reasons)
	prose  int // max runes of intro, text and tip
}

// layouts lists the attempts for a reply with n items, largest first: full text,
// then shorter reasons, then fewer items, then shorter prose.
func layouts(n, maxItems int) []layout {
	if n > maxItems {
		n = maxItems
	}
	var out []layout
	for _, reason := range []int{maxSectionRunes, 400, 150, 0} {
		out = append(out, layout{items: n, reason: reason, prose: maxSectionRunes})
	}
	for k := n - 1; k >= 0; k-- {
		out = append(out, layout{items: k, reason: 0, prose: maxSectionRunes})
	}
	for _, prose := range []int{1000, 300, 100} {
		out = append(out, layout{items: 0, reason: 0, prose: prose})
	}
	return out
}

// maxItemsForBlocks returns how many items fit in maxBlocks next to fixed other
// blocks: n items take 3n-1 blocks (section, context, divider between items), and
// one more block is kept for the "…and N more" line when not all items fit.
func maxItemsForBlocks(total, fixed int) int {
	if 3*total-1+fixed <= maxBlocks {
		return total
	}
	n := (maxBlocks - (fixed + 1) + 1) / 3
	return max(n, 0)
}

// messageSize is the JSON size of the message body Slack receives (blocks + text).
func messageSize(blocks []slack.Block, text string) int {
	b, err := json.Marshal(struct {
		Blocks []slack.Block `json:"blocks"`
		Text   string        `json:"text"`
	}{blocks, text})
	if err != nil {
		return maxMessageJSON + 1
	}
	return len(b)
}
