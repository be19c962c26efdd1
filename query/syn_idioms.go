package query

// idioms marks every row as an idiom: the search text carries its meaning
// (the soft label), never its words ("black tie event" → "formal").
func idioms(rows ...syn) []syn {
	for i := range rows {
		rows[i].e.idiom = true
	}
	return rows
}

// idiomSyns are phrases whose words must not be read one by one ("black tie"
// and "red carpet" are in softSyns): "white tie" is a dress code, not a black tie; "secret santa" a gift exchange, not a
// skirt named "Agent Secret"; "coffee lover" a person, not a brown item;
// "fit check" and "drip" are slang for an outfit and style.
var idiomSyns = idioms(
	w("white tie", "black tie event", "black tie wedding", "black tie optional", "cocktail attire").soft("formal"),
	w("secret santa", "white elephant", "stocking filler", "stocking fillers", "stocking stuffer",
		"stocking stuffers", "gift exchange", "kris kringle").soft("gift"),
	w("fit check", "fitcheck", "outfit check", "drip check", "ootd", "outfit of the day", "fit pic",
		"drip", "drippy", "dripped out", "swag", "rizz").noop(),
	w("coffee lover", "coffee lovers", "coffee addict", "coffee fan", "tea lover", "wine lover", "wine lovers",
		"chocolate lover", "book lover", "music lover", "dog lover", "cat lover", "animal lover", "plant lover",
		"football fan", "sports fan", "movie buff").noop(),
	w("baby shower", "baby showers", "bridal shower", "gender reveal", "baby sprinkle").soft("casual"), // a party for adults: "baby" is no audience here
	w("coffee date", "coffee shop", "coffee with friends", "over coffee", "wine tasting", "wine bar",
		"wine night", "brunch date").soft("casual"),
	w("black friday", "cyber monday", "blue monday", "green thumb", "grey area", "white lie", "red flag",
		"green flag", "in the pink", "out of the blue", "once in a blue moon", "black sheep", "feeling blue").noop(),
	w("covers my arms", "cover my arms", "covers the arms", "cover the arms", "covering my arms", "with sleeves",
		"modest").soft("long sleeve"),
	w("is tall", "am tall", "im tall", "are tall", "is short", "am short", "im short", "is petite", "am petite",
		"im petite", "is tiny", "am tiny", "wears glasses", "wear glasses", "wearing glasses").noop(), // the person, not a tall boot or a short dress
	w("dark academia", "light academia", "old money", "clean girl", "quiet luxury").soft("classic"), // styles, not colours
	w("little black dress", "lbd").typ("Dress").mst("Black").soft("party"),
)
