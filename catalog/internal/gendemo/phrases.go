package gendemo

// lookPhrases describe a graphical appearance inside a description.
var lookPhrases = map[string][]string{
	"All over pattern":    {"a printed pattern", "an all-over print", "a small floral print", "a paisley print"},
	"Application/3D":      {"appliques on the front", "decorative 3D appliques", "a padded appliqued motif"},
	"Argyle":              {"an argyle pattern"},
	"Check":               {"a checked pattern", "a tartan check", "a gingham check"},
	"Colour blocking":     {"colour-block panels", "contrasting colour blocks"},
	"Contrast":            {"contrasting seams", "contrasting trims"},
	"Dot":                 {"a polka-dot pattern", "small printed dots"},
	"Embroidery":          {"embroidered details", "broderie anglaise details", "embroidered flowers"},
	"Front print":         {"a printed motif on the front", "a text print on the front", "a large print on the chest"},
	"Glittering/Metallic": {"glittery threads", "shimmering metallic threads", "a glittery finish"},
	"Hologram":            {"a holographic finish"},
	"Jacquard":            {"a jacquard-knit pattern", "a woven jacquard pattern"},
	"Lace":                {"lace trims", "scalloped lace details", "sections of lace"},
	"Melange":             {"a melange finish", "a marl effect"},
	"Mesh":                {"mesh panels", "mesh inserts"},
	"Metallic":            {"a metallic finish", "a shimmering coating"},
	"Mixed solid/pattern": {"a patterned panel at the front", "patterned sleeves"},
	"Neps":                {"a nepped texture"},
	"Other pattern":       {"a graphic pattern", "an abstract pattern"},
	"Other structure":     {"a textured weave", "a waffled texture", "a ribbed texture"},
	"Placement print":     {"a large print on the back", "a printed design on the back", "a print on one sleeve", "a small print on the chest and a large one on the back"},
	"Sequin":              {"sequins all over the front", "small, shimmering sequins", "sequined details"},
	"Slub":                {"a slub texture"},
	"Stripe":              {"a striped pattern", "narrow stripes", "contrasting stripes"},
	"Transparent":         {"a sheer finish"},
	"Treatment":           {"a washed finish", "a garment-dyed look"},
}

// Palettes: colour group names for styles that do not use every colour.
var (
	neutrals   = []string{"Black", "White", "Off White", "Light Beige", "Beige", "Grey", "Dark Grey", "Light Grey", "Dark Blue"}
	denims     = []string{"Dark Blue", "Blue", "Light Blue", "Black", "Dark Grey", "Grey", "White"}
	metals     = []string{"Gold", "Silver", "Bronze/Copper", "Black", "White", "Light Pink"}
	summery    = []string{"White", "Off White", "Light Yellow", "Yellow", "Light Pink", "Light Blue", "Light Turquoise", "Light Green", "Light Orange", "Light Beige", "Red", "Pink", "Turquoise", "Dark Blue", "Black"}
	party      = []string{"Black", "Silver", "Gold", "Dark Red", "Red", "Dark Blue", "Dark Green", "Light Pink", "Pink", "White", "Dark Purple"}
	outdoor    = []string{"Black", "Dark Blue", "Greenish Khaki", "Dark Green", "Beige", "Red", "Yellow", "Dark Grey", "Light Beige", "Blue", "Dark Red", "Orange"}
	activewear = []string{"Black", "Dark Grey", "Grey", "Dark Blue", "White", "Light Pink", "Turquoise", "Dark Green", "Other Pink", "Light Purple"}
)

// lineNames are invented style names that prefix some product names.
var lineNames = []string{
	"Alba", "Arlo", "Aspen", "Astra", "Aura", "Bay", "Bell", "Birch", "Blaze", "Bloom",
	"Brook", "Calla", "Cedar", "Cleo", "Cliff", "Cove", "Dahlia", "Dale", "Dawn", "Dune",
	"Echo", "Eden", "Elm", "Ember", "Fable", "Fern", "Fjord", "Flint", "Flora", "Frost",
	"Gale", "Glen", "Grove", "Harbor", "Hazel", "Heath", "Holly", "Indigo", "Iris", "Isla",
	"Ivy", "Jasper", "Juno", "Kestrel", "Lark", "Laurel", "Lumi", "Maple", "Marlo", "Meadow",
	"Mesa", "Mira", "Moss", "Nala", "Nova", "Oak", "Olive", "Onyx", "Opal", "Orla",
	"Pebble", "Pine", "Poppy", "Quill", "Rain", "Reed", "Ridge", "River", "Robin", "Rowan",
	"Saga", "Sable", "Sage", "Sierra", "Skye", "Sloane", "Sol", "Sorrel", "Storm", "Sunny",
	"Tansy", "Teal", "Thistle", "Tide", "Vale", "Vera", "Wren", "Willow", "Yara", "Zephyr",
}
