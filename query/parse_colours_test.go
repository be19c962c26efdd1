package query

import "testing"

func TestParseColours(t *testing.T) {
	light, dark := l("Light", "Dusty Light"), l("Dark")
	cases := []tcase{
		{"black", want{Query: Query{ColourMasters: l("Black")}}},
		{"in white", want{Query: Query{ColourMasters: l("White")}}},
		{"grey", want{Query: Query{ColourMasters: l("Grey")}}},
		{"gray", want{Query: Query{ColourMasters: l("Grey")}}},
		{"purple", want{Query: Query{ColourMasters: l("Lilac Purple")}}},
		{"violet", want{Query: Query{ColourMasters: l("Lilac Purple")}}},
		{"pure white", want{Query: Query{Colours: l("White")}}},
		{"off-white", want{Query: Query{Colours: l("Off White")}}},
		{"off white", want{Query: Query{Colours: l("Off White")}}},
		{"cream", want{Query: Query{Colours: l("Off White")}}},
		{"ivory", want{Query: Query{Colours: l("Off White")}}},
		{"navy", want{Query: Query{Colours: l("Dark Blue")}}},
		{"navy blue", want{Query: Query{Colours: l("Dark Blue")}}},
		{"sky blue", want{Query: Query{Colours: l("Light Blue")}}},
		{"baby blue", want{Query: Query{Colours: l("Light Blue")}}},
		{"burgundy", want{Query: Query{Colours: l("Dark Red")}}},
		{"wine red", want{Query: Query{Colours: l("Dark Red")}}},
		{"maroon", want{Query: Query{Colours: l("Dark Red")}}},
		{"camel", want{Query: Query{Colours: l("Dark Beige", "Beige")}}},
		{"nude", want{Query: Query{Colours: l("Light Beige", "Beige")}}},
		{"khaki", want{Query: Query{Colours: l("Greenish Khaki"), ColourMasters: l("Khaki green")}}},
		{"olive green", want{Query: Query{Colours: l("Greenish Khaki"), ColourMasters: l("Khaki green")}}},
		{"mustard", want{Query: Query{Colours: l("Dark Yellow")}}},
		{"teal", want{Query: Query{Colours: l("Dark Turquoise")}}},
		{"mint", want{Query: Query{Colours: l("Light Green")}}}, // "Light Turquoise" is absent from the fixture
		{"charcoal", want{Query: Query{Colours: l("Dark Grey")}}},
		{"gold", want{Query: Query{Colours: l("Gold")}}},
		{"golden", want{Query: Query{Colours: l("Gold")}}},
		{"silver", want{Query: Query{Colours: l("Silver")}}},
		{"lavender", want{Query: Query{Colours: l("Light Purple")}}},
		{"hot pink", want{Query: Query{Colours: l("Dark Pink", "Pink")}}},
		{"greenish khaki", want{Query: Query{Colours: l("Greenish Khaki"), ColourMasters: l("Khaki green")}}},
		{"yellowish brown", want{Query: Query{Colours: l("Yellowish Brown"), ColourMasters: l("Brown")}}},
		// tones combine with the next colour word
		{"light yellow", want{Query: Query{Colours: l("Light Yellow"), ColourMasters: l("Yellow"), ColourValues: light}}},
		{"light-yellow", want{Query: Query{Colours: l("Light Yellow"), ColourMasters: l("Yellow"), ColourValues: light}}},
		{"dark blue", want{Query: Query{Colours: l("Dark Blue"), ColourMasters: l("Blue"), ColourValues: dark}}},
		{"dark green", want{Query: Query{Colours: l("Dark Green"), ColourMasters: l("Green"), ColourValues: dark}}},
		{"pale pink", want{Query: Query{Colours: l("Light Pink"), ColourMasters: l("Pink"), ColourValues: light}}},
		{"pastel pink", want{Query: Query{Colours: l("Light Pink"), ColourMasters: l("Pink"), ColourValues: light}}},
		{"pastel purple", want{Query: Query{Colours: l("Light Purple"), ColourMasters: l("Lilac Purple"), ColourValues: light}}},
		{"deep red", want{Query: Query{Colours: l("Dark Red"), ColourMasters: l("Red"), ColourValues: dark}}},
		{"light brown", want{Query: Query{ColourMasters: l("Brown"), ColourValues: light}}}, // no "Light Brown" group
		{"bright orange", want{Query: Query{ColourMasters: l("Orange"), ColourValues: l("Bright")}}},
		{"muted green", want{Query: Query{ColourMasters: l("Green"), ColourValues: l("Dusty Light", "Medium Dusty")}}},
		// tones alone
		{"pastel colours", want{Query: Query{ColourValues: light}}},
		{"pastels", want{Query: Query{ColourValues: light}}},
		{"light colours", want{Query: Query{ColourValues: light}}},
		{"dark colored jeans", want{Query: Query{ColourValues: dark, Types: l("Trousers"), Appearances: l("Denim")}}},
		{"dark jeans", want{Query: Query{ColourValues: dark, Types: l("Trousers"), Appearances: l("Denim")}}},
		{"bright colours", want{Query: Query{ColourValues: l("Bright")}}},
		{"neutral tones", want{Query: Query{ColourMasters: l("Beige", "White", "Grey", "Brown")}}},
		// several colours
		{"black and white", want{Query: Query{ColourMasters: l("Black", "White")}}},
		{"red or pink", want{Query: Query{ColourMasters: l("Red", "Pink")}}},
		{"black & white stripes", want{Query: Query{ColourMasters: l("Black", "White"), Appearances: l("Stripe")}}},
	}
	runTable(t, testVocab(), cases)
}

