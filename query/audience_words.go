package query

// person is what a person word says about whoever it names.
type person struct {
	who    Who
	gender Gender
	bands  []string
	rel    bool // a relation or possessive ("wife", "her"): the wearer only as recipient or subject
	pron   bool // "she", "he": a weak hint at the wearer
	weak   bool // the word leaves doubt (a nephew may be grown up): inferred evidence
	self   bool // "me", "myself": the speaker
}

var (
	kidBands  = []string{BandKids, BandOlder}
	babyBands = []string{BandBaby}
	tinyBands = []string{BandBaby, BandKids}
	teenBands = []string{BandOlder}
)

// personWords are the words that name a person, keyed by normalised phrase.
var personWords = func() map[string]person {
	m := map[string]person{}
	add := func(p person, words ...string) {
		for _, w := range words {
			m[w] = p
		}
	}
	add(person{who: WhoMen, gender: Male}, "men", "man", "male", "guy", "gentleman", "gentlemen", "gent",
		"menswear", "mens wear", "bloke", "dude", "lad")
	add(person{who: WhoWomen, gender: Female}, "women", "woman", "lady", "female", "ladieswear", "womenswear",
		"womens wear", "gal")
	add(person{who: WhoMen, gender: Male, rel: true}, "boyfriend", "husband", "hubby", "dad", "father", "daddy",
		"brother", "grandpa", "grandfather", "uncle", "fiance", "him", "stepdad", "groom")
	add(person{who: WhoWomen, gender: Female, rel: true}, "girlfriend", "wife", "wifey", "mom", "mum", "mother",
		"mommy", "mummy", "sister", "grandma", "grandmother", "aunt", "fiancee", "her", "stepmom", "stepmum", "bride")
	add(person{who: WhoAdult, rel: true}, "partner", "spouse", "friend", "bestie", "colleague", "coworker", "boss")
	add(person{who: WhoAdult}, "adult", "grown up", "grownup")
	add(person{who: WhoMen, gender: Male, rel: true, pron: true}, "he", "his")
	add(person{who: WhoWomen, gender: Female, rel: true, pron: true}, "she", "hers")
	add(person{who: WhoAdult, self: true}, "me", "myself")
	add(person{who: WhoChildren, bands: kidBands}, "kid", "child", "children", "kiddo", "little one", "youngster",
		"preschooler", "schoolchild", "schoolkid")
	add(person{who: WhoChildren, gender: Male, bands: kidBands}, "boy", "son", "schoolboy", "stepson", "godson")
	add(person{who: WhoChildren, gender: Female, bands: kidBands}, "girl", "daughter", "schoolgirl",
		"stepdaughter", "goddaughter")
	add(person{who: WhoChildren, gender: Male, bands: kidBands, weak: true}, "nephew", "grandson")
	add(person{who: WhoChildren, gender: Female, bands: kidBands, weak: true}, "niece", "granddaughter")
	add(person{who: WhoChildren, bands: kidBands, weak: true}, "grandchild", "grandkid")
	add(person{who: WhoBaby, bands: babyBands}, "baby", "newborn", "infant")
	add(person{who: WhoChildren, bands: tinyBands}, "toddler")
	add(person{who: WhoTeen, bands: teenBands}, "teen", "teenager", "teenage", "adolescent")
	add(person{who: WhoChildren, bands: teenBands}, "tween")
	return m
}()

