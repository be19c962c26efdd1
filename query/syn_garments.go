package query

// synonyms returns every curated row; the order only matters for merging.
func synonyms() []syn {
	var all []syn
	for _, t := range [][]syn{garmentSyns, swimUnderSyns, shoeSyns, accessorySyns, colourSyns, toneSyns,
		appearanceSyns, deptSyns, softSyns, sportSyns, functionSyns, idiomSyns} {
		all = append(all, t...)
	}
	return all
}

// topTypes is what a generic "top" means: an upper-body top that is neither
// knitwear nor outerwear.
var topTypes = []string{"Top", "Vest top", "T-shirt", "Blouse"}

// garmentSyns maps how people name clothes to H&M product_type_name values.
// Words that are also verbs ("suit") only count in noun phrases ("a suit").
// Phrases never include material words ("leather", "wool", "linen"): those
// stay in Query.Terms for lexical search.
var garmentSyns = []syn{
	w("top").top().typ(topTypes...),
	w("dress", "frock").typ("Dress"),
	w("shirtdress", "shirt dress").typ("Dress"),
	w("sundress", "sun dress").typ("Dress").soft("summer"),
	w("gown", "evening gown", "ball gown", "evening dress", "prom dress").typ("Dress").soft("formal"),
	w("skirt", "miniskirt").typ("Skirt"),
	w("skort").typ("Skirt", "Shorts"),
	w("tutu", "tutus", "tutu skirt", "ballet skirt").typ("Skirt").soft("tulle"), // H&M's word is tulle: "tutu" is in no article
	w("trousers", "trouser", "pants", "pant", "slacks", "chinos", "chino", "cargo pants", "cargo trousers").typ("Trousers"),
	w("jeans", "jean").typ("Trousers").app("Denim"),
	w("boyfriend jeans", "mom jeans", "mum jeans").typ("Trousers").app("Denim").soft("loose"),
	w("jorts").typ("Shorts").app("Denim"),
	w("joggers", "jogger", "jogging trousers", "jogging pants", "jogging bottoms", "sweatpants",
		"sweat pants", "sweats", "track pants", "trackpants", "tracksuit bottoms").typ("Trousers").soft("sport"),
	w("outdoor trousers", "hiking trousers", "hiking pants", "rain trousers", "rain pants", "ski pants",
		"ski trousers", "snow pants", "shell trousers").typ("Outdoor trousers"),
	w("shorts", "short pants", "bermudas", "cycling shorts", "bike shorts").typ("Shorts"),
	w("leggings", "legging", "jeggings").typ("Leggings/Tights"),
	w("yoga pants", "yoga leggings").typ("Leggings/Tights").soft("yoga"),
	w("tights", "pantyhose", "stockings", "nylons").typ("Underwear Tights", "Leggings/Tights"),
	w("leg warmers", "legwarmers").typ("Leg warmers"),
	w("t shirt", "tshirt", "tee", "tee shirt").typ("T-shirt"),
	w("crop top", "cropped top", "tube top", "bandeau top").typ("Top", "Vest top").soft("cropped"),
	w("tank", "tank top", "vest top", "cami", "camisole", "singlet", "strappy top").typ("Vest top"),
	w("vest").typ("Vest top", "Outdoor Waistcoat", "Tailored Waistcoat"),
	w("waistcoat").typ("Tailored Waistcoat", "Outdoor Waistcoat"),
	w("gilet", "bodywarmer", "body warmer", "puffer vest", "padded vest", "down vest").typ("Outdoor Waistcoat"),
	w("blouse", "tunic").typ("Blouse"),
	w("shirt", "button down", "button up", "button down shirt", "button up shirt", "oxford shirt", "overshirt").typ("Shirt"),
	w("dress shirt").typ("Shirt").soft("formal"),
	w("polo", "polo shirt").typ("Polo shirt"),
	w("sweater", "jumper", "pullover", "sweatshirt", "sweat shirt", "crewneck", "crew neck").typ("Sweater"),
	w("turtleneck", "turtle neck", "polo neck", "roll neck", "rollneck", "mock neck").typ("Sweater", "Top"),
	w("hoodie", "hoody", "hooded sweatshirt", "hooded sweater", "hooded top", "zip hoodie").typ("Hoodie"),
	w("cardigan", "cardi", "cardie").typ("Cardigan"),
	w("blazer", "suit jacket", "sport coat", "sports coat", "tuxedo jacket", "dinner jacket").typ("Blazer"),
	w("pantsuit", "pant suit", "trouser suit", "tuxedo", "tux", "a suit", "the suit", "business suit",
		"wedding suit", "three piece suit", "two piece suit").typ("Blazer", "Trousers").soft("formal"),
	w("jacket", "windbreaker", "wind breaker", "anorak", "bomber", "bomber jacket", "shacket",
		"shirt jacket", "biker jacket", "softshell", "shell jacket").typ("Jacket"),
	w("puffer", "puffer jacket", "padded jacket", "down jacket", "quilted jacket", "parka", "winter jacket").typ("Jacket").soft("warm"),
	w("rain jacket", "rainjacket").typ("Jacket").soft("waterproof"),
	w("coat", "overcoat", "trench", "trench coat", "trenchcoat", "peacoat", "pea coat").typ("Coat"),
	w("raincoat", "rain coat", "mackintosh").typ("Coat", "Jacket").soft("waterproof"),
	w("outerwear", "outdoor wear", "outdoor clothing").gar("Outdoor"),
	w("bodysuit", "body suit", "leotard").typ("Bodysuit"),
	w("jumpsuit", "playsuit", "romper", "boiler suit", "catsuit", "unitard").typ("Jumpsuit/Playsuit"),
	w("onesie").typ("Jumpsuit/Playsuit", "Pyjama jumpsuit/playsuit"),
	w("dungarees", "dungaree", "overalls", "bib overalls").typ("Dungarees"),
	w("snowsuit", "snow suit", "ski suit", "outdoor overall").typ("Outdoor overall"),
	w("co ord", "coord", "matching set", "two piece set", "garment set").typ("Garment Set"),
	w("tracksuit", "track suit").typ("Garment Set").soft("sport"),
	w("costume", "fancy dress costume", "fancy dress party", "halloween costume", "dress up costume").typ("Costumes"),
	w("bottoms").grp("Garment Lower body"),
	w("knitwear", "knitted", "knit", "knits").gar("Knitwear"),
	w("special offer", "on sale", "discounted", "clearance").gar("Special Offers"),
}

