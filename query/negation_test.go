package query

import "testing"

func TestNegation(t *testing.T) {
	prints := l("All over pattern", "Placement print", "Front print", "Other pattern")
	cases := []tcase{
		{"not black", want{Query: Query{Not: Exclusions{ColourMasters: l("Black")}}}},
		{"a dress, not black", want{Query: Query{Types: l("Dress"), Not: Exclusions{ColourMasters: l("Black")}}}},
		{"no denim", want{Query: Query{Not: Exclusions{Appearances: l("Denim")}}}},
		{"without prints", want{Query: Query{Not: Exclusions{Appearances: prints}}}},
		{"without any prints", want{Query: Query{Not: Exclusions{Appearances: prints}}}},
		{"nothing red", want{Query: Query{Not: Exclusions{ColourMasters: l("Red")}}}},
		{"avoid stripes", want{Query: Query{Not: Exclusions{Appearances: l("Stripe")}}}},
		{"except navy", want{Query: Query{Not: Exclusions{Colours: l("Dark Blue")}}}},
		{"anything but black", want{Query: Query{Not: Exclusions{ColourMasters: l("Black")}}}},
		{"I don't want a dress", want{Query: Query{Not: Exclusions{Types: l("Dress")}}}},
		{"do not like skirts", want{Query: Query{Not: Exclusions{Types: l("Skirt")}}}},
		{"not into sequins", want{Query: Query{Not: Exclusions{Appearances: l("Sequin")}}}},
		{"no shoes", want{Query: Query{Not: Exclusions{ProductGroups: l("Shoes")}}}},
		{"no knitwear", want{Query: Query{Not: Exclusions{GarmentGroups: l("Knitwear")}}}},
		{"not for kids", want{Query: Query{Not: Exclusions{IndexGroups: l("Baby/Children")}}}},
		{"nothing too dark", want{Query: Query{Not: Exclusions{ColourValues: l("Dark")}}}},
		{"not dark blue", want{Query: Query{Not: Exclusions{Colours: l("Dark Blue")}}}},
		{"not too tight", want{soft: l()}},
		// coordination carries the negation to the same kind
		{"no black or white", want{Query: Query{Not: Exclusions{ColourMasters: l("Black", "White")}}}},
		{"no X or Y: no stripes or dots", want{Query: Query{Not: Exclusions{Appearances: l("Stripe", "Dot")}}}},
		{"without prints and stripes", want{Query: Query{Not: Exclusions{Appearances: append(l("Stripe"), prints...)}}}},
		{"neither red nor pink", want{Query: Query{Not: Exclusions{ColourMasters: l("Red", "Pink")}}}},
		{"nothing red, orange or yellow", want{Query: Query{Not: Exclusions{ColourMasters: l("Red", "Orange", "Yellow")}}}},
		{"no stripes and no dots", want{Query: Query{Not: Exclusions{Appearances: l("Stripe", "Dot")}}}},
		// scope ends
		{"not black but navy", want{Query: Query{Colours: l("Dark Blue"), Not: Exclusions{ColourMasters: l("Black")}}}},
		{"a dress but not black", want{Query: Query{Types: l("Dress"), Not: Exclusions{ColourMasters: l("Black")}}}},
		{"no prints, blue please", want{Query: Query{ColourMasters: l("Blue"), Not: Exclusions{Appearances: prints}}}},
		{"no black. a red dress", want{Query: Query{Types: l("Dress"), ColourMasters: l("Red"), Not: Exclusions{ColourMasters: l("Black")}}}},
		{"without prints and in blue", want{Query: Query{ColourMasters: l("Blue"), Not: Exclusions{Appearances: prints}}}},
		{"without prints and a black dress", want{Query: Query{Types: l("Dress"), ColourMasters: l("Black"), Not: Exclusions{Appearances: prints}}}},
		{"no dresses in red", want{Query: Query{ColourMasters: l("Red"), Not: Exclusions{Types: l("Dress")}}}},
		{"no jeans for my husband", want{Query: Query{IndexGroups: l("Menswear"), Not: Exclusions{Types: l("Trousers"), Appearances: l("Denim")}}}},
		{"No, I want a dress", want{Query: Query{Types: l("Dress")}}},
		// the head noun of a negated modifier is neither wanted nor excluded
		{"skirts, no red dresses", want{Query: Query{Types: l("Skirt"), Not: Exclusions{ColourMasters: l("Red")}}}},
		{"not black or white dresses", want{Query: Query{Not: Exclusions{ColourMasters: l("Black", "White")}}}},
		// a negated item is never also positive
		{"black dress, actually not black", want{Query: Query{Types: l("Dress"), Not: Exclusions{ColourMasters: l("Black")}}}},
		{"jeans but no denim", want{Query: Query{Types: l("Trousers"), Not: Exclusions{Appearances: l("Denim")}}}},
		// no-op phrases are no triggers
		{"no matter the colour, a dress", want{Query: Query{Types: l("Dress")}}},
		{"not sure, maybe a skirt", want{Query: Query{Types: l("Skirt")}}},
	}
	runTable(t, testVocab(), cases)
}

