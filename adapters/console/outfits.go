package console

import (
	"fmt"
	"strings"

	"github.com/stylistbot/stylist/bot"
)

// renderOutfits writes each look as its own headed group: the title, the
// rationale, then one line per piece led by its slot label.
func renderOutfits(outfits []bot.Outfit) string {
	var b strings.Builder
	for i, o := range outfits {
		if i > 0 {
			b.WriteString("\n")
		}
		title := strings.TrimSpace(o.Title)
		if title == "" {
			title = fmt.Sprintf("Look %d", i+1)
		}
		fmt.Fprintf(&b, "== %s ==\n", title)
		if r := strings.TrimSpace(o.Rationale); r != "" {
			fmt.Fprintf(&b, "%s\n", r)
		}
		for _, it := range o.Items {
			label := strings.TrimSpace(it.SlotLabel)
			if label == "" {
				label = it.Slot
			}
			name := it.Name
			if name == "" {
				name = "article " + it.ArticleID
			}
			fmt.Fprintf(&b, "  %s: %s", label, name)
			var attrs []string
			for _, a := range []string{it.Type, it.Colour} {
				if a = strings.TrimSpace(a); a != "" {
					attrs = append(attrs, a)
				}
			}
			if len(attrs) > 0 {
				b.WriteString(" — " + strings.Join(attrs, ", "))
			}
			if it.ArticleID != "" && it.Name != "" {
				fmt.Fprintf(&b, " (article %s)", it.ArticleID)
			}
			b.WriteString("\n")
			if r := strings.TrimSpace(it.Reason); r != "" {
				fmt.Fprintf(&b, "     %s\n", r)
			}
		}
	}
	return b.String()
}
