package query

import (
	"reflect"
	"sort"
	"sync"
	"testing"

	"github.com/stylistbot/stylist/catalog"
)

// The unit-test vocabulary is built from a hand-made article list holding
// the category names the tests need (no catalog rows). Some real values are
// left out on purpose ("Heels", "Bumbag", "Light Turquoise", "Mama") to
// exercise the rule that synonym targets absent from the catalog are ignored.

var fixtureTypes = map[string]string{
	"Dress": "Garment Full body", "Skirt": "Garment Lower body", "Trousers": "Garment Lower body",
	"Shorts": "Garment Lower body", "Leggings/Tights": "Garment Lower body", "Outdoor trousers": "Garment Lower body",
	"T-shirt": "Garment Upper body", "Top": "Garment Upper body", "Vest top": "Garment Upper body",
	"Blouse": "Garment Upper body", "Shirt": "Garment Upper body", "Polo shirt": "Garment Upper body",
	"Sweater": "Garment Upper body", "Hoodie": "Garment Upper body", "Cardigan": "Garment Upper body",
	"Blazer": "Garment Upper body", "Jacket": "Garment Upper body", "Coat": "Garment Upper body",
	"Bodysuit": "Garment Upper body", "Outdoor Waistcoat": "Garment Upper body", "Tailored Waistcoat": "Garment Upper body",
	"Jumpsuit/Playsuit": "Garment Full body", "Dungarees": "Garment Full body", "Garment Set": "Garment Full body",
	"Swimsuit": "Swimwear", "Bikini top": "Swimwear", "Swimwear bottom": "Swimwear", "Swimwear set": "Swimwear",
	"Swimwear top": "Swimwear", "Sarong": "Swimwear",
	"Bra": "Underwear", "Underwear bottom": "Underwear", "Pyjama set": "Nightwear", "Night gown": "Nightwear",
	"Robe": "Underwear", "Socks": "Socks & Tights", "Underwear Tights": "Socks & Tights",
	"Sneakers": "Shoes", "Boots": "Shoes", "Sandals": "Shoes", "Heeled sandals": "Shoes", "Pumps": "Shoes",
	"Ballerinas": "Shoes", "Flat shoe": "Shoes", "Flat shoes": "Shoes", "Slippers": "Shoes", "Other shoe": "Shoes", "Flip flop": "Shoes",
	"Bag": "Accessories", "Backpack": "Bags", "Wallet": "Accessories", "Hat/beanie": "Accessories",
	"Hat/brim": "Accessories", "Cap/peaked": "Accessories", "Scarf": "Accessories", "Gloves": "Accessories",
	"Sunglasses": "Accessories", "Earring": "Accessories", "Necklace": "Accessories", "Ring": "Accessories",
	"Bracelet": "Accessories", "Belt": "Accessories", "Tie": "Accessories", "Watch": "Accessories",
	"Umbrella": "Accessories", "Unknown": "Unknown",
}

var fixtureColours = map[string][2]string{ // colour group → master, value
	"Black": {"Black", "Dark"}, "White": {"White", "Light"}, "Off White": {"White", "Dusty Light"},
	"Grey": {"Grey", "Medium Dusty"}, "Light Grey": {"Grey", "Light"}, "Dark Grey": {"Grey", "Dark"},
	"Blue": {"Blue", "Medium"}, "Light Blue": {"Blue", "Dusty Light"}, "Dark Blue": {"Blue", "Dark"},
	"Red": {"Red", "Medium"}, "Dark Red": {"Red", "Dark"}, "Pink": {"Pink", "Medium Dusty"},
	"Light Pink": {"Pink", "Dusty Light"}, "Dark Pink": {"Pink", "Dark"}, "Yellow": {"Yellow", "Medium"},
	"Light Yellow": {"Yellow", "Light"}, "Dark Yellow": {"Yellow", "Dark"}, "Green": {"Green", "Medium"},
	"Dark Green": {"Green", "Dark"}, "Light Green": {"Green", "Light"}, "Greenish Khaki": {"Khaki green", "Medium Dusty"},
	"Beige": {"Beige", "Medium Dusty"}, "Light Beige": {"Beige", "Dusty Light"}, "Dark Beige": {"Beige", "Dark"},
	"Orange": {"Orange", "Bright"}, "Light Orange": {"Orange", "Light"}, "Dark Orange": {"Orange", "Dark"},
	"Turquoise": {"Turquoise", "Medium"}, "Dark Turquoise": {"Turquoise", "Dark"}, "Purple": {"Lilac Purple", "Medium"},
	"Light Purple": {"Lilac Purple", "Light"}, "Gold": {"Metal", "Bright"}, "Silver": {"Metal", "Bright"},
	"Yellowish Brown": {"Brown", "Dark"}, "Other Pink": {"Pink", "Medium"}, "Unknown": {"Unknown", "Unknown"},
}

