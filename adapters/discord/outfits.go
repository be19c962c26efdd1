package discordadapter

import (
	"fmt"
	"strings"

	"github.com/bwmarrin/discordgo"

	"github.com/stylistbot/stylist/bot"
)

// outfitEmbed renders one look as its own embed: the look's title, its
// rationale, and one field per piece named by its slot label ("Top",
// "Shoes") with the article, its type and colour, id and reason. The
// thumbnail is the first piece with an image. It always fits MaxEmbedTotal.
func outfitEmbed(o bot.Outfit, n int) *discordgo.MessageEmbed {
	title := strings.TrimSpace(o.Title)
	if title == "" {
		title = fmt.Sprintf("Look %d", n)
	}
	e := &discordgo.MessageEmbed{Type: discordgo.EmbedTypeRich, Title: truncate(cleanUTF8(title), MaxTitle), Color: embedColour}
	if why := strings.TrimSpace(o.Rationale); why != "" {
		e.Description = truncate(cleanUTF8(why), 1000)
	}
	items := o.Items
	if len(items) > MaxFields {
		items = items[:MaxFields]
	}
	// Share the embed's character budget between the pieces' reasons.
	fixed := embedLen(e)
	for _, it := range items {
		fixed += len([]rune(slotName(it))) + len([]rune(pieceLine(it))) + 2
	}
	per := 0
	if len(items) > 0 {
		per = max((MaxEmbedTotal-fixed)/len(items), 0)
	}
	for _, it := range items {
		value := pieceLine(it)
		if r := strings.TrimSpace(it.Reason); r != "" && per > 8 {
			value += "\n" + truncate(cleanUTF8(r), min(per, MaxFieldValue-len([]rune(value))-1))
		}
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: truncate(cleanUTF8(slotName(it)), MaxFieldName), Value: truncate(value, MaxFieldValue)})
		if e.Thumbnail == nil {
			if u := imageURL(it.ImageURL); u != "" {
				e.Thumbnail = &discordgo.MessageEmbedThumbnail{URL: u}
			}
		}
	}
	return e
}

func slotName(it bot.Item) string {
	for _, s := range []string{it.SlotLabel, it.Slot} {
		if s = strings.TrimSpace(s); s != "" {
			return s
		}
	}
	return "Piece"
}

// pieceLine is "**name** — type, colour · article 0123456789".
func pieceLine(it bot.Item) string {
	name := strings.TrimSpace(it.Name)
	if name == "" {
		name = "Article " + it.ArticleID
	}
	line := "**" + truncate(cleanUTF8(strings.ReplaceAll(name, "*", "")), 200) + "**"
	var attrs []string
	for _, a := range []string{it.Type, it.Colour} {
		if a = strings.TrimSpace(a); a != "" {
			attrs = append(attrs, a)
		}
	}
	if len(attrs) > 0 {
		line += " — " + truncate(cleanUTF8(strings.Join(attrs, ", ")), 200)
	}
	if it.ArticleID != "" {
		line += " · article " + truncate(cleanUTF8(it.ArticleID), 40)
	}
	return line
}
