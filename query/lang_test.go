package query

import (
	"strings"
	"testing"
)

func TestDetectLang(t *testing.T) {
	cases := map[string]string{
		"robe d'été":                         "fr",
		"une veste noire pour homme":         "fr",
		"camiseta blanca para hombre":        "es",
		"vestido rojo para una boda":         "es",
		"ein schwarzes Kleid für eine Party": "de",
		"eine warme Jacke für den Winter":    "de",
		"un vestito rosso per una festa":     LangOther,
		"een zwarte jurk voor een feest":     LangOther,
		"черное платье":                      LangOther,
		// English, with loanwords
		"a black dress for a party":  "",
		"a poncho for a festival":    "",
		"a kimono robe":              "",
		"a fiesta dress":             "",
		"boho dress from zara":       "",
		"a sombrero for the beach":   "",
		"a beige trench coat":        "",
		"hi":                         "",
		"blak jeens":                 "",
		"a dressing gown for my mum": "",
		"jeans":                      "",
	}
	v := realVocab(t)
	for text, want := range cases {
		if got := detectLang(text, v.catalogWord); got != want {
			t.Errorf("detectLang(%q) = %q, want %q", text, got, want)
		}
	}
}

func TestForeignRequests(t *testing.T) {
	v := testVocab()
	cases := []struct {
		text, types, colour, dept string
	}{
		{"robe d'été", "Dress", "", ""},
		{"une veste noire pour homme", "Jacket", "Black", "Menswear"},
		{"camiseta blanca para hombre", "T-shirt", "White", "Menswear"},
		{"vestido rojo para una boda", "Dress", "Red", ""},
		{"pantalones negros para mujer", "Trousers", "Black", "Ladieswear"},
		{"ein schwarzes Kleid für eine Party", "Dress", "Black", ""},
		{"eine warme Jacke für den Winter", "Jacket", "", ""},
		{"ein Rock", "Skirt", "", ""},
		{"une chemise blanche", "Shirt", "White", ""},
	}
	for _, c := range cases {
		t.Run(c.text, func(t *testing.T) {
			q := v.Parse(c.text)
			if strings.Join(q.Types, "|") != c.types {
				t.Errorf("types %q, want %s (%s)", q.Types, c.types, q.Search)
			}
			if c.colour != "" && !contains(q.ColourMasters, c.colour) {
				t.Errorf("colours %q, want %s", q.ColourMasters, c.colour)
			}
			if c.dept != "" && !contains(q.IndexGroups, c.dept) {
				t.Errorf("dept %q, want %s", q.IndexGroups, c.dept)
			}
			if len(q.Corrections) > 0 {
				t.Errorf("corrected a foreign request: %v", q.Corrections)
			}
			if q.Search == "" || strings.Contains(q.Search, "para") || strings.Contains(q.Search, "robe") {
				t.Errorf("search text %q", q.Search)
			}
		})
	}
	q := v.Parse("un vestito rosso per una festa")
	if q.Lang != LangOther || !q.NothingClose() || !strings.Contains(q.LimitNotice(false), "English") {
		t.Errorf("other language: %+v", q)
	}
}
