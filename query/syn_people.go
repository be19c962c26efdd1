package query

// deptSyns maps who the clothes are for to index groups, index names and
// sections.
//
// Decisions (checked against the H&M catalog):
//   - "baby", "newborn", "infant" → index name "Baby Sizes 50-98"; "toddler" →
//     "Baby Sizes 50-98" and "Children Sizes 92-140" (ages ~1-3 straddle both).
//   - "teen"/"teenager" → index group "Divided" (H&M's teen/young line in adult
//     sizes) or index name "Children Sizes 134-170" (ages ~9-14). Departments
//     are alternatives: see Query.DeptMatch. A precise index name refines
//     its own group ("teen girl" drops the broad "Baby/Children"; so does
//     "kids and babies" — the precise reading wins).
//   - kids, children, boy, girl, son, daughter → "Baby/Children" directly (the
//     child is the wearer whatever the phrasing).
//   - partner and family words (boyfriend, wife, mom ...) set a department only
//     for a recipient ("for my boyfriend", "buy my wife"), never as context
//     ("dating with my boyfriend"); see resolveRelations.
var deptSyns = []syn{
	w("men", "man", "male", "guy", "gentleman", "gentlemen", "gent", "menswear", "mens wear").idx("Menswear"),
	w("women", "woman", "lady", "female", "ladieswear", "womenswear", "womens wear").idx("Ladieswear"),
	w("boyfriend", "husband", "hubby", "dad", "father", "daddy", "brother", "grandpa", "grandfather",
		"uncle", "fiance", "him").relation().idx("Menswear"),
	w("girlfriend", "wife", "wifey", "mom", "mum", "mother", "mommy", "mummy", "sister", "grandma",
		"grandmother", "aunt", "fiancee").relation().idx("Ladieswear"),
	w("her").possessive().idx("Ladieswear"),
	w("kid", "children", "child", "boy", "girl", "son", "daughter", "little one", "kiddo").idx("Baby/Children"),
	w("baby", "newborn", "infant").idxName("Baby Sizes 50-98"),
	w("toddler").idxName("Baby Sizes 50-98", "Children Sizes 92-140"),
	w("teen", "teenager", "teenage", "tween", "adolescent").idx("Divided").idxName("Children Sizes 134-170"),
	w("sportswear", "activewear", "active wear", "athleisure", "sports wear", "sport wear", "gymwear",
		"gym wear", "sports clothes", "sport clothes", "sports clothing").idx("Sport").soft("sport"),
	w("maternity", "pregnant", "pregnancy", "mama", "mum to be", "mom to be", "bump friendly",
		"nursing", "breastfeeding").sec("Mama"),
	w("plus size", "plus sizes", "plus sized", "curvy", "large sizes", "extended sizes").sec("H&M+"),
}

// sportSyns are activity words: a soft signal, and the "Sport" index group
// only when they directly modify a garment ("sports trousers", "gym leggings").
var sportSyns = []syn{
	w("sport", "sporty", "athletic").soft("sport").sportWord(),
	w("gym", "workout", "work out", "fitness", "training", "exercise", "exercising", "crossfit").soft("gym").sportWord(),
	w("running", "run", "jogging", "jog", "marathon").soft("running").sportWord(),
	w("yoga", "pilates").soft("yoga").sportWord(),
	w("tennis", "football", "soccer", "basketball", "cycling", "biking").soft("sport").sportWord(),
	w("hiking", "hike", "trekking", "camping", "outdoor", "outdoors").soft("outdoor"),
	w("ski", "skiing", "snowboard", "snowboarding").soft("ski", "winter"),
}