// Words around a person word that decide its role.
var (
	// personFiller may stand between a role word and the person ("for my
	// little brother", "I'm a tall athletic man", "a 10 year old girl").
	personFiller = set("my", "our", "his", "her", "your", "their", "a", "an", "the", "little", "small", "young",
		"younger", "older", "elder", "big", "new", "lovely", "dear", "best", "sweet", "twin", "two", "tall",
		"short", "petite", "curvy", "athletic", "slim", "skinny", "plus", "size", "sized", "broad", "chubby",
		"busy", "working", "single", "middle", "aged", "year", "yr", "old", "month", "week", "very", "quite",
		"pretty", "active", "sporty", "shy", "stylish", "picky")
	speakerLead = set("im", "am", "as")
	contextLead = set("with", "to", "at", "attend", "attending", "visit", "visiting", "meet", "meeting", "like")
	// subjectNext: "my son needs", "my husband wants", "she wears".
	subjectNext = set("need", "want", "wear", "outgrew", "outgrown", "grew", "require", "ask", "asked", "keep")
	// eventNouns after a person make them context ("my sister's wedding").
	eventNouns = set("wedding", "graduation", "funeral", "party", "engagement", "rehearsal", "recital", "game",
		"match", "concert", "ceremony", "prom", "reception", "shower", "retirement", "housewarming", "reunion",
		"dinner", "celebration", "event", "birthday", "christmas", "xmas", "anniversary", "valentine", "show",
		"wake", "memorial", "office", "house", "place", "home")
	// giveWords before "to" make the person after it the recipient ("give a
	// gift to my mum", "send a present to my dad"), not context ("to my mum's").
	giveWords = set("give", "giving", "gave", "send", "sending", "gift", "gifts", "gifting", "present", "presents")
	// giftEvents make the person the recipient after "for" ("a shirt for my mum's birthday").
	giftEvents = set("birthday", "christmas", "xmas", "anniversary", "valentine")
	// selfWear marks the speaker as the wearer ("what should I wear to my mum's birthday").
	selfWear = set("wear", "wearing", "attend", "attending", "going", "go")
	selfWho  = set("i", "im", "me")
	// notBaby after "N months" makes it no baby's age.
	notBaby = set("pregnant", "postpartum", "post", "along", "ago", "later", "away", "in", "within", "next",
		"last", "past", "every", "after", "before")
	// datingVerbs after "a girl I ..." make her a young adult.
	datingVerbs = set("like", "love", "met", "fancy", "dating", "seeing", "date", "crush", "liked")
	// stylePeople are person words used as style names before a garment ("dad sneakers", "boyfriend shirt").
	stylePeople = set("dad", "mom", "mum", "boyfriend", "girlfriend", "grandpa", "granny", "grandma")
	styleNext   = set("fit", "style", "core", "aesthetic", "vibe", "cut")
	// adultAfter and adultBefore make girl/boy/baby/kid words part of an adult phrase.
	adultAfter = map[string]map[string]bool{
		"girl":  set("boss", "power", "gang", "squad", "band", "trip", "weekend", "holiday", "day", "night", "brunch", "crush", "next", "aesthetic", "vibe", "dinner"),
		"boy":   set("band", "trip", "weekend", "night", "next"),
		"baby":  set("shower", "bump", "doll", "tee", "t", "boomer", "face", "blue", "pink", "yellow", "cord", "alpaca"),
		"kid":   set("leather", "glove", "mohair", "suede"),
		"child": set("free"),
	}
	adultBefore = map[string]map[string]bool{
		"girl": set("it", "that", "clean", "cool", "vanilla", "party", "career", "city", "country", "working", "cover", "poster"),
		"boy":  set("bad", "pretty", "golden", "poster", "party", "cover", "frat"),
		"baby": set("sugar"),
	}
	// Places that suggest a child when nobody is named (inferred).
	childPlaces = map[string][]string{
		"nursery": tinyBands, "daycare": tinyBands, "creche": tinyBands, "playgroup": tinyBands,
		"kindergarten": {BandKids}, "preschool": {BandKids}, "playground": {BandKids}, "playdate": {BandKids},
	}
	// schoolAdult are neighbours of "school" that make it an adult context.
	schoolAdult = set("old", "high", "grad", "graduate", "law", "art", "business", "film", "drama", "fashion",
		"design", "medical", "night", "run", "gate", "reunion", "teacher", "staff", "summer", "boarding", "uni", "language")
	// ageUnit are words after a number that make it no age ("she is 5 foot 2", "8 months pregnant").
	ageUnit = set("foot", "feet", "ft", "inch", "kg", "lb", "lbs", "stone", "pregnant", "euro", "eur",
		"dollar", "pound", "percent", "x", "pm", "am", "h", "k", "cm", "month", "mo", "week", "day", "year", "yr", "yo", "y")
	// childSizes are the H&M children's sizes (height in cm); 50 and 56 are
	// left out as they are also men's suit sizes.
	childSizes = set("62", "68", "74", "80", "86", "92", "98", "104", "110", "116", "122", "128", "134",
		"140", "146", "152", "158", "164", "170")
)

// bandsForAge maps an age in years to the children's bands; adult for 18+
// and teen (with the oldest band) for 15-17.
func bandsForAge(age int) (Who, []string) {
	switch {
	case age <= 1:
		return WhoBaby, babyBands
	case age <= 3:
		return WhoChildren, tinyBands
	case age <= 8:
		return WhoChildren, []string{BandKids}
	case age == 9:
		return WhoChildren, kidBands
	case age <= 14:
		return WhoChildren, teenBands
	case age <= 17:
		return WhoTeen, teenBands
	}
	return WhoAdult, nil
}

// bandsForHeight maps a height or children's size in cm to the bands.
func bandsForHeight(cm int) []string {
	switch {
	case cm <= 86:
		return babyBands
	case cm <= 98:
		return tinyBands
	case cm <= 128:
		return []string{BandKids}
	case cm <= 140:
		return kidBands
	}
	return teenBands
}
