package query

import (
	"testing"

	"github.com/stylistbot/stylist/catalog"
)

func TestString(t *testing.T) {
	v := testVocab()
	cases := []struct{ in, want string }{
		{"top 5 light yellow dresses or skirts for women, not black",
			"type=Dress|Skirt colour=Light Yellow colour~Yellow(light/dusty light) dept=Ladieswear not:Black for=women count=5"},
		{"pastel striped knitwear for a teen, summer", "tone=light/dusty light dept=Divided|Children Sizes 134-170|Children Accessories, Swimwear look=Stripe garment=Knitwear for=teen(134-170) soft=summer"},
		{"plus size navy shoes", "group=Shoes colour=Dark Blue section=H&M+"},
		{"cotton dress", "type=Dress terms=cotton"},
		{"", ""},
	}
	for _, c := range cases {
		t.Run(c.in, func(t *testing.T) {
			if got := v.Parse(c.in).String(); got != c.want {
				t.Fatalf("String() = %q\n           want %q", got, c.want)
			}
		})
	}
}

func TestHasConstraints(t *testing.T) {
	v := testVocab()
	cases := map[string]bool{
		"dress": true, "navy": true, "not black": true, "for men": true, "striped": true, "knitwear": true,
		"plus size": true, "pastel": true, "summer": false, "top 5": false, "cotton": false, "": false,
		"something nice for a party": false,
	}
	for in, want := range cases {
		t.Run(in, func(t *testing.T) {
			if got := v.Parse(in).HasConstraints(); got != want {
				t.Fatalf("HasConstraints(%q) = %v, want %v (%s)", in, got, want, v.Parse(in))
			}
		})
	}
}

func TestMatches(t *testing.T) {
	v := testVocab()
	art := func(typ, group, colour, master, value, idxName, idxGroup, look string) catalog.Article {
		return catalog.Article{ProductTypeName: typ, ProductGroupName: group, ColourGroupName: colour,
			PerceivedColourMasterName: master, PerceivedColourValueName: value, IndexName: idxName,
			IndexGroupName: idxGroup, GraphicalAppearanceName: look, GarmentGroupName: "Jersey Fancy"}
	}
	lightYellowDress := art("Dress", "Garment Full body", "Light Yellow", "Yellow", "Light", "Ladieswear", "Ladieswear", "Solid")
	paleYellowDress := art("Dress", "Garment Full body", "Yellow", "Yellow", "Dusty Light", "Divided", "Divided", "Solid")
	yellowDress := art("Dress", "Garment Full body", "Yellow", "Yellow", "Medium", "Ladieswear", "Ladieswear", "Solid")
	blackDress := art("Dress", "Garment Full body", "Black", "Black", "Dark", "Ladieswear", "Ladieswear", "Solid")
	stripedSkirt := art("Skirt", "Garment Lower body", "Light Yellow", "Yellow", "Light", "Ladieswear", "Ladieswear", "Stripe")
	sneakers := art("Sneakers", "Shoes", "White", "White", "Light", "Menswear", "Menswear", "Solid")
	kidsTop := art("Top", "Garment Upper body", "White", "White", "Light", "Children Sizes 134-170", "Baby/Children", "Solid")
	babyTop := art("Top", "Garment Upper body", "White", "White", "Light", "Baby Sizes 50-98", "Baby/Children", "Solid")

	cases := []struct {
		in   string
		art  catalog.Article
		want bool
	}{
		{"light yellow dress", lightYellowDress, true},
		{"light yellow dress", paleYellowDress, true}, // master Yellow with a light tone
		{"light yellow dress", yellowDress, false},
		{"light yellow dress", blackDress, false},
		{"yellow dress", yellowDress, true},
		{"dress or skirt, no stripes", stripedSkirt, false},
		{"dress or skirt, no stripes", lightYellowDress, true},
		{"anything but black", blackDress, false},
		{"anything but black", yellowDress, true},
		{"shoes or a dress", sneakers, true},
		{"shoes or a dress", blackDress, true},
		{"shoes or a dress", kidsTop, false},
		{"for men", sneakers, true},
		{"for men", blackDress, false},
		{"teen top", kidsTop, true},
		{"teen top", paleYellowDress, false}, // Divided, but a dress
		{"teen", paleYellowDress, true},
		{"teen", babyTop, false},
		{"pastel", paleYellowDress, true},
		{"pastel", yellowDress, false},
		{"plus size", sneakers, false},
		{"knitwear", sneakers, false},
		{"", blackDress, true},
	}
	for _, c := range cases {
		t.Run(c.in+"/"+c.art.ColourGroupName+" "+c.art.ProductTypeName, func(t *testing.T) {
			q := v.Parse(c.in)
			if got := q.Matches(&c.art); got != c.want {
				t.Fatalf("Matches = %v, want %v (query %s)", got, c.want, v.Parse(c.in))
			}
		})
	}
}
