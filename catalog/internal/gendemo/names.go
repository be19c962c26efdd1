package gendemo

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// nameRules keep product names coherent with descriptions: a name containing
// the key word is only used when the description contains one of the stems.
var nameRules = map[string][]string{
	// materials
	"lace": {"lace"}, "satin": {"satin"}, "linen": {"linen"}, "linen-blend": {"linen"},
	"denim": {"denim"}, "flannel": {"flannel"}, "corduroy": {"corduroy"}, "chiffon": {"chiffon"},
	"crepe": {"crepe"}, "velvet": {"velvet", "velour"}, "leather": {"leather"}, "canvas": {"canvas"},
	"wool-blend": {"wool"}, "mohair-blend": {"mohair"}, "pique": {"pique"}, "broderie": {"broderie"},
	"jersey": {"jersey"}, "t-shirt": {"jersey", "t-shirt"}, "fleece": {"fleece"}, "tulle": {"tulle"},
	"oxford": {"oxford"}, "poplin": {"poplin"}, "twill": {"twill"}, "cotton": {"cotton"},
	"sweatshirt": {"sweatshirt"}, "sweatpants": {"sweatshirt"}, "sweatshorts": {"sweatshirt"},
	"chinos": {"twill"}, "chino": {"twill"}, "wellingtons": {"rubber"}, "straw": {"straw"}, "felt": {"felt"},
	"silk": {"silk"}, "pile-lined": {"pile"}, "teddy": {"pile"}, "knitted": {"knit"}, "fine-knit": {"fine"},
	// decoration
	"sequined": {"sequin"}, "glittery": {"glitter"}, "shimmering": {"shimmer", "metallic", "glitter"},
	"sparkly": {"sequin", "glitter", "sparkl"}, "embellished": {"sequin", "bead", "embellish"},
	"printed": {"print"}, "graphic": {"print", "graphic"}, "print": {"print"}, "motif": {"print", "motif"},
	"patterned": {"pattern", "print", "dot", "stripe"}, "jacquard-knit": {"jacquard"}, "beaded": {"bead"},
	// use
	"cycling": {"functional", "jersey"}, "running": {"functional", "mesh"}, "sports": {"functional", "mesh"},
	"training": {"functional"}, "trainer": {"cushioned", "cotton"}, "swim": {"swim"}, "bikini": {"bikini"},
	"boxer": {"boxer"}, "trunks": {"trunks"}, "thong": {"thong"}, "beach": {"beach", "straw"},
	"waterproof": {"waterproof"}, "rain": {"waterproof", "rain"}, "shell": {"waterproof", "shell"},
	"touchscreen": {"touchscreen"}, "support": {"shaping", "support"}, "push-up": {"padded"},
	// cut and construction
	"slim": {"slim", "skinny"}, "skinny": {"skinny", "tight"}, "super": {"super"}, "tapered": {"tapered"},
	"wide": {"wide"}, "wide-leg": {"wide"}, "straight": {"straight"}, "bootcut": {"bootcut"},
	"flared": {"flare"}, "loose": {"loose"}, "relaxed": {"relaxed", "loose"}, "mom": {"high waist", "high-waist"},
	"high": {"high waist", "high-waist"}, "high-waist": {"high waist", "high-waist"}, "ankle": {"ankle"},
	"shaping": {"shaping", "sculpt"}, "cropped": {"cropped", "short"}, "oversized": {"oversized"},
	"fitted": {"fitted"}, "chunky": {"chunky"}, "chunky-knit": {"chunky"}, "cable-knit": {"cable"},
	"rib-knit": {"rib"}, "ribbed": {"rib"}, "pleated": {"pleat"}, "tiered": {"tier"}, "wrap": {"wrap"},
	"smocked": {"smock"}, "maxi": {"long", "ankle-length"}, "mini": {"short"}, "midi": {"calf"},
	"strappy": {"strap"}, "puff-sleeved": {"puff"}, "tie-neck": {"tie at the neck"}, "racer-back": {"racer"},
	"long-sleeved": {"long sleeves"}, "short-sleeved": {"short sleeves"}, "crew-neck": {"crew", "round"},
	"hooded": {"hood"}, "zip-through": {"zip"}, "quilted": {"quilted"}, "padded": {"padd"},
	"puffer": {"padd", "quilted", "puffer"}, "bomber": {"ribbed"}, "biker": {"diagonal zip"},
	"imitation": {"imitation leather"}, "cargo": {"cargo"}, "paper": {"paper bag"}, "pull-on": {"elasticated"},
	"utility": {"pocket"}, "double-breasted": {"double-breasted"}, "single-breasted": {"one-button"},
	"trenchcoat": {"tie belt"}, "long": {"long", "calf", "ankle"}, "resort": {"resort"},
	"slingback": {"strap at the back"}, "pointed": {"pointed"}, "block-heeled": {"block"},
	"heeled": {"heel"}, "warm-lined": {"warm", "fleece", "pile"}, "knee-high": {"knee"},
	"chelsea": {"elastic gores"}, "hoop": {"hoop", "diameter"}, "drop": {"pendant", "length"},
	"stud": {"stone", "bead"}, "layered": {"several chains"}, "pendant": {"pendant"}, "chain": {"chain"},
	"bangle": {"flexible"}, "signet": {"wide band"}, "pompom": {"pompom"}, "bucket": {"sloping"},
	"sun": {"wide brim"}, "cat-eye": {"plastic"}, "aviator": {"metal"}, "round": {"round", "plastic", "metal"},
	"scrunchies": {"knot"}, "claw": {"claw"}, "waist": {"waist"}, "clutch": {"chain", "flap"},
	"backpack": {"backpack", "padded shoulder straps"}, "shopper": {"shopper", "two handles"},
	"crossbody": {"adjustable shoulder strap"}, "tote": {"two handles"}, "balconette": {"underwired"},
	"triangle": {"ties at the back of the neck"}, "bandeau": {"removable inserts"}, "non-wired": {"non-padded", "soft"},
	"bralette": {"bralette"}, "soft": {"soft"}, "seamless": {"seamless"}, "opaque": {"50 denier", "opaque"},
	"sheer": {"20 denier", "sheer"}, "frill-trimmed": {"frill"}, "high-leg": {"high-cut"},
	"waffled": {"waffled"}, "regular": {"regular"}, "shirt": {"shirt", "collar"}, "bodycon": {"fitted"}, "a-line": {"a-line", "flared"}, "nightslip": {"nightslip", "strap"}, "upf": {"upf"}, "3-piece": {"3-piece"},
}

// nameFits reports whether every rule word in name is backed by desc.
func nameFits(name, desc string) bool {
	lname, ldesc := strings.ToLower(name), strings.ToLower(desc)
	for _, w := range strings.Fields(lname) {
		stems, ok := nameRules[w]
		if !ok {
			continue
		}
		found := false
		for _, s := range stems {
			if strings.Contains(ldesc, s) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// productName returns a name consistent with desc (the style's first head,
// capitalised, if no listed name fits), sometimes prefixed with a line name.
func (s *style) productName(r *rng, desc string) string {
	var fits []string
	for _, n := range s.names {
		if nameFits(n, desc) {
			fits = append(fits, n)
		}
	}
	base := pick(r, fits)
	if base == "" {
		base = capitalize(s.heads[0])
	}
	if !r.chance(45) {
		return base
	}
	first, n := utf8.DecodeRuneInString(base)
	if unicode.IsUpper(first) && !strings.ContainsFunc(base[n:], unicode.IsUpper) {
		base = string(unicode.ToLower(first)) + base[n:]
	}
	return pick(r, lineNames) + " " + base
}
