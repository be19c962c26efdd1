package query

// functionSyns are the words that steer parsing: negation triggers, clause
// breaks, counts, generic nouns and phrases that must not match anything
// ("top rated" is no top, "one piece" no count, "no matter" no negation).
var functionSyns = []syn{
	w("no", "not", "without", "nothing", "none", "avoid", "except", "excluding", "exclude", "other than",
		"anything but", "everything but", "anything except", "anything other than", "dont want", "do not want",
		"dont like", "do not like", "dont need", "do not need", "not into", "not a fan of", "hate", "dislike",
		"never", "neither", "instead of", "rather not", "non", "no more").neg(),
	w("but", "however", "though", "although", "yet", "also", "then", "while", "whereas", "instead").brk(),
	w("no matter", "not sure", "no idea", "not only", "no problem", "no rush", "not too sure",
		"top pick", "top rated", "top choice", "top quality", "top seller", "top notch", "top brand",
		"a pair of", "pair of", "to watch", "lace up", "dressed", "to dress", "gender neutral", "unisex",
		"dress code", "what to wear", "one size", "one of", "hm", "h and m", "look like", "do you have", "spot on").noop(),
	w("a few").countPhrase(3),
	w("a couple", "a couple of", "couple of").countPhrase(2),
	w("a dozen").countPhrase(12),
	w("half a dozen").countPhrase(6),
	w("a handful of").countPhrase(5),
	w("option", "choice", "idea", "item", "suggestion", "product", "thing", "pick", "recommendation",
		"alternative", "look", "result", "piece", "pair", "stuff", "something", "anything").generic(),
	w("outfit", "clothes", "clothing", "wear", "gear", "apparel", "garment", "attire", "ensemble", "kit").clothing(),
	w("one").number(1), w("two").number(2), w("three").number(3), w("four").number(4), w("five").number(5),
	w("six").number(6), w("seven").number(7), w("eight").number(8), w("nine").number(9), w("ten").number(10),
	w("eleven").number(11), w("twelve").number(12), w("thirteen").number(13), w("fourteen").number(14),
	w("fifteen").number(15), w("sixteen").number(16), w("seventeen").number(17), w("eighteen").number(18),
	w("nineteen").number(19), w("twenty").number(20),
}

// Count context: a number is a count only in count position.
var (
	// countLead are words after which a bare number is a count ("top 5", "show me 3").
	countLead = set("top", "best", "first", "show", "give", "me", "list", "suggest", "recommend", "pick", "find", "want", "need", "get", "only", "just")
	// countBlock are words before which a number is no count ("size 38", "under 30").
	countBlock = set("size", "under", "below", "over", "above", "than", "less", "more", "max", "maximum", "min",
		"minimum", "age", "aged", "from", "to", "between", "around", "about", "approx", "cost", "costs",
		"price", "budget", "eu", "uk", "us", "waist", "length", "inseam", "number", "no", "model", "article")
	// countUnit are words after which a number is no count ("5 years", "30 euros").
	countUnit = set("year", "yr", "yo", "month", "mo", "week", "day", "cm", "mm", "m", "kg", "euro", "eur",
		"dollar", "usd", "buck", "pound", "gbp", "kr", "sek", "percent", "s", "th", "st", "nd", "rd", "x",
		"pm", "am", "hour", "h", "min", "minute", "k", "degree", "size", "times", "colour", "color")
)

// Relation context: a relation noun names the wearer after these words.
var (
	recipientLead = set("for", "buy", "buying", "gift", "present", "get", "getting", "surprise")
	possessives   = set("my", "our", "his", "her", "your", "their", "a", "the")
)

// Negation context.
var (
	// scopeEnd are words that close a negation scope once something has been
	// negated ("no prints in blue": "blue" is wanted).
	scopeEnd = set("in", "with", "for", "from", "like", "to", "at", "that", "which", "who", "because", "as", "please", "maybe", "perhaps", "prefer", "preferably", "want", "need", "would")
	// conj are coordinators that carry a negation on to items of the same kind.
	conj = set("and", "or", "nor")
)
