package query

import "testing"

func TestScratch(t *testing.T) {
	v := realVocab(t)
	for _, s := range []string{
		"I need an outfit for a summer wedding, something elegant but not too formal, no black",
		"Looking for comfy joggers for my husband, grey or navy",
		"what should I wear to a job interview? I'm a woman",
		"cute baby girl dress with flowers",
		"Recommend 3 cosy knitted jumpers in earth tones for winter",
		"Need running shoes and a sports bra",
		"party dress with sequins, gold or silver, size 38, under 50 euros",
		"swim trunks for my 8 year old son",
		"a black leather jacket like a biker, not oversized",
		"Show me five pairs of skinny jeans without rips",
		"maternity jeans",
		"I am looking for a white blouse for the office, long sleeves, no lace",
		"teen boy hoodie with a graphic print",
		"something to wear to the beach: sandals, sunglasses and a straw hat",
		"Men's chinos in beige or khaki, slim fit",
		"dress for a date night, red or burgundy, not too short",
		"a tie and a dress shirt for a wedding",
		"hat for the sun",
		"Je cherche une robe noire",
		"light blue denim jacket",
		"dark wash jeans",
		"I'd like a couple of plain white tees",
		"polo neck sweater, not polo shirt",
	} {
		t.Logf("%q\n   %s", s, v.Parse(s))
	}
}
