package bot_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stylistbot/stylist/bot"
)

func TestNormalizeText(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"plain", "a red dress", "a red dress"},
		{"NUL BEL ESC DEL", "a\x00 red\x07 \x1b[31mdress\x7f", "a red [31mdress"},
		{"C1 NEL", "red\u0085dress", "red dress"},
		{"CR LF tab", "red\r\n\tdress\n", "red dress"},
		{"RLO override", "dress \u202eredaol\u202c shoes", "dress redaol shoes"},
		{"isolates and marks", "\u2066a\u2069 \u2067b\u2068c\u200f\u200e\u061c", "a bc"},
		{"BOM and line separators", "\ufeffred\u2028dress\u2029coat", "red dress coat"},
		{"collapses whitespace", "  red \u00a0\u3000  dress  ", "red dress"},
		{"invalid utf-8", "red\xffdress", "reddress"},
		{"emoji joiners stay", "👩\u200d👩\u200d👧 outfit", "👩\u200d👩\u200d👧 outfit"},
		{"only controls", "\x00\u202e\r\n", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := bot.NormalizeText(tc.in); got != tc.want {
				t.Fatalf("NormalizeText(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
	long := bot.NormalizeText(strings.Repeat("ab ", 30000))
	if n := utf8.RuneCountInString(long); n != bot.MaxTextRunes+1 || !strings.HasSuffix(long, "…") {
		t.Fatalf("long text kept %d runes, want %d ending in …", n, bot.MaxTextRunes+1)
	}
}
