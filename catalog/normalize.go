package catalog

import "strings"

// Widths of the zero-padded numeric codes in the Kaggle file.
const (
	ArticleIDWidth       = 10
	ProductCodeWidth     = 7
	ColourGroupCodeWidth = 2
)

// NormalizeID zero-pads a numeric code to width digits ("108775015" → "0108775015").
// It accepts surrounding space, surplus leading zeros and a float-style ".0"
// suffix (as written by spreadsheet and pandas exports); ok is false when s is
// not a non-negative integer that fits in width digits.
func NormalizeID(s string, width int) (id string, ok bool) {
	s = strings.TrimSpace(s)
	s = strings.TrimSuffix(s, ".0")
	if s == "" {
		return "", false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return "", false
		}
	}
	if len(s) > width {
		trimmed := strings.TrimLeft(s, "0")
		if len(trimmed) > width {
			return "", false
		}
		s = trimmed
	}
	if len(s) == width {
		return s, true
	}
	return strings.Repeat("0", width-len(s)) + s, true
}

// isMissingText reports whether a text cell holds a missing-value marker that
// pandas or other exporters write for empty cells.
func isMissingText(s string) bool {
	switch len(s) {
	case 0:
		return true
	case 3:
		return strings.EqualFold(s, "nan")
	case 4:
		return strings.EqualFold(s, "none") || strings.EqualFold(s, "null")
	}
	return false
}
