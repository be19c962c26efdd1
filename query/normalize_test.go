package query

import (
	"strings"
	"testing"
)

func TestSingular(t *testing.T) {
	cases := map[string]string{
		"dresses": "dress", "dress": "dress", "blouses": "blouse", "skirts": "skirt", "jeans": "jeans",
		"shorts": "shorts", "tights": "tights", "leggings": "leggings", "flats": "flats", "trousers": "trousers",
		"accessories": "accessory", "hoodies": "hoodie", "beanies": "beanie", "ties": "tie", "watches": "watch",
		"boxes": "box", "scarves": "scarf", "shoes": "shoe", "ladies": "lady", "mens": "men", "kids": "kid",
		"glasses": "glasses", "sunglasses": "sunglasses", "options": "option", "this": "this", "bus": "bus",
		"bra": "bra", "bras": "bra", "tees": "tee", "yes": "yes", "bottoms": "bottoms", "pyjamas": "pyjamas",
	}
	for in, want := range cases {
		t.Run(in, func(t *testing.T) {
			if got := singular(in); got != want {
				t.Fatalf("singular(%q) = %q, want %q", in, got, want)
			}
		})
	}
}

func TestTokenize(t *testing.T) {
	cases := []struct{ in, want string }{
		// "|" marks a comma boundary, "#" a hard one, "$" a unit-flagged number
		{"T-Shirts", "t shirt"},
		{"men's jeans", "men jeans"},
		{"I don't want black", "i dont want black"},
		{"black, white. red", "black | white # red"},
		{"top5", "top 5"},
		{"under $30", "under $30"},
		{"100% cotton", "$100 cotton"},
		{"H&M", "hm"},
		{"black & white", "black and white"},
		{"black&white", "black and white"},
		{"off-white", "off white"},
		{"Café CRÈME", "café crème"},
		{", leading comma", "leading comma"},
		{"", ""},
	}
	for _, c := range cases {
		t.Run(c.in, func(t *testing.T) {
			var parts []string
			for _, tk := range tokenize(c.in) {
				switch tk.brk {
				case brkComma:
					parts = append(parts, "|")
				case brkHard:
					parts = append(parts, "#")
				}
				w := tk.norm
				if tk.unit {
					w = "$" + w
				}
				parts = append(parts, w)
			}
			if got := strings.Join(parts, " "); got != c.want {
				t.Fatalf("tokenize(%q) = %q, want %q", c.in, got, c.want)
			}
		})
	}
}
