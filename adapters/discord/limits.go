package discordadapter

import (
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// Discord message limits, counted in UTF-16 code units (the conservative reading of Discord's "characters").
const (
	MaxContent       = 2000 // message content
	MaxEmbeds        = 10   // embeds per message
	MaxEmbedTotal    = 6000 // all embed text of one message
	MaxTitle         = 256  // embed title
	MaxDescription   = 4096 // embed description
	MaxFieldName     = 256  // embed field name
	MaxFieldValue    = 1024 // embed field value
	MaxFooter        = 2048 // embed footer text
	MaxFields        = 25   // fields per embed
	MaxButtonsPerRow = 5    // buttons per action row
	MaxCustomID      = 100  // component custom_id
	MaxThreadName    = 100  // thread name
	maxContentParts  = 4    // content is split into at most this many messages, then truncated
)

const ellipsis = "…"

// textLen is the length of s as Discord counts it (UTF-16 code units).
func textLen(s string) int {
	n := 0
	for _, r := range s { // invalid bytes range as U+FFFD, one unit
		n += utf16.RuneLen(r)
	}
	return n
}

// prefixWithin returns the longest prefix of s whose textLen is at most limit, cut on a rune boundary.
func prefixWithin(s string, limit int) string {
	n := 0
	for i, r := range s {
		l := utf16.RuneLen(r)
		if n+l > limit {
			return s[:i]
		}
		n += l
	}
	return s
}

// truncate shortens s to at most limit units, ending in "…" when it had to cut.
func truncate(s string, limit int) string {
	if textLen(s) <= limit {
		return s
	}
	if limit <= 0 {
		return ""
	}
	return strings.TrimRightFunc(prefixWithin(s, limit-1), isSpace) + ellipsis
}

func isSpace(r rune) bool { return r == ' ' || r == '\n' || r == '\t' || r == '\r' }

// splitText cuts s into pieces of at most limit units, preferring line then word boundaries.
// At most maxParts pieces are returned; the last is truncated with "…" when text remains.
func splitText(s string, limit, maxParts int) []string {
	var parts []string
	for s != "" {
		if len(parts) == maxParts-1 {
			parts = append(parts, truncate(s, limit))
			break
		}
		if textLen(s) <= limit {
			parts = append(parts, s)
			break
		}
		head := prefixWithin(s, limit)
		cut := strings.LastIndex(head, "\n")
		if cut < len(head)/2 {
			if sp := strings.LastIndexAny(head, " \t"); sp > cut {
				cut = sp
			}
		}
		if cut <= 0 {
			cut = len(head)
		}
		piece := strings.TrimRightFunc(s[:cut], isSpace)
		if piece != "" {
			parts = append(parts, piece)
		}
		s = strings.TrimLeftFunc(s[cut:], isSpace)
	}
	return parts
}

// cleanUTF8 replaces invalid UTF-8 so JSON encoding and length checks agree.
func cleanUTF8(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	return strings.ToValidUTF8(s, "\uFFFD")
}
