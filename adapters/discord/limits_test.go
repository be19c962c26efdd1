package discordadapter

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestTextLenCountsUTF16(t *testing.T) {
	tests := map[string]int{"": 0, "abc": 3, "é": 1, "👗": 2, "a👗b": 4, "\xff": 1}
	for s, want := range tests {
		if got := textLen(s); got != want {
			t.Errorf("textLen(%q) = %d, want %d", s, got, want)
		}
	}
}

func TestTruncate(t *testing.T) {
	tests := []struct {
		in    string
		limit int
		want  string
	}{
		{"short", 10, "short"},
		{"exactly10!", 10, "exactly10!"},
		{"hello world", 8, "hello w…"},
		{"hello world", 7, "hello…"},
		{"👗👗👗", 4, "👗…"},
		{"abc", 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got := truncate(tt.in, tt.limit)
			if got != tt.want {
				t.Errorf("truncate(%q, %d) = %q, want %q", tt.in, tt.limit, got, tt.want)
			}
			if textLen(got) > tt.limit || !utf8.ValidString(got) {
				t.Errorf("result %q breaks the limit or UTF-8", got)
			}
		})
	}
}

func TestSplitText(t *testing.T) {
	tests := []struct {
		name     string
		in       string
		limit    int
		maxParts int
		want     []string
	}{
		{"fits", "one two", 10, 3, []string{"one two"}},
		{"words", "one two three four", 9, 5, []string{"one two", "three", "four"}},
		{"lines first", "aaaa bbbb\ncc dd", 12, 5, []string{"aaaa bbbb", "cc dd"}},
		{"hard cut", "abcdefghij", 4, 5, []string{"abcd", "efgh", "ij"}},
		{"max parts", "a b c d e f", 2, 2, []string{"a", "b…"}},
		{"empty", "", 5, 2, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := splitText(tt.in, tt.limit, tt.maxParts)
			if strings.Join(got, "|") != strings.Join(tt.want, "|") || len(got) != len(tt.want) {
				t.Errorf("splitText(%q, %d, %d) = %q, want %q", tt.in, tt.limit, tt.maxParts, got, tt.want)
			}
			for _, p := range got {
				if textLen(p) > tt.limit {
					t.Errorf("piece %q over the limit", p)
				}
			}
		})
	}
}
