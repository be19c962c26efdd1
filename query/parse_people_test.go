package query

import "testing"

func dept(v ...string) want { return want{Query: Query{IndexGroups: v}} }

// kids is the department of a child without an age: both children's bands
// and the band-less children's shoes, accessories and swimwear.
func kids() want {
	return want{Query: Query{IndexNames: l("Children Sizes 92-140", "Children Sizes 134-170", "Children Accessories, Swimwear")}}
}

func TestParseDepartments(t *testing.T) {
	cases := []tcase{
		{"for men", dept("Menswear")},
		{"men's", dept("Menswear")},
		{"mens", dept("Menswear")},
		{"for a man", dept("Menswear")},
		{"for a guy", dept("Menswear")},
		{"for guys", dept("Menswear")},
		{"menswear", dept("Menswear")},
		{"male", dept("Menswear")},
		{"for women", dept("Ladieswear")},
		{"womens", dept("Ladieswear")},
		{"women's", dept("Ladieswear")},
		{"ladies", dept("Ladieswear")},
		{"for a lady", dept("Ladieswear")},
		{"female", dept("Ladieswear")},
		{"for kids", kids()},
		{"children's", kids()},
		{"for my son", kids()},
		{"my daughter needs", kids()},
		{"boys", kids()},
		{"a girl", kids()},
		{"baby", want{Query: Query{IndexNames: l("Baby Sizes 50-98")}}},
		{"for a newborn", want{Query: Query{IndexNames: l("Baby Sizes 50-98")}}},
		{"baby girl", want{Query: Query{IndexNames: l("Baby Sizes 50-98")}}},
		{"toddler boy", want{Query: Query{IndexNames: l("Baby Sizes 50-98", "Children Sizes 92-140", "Children Accessories, Swimwear")}}},
		{"teen", want{Query: Query{IndexGroups: l("Divided"), IndexNames: l("Children Sizes 134-170", "Children Accessories, Swimwear")}}},
		{"teenager", want{Query: Query{IndexGroups: l("Divided"), IndexNames: l("Children Sizes 134-170", "Children Accessories, Swimwear")}}},
		{"teen girl", want{Query: Query{IndexGroups: l("Divided"), IndexNames: l("Children Sizes 134-170", "Children Accessories, Swimwear")}}},
		{"divided", dept("Divided")},
		{"plus size", want{Query: Query{Sections: l("H&M+")}}},
		{"maternity", want{}}, // "Mama" is absent from the fixture
		{"sportswear", want{Query: Query{IndexGroups: l("Sport")}, soft: l("sport")}},
		{"activewear", want{Query: Query{IndexGroups: l("Sport")}, soft: l("sport")}},
	}
	runTable(t, testVocab(), cases)
}

// Relation nouns name the wearer only as a recipient.
func TestParseRelations(t *testing.T) {
	cases := []tcase{
		{"for my boyfriend", dept("Menswear")},
		{"a gift for my boyfriend", dept("Menswear")},
		{"present for my husband", dept("Menswear")},
		{"for my dad", dept("Menswear")},
		{"buy my brother a shirt", want{Query: Query{IndexGroups: l("Menswear"), Types: l("Shirt")}}},
		{"for him", dept("Menswear")},
		{"for my girlfriend", dept("Ladieswear")},
		{"for my wife", dept("Ladieswear")},
		{"for my mom", dept("Ladieswear")},
		{"for mum", dept("Ladieswear")},
		{"for her", dept("Ladieswear")},
		{"for her birthday", want{Query: Query{IndexGroups: l("Ladieswear")}, soft: l("party")}},
		{"for her husband", dept("Menswear")},
		{"gift for his wife", dept("Ladieswear")},
		// context, not recipient
		{"dating with my boyfriend", want{soft: l("dating")}},
		{"dinner with my husband", want{}},
		{"my boyfriend likes red", want{Query: Query{ColourMasters: l("Red")}}},
		{"going out with my girlfriend", want{soft: l("party")}},
		{"I love her style", want{}},
		{"boyfriend jeans", want{Query: Query{Types: l("Trousers"), Appearances: l("Denim")}, soft: l("loose")}},
		{"mom jeans", want{Query: Query{Types: l("Trousers"), Appearances: l("Denim")}, soft: l("loose")}},
	}
	runTable(t, testVocab(), cases)
}

