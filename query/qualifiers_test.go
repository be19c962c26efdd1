package query

import "testing"

func TestQualifiers(t *testing.T) {
	v := testVocab()
	cases := []struct {
		text string
		want []string
	}{
		{"a wedding dress", l("wedding")},
		{"a cottagecore dress", l("cottagecore")},
		{"a long sleeve top", l("long", "sleeve")},
		{"a modest top that covers my arms", l("long", "sleeve", "modest")},
		{"a dress shirt", nil},
		{"a dress for a black tie event", l("formal")},
		{"black jeans", nil},
		{"a dress, not for a wedding", nil},
	}
	for _, c := range cases {
		got := v.Parse(c.text).Qualifiers
		if !sameSet(got, c.want) {
			t.Errorf("%q: qualifiers %q, want %q", c.text, got, c.want)
		}
	}
}

func TestBroad(t *testing.T) {
	v := testVocab()
	for text, want := range map[string]bool{
		"a top": true, "tops for summer": true, "a dress or a skirt": true, "a long sleeve top": true,
		"a beanie hat": false, "ballet flats": false, "earrings": false, "a tank top": false, "top 5 dresses": false,
		"a dress and a skirt": false, "a black dress": false,
	} {
		if got := v.Parse(text).Broad; got != want {
			t.Errorf("%q: Broad = %v, want %v", text, got, want)
		}
	}
}
