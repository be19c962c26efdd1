package query

import "testing"

// The six requests of the reference system's evaluation.
var referenceCases = []tcase{
	{"I want a black cool sweater with shiny decorations making me looks like a movie star.", want{
		Query: Query{Types: l("Sweater"), ColourMasters: l("Black"), Appearances: l("Glittering/Metallic", "Sequin", "Metallic")},
		soft:  l("glamorous"),
	}},
	{"Do you have pure white T-shirt with cute patterns at back?", want{
		Query: Query{Types: l("T-shirt"), Colours: l("White"), Appearances: l("All over pattern", "Placement print", "Front print", "Other pattern")},
		soft:  l("cute"),
	}},
	{"Please offer me some choices of jackets which are waterproof.", want{
		Query: Query{Types: l("Jacket")},
		soft:  l("waterproof"),
		terms: l(),
	}},
	{"Jeans for women, tight.", want{
		Query: Query{Types: l("Trousers"), Appearances: l("Denim"), IndexGroups: l("Ladieswear")},
		soft:  l("tight"),
		terms: l(),
	}},
	// "my boyfriend" is the date, not the wearer: no Menswear.
	{"Please offer me items like: light yellow dress or skirt which suit for summer, best for dating with my boyfriend.", want{
		Query: Query{Types: l("Dress", "Skirt"), Colours: l("Light Yellow"), ColourMasters: l("Yellow"), ColourValues: l("Light", "Dusty Light")},
		soft:  l("summer", "dating"),
		terms: l(),
	}},
	// "light" here is weight, not colour.
	{"Jogging sports trousers, easy to take off, light, breathable, sweat absorption.", want{
		Query: Query{Types: l("Trousers"), IndexGroups: l("Sport")},
		soft:  l("running", "sport", "lightweight", "breathable", "sweat-wicking"),
	}},
}

func TestReferenceQueries(t *testing.T) {
	runTable(t, testVocab(), referenceCases)
}

// The same requests against the vocabulary of the real H&M catalog.
func TestReferenceQueriesRealCatalog(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the real catalog")
	}
	runTable(t, realVocab(t), referenceCases)
}

// Realistic requests mixing several rules.
func TestRealisticRequests(t *testing.T) {
	cases := []tcase{
		{"Looking for comfy joggers for my husband, grey or navy", want{
			Query: Query{Types: l("Trousers"), Colours: l("Dark Blue"), ColourMasters: l("Grey"), IndexGroups: l("Menswear")},
			soft:  l("comfortable", "sport"), terms: l(),
		}},
		{"Recommend 3 cosy knitted jumpers in earth tones for winter", want{
			Query: Query{Types: l("Sweater"), GarmentGroups: l("Knitwear"), ColourMasters: l("Beige", "Brown", "Khaki green"), Count: 3},
			soft:  l("cosy", "winter"),
		}},
		{"a black leather jacket, not oversized", want{
			Query: Query{Types: l("Jacket"), ColourMasters: l("Black")}, soft: l(), terms: l("leather"),
		}},
		{"I am looking for a white blouse for the office, long sleeves, no lace", want{
			Query: Query{Types: l("Blouse"), ColourMasters: l("White"), Not: Exclusions{Appearances: l("Lace")}},
			soft:  l("office", "long sleeve"), terms: l(),
		}},
		{"I'd like a couple of plain white tees", want{
			Query: Query{Types: l("T-shirt"), ColourMasters: l("White"), Appearances: l("Solid"), Count: 2}, terms: l(),
		}},
		{"polo neck sweater, not polo shirt", want{
			Query: Query{Types: l("Sweater"), Not: Exclusions{Types: l("Polo shirt")}}, // "polo neck" modifies the head "sweater"
		}},
		{"swim trunks for my 8 year old son", want{
			Query: Query{Types: l("Swimwear bottom"), IndexNames: l("Children Sizes 92-140", "Children Accessories, Swimwear")}, terms: l(),
		}},
		{"light blue denim jacket", want{
			Query: Query{Types: l("Jacket"), Colours: l("Light Blue"), ColourMasters: l("Blue"), ColourValues: l("Light", "Dusty Light"), Appearances: l("Denim")},
		}},
		{"party dress with sequins, gold or silver, size 38, under 50 euros", want{
			Query: Query{Types: l("Dress"), Colours: l("Gold", "Silver"), Appearances: l("Sequin")}, soft: l("party"),
		}},
	}
	runTable(t, testVocab(), cases)
}