// swimUnderSyns covers swimwear, underwear and nightwear.
var swimUnderSyns = []syn{
	w("swimwear", "swim wear", "swim", "swimming").grp("Swimwear"),
	w("beachwear", "beach wear").grp("Swimwear").soft("beach"),
	w("swimsuit", "swimming costume", "bathing suit", "swim suit", "bathing costume", "one piece",
		"one piece swimsuit", "maillot").typ("Swimsuit"),
	w("bikini").typ("Bikini top", "Swimwear bottom", "Swimwear set"),
	w("bikini top", "bikini bra", "swim top", "swimwear top", "tankini", "tankini top").typ("Bikini top", "Swimwear top"),
	w("bikini bottom", "bikini bottoms", "swim bottoms", "swimwear bottoms", "bikini brief", "bikini briefs", "swim bottom", "swimwear bottom", "swim brief", "swim briefs").typ("Swimwear bottom"),
	w("swim shorts", "swimming shorts", "swim trunks", "swimming trunks", "trunks", "board shorts",
		"boardshorts", "boardshort", "bathing shorts").typ("Swimwear bottom"),
	w("sarong", "cover up", "beach cover up", "swimsuit cover up", "swim cover up", "bikini cover up",
		"kaftan", "caftan", "pareo").typ("Sarong").soft("beach"),
	w("underwear", "undies", "intimates", "underclothes").grp("Underwear"),
	w("lingerie").idxName("Lingeries/Tights"),
	w("bra", "bralette", "push up bra", "balconette", "balconette bra", "t shirt bra").typ("Bra"),
	w("sports bra", "sport bra", "running bra", "yoga bra", "gym bra").typ("Bra").idx("Sport").soft("sport"),
	w("panties", "panty", "knickers", "briefs", "boxers", "boxer", "boxer shorts", "boxer briefs",
		"thong", "g string", "underpants", "hipsters").typ("Underwear bottom"),
	w("shapewear", "corset", "bustier").typ("Underwear corset", "Underwear body"),
	w("long johns", "long john", "thermal underwear").typ("Long John"),
	w("nightwear", "sleepwear", "night wear", "sleep wear").grp("Nightwear"),
	w("pyjamas", "pajamas", "pyjama", "pajama", "pjs", "pj", "jammies").typ("Pyjama set", "Pyjama bottom", "Pyjama jumpsuit/playsuit"),
	w("pyjama set", "pajama set", "pyjama top", "pajama top").typ("Pyjama set"),
	w("pyjama bottoms", "pyjama pants", "pyjama trousers", "pyjama shorts", "pajama bottoms", "pajama pants",
		"pajama shorts", "sleep shorts", "lounge pants").typ("Pyjama bottom"),
	w("nightgown", "night gown", "nightdress", "night dress", "nightie", "nighty", "nightshirt", "sleep shirt").typ("Night gown"),
	w("robe", "bathrobe", "bath robe", "dressing gown", "housecoat").typ("Robe"),
	w("sleeping bag", "sleep sack", "sleeping sack", "sleep bag").typ("Sleeping sack", "Sleep Bag"),
	w("socks", "sock", "ankle socks", "knee socks", "trainer socks").typ("Socks"),
	w("hosiery", "legwear", "socks and tights").grp("Socks & Tights"),
}
