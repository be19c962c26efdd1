package bot

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxTextRunes caps user text at the edge: NormalizeText keeps at most this many
// runes (bot.max_query_runes cannot exceed it), so a huge message is never held,
// logged or echoed whole.
const MaxTextRunes = 4000

// NormalizeText is the one normalisation of user text, applied by every adapter
// when it maps a platform message to a Request, before the text is echoed,
// logged, stored or sent to the model. It replaces invalid UTF-8, removes
// control characters (NUL, BEL, ESC, DEL, C1 controls) and bidirectional
// controls (U+200E/F, U+202A–E, U+2066–9, U+061C) and the byte-order mark,
// turns line breaks, tabs and other spaces (CR, LF, U+0085, U+2028/9) into one
// space, trims, and keeps at most MaxTextRunes runes; a longer text ends with
// "…" so that it stays longer than any accepted query and is refused as too long.
// Joiners (U+200C/D) stay: emoji sequences need them.
func NormalizeText(s string) string {
	var b strings.Builder
	b.Grow(min(len(s), 4*MaxTextRunes+4))
	n := 0
	space := false // a space is pending
	for _, r := range s {
		switch {
		case r == utf8.RuneError:
			// invalid UTF-8 (or U+FFFD itself) is dropped
			continue
		case unicode.IsSpace(r) || r == '\u2028' || r == '\u2029':
			space = b.Len() > 0
			continue
		case unicode.IsControl(r) || isInvisibleFormat(r):
			continue
		}
		if n == MaxTextRunes {
			b.WriteRune('…')
			break
		}
		if space {
			b.WriteByte(' ')
			n++
			space = false
			if n == MaxTextRunes {
				b.WriteRune('…')
				break
			}
		}
		b.WriteRune(r)
		n++
	}
	return b.String()
}

// isInvisibleFormat reports bidirectional controls and the byte-order mark,
// which reorder or hide text around them.
func isInvisibleFormat(r rune) bool {
	switch {
	case r == '\u200e', r == '\u200f', r == '\u061c', r == '\ufeff':
		return true
	case r >= '\u202a' && r <= '\u202e':
		return true
	case r >= '\u2066' && r <= '\u2069':
		return true
	}
	return false
}