func TestParseAppearances(t *testing.T) {
	prints := l("All over pattern", "Placement print", "Front print", "Other pattern")
	shiny := l("Glittering/Metallic", "Sequin", "Metallic")
	cases := []tcase{
		{"striped", want{Query: Query{Appearances: l("Stripe")}}},
		{"stripes", want{Query: Query{Appearances: l("Stripe")}}},
		{"stripy", want{Query: Query{Appearances: l("Stripe")}}},
		{"plain", want{Query: Query{Appearances: l("Solid")}}},
		{"solid colour", want{Query: Query{Appearances: l("Solid")}}},
		{"printed", want{Query: Query{Appearances: prints}}},
		{"patterned", want{Query: Query{Appearances: prints}}},
		{"with a logo", want{Query: Query{Appearances: l("Front print", "Placement print")}}},
		{"floral", want{Query: Query{Appearances: l("All over pattern")}, soft: l("floral")}},
		{"leopard print", want{Query: Query{Appearances: l("All over pattern")}, soft: l("animal print")}},
		{"plaid", want{Query: Query{Appearances: l("Check")}}},
		{"checked", want{Query: Query{Appearances: l("Check")}}},
		{"tartan", want{Query: Query{Appearances: l("Check")}}},
		{"polka dots", want{Query: Query{Appearances: l("Dot")}}},
		{"polka-dot", want{Query: Query{Appearances: l("Dot")}}},
		{"spotted", want{Query: Query{Appearances: l("Dot")}}},
		{"lace", want{Query: Query{Appearances: l("Lace")}}},
		{"lacy", want{Query: Query{Appearances: l("Lace")}}},
		{"embroidered", want{Query: Query{Appearances: l("Embroidery")}}},
		{"sequins", want{Query: Query{Appearances: l("Sequin")}}},
		{"sequined", want{Query: Query{Appearances: l("Sequin")}}},
		{"glitter", want{Query: Query{Appearances: shiny}}},
		{"sparkly", want{Query: Query{Appearances: shiny}}},
		{"shiny", want{Query: Query{Appearances: shiny}}},
		{"metallic", want{Query: Query{Appearances: l("Metallic", "Glittering/Metallic")}}},
		{"denim", want{Query: Query{Appearances: l("Denim")}}},
		{"melange", want{Query: Query{Appearances: l("Melange")}}},
		{"sheer", want{Query: Query{Appearances: l("Transparent", "Mesh")}}},
		{"see-through", want{Query: Query{Appearances: l("Transparent", "Mesh")}}},
		{"knitted", want{Query: Query{GarmentGroups: l("Knitwear")}}},
		{"knitwear", want{Query: Query{GarmentGroups: l("Knitwear")}}},
		{"outerwear", want{Query: Query{GarmentGroups: l("Outdoor")}}},
		{"on sale", want{Query: Query{GarmentGroups: l("Special Offers")}}},
	}
	runTable(t, testVocab(), cases)
}
