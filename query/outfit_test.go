package query

import (
	"reflect"
	"testing"
)

// testOccasions is a small occasion table; the real one lives in the outfit
// package's data files.
var testOccasions = NewOccasions([]OccasionPhrases{
	{"wedding guest", []string{"wedding", "wedding guest", "beach wedding"}},
	{"job interview", []string{"job interview", "interview"}},
	{"cocktail", []string{"cocktail", "cocktail party"}},
	{"party", []string{"party", "night out"}},
	{"date night", []string{"date", "date night", "first date"}},
	{"beach", []string{"beach"}},
	{"office", []string{"office", "work"}},
	{"festival", []string{"festival"}},
	{"school", []string{"school", "back to school"}},
	{"everyday", []string{"running errands", "errands", "picnic"}},
	{"graduation", []string{"graduation", "awards ceremony"}},
	{"running", []string{"running", "run"}},
	{"ski", []string{"ski", "skiing"}},
	{"yoga", []string{"yoga"}},
})

func TestOccasionsLongestPhraseWins(t *testing.T) {
	cases := map[string]string{
		"a beach wedding":                  "wedding guest", // longer phrase of another row
		"outfit for the beach":             "beach",
		"running errands in the rain":      "everyday", // not running the sport
		"cocktail party outfit":            "cocktail",
		"nothing to see":                   "",
		"first date, then a party":         "date night", // longest first
		"back to school outfit":            "school",
		"something for work, then a party": "office", // equal length: the first in the request
	}
	for in, want := range cases {
		if got := testOccasions.Match(in); got != want {
			t.Errorf("Match(%q) = %q, want %q", in, got, want)
		}
	}
	if (*Occasions)(nil).Match("wedding") != "" {
		t.Error("nil table must match nothing")
	}
}

func TestIsOutfit(t *testing.T) {
	v := testVocab()
	cases := []struct {
		in   string
		want bool
	}{
		{"what should I wear to a wedding as a guest, I'm a man", true},
		{"dress me for a cocktail party", true},
		{"how should I dress for a job interview?", true},
		{"a look for date night", true},
		{"3 outfit ideas for a party", true},
		{"two looks for a job interview", true},
		{"going to a wedding as a guest, I'm a man", true}, // an occasion and no garment
		{"complete the look for article 0706016001", true},
		{"I have black leather boots, what goes with them?", true},
		{"an outfit with a red dress for a party", true},
		{"style me for the office", true},
		{"help me dress for court, I'm a guy", true},
		{"a cozy autumn look with a chunky knit", true},
		// an occasion and no item, however it is asked
		{"what do you recommend for a picnic?", true},
		{"what should she wear to her graduation", true},
		{"my graduation is next week, what do you recommend?", true},
		{"any ideas for a first date?", true},
		{"need something for an interview", true},
		// single-item requests
		{"a dress for a wedding", false},
		{"a hat for a picnic", false},
		{"a dress for my graduation", false},
		{"shoes for a job interview", false},
		{"wedding dress", false},
		{"dress shoes for men", false},
		{"black leather boots", false},
		{"a light yellow summer dress", false},
		{"I'm looking for a summer dress for my holiday", false},
		{"sunglasses for the beach", false},
		{"I want to look for a dress", false},
		{"a party dress with sequins", false},
		{"top 5 dresses", false},
		{"a white shirt and black trousers for the office", false}, // several items named
		{"ski boots", false},                                       // not sold: a limit, not a ski outfit
		{"a yoga mat", false},
		{"", false},
	}
	for _, c := range cases {
		t.Run(c.in, func(t *testing.T) {
			if got := v.IsOutfit(c.in, testOccasions); got != c.want {
				r, _ := v.ParseOutfit(c.in, testOccasions)
				t.Fatalf("IsOutfit = %v, want %v (%s)", got, c.want, r.Query)
			}
		})
	}
}

