package outfit

import (
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/stylistbot/stylist/catalog"
	"github.com/stylistbot/stylist/retrieve/retrievetest"
)

// The assembly tests run the real hybrid retriever over a small hand-made
// catalog, with a token-overlap stand-in for the vector search.

var groupOf = map[string]string{
	"Dress": "Garment Full body", "Jumpsuit/Playsuit": "Garment Full body", "Costumes": "Garment Full body",
	"Skirt": "Garment Lower body", "Trousers": "Garment Lower body", "Shorts": "Garment Lower body",
	"Leggings/Tights": "Garment Lower body", "Outdoor trousers": "Garment Lower body",
	"T-shirt": "Garment Upper body", "Top": "Garment Upper body", "Vest top": "Garment Upper body", "Blouse": "Garment Upper body",
	"Shirt": "Garment Upper body", "Sweater": "Garment Upper body", "Hoodie": "Garment Upper body", "Polo shirt": "Garment Upper body",
	"Blazer": "Garment Upper body", "Jacket": "Garment Upper body", "Coat": "Garment Upper body", "Cardigan": "Garment Upper body",
	"Swimsuit": "Swimwear", "Swimwear bottom": "Swimwear", "Swimwear set": "Swimwear",
	"Bra": "Underwear", "Underwear bottom": "Underwear", "Pyjama set": "Nightwear", "Socks": "Socks & Tights",
	"Sneakers": "Shoes", "Boots": "Shoes", "Sandals": "Shoes", "Pumps": "Shoes", "Heeled sandals": "Shoes",
	"Flat shoe": "Shoes", "Other shoe": "Shoes", "Flip flop": "Shoes", "Ballerinas": "Shoes", "Slippers": "Shoes",
	"Bag": "Accessories", "Earring": "Accessories", "Necklace": "Accessories", "Tie": "Accessories", "Belt": "Accessories",
	"Watch": "Accessories", "Scarf": "Accessories", "Cap/peaked": "Accessories", "Hat/brim": "Accessories",
	"Hat/beanie": "Accessories", "Sunglasses": "Accessories", "Gloves": "Accessories", "Dog Wear": "Accessories",
}

var colourOf = map[string][3]string{ // colour group → master, value, short word
	"Black": {"Black", "Dark", "black"}, "White": {"White", "Light", "white"}, "Dark Blue": {"Blue", "Dark", "navy"},
	"Beige": {"Beige", "Medium Dusty", "beige"}, "Red": {"Red", "Medium", "red"}, "Light Pink": {"Pink", "Dusty Light", "pink"},
	"Green": {"Green", "Medium", "green"}, "Yellow": {"Yellow", "Bright", "yellow"}, "Gold": {"Metal", "Bright", "gold"},
}

var fixColours = []string{"Black", "White", "Dark Blue", "Beige", "Red", "Light Pink", "Green", "Yellow"}

type who struct {
	igroup, index, section, dept string
	types                        []string
}

var fixAudiences = []who{
	{"Ladieswear", "Ladieswear", "Womens Everyday Collection", "Womens", []string{"Dress", "Jumpsuit/Playsuit", "Skirt", "Trousers", "Shorts",
		"Leggings/Tights", "T-shirt", "Top", "Vest top", "Blouse", "Shirt", "Sweater", "Hoodie", "Blazer", "Jacket", "Coat", "Cardigan",
		"Swimsuit", "Bra", "Underwear bottom", "Pyjama set", "Socks", "Sneakers", "Boots", "Sandals", "Pumps", "Heeled sandals",
		"Flat shoe", "Ballerinas", "Flip flop", "Slippers", "Bag", "Earring", "Necklace", "Belt", "Scarf", "Hat/brim", "Cap/peaked",
		"Sunglasses", "Gloves", "Hat/beanie", "Costumes", "Dog Wear"}},
	{"Menswear", "Menswear", "Contemporary Smart", "Mens", []string{"Trousers", "Shorts", "T-shirt", "Shirt", "Polo shirt", "Sweater",
		"Hoodie", "Blazer", "Jacket", "Coat", "Swimwear bottom", "Underwear bottom", "Sneakers", "Boots", "Sandals", "Other shoe",
		"Flip flop", "Tie", "Belt", "Watch", "Bag", "Cap/peaked", "Sunglasses", "Scarf", "Hat/brim"}},
	{"Baby/Children", "Children Sizes 92-140", "Kids Girl", "Kids Girl", []string{"Dress", "Skirt", "Leggings/Tights", "T-shirt", "Top",
		"Sweater", "Jacket", "Swimsuit", "Sneakers", "Sandals", "Ballerinas", "Bag", "Cap/peaked", "Hat/brim"}},
	{"Baby/Children", "Children Sizes 92-140", "Kids Boy", "Kids Boy", []string{"Trousers", "Shorts", "T-shirt", "Shirt", "Sweater",
		"Hoodie", "Jacket", "Swimwear bottom", "Sneakers", "Sandals", "Other shoe", "Cap/peaked", "Bag"}},
}

// fixArticles makes one product per audience, type and colour pair: every
// type in every colour, two colourways per product code.
func fixArticles() []catalog.Article {
	var out []catalog.Article
	product := 100
	for _, w := range fixAudiences {
		for _, t := range w.types {
			for ci, c := range fixColours {
				col := colourOf[c]
				if ci%2 == 0 {
					product++ // two colourways share a product
				}
				code := fmt.Sprintf("%07d", product)
				id := fmt.Sprintf("%s%03d", code, ci)
				out = append(out, catalog.Article{
					ArticleID: id, ProductCode: code, ProdName: col[2] + " " + strings.ToLower(t), ProductTypeName: t,
					ProductGroupName: groupOf[t], ColourGroupName: c, PerceivedColourMasterName: col[0],
					PerceivedColourValueName: col[1], IndexGroupName: w.igroup, IndexName: w.index, SectionName: w.section,
					DepartmentName: w.dept + " " + t, GraphicalAppearanceName: "Solid", GarmentGroupName: "Jersey",
					DetailDesc: fmt.Sprintf("%s %s in soft fabric for %s.", col[2], strings.ToLower(t), strings.ToLower(w.dept)),
				})
			}
		}
	}
	return out
}

var (
	fixOnce sync.Once
	fixAsm  *Assembler
	fixArts []catalog.Article
)

// testAssembler is an assembler over the fixture catalog with the embedded knowledge.
func testAssembler(t testing.TB) *Assembler {
	t.Helper()
	fixOnce.Do(func() {
		fixArts = fixArticles()
		r := retrievetest.New(t, fixArts)
		k, err := Load("", NewVocabulary(fixArts))
		if err != nil {
			panic(err)
		}
		fixAsm = New(r, fixArts, k)
	})
	return fixAsm
}
