package rag

import (
	"strings"
	"testing"

	"github.com/stylistbot/stylist/catalog"
	"github.com/stylistbot/stylist/retrieve"
)

func TestTemplatedReasonHonest(t *testing.T) {
	jeans := catalog.Article{ProductTypeName: "Trousers", ColourGroupName: "Dark Blue", IndexGroupName: "Ladieswear",
		DetailDesc: "5-pocket jeans in washed denim with skinny legs. Regular waist."}
	cases := []struct {
		name      string
		hit       retrieve.Hit
		want, not []string
	}{
		{"full match", retrieve.Hit{Article: jeans, Matched: []string{"type:Trousers", "colour:Dark Blue"}},
			[]string{"Matches your request", "trousers you asked for", "in dark blue", "skinny legs"}, nil},
		{"contradicted detail", retrieve.Hit{Article: jeans, Matched: []string{"type:Trousers"}, Missing: []string{"detail:skinny"}},
			[]string{"close match", "skinny, which you wanted to avoid"}, []string{"Matches", "skinny legs."}},
		{"relaxed colour", retrieve.Hit{Article: jeans, Matched: []string{"type:Trousers"}, Missing: []string{"colour:Red"}},
			[]string{"close match", "dark blue, not red"}, []string{"Matches"}},
		{"one of several types", retrieve.Hit{Article: catalog.Article{ProductTypeName: "T-shirt", ColourGroupName: "White"}, Matched: []string{"types:T-shirt"}},
			[]string{"one of the kinds you asked for"}, []string{"t-shirt you asked for"}},
		{"closest instead", retrieve.Hit{Article: catalog.Article{ProductTypeName: "Dog Wear", ColourGroupName: "Red"}, Matched: []string{"closest:Dog Wear"}},
			[]string{"closest the catalog has"}, []string{"you asked for"}},
		{"gift idea", retrieve.Hit{Article: catalog.Article{ProductTypeName: "Earring", ColourGroupName: "Gold"}, Matched: []string{"gift:Earring"}},
			[]string{"an earring as a gift idea"}, []string{"you asked for", "a earring"}},
		{"nothing asked", retrieve.Hit{Article: jeans}, []string{"A close match"}, []string{"Matches", "asked"}},
		{"asked details", retrieve.Hit{Article: jeans, Matched: []string{"type:Trousers", "detail:skinny"}},
			[]string{"Matches your request", "with the details you asked for (skinny)"}, nil},
		{"asked detail not stated", retrieve.Hit{Article: jeans, Matched: []string{"type:Trousers", "detail:skinny"}, Missing: []string{"without:high waist"}},
			[]string{"close match", "does not say high waist", "details you asked for (skinny)"}, []string{"Matches"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := templatedReason(c.hit)
			for _, w := range c.want {
				if !strings.Contains(r, w) {
					t.Errorf("reason %q lacks %q", r, w)
				}
			}
			for _, w := range c.not {
				if strings.Contains(r, w) {
					t.Errorf("reason %q says %q", r, w)
				}
			}
		})
	}
}

func TestGroundNotesWhatAModelMatchLacks(t *testing.T) {
	h := retrieve.Hit{Article: catalog.Article{ArticleID: "0900000001", ProductTypeName: "Jacket", ColourGroupName: "Black"},
		Matched: []string{"type:Jacket"}, Missing: []string{"detail:hood"}}
	items, _ := ground(&modelAnswer{Items: []modelItem{{"0900000001", "A perfect match for you."}}}, []retrieve.Hit{h}, 1, nil)
	if len(items) != 1 || !strings.Contains(items[0].Reason, "hooded, which you wanted to avoid") {
		t.Fatalf("%+v", items)
	}
}