func TestParseOutfit(t *testing.T) {
	v := testVocab()
	cases := []struct {
		in    string
		check func(t *testing.T, r OutfitRequest)
	}{
		{"dress me for a cocktail party", func(t *testing.T, r OutfitRequest) {
			eq(t, "occasion", r.Occasion, "cocktail")
			eq(t, "types", r.Query.Types, []string(nil)) // "dress" is the verb
		}},
		{"what should I wear to a wedding as a guest, I'm a man", func(t *testing.T, r OutfitRequest) {
			eq(t, "occasion", r.Occasion, "wedding guest")
			eq(t, "audience", r.Query.Audience.Who, WhoMen)
		}},
		{"what should my daughter wear to school", func(t *testing.T, r OutfitRequest) {
			eq(t, "occasion", r.Occasion, "school")
			eq(t, "audience", r.Query.Audience.Who, WhoChildren)
			eq(t, "gender", r.Query.Audience.Gender, Female)
		}},
		{"date night outfit for my boyfriend", func(t *testing.T, r OutfitRequest) {
			eq(t, "audience", r.Query.Audience.Who, WhoMen)
		}},
		{"an outfit for my daughter, she is 8, for a school party", func(t *testing.T, r OutfitRequest) {
			eq(t, "audience", r.Query.Audience.Who, WhoChildren)
			eq(t, "bands", r.Query.Audience.Bands, []string{BandKids})
		}},
		{"what should I wear to a party, I'm a guy", func(t *testing.T, r OutfitRequest) {
			eq(t, "audience", r.Query.Audience.Who, WhoMen)
		}},
		{"what should I wear to a party", func(t *testing.T, r OutfitRequest) {
			eq(t, "audience", r.Query.Audience.Who, WhoAdult)
			eq(t, "evidence", r.Query.Audience.Evidence, EvidenceDefault)
		}},
		{"3 outfit ideas for a party", func(t *testing.T, r OutfitRequest) {
			eq(t, "outfits", r.Outfits, 3)
			eq(t, "count", r.Query.Count, 0)
		}},
		{"two looks for a job interview", func(t *testing.T, r OutfitRequest) { eq(t, "outfits", r.Outfits, 2) }},
		{"a few different outfits for the beach", func(t *testing.T, r OutfitRequest) { eq(t, "outfits", r.Outfits, 3) }},
		{"10 outfits for a party", func(t *testing.T, r OutfitRequest) { eq(t, "outfits", r.Outfits, MaxOutfits) }},
		{"an outfit for a party", func(t *testing.T, r OutfitRequest) { eq(t, "outfits", r.Outfits, 0) }},
		{"I have black leather boots, what goes with them?", func(t *testing.T, r OutfitRequest) {
			if r.Anchor == nil {
				t.Fatal("no anchor")
			}
			eq(t, "anchor text", r.Anchor.Text, "black leather boots")
			eq(t, "anchor types", r.Anchor.Query.Types, []string{"Boots"})
			eq(t, "anchor colour", r.Anchor.Query.ColourMasters, []string{"Black"})
			eq(t, "palette", r.Palette.Masters, []string(nil)) // the boots' colour is not a wish for the look
			eq(t, "types", r.Query.Types, []string(nil))
		}},
		{"an outfit that goes with my navy blazer for the office", func(t *testing.T, r OutfitRequest) {
			if r.Anchor == nil {
				t.Fatal("no anchor")
			}
			eq(t, "anchor types", r.Anchor.Query.Types, []string{"Blazer"})
			eq(t, "anchor colour", r.Anchor.Query.Colours, []string{"Dark Blue"})
			eq(t, "occasion", r.Occasion, "office")
		}},
		{"complete the look for article 706016001", func(t *testing.T, r OutfitRequest) {
			if r.Anchor == nil {
				t.Fatal("no anchor")
			}
			eq(t, "anchor id", r.Anchor.ArticleID, "0706016001")
		}},
		{"I have a wedding to go to, what should I wear", func(t *testing.T, r OutfitRequest) {
			if r.Anchor != nil {
				t.Fatalf("a wedding is no anchor: %+v", r.Anchor)
			}
			eq(t, "occasion", r.Occasion, "wedding guest")
		}},
		{"an outfit for a rainy autumn day at the office", func(t *testing.T, r OutfitRequest) {
			eq(t, "season", r.Season, "autumn")
			eq(t, "weather", r.Weather, []string{"rain"})
		}},
		{"a summer outfit for a festival", func(t *testing.T, r OutfitRequest) {
			eq(t, "season", r.Season, "summer")
			eq(t, "weather", r.Weather, []string{"hot"})
		}},
		{"smart casual outfit for the office", func(t *testing.T, r OutfitRequest) { eq(t, "formality", r.Formality, "smart") }},
		{"black tie outfit", func(t *testing.T, r OutfitRequest) { eq(t, "formality", r.Formality, "formal") }},
		{"a relaxed look for the weekend", func(t *testing.T, r OutfitRequest) { eq(t, "formality", r.Formality, "casual") }},
		{"a boho outfit for a festival, nothing too edgy", func(t *testing.T, r OutfitRequest) {
			eq(t, "styles", r.Styles, []string{"boho", "edgy"})
		}},
		{"I'm a tall athletic man with broad shoulders; outfit for a job interview", func(t *testing.T, r OutfitRequest) {
			eq(t, "fit", r.Fit, []string{"tall", "broad shoulders", "athletic"})
			eq(t, "occasion", r.Occasion, "job interview")
		}},
		{"I'm petite and curvy, a date night look please", func(t *testing.T, r OutfitRequest) {
			eq(t, "fit", r.Fit, []string{"petite", "curvy"})
		}},
		{"an all-white outfit for a party", func(t *testing.T, r OutfitRequest) {
			eq(t, "whole", r.Palette.Whole, true)
			eq(t, "masters", r.Palette.Masters, []string{"White"})
		}},
		{"a black and white outfit for a gallery opening", func(t *testing.T, r OutfitRequest) {
			eq(t, "whole", r.Palette.Whole, true)
			eq(t, "masters", r.Palette.Masters, []string{"Black", "White"})
		}},
		{"outfit in dark colours for a party", func(t *testing.T, r OutfitRequest) { eq(t, "mood", r.Palette.Mood, "dark") }},
		{"an earth tones outfit for a festival", func(t *testing.T, r OutfitRequest) { eq(t, "mood", r.Palette.Mood, "neutral") }},
		{"something red for date night", func(t *testing.T, r OutfitRequest) {
			eq(t, "masters", r.Palette.Masters, []string{"Red"})
			eq(t, "whole", r.Palette.Whole, false)
		}},
		{"an outfit for a party, not black", func(t *testing.T, r OutfitRequest) {
			eq(t, "avoid", r.Palette.Avoid, []string{"Black"})
		}},
		{"an outfit with a red dress for a party", func(t *testing.T, r OutfitRequest) {
			eq(t, "types", r.Query.Types, []string{"Dress"}) // a slot preference
			eq(t, "masters", r.Palette.Masters, []string{"Red"})
		}},
	}
	for _, c := range cases {
		t.Run(c.in, func(t *testing.T) {
			r, ok := v.ParseOutfit(c.in, testOccasions)
			if !ok {
				t.Fatal("not read as an outfit request")
			}
			eq(t, "text", r.Query.Text, c.in)
			c.check(t, r)
		})
	}
}

func eq(t *testing.T, what string, got, want any) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s = %#v, want %#v", what, got, want)
	}
}