// Sport words are soft; the Sport index group only when they modify a garment.
func TestParseSport(t *testing.T) {
	cases := []tcase{
		{"gym", want{soft: l("gym")}},
		{"something for the gym", want{soft: l("gym")}},
		{"for running", want{soft: l("running")}},
		{"gym leggings", want{Query: Query{Types: l("Leggings/Tights"), IndexGroups: l("Sport")}, soft: l("gym")}},
		{"running tights", want{Query: Query{Types: l("Underwear Tights", "Leggings/Tights"), IndexGroups: l("Sport")}, soft: l("running")}},
		{"sports trousers", want{Query: Query{Types: l("Trousers"), IndexGroups: l("Sport")}, soft: l("sport")}},
		{"workout clothes", want{Query: Query{IndexGroups: l("Sport")}, soft: l("gym")}},
		{"yoga top", want{Query: Query{Types: l("Top", "Vest top", "T-shirt", "Blouse"), IndexGroups: l("Sport")}, soft: l("yoga")}},
		{"a jacket for running", want{Query: Query{Types: l("Jacket")}, soft: l("running")}},
		{"trousers for jogging", want{Query: Query{Types: l("Trousers")}, soft: l("running")}},
		{"jogging sports trousers", want{Query: Query{Types: l("Trousers"), IndexGroups: l("Sport")}, soft: l("running", "sport")}},
		{"sporty look", want{soft: l("sport")}},
		{"ski jacket", want{Query: Query{Types: l("Jacket")}, soft: l("ski", "winter")}},
	}
	runTable(t, testVocab(), cases)
}

func TestParseSoft(t *testing.T) {
	cases := []tcase{
		{"summer", want{soft: l("summer")}},
		{"for hot weather", want{soft: l("summer")}},
		{"winter", want{soft: l("winter")}},
		{"for cold weather", want{soft: l("winter")}},
		{"party", want{soft: l("party")}},
		{"a night out", want{soft: l("party")}},
		{"wedding guest", want{soft: l("wedding")}},
		{"for the office", want{soft: l("office")}},
		{"for work", want{soft: l("office")}},
		{"a date", want{soft: l("dating")}},
		{"beach holiday", want{soft: l("beach")}},
		{"casual", want{soft: l("casual")}},
		{"elegant", want{soft: l("formal")}},
		{"dressy", want{soft: l("formal")}},
		{"cosy", want{soft: l("cosy")}},
		{"cozy", want{soft: l("cosy")}},
		{"waterproof", want{soft: l("waterproof")}},
		{"water-resistant", want{soft: l("waterproof")}},
		{"for the rain", want{soft: l("waterproof")}},
		{"breathable", want{soft: l("breathable")}},
		{"tight", want{soft: l("tight")}},
		{"bodycon", want{soft: l("tight")}},
		{"slim fit", want{soft: l("slim")}},
		{"skinny", want{soft: l("slim")}},
		{"oversized", want{soft: l("oversized")}},
		{"baggy", want{soft: l("loose")}},
		{"wide-leg", want{soft: l("loose")}},
		{"long sleeves", want{soft: l("long sleeve")}},
		{"sleeveless", want{soft: l("sleeveless")}},
		{"maxi", want{soft: l("maxi")}},
		{"lightweight", want{soft: l("lightweight")}},
		{"light", want{soft: l("lightweight")}},
		{"a light jacket", want{Query: Query{Types: l("Jacket")}, soft: l("lightweight")}},
		{"warm", want{soft: l("warm")}},
		{"like a movie star", want{soft: l("glamorous")}},
	}
	runTable(t, testVocab(), cases)
}