func TestCount(t *testing.T) {
	dress := l("Dress")
	cases := []tcase{
		{"top 5", want{Query: Query{Count: 5}}},
		{"top 5 dresses", want{Query: Query{Types: dress, Count: 5}}},
		{"top5 dresses", want{Query: Query{Types: dress, Count: 5}}},
		{"top five dresses", want{Query: Query{Types: dress, Count: 5}}},
		{"3 options", want{Query: Query{Count: 3}}},
		{"3 dresses", want{Query: Query{Types: dress, Count: 3}}},
		{"three dresses", want{Query: Query{Types: dress, Count: 3}}},
		{"5 light yellow summer dresses", want{Query: Query{Types: dress, Colours: l("Light Yellow"), ColourMasters: l("Yellow"), ColourValues: l("Light", "Dusty Light"), Count: 5}}},
		{"show me 4", want{Query: Query{Count: 4}}},
		{"give me 2 ideas", want{Query: Query{Count: 2}}},
		{"best 3 jackets", want{Query: Query{Types: l("Jacket"), Count: 3}}},
		{"a few dresses", want{Query: Query{Types: dress, Count: 3}}},
		{"show me a few", want{Query: Query{Count: 3}}},
		{"a couple of skirts", want{Query: Query{Types: l("Skirt"), Count: 2}}},
		{"a couple skirts", want{Query: Query{Types: l("Skirt"), Count: 2}}},
		{"a dozen socks", want{Query: Query{Types: l("Socks"), Count: 12}}},
		{"some dresses", want{Query: Query{Types: dress}}},
		{"several options", want{}},
		{"one dress", want{Query: Query{Types: dress, Count: 1}}},
		{"just one", want{Query: Query{Count: 1}}},
		{"100 dresses", want{Query: Query{Types: dress, Count: MaxCount}}},
		{"twenty dresses", want{Query: Query{Types: dress, Count: 20}}},
		{"3 or 4 dresses", want{Query: Query{Types: dress, Count: 3}}},
		// not counts
		{"one piece swimsuit", want{Query: Query{Types: l("Swimsuit")}}},
		{"one-piece", want{Query: Query{Types: l("Swimsuit")}}},
		{"one shoulder dress", want{Query: Query{Types: dress}, soft: l("off-shoulder")}},
		{"one size", want{}},
		{"one colour", want{Query: Query{Appearances: l("Solid")}}},
		{"the blue one", want{Query: Query{ColourMasters: l("Blue")}}},
		{"one of your dresses", want{Query: Query{Types: dress}}},
		{"size 38 dress", want{Query: Query{Types: dress}}},
		{"dress under 30 euros", want{Query: Query{Types: dress}}},
		{"dress under $30", want{Query: Query{Types: dress}}},
		{"dress for $30", want{Query: Query{Types: dress}}},
		{"100% cotton dress", want{Query: Query{Types: dress}}},
		{"for my 5 year old", want{Query: Query{IndexNames: l("Children Sizes 92-140", "Children Accessories, Swimwear")}}},
		{"5 year old boy", want{Query: Query{IndexNames: l("Children Sizes 92-140", "Children Accessories, Swimwear")}}},
		{"90s style jacket", want{Query: Query{Types: l("Jacket")}}},
		{"a few days in the sun", want{soft: l("summer")}},
		{"for a couple", want{}},
		{"2 colours", want{}},
		{"top rated dresses", want{Query: Query{Types: dress}}},
		{"top picks", want{}},
		{"top", want{Query: Query{Types: l("Top", "Vest top", "T-shirt", "Blouse")}}},
		{"5, dresses", want{Query: Query{Types: dress}}},
	}
	runTable(t, testVocab(), cases)
}
