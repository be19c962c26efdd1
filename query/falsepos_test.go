package query

import "testing"

// Words that look like an attribute but are not one in context.
func TestFalsePositives(t *testing.T) {
	tops := l("Top", "Vest top", "T-shirt", "Blouse")
	cases := []tcase{
		{"something dressy", want{soft: l("formal")}},
		{"how to dress up for a party", want{soft: l("formal", "party")}},
		{"I got dressed", want{}},
		{"shirt dress", ty("Dress")},
		{"shirtdress", ty("Dress")},
		{"t-shirt dress", ty("Dress")},
		{"sweater dress", ty("Dress")},
		{"polo dress", ty("Dress")},
		{"hoodie dress", ty("Dress")},
		{"dress shirt", want{Query: Query{Types: l("Shirt")}, soft: l("formal")}},
		{"dress shoes", want{Query: Query{Types: l("Other shoe", "Flat shoe", "Flat shoes")}, soft: l("formal")}},
		{"sweatshirt", ty("Sweater")},
		{"sweat absorption", want{soft: l("sweat-wicking")}},
		{"jumpsuit", ty("Jumpsuit/Playsuit")},
		{"bodysuit", ty("Bodysuit")},
		{"tops", ty(tops...)},
		{"jeans jacket", want{Query: Query{Types: l("Jacket"), Appearances: l("Denim")}}},
		{"jean jacket", want{Query: Query{Types: l("Jacket"), Appearances: l("Denim")}}},
		{"denim jacket", want{Query: Query{Types: l("Jacket"), Appearances: l("Denim")}}},
		{"denim shorts", want{Query: Query{Types: l("Shorts"), Appearances: l("Denim")}}},
		{"jeans shorts", want{Query: Query{Types: l("Shorts"), Appearances: l("Denim")}}},
		{"jeans skirt", want{Query: Query{Types: l("Skirt"), Appearances: l("Denim")}}},
		{"swimsuit cover up", want{Query: Query{Types: l("Sarong")}, soft: l("beach")}},
		{"swimsuit cover-up", want{Query: Query{Types: l("Sarong")}, soft: l("beach")}},
		{"bikini cover up", want{Query: Query{Types: l("Sarong")}, soft: l("beach")}},
		{"shoes", want{Query: Query{ProductGroups: l("Shoes")}}},
		{"black and white stripes", want{Query: Query{ColourMasters: l("Black", "White"), Appearances: l("Stripe")}}},
		{"which suit for summer", want{soft: l("summer"), terms: l()}},
		{"it suits me", want{terms: l()}},
		{"short dress", want{Query: Query{Types: l("Dress")}, soft: l("short")}},
		{"short sleeve shirt", want{Query: Query{Types: l("Shirt")}, soft: l("short sleeve")}},
		{"top rated", want{}},
		{"on top of that", ty(tops...)},
		{"can you check", want{}},
		{"it was fun", want{}},
		{"baby blue", want{Query: Query{Colours: l("Light Blue")}}},
		{"baby pink", want{Query: Query{Colours: l("Light Pink")}}},
		{"light, breathable", want{soft: l("lightweight", "breathable")}},
		{"light jacket", want{Query: Query{Types: l("Jacket")}, soft: l("lightweight")}},
		{"deep v-neck", want{}},
		{"cap sleeves", want{soft: l("sleeveless")}},
		{"tie-dye", want{Query: Query{Appearances: l("Treatment")}, soft: l("tie-dye")}},
		{"I want to watch a movie", want{}},
		{"lace-up boots", ty("Boots")},
		{"girls night out", want{soft: l("party")}},
		{"work out", want{soft: l("gym")}},
		{"fancy dress party", want{soft: l("formal", "party"), Query: Query{Types: l("Dress")}}}, // "Costumes" absent from the fixture
		{"H&M", want{terms: l()}},
		{"the pyjama top", ty("Pyjama set")},
		{"cold shoulder top", want{Query: Query{Types: tops}, soft: l("off-shoulder")}},
		{"spot on", want{}},
		{"", want{}},
		{"   ", want{}},
		{"?!,.", want{}},
		{"qwerty asdf", want{terms: l("qwerty", "asdf")}},
	}
	runTable(t, testVocab(), cases)
}

func TestEmptyQuery(t *testing.T) {
	q := testVocab().Parse("")
	if q.HasConstraints() || q.Count != 0 || len(q.Soft)+len(q.Terms) != 0 || q.String() != "" {
		t.Fatalf("empty text gave %#v", q)
	}
	var nilVocab *Vocab
	if q := nilVocab.Parse("a black dress"); q.HasConstraints() || q.Text != "a black dress" {
		t.Fatalf("nil vocab gave %#v", q)
	}
}