// softSyns are occasion, season and style words kept as soft signals under
// a canonical label.
var softSyns = []syn{
	w("summer", "summery", "summertime", "hot weather", "warm weather", "hot days", "heatwave", "sunny", "sunshine", "sun").soft("summer"),
	w("winter", "wintery", "wintry", "cold weather", "cold", "snow", "snowy", "freezing", "chilly", "frosty").soft("winter"),
	w("spring", "springtime").soft("spring"),
	w("autumn", "fall", "autumnal").soft("autumn"),
	w("party", "partying", "club", "clubbing", "night out", "going out", "girls night", "girls night out",
		"cocktail", "celebration", "birthday", "new year", "new years eve", "festive").soft("party"),
	w("festival", "concert").soft("festival"),
	w("wedding", "wedding guest", "bridesmaid", "bridal", "bride", "engagement").soft("wedding"),
	w("office", "work", "workwear", "business", "professional", "meeting", "interview", "job interview", "corporate").soft("office"),
	w("business casual", "smart casual").soft("office", "casual"),
	w("date", "dating", "date night", "first date", "romantic", "dinner date", "valentine").soft("dating"),
	w("beach", "holiday", "vacation", "pool", "poolside", "resort", "seaside", "tropical", "cruise").soft("beach"),
	w("casual", "everyday", "every day", "daily", "laid back", "weekend", "chill", "errands").soft("casual"),
	w("formal", "elegant", "smart", "dressy", "classy", "sophisticated", "evening", "black tie", "dress up",
		"to dress up", "dressed up", "chic", "fancy", "gala", "prom", "ceremony").soft("formal"),
	w("cosy", "cozy", "snug", "cuddly").soft("cosy"),
	w("comfortable", "comfy", "comfort", "easy to wear").soft("comfortable"),
	w("waterproof", "water proof", "water resistant", "water repellent", "rainproof", "rain proof",
		"rain", "rainy", "showerproof", "wet weather").soft("waterproof"),
	w("windproof", "wind proof", "windy", "wind resistant").soft("windproof"),
	w("breathable", "airy", "ventilated").soft("breathable"),
	w("sweat absorption", "sweat absorbing", "sweat absorbent", "absorbs sweat", "sweat wicking",
		"moisture wicking", "wicking", "quick dry", "quick drying", "dry fit").soft("sweat-wicking"),
	w("warm", "warmth", "thermal", "insulated", "padded", "lined", "fleece", "fleecy").soft("warm"),
	w("lightweight", "light weight", "thin", "featherlight").soft("lightweight"),
	w("tight", "tight fitting", "skin tight", "skintight", "bodycon", "body con", "form fitting", "figure hugging").soft("tight"),
	w("slim", "slim fit", "skinny", "fitted", "tapered").soft("slim"),
	w("loose", "loose fit", "loose fitting", "baggy", "relaxed", "relaxed fit", "wide", "wide leg", "flowy", "flowing", "roomy").soft("loose"),
	w("oversized", "oversize", "boxy").soft("oversized"),
	w("stretch", "stretchy", "elastic", "elasticated").soft("stretch"),
	w("cropped", "crop").soft("cropped"),
	w("high waist", "high waisted", "high rise").soft("high waist"),
	w("long sleeve", "long sleeves", "long sleeved", "longsleeve").soft("long sleeve"),
	w("short sleeve", "short sleeves", "short sleeved").soft("short sleeve"),
	w("sleeveless", "strapless", "spaghetti strap", "cap sleeve", "cap sleeves").soft("sleeveless"),
	w("one shoulder", "off shoulder", "off the shoulder", "cold shoulder").soft("off-shoulder"),
	w("maxi", "ankle length", "floor length").soft("maxi"),
	w("midi", "knee length").soft("midi"),
	w("mini").soft("mini"),
	w("short").soft("short"),
	w("cute", "adorable", "sweet", "kawaii", "girly", "pretty").soft("cute"),
	w("sexy", "seductive", "revealing", "low cut").soft("sexy"),
	w("glamorous", "glam", "glamour", "movie star", "film star", "celebrity", "red carpet", "hollywood").soft("glamorous"),
	w("vintage", "retro").soft("vintage"),
	w("minimalist", "minimal", "simple").soft("minimalist"),
	w("basic", "basics", "essential", "essentials", "staple", "wardrobe staple").soft("basic"),
	w("sustainable", "organic", "recycled", "eco", "eco friendly", "conscious", "ethical").soft("sustainable"),
	w("lounge", "lounging", "loungewear", "homewear", "at home").soft("lounge"),
	w("school", "back to school", "school uniform").soft("school"),
	w("christmas", "xmas").soft("christmas"),
	w("halloween").soft("halloween"),
	w("distressed", "ripped", "destroyed", "stone washed", "stonewashed", "washed").soft("distressed"),
	w("tailored", "tailoring").soft("tailored"),
}
