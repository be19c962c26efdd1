package gendemo

// feature pins down a product so the demo catalog is guaranteed to answer the
// reference queries of the evaluation set.
type feature struct {
	style    string   // style key
	colours  []string // colourways, in order
	look     string   // graphical appearance
	lead     string   // first detail of the description
	head     string   // head noun of the description ("" for the style's)
	audience string   // index codes ("" for the style's audience)
	replaces int      // 1-based detail slot of the style that lead replaces (0: none)
}

// featured products, grouped by the reference query they serve.
var featured = []feature{
	// "black sweater with shiny decorations"
	{style: "sweater-shiny", colours: []string{"Black"}, look: "Sequin", lead: "sequins all over the front", head: "jumper", audience: adults, replaces: 1},
	{style: "sweater-shiny", colours: []string{"Black", "Dark Grey"}, look: "Glittering/Metallic", lead: "shimmering metallic threads", head: "sweater", replaces: 1},
	{style: "sweater-shiny", colours: []string{"Black", "Off White"}, look: "Sequin", lead: "decorative beads and sequins around the neckline", audience: women, replaces: 1},
	{style: "sweater-shiny", colours: []string{"Black"}, look: "Metallic", lead: "a shiny, metallic coating", head: "sweater", audience: men, replaces: 1},
	// "pure white T-shirt with pattern at back"
	{style: "tee-print", colours: []string{"White"}, look: "Placement print", lead: "a large print on the back"},
	{style: "tee-print", colours: []string{"White", "Black"}, look: "Placement print", lead: "a printed motif on the back and a small print on the chest", audience: adults},
	{style: "tee-print", colours: []string{"White", "Light Grey"}, look: "Placement print", lead: "a patterned graphic at the back", audience: women},
	// "waterproof jackets"
	{style: "jacket-rain", colours: []string{"Black", "Dark Blue"}, look: "Solid", lead: "fully taped seams that keep it waterproof", audience: adults},
	{style: "jacket-rain", colours: []string{"Greenish Khaki", "Yellow"}, look: "Solid", lead: "a waterproof, breathable membrane", head: "rain jacket"},
	{style: "jacket-rain", colours: []string{"Dark Blue", "Red"}, look: "Solid", lead: "a waterproof outer fabric and reflective details", audience: kids, replaces: 4},
	// "tight women's jeans"
	{style: "jeans-skinny", colours: []string{"Black", "Dark Blue"}, look: "Denim", lead: "a high waist and skinny legs", replaces: 1},
	{style: "jeans-skinny", colours: []string{"Light Blue", "Blue"}, look: "Denim", lead: "tight-fitting legs", replaces: 1},
	{style: "jeans-skinny", colours: []string{"Dark Blue"}, look: "Denim", lead: "a tight, sculpted fit from hip to ankle", replaces: 3},
	// "light yellow summer dress or skirt"
	{style: "dress-summer", colours: []string{"Light Yellow", "White"}, look: "Solid", lead: "narrow, adjustable shoulder straps", audience: women, replaces: 1},
	{style: "dress-summer", colours: []string{"Light Yellow"}, look: "All over pattern", lead: "a small floral print", audience: women},
	{style: "skirt", colours: []string{"Light Yellow"}, look: "Solid", lead: "a flared hem", audience: women, replaces: 2},
	{style: "skirt", colours: []string{"Light Yellow", "Light Blue"}, look: "Dot", lead: "a polka-dot pattern"},
	// "jogging trousers"
	{style: "joggers", colours: []string{"Grey", "Black"}, look: "Melange", lead: "an elasticated drawstring waist", head: "jogging trousers", replaces: 1},
	{style: "joggers", colours: []string{"Dark Blue", "Black"}, look: "Solid", lead: "tapered legs with ribbed hems", head: "joggers", audience: adults, replaces: 3},
	{style: "joggers", colours: []string{"Dark Grey"}, look: "Solid", lead: "zipped side pockets", head: "jogging bottoms", audience: kids, replaces: 2},
}
