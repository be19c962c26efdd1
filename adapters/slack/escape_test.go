package slackadapter

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestEscape(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain", "plain"},
		{"a & b", "a &amp; b"},
		{"<!channel> hi", "&lt;!channel&gt; hi"},
		{"<!here>", "&lt;!here&gt;"},
		{"<!everyone>", "&lt;!everyone&gt;"},
		{"<@U123> hi", "&lt;@U123&gt; hi"},
		{"@channel look", "@\u200bchannel look"},
		{"@HERE now", "@\u200bHERE now"},
		{"hey @everyone!", "hey @\u200beveryone!"},
		{"@hereford cattle", "@hereford cattle"},
		{"mail me@here.com", "mail me@\u200bhere.com"},
		{"<https://x.test|click>", "&lt;https://x.test|click&gt;"},
		{"bad \xff utf8", "bad \uFFFD utf8"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := Escape(tt.in); got != tt.want {
				t.Errorf("Escape(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestClip(t *testing.T) {
	tests := []struct {
		in   string
		max  int
		want string
	}{
		{"short", 10, "short"},
		{"exactly10!", 10, "exactly10!"},
		{"hello world", 6, "hello…"},
		{"héllo wörld", 4, "hél…"},
		{"ab &amp; cd", 5, "ab…"},       // would cut inside &amp;
		{"ab &amp; cd", 9, "ab &amp;…"}, // entity complete
		{"abc", 1, "…"},
		{"abc", 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got := clip(tt.in, tt.max)
			if got != tt.want {
				t.Errorf("clip(%q, %d) = %q, want %q", tt.in, tt.max, got, tt.want)
			}
			if utf8.RuneCountInString(got) > max(tt.max, 0) {
				t.Errorf("clip(%q, %d) is %d runes", tt.in, tt.max, utf8.RuneCountInString(got))
			}
		})
	}
}

func FuzzEscapeClip(f *testing.F) {
	for _, s := range []string{"<!channel>", "a & b", "@here", "&amp;&lt;", "héllo"} {
		f.Add(s, 5)
	}
	f.Fuzz(func(t *testing.T, s string, n int) {
		n = n%4000 + 1
		if n < 1 {
			n = -n + 1
		}
		out := clip(Escape(s), n)
		if utf8.RuneCountInString(out) > n {
			t.Fatalf("clip gave %d runes > %d", utf8.RuneCountInString(out), n)
		}
		if strings.ContainsAny(out, "<>") {
			t.Fatalf("unescaped angle bracket in %q", out)
		}
		if !utf8.ValidString(out) {
			t.Fatalf("invalid UTF-8 %q", out)
		}
		lower := strings.ToLower(out)
		for _, ping := range []string{"@here", "@channel", "@everyone"} {
			if i := strings.Index(lower, ping); i >= 0 {
				t.Fatalf("ping %q survived in %q", ping, out)
			}
		}
	})
}