var fixtureIndex = map[string]string{ // index name → index group
	"Ladieswear": "Ladieswear", "Divided": "Divided", "Menswear": "Menswear",
	"Children Sizes 92-140": "Baby/Children", "Children Sizes 134-170": "Baby/Children",
	"Baby Sizes 50-98": "Baby/Children", "Lingeries/Tights": "Ladieswear", "Sport": "Sport",
	"Children Accessories, Swimwear": "Baby/Children",
}

var fixtureAppearances = []string{"Solid", "All over pattern", "Melange", "Stripe", "Denim", "Front print",
	"Placement print", "Check", "Lace", "Embroidery", "Glittering/Metallic", "Sequin", "Dot", "Metallic",
	"Other pattern", "Treatment", "Transparent", "Mesh", "Unknown"}

var fixtureGarments = []string{"Jersey Fancy", "Accessories", "Knitwear", "Trousers", "Trousers Denim",
	"Outdoor", "Shoes", "Swimwear", "Dressed", "Special Offers", "Unknown"}

var fixtureSections = []string{"Womens Everyday Collection", "H&M+", "Men Underwear"}

// fixtureArticles is one hand-made article per category value.
func fixtureArticles() []catalog.Article {
	var arts []catalog.Article
	for t, g := range fixtureTypes {
		arts = append(arts, catalog.Article{ProductTypeName: t, ProductGroupName: g})
	}
	for c, mv := range fixtureColours {
		arts = append(arts, catalog.Article{ColourGroupName: c, PerceivedColourMasterName: mv[0], PerceivedColourValueName: mv[1]})
	}
	for n, g := range fixtureIndex {
		arts = append(arts, catalog.Article{IndexName: n, IndexGroupName: g})
	}
	for _, a := range fixtureAppearances {
		arts = append(arts, catalog.Article{GraphicalAppearanceName: a})
	}
	for _, g := range fixtureGarments {
		arts = append(arts, catalog.Article{GarmentGroupName: g})
	}
	for _, s := range fixtureSections {
		arts = append(arts, catalog.Article{SectionName: s})
	}
	return arts
}

var (
	fixOnce  sync.Once
	fixVocab *Vocab
)

func testVocab() *Vocab {
	fixOnce.Do(func() { fixVocab = NewVocab(fixtureArticles()) })
	return fixVocab
}

// l is a short constructor for expected value lists.
func l(v ...string) []string { return v }

// want is the expected reading of one request. Every constraint field and
// Count is compared (nil = must be empty); Soft and Terms only when set.
type want struct {
	Query
	soft  []string
	terms []string
}

// checkQuery compares got with w field by field, ignoring order inside fields.
func checkQuery(t *testing.T, got Query, w want) {
	t.Helper()
	cmp := func(name string, g, x []string) {
		t.Helper()
		if !sameSet(g, x) {
			t.Errorf("%s = %q, want %q\n  query: %s", name, g, x, got)
		}
	}
	gv, wv := reflect.ValueOf(got), reflect.ValueOf(w.Query)
	for i := 0; i < gv.NumField(); i++ {
		name := gv.Type().Field(i).Name
		switch name {
		case "Soft", "Terms", "Text", "Count", "Not", "NotDetails", "Details", "Qualifiers", "Audience": // details_test.go, qualifiers_test.go, audience_test.go
			continue
		}
		if _, ok := gv.Field(i).Interface().([]string); !ok {
			continue // Search, Corrections: not constraints
		}
		cmp(name, gv.Field(i).Interface().([]string), wv.Field(i).Interface().([]string))
	}
	gn, wn := reflect.ValueOf(got.Not), reflect.ValueOf(w.Not)
	for i := 0; i < gn.NumField(); i++ {
		cmp("Not."+gn.Type().Field(i).Name, gn.Field(i).Interface().([]string), wn.Field(i).Interface().([]string))
	}
	if got.Count != w.Count {
		t.Errorf("Count = %d, want %d\n  query: %s", got.Count, w.Count, got)
	}
	if w.soft != nil {
		cmp("Soft", got.Soft, w.soft)
	}
	if w.terms != nil {
		cmp("Terms", got.Terms, w.terms)
	}
}

func sameSet(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	x, y := append([]string(nil), a...), append([]string(nil), b...)
	sort.Strings(x)
	sort.Strings(y)
	return reflect.DeepEqual(x, y)
}

// runTable parses every case with v and checks it, one subtest per input.
func runTable(t *testing.T, v *Vocab, cases []tcase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.in, func(t *testing.T) {
			checkQuery(t, v.Parse(c.in), c.w)
		})
	}
}

// tcase is one row of a parse table.
type tcase struct {
	in string
	w  want
}
