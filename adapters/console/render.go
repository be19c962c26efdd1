package console

import (
	"fmt"
	"strings"

	"github.com/stylistbot/stylist/bot"
)

// Render formats a neutral reply as plain terminal text ending in a newline.
// Partial replies render as their streamed text prefixed with "… ".
func Render(r bot.Reply) string {
	var b strings.Builder
	if r.Partial {
		b.WriteString("… ")
		b.WriteString(r.Text)
		b.WriteString("\n")
		return b.String()
	}
	if r.Error != nil {
		msg := r.Error.Message
		if msg == "" {
			msg = r.Text
		}
		fmt.Fprintf(&b, "! %s (%s)\n", msg, r.Error.Code)
		return b.String()
	}
	para := func(s string) {
		if s = strings.TrimSpace(s); s == "" {
			return
		}
		if b.Len() > 0 {
			b.WriteString("\n")
		}
		b.WriteString(s)
		b.WriteString("\n")
	}
	para(r.Intro)
	if len(r.Outfits) > 0 {
		para(renderOutfits(r.Outfits))
	} else if len(r.Items) > 0 {
		para(renderItems(r.Items))
	}
	para(r.Text)
	if r.Tip != "" {
		para("Tip: " + r.Tip)
	}
	if len(r.Notices) > 0 {
		var n strings.Builder
		for _, s := range r.Notices {
			fmt.Fprintf(&n, "Note: %s\n", s)
		}
		para(n.String())
	}
	if r.Feedback {
		para("Was this helpful? Type /good or /bad.")
	}
	if b.Len() == 0 {
		b.WriteString("(empty reply)\n")
	}
	return b.String()
}

// renderItems numbers the items: name — type, colour, department; reason; article id.
func renderItems(items []bot.Item) string {
	var b strings.Builder
	for i, it := range items {
		name := it.Name
		if name == "" {
			name = "article " + it.ArticleID
		}
		fmt.Fprintf(&b, "%d. %s", i+1, name)
		var attrs []string
		for _, a := range []string{it.Type, it.Colour, it.Department} {
			if a = strings.TrimSpace(a); a != "" {
				attrs = append(attrs, a)
			}
		}
		if len(attrs) > 0 {
			b.WriteString(" — " + strings.Join(attrs, ", "))
		}
		b.WriteString("\n")
		if r := strings.TrimSpace(it.Reason); r != "" {
			fmt.Fprintf(&b, "   %s\n", r)
		}
		if it.ArticleID != "" && it.Name != "" {
			fmt.Fprintf(&b, "   article %s\n", it.ArticleID)
		}
		if it.ImageURL != "" {
			fmt.Fprintf(&b, "   image %s\n", it.ImageURL)
		}
	}
	return b.String()
}
