package slackadapter

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// pingRe matches the plain-text broadcast pings Slack expands with link_names.
var pingRe = regexp.MustCompile(`(?i)@(channel|here|everyone)\b`)

var entityEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")

// Escape makes user- or model-originated text safe for Slack mrkdwn: it escapes
// &, < and > (so <!channel>, <!here>, <@U…> and links are shown, not expanded) and
// breaks @channel, @here and @everyone with a zero-width space so nobody is pinged.
func Escape(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = pingRe.ReplaceAllString(s, "@\u200b$1")
	return entityEscaper.Replace(s)
}

// clip shortens escaped text to at most max runes, ending with "…" when cut,
// without splitting an HTML entity such as &amp;.
func clip(s string, max int) string {
	if max <= 0 {
		return ""
	}
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	if max == 1 {
		return "…"
	}
	cut, n := 0, 0
	for i := range s {
		if n == max-1 {
			cut = i
			break
		}
		n++
	}
	out := s[:cut]
	if amp := strings.LastIndexByte(out, '&'); amp >= 0 && amp >= len(out)-5 && !strings.Contains(out[amp:], ";") {
		out = out[:amp]
	}
	return strings.TrimRight(out, " \t\n") + "…"
}
