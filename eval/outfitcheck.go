package eval

import (
	"fmt"
	"strings"

	"github.com/stylistbot/stylist/catalog"
	"github.com/stylistbot/stylist/outfit"
)

// The outfit checks are written from the catalog's schema, independently of
// the assembly's knowledge files, so that a bad knowledge file shows here.

// slotGroups are the product groups each slot's items must come from.
var slotGroups = map[string][]string{
	outfit.Top: {"Garment Upper body"}, outfit.Bottom: {"Garment Lower body"}, outfit.OnePiece: {"Garment Full body"},
	outfit.Shoes: {"Shoes"}, outfit.Outer: {"Garment Upper body"}, outfit.Accessory: {"Accessories", "Bags"},
	outfit.Swimwear: {"Swimwear"},
}

// outerTypes are the upper-body types that are layers.
var outerTypes = set("Jacket", "Coat", "Blazer", "Cardigan", "Hoodie", "Outdoor Waistcoat", "Tailored Waistcoat", "Sweater")

// junkGroups and junkTypes never belong in an occasion outfit.
var (
	junkGroups = set("Underwear", "Nightwear", "Underwear/nightwear", "Socks & Tights", "Cosmetic", "Furniture",
		"Stationery", "Interior textile", "Fun", "Items", "Garment and Shoe care", "Unknown")
	junkTypes = set("Costumes", "Dog Wear", "Dog wear", "Soft Toys", "Toy", "Giftbox", "Baby Bib", "Pyjama set",
		"Pyjama bottom", "Pyjama jumpsuit/playsuit", "Night gown", "Robe", "Bra", "Underwear bottom")
	neutralMasters = set("Black", "White", "Grey", "Beige", "Brown", "Mole", "Metal")
	neutralGroups  = set("Dark Blue", "Off White", "Light Beige", "Greyish Beige", "Greenish Khaki")
)

// junkWords in a product name mark nightwear filed under garment types ("baby PJ" as a Top).
var junkWords = set("pj", "pjs", "pyjama", "pyjamas", "pajama", "pajamas", "nightwear", "sleepwear", "nightshirt")

func junkName(name string) bool {
	for _, w := range strings.FieldsFunc(strings.ToLower(name), func(c rune) bool { return c < 'a' || c > 'z' }) {
		if junkWords[w] {
			return true
		}
	}
	return false
}

func set(xs ...string) map[string]bool {
	m := map[string]bool{}
	for _, x := range xs {
		m[x] = true
	}
	return m
}

// audienceKey is who an article is for: "women", "men", or "child:<band>"
// ("child:any" for children's accessories, swimwear, shoes and Kids Sports).
func audienceKey(a *catalog.Article) string {
	switch a.IndexGroupName {
	case "Ladieswear", "Divided":
		return "women"
	case "Menswear":
		return "men"
	case "Sport":
		s := strings.ToLower(a.SectionName)
		switch {
		case strings.Contains(s, "kid"):
			return "child:any"
		case strings.Contains(s, "men") && !strings.Contains(s, "women"):
			return "men"
		}
		return "women"
	}
	switch a.IndexName {
	case "Baby Sizes 50-98":
		return "child:baby"
	case "Children Sizes 92-140":
		return "child:kids"
	case "Children Sizes 134-170":
		return "child:junior"
	}
	return "child:any"
}

func kidsSex(a *catalog.Article) string {
	s := strings.ToLower(a.SectionName + " " + a.DepartmentName)
	switch {
	case !strings.HasPrefix(audienceKey(a), "child"):
		return ""
	case strings.Contains(s, "girl"):
		return "girl"
	case strings.Contains(s, "boy"):
		return "boy"
	}
	return ""
}

// CheckOutfits checks every outfit of a result against q.
func CheckOutfits(q OutfitQuery, res *outfit.Result) []OutfitVerdict {
	var out []OutfitVerdict
	seen := map[string]int{}
	looks := map[string]int{}
	for i, o := range res.Outfits {
		v := OutfitVerdict{}
		for _, it := range o.Items {
			v.Items = append(v.Items, describe(it.Slot, &it.Article))
		}
		fail := func(check, format string, args ...any) {
			v.Failures = append(v.Failures, check+": "+fmt.Sprintf(format, args...))
		}
		slots := map[string]int{}
		types := map[string]bool{}
		codes := map[string]bool{}
		var auds []string
		sexes := map[string]bool{}
		var accents []string
		headwear := 0
		for _, it := range o.Items {
			a := &it.Article
			if t := strings.ToLower(a.ProductTypeName); strings.Contains(t, "hat") || strings.HasPrefix(t, "cap") || t == "beanie" {
				headwear++
			}
			slots[it.Slot]++
			types[a.ProductTypeName] = true
			if !contains(slotGroups[it.Slot], a.ProductGroupName) || (it.Slot == outfit.Outer && !outerTypes[a.ProductTypeName]) ||
				(it.Slot == outfit.Top && outerTypes[a.ProductTypeName] && a.ProductTypeName != "Sweater" && a.ProductTypeName != "Cardigan" && a.ProductTypeName != "Hoodie") {
				fail("slots", "%s %s in slot %s", a.ProductGroupName, a.ProductTypeName, it.Slot)
			}
			if junkGroups[a.ProductGroupName] || junkTypes[a.ProductTypeName] || junkName(a.ProdName) || strings.Contains(strings.ToLower(a.DepartmentName), "dress-up") {
				fail("junk", "%s (%s)", a.ProductTypeName, a.ArticleID)
			}
			if contains(q.Forbid, a.ProductTypeName) {
				fail("forbidden", "%s (%s)", a.ProductTypeName, a.ArticleID)
			}
			if c := a.ProductCode; c != "" {
				if codes[c] {
					fail("distinct", "two colourways of product %s", c)
				}
				codes[c] = true
			}
			if n := seen[a.ArticleID]; n > 0 && n != i+1 {
				fail("distinct", "%s also in outfit %d", a.ArticleID, n)
			}
			seen[a.ArticleID] = i + 1
			if k := audienceKey(a); !contains(auds, k) {
				auds = append(auds, k)
			}
			if s := kidsSex(a); s != "" {
				sexes[s] = true
			}
			if !neutralMasters[a.PerceivedColourMasterName] && !neutralGroups[a.ColourGroupName] && a.GraphicalAppearanceName != "Denim" && !contains(accents, a.PerceivedColourMasterName) {
				accents = append(accents, a.PerceivedColourMasterName)
			}
			if it.Slot != outfit.Accessory && len(q.ColoursAll) > 0 && !contains(q.ColoursAll, a.PerceivedColourMasterName) {
				fail("colours", "%s is %s, want %s", a.ProductTypeName, a.PerceivedColourMasterName, strings.Join(q.ColoursAll, "/"))
			}
			if contains(q.AvoidColour, a.PerceivedColourMasterName) {
				fail("colours", "%s is %s, which was not wanted", a.ProductTypeName, a.PerceivedColourMasterName)
			}
			if q.AnchorID != "" && (a.ArticleID == q.AnchorID || (len(q.AnchorID) >= 7 && strings.TrimLeft(a.ProductCode, "0") == strings.TrimLeft(q.AnchorID[:7], "0"))) {
				fail("anchor", "the anchor %s (or its product) is repeated", a.ArticleID)
			}
			if contains(q.AnchorTypes, a.ProductTypeName) {
				fail("anchor", "another %s next to the anchor", a.ProductTypeName)
			} else if k := sameKind(q.AnchorTypes, a); k != "" {
				fail("anchor", "%s %s next to the anchor, of its kind (%s)", a.ProductTypeName, a.ArticleID, k)
			}
		}
		// Several outfits must be clearly different looks: not the same main
		// piece type in the same colour.
		if sig := mainSignature(o.Items); sig != "" {
			if n, dup := looks[sig]; dup {
				fail("distinct", "same main piece as outfit %d (%s)", n, sig)
			} else {
				looks[sig] = i + 1
			}
		}
		checkPairing(q, res, o, fail)
		checkStructure(q, slots, headwear, fail)
		checkAudience(q, auds, sexes, fail)
		if len(q.RequireAny) > 0 {
			ok := false
			for _, t := range q.RequireAny {
				ok = ok || types[t]
			}
			if !ok {
				fail("occasion", "none of %s", strings.Join(q.RequireAny, ", "))
			}
		}
		if len(accents) > 2 {
			fail("colours", "%d accent colours (%s)", len(accents), strings.Join(accents, ", "))
		}
		if len(q.ColoursAny) > 0 {
			ok := false
			for _, it := range o.Items {
				ok = ok || contains(q.ColoursAny, it.Article.PerceivedColourMasterName)
			}
			if !ok {
				fail("colours", "no piece in %s", strings.Join(q.ColoursAny, "/"))
			}
		}
		out = append(out, v)
	}
	if f := checkOptions(q, res); f != "" {
		for i := range out {
			out[i].Failures = append(out[i].Failures, "anchor colour: "+f)
		}
	}
	return out
}

// mainSignature is the type and colour of the look's main piece.
func mainSignature(items []outfit.Item) string {
	for _, slot := range []string{outfit.OnePiece, outfit.Swimwear, outfit.Top} {
		for _, it := range items {
			if it.Slot == slot {
				return it.Article.ProductTypeName + " in " + it.Article.PerceivedColourMasterName
			}
		}
	}
	return ""
}

// checkStructure: one item per slot (accessories up to 3), a one-piece or a
// top and a bottom (unless the anchor is one of them), and the expected slots.
func checkStructure(q OutfitQuery, slots map[string]int, headwear int, fail func(string, string, ...any)) {
	for s, n := range slots {
		if (s != outfit.Accessory && n > 1) || n > 3 {
			fail("slots", "%d items in slot %s", n, s)
		}
	}
	if slots[outfit.OnePiece] > 0 && slots[outfit.Top]+slots[outfit.Bottom] > 0 {
		fail("slots", "a one-piece with a top or bottom")
	}
	if headwear > 1 {
		fail("slots", "%d hats", headwear)
	}
	anchorIs := func(types ...string) bool {
		for _, t := range types {
			if contains(q.AnchorTypes, t) {
				return true
			}
		}
		return false
	}
	for _, s := range q.Slots {
		switch s {
		case "main":
			if slots[outfit.OnePiece] == 0 && (slots[outfit.Top] == 0 || slots[outfit.Bottom] == 0) {
				if !(slots[outfit.Top]+slots[outfit.Bottom] == 1 && anchorIs("Trousers", "Skirt", "Shorts", "Leggings/Tights", "Shirt", "Blouse", "T-shirt", "Top", "Vest top", "Polo shirt", "Sweater", "Hoodie")) &&
					!anchorIs("Dress", "Jumpsuit/Playsuit") {
					fail("complete", "no one-piece or top and bottom")
				}
			}
		default:
			if slots[s] == 0 {
				fail("complete", "no %s", s)
			}
		}
	}
}

// checkAudience: one audience, the expected one, and no girls' with boys' pieces.
func checkAudience(q OutfitQuery, auds []string, sexes map[string]bool, fail func(string, string, ...any)) {
	child := 0
	adult := map[string]bool{}
	bands := map[string]bool{}
	for _, a := range auds {
		if b, ok := strings.CutPrefix(a, "child:"); ok {
			child++
			if b != "any" {
				bands[b] = true
			}
		} else {
			adult[a] = true
		}
	}
	if (child > 0 && len(adult) > 0) || len(adult) > 1 || len(bands) > 1 || len(sexes) > 1 {
		fail("audience", "mixes %s", strings.Join(auds, ", "))
		return
	}
	switch q.Audience {
	case "":
	case "women", "men":
		if !adult[q.Audience] || child > 0 {
			fail("audience", "want %s, got %s", q.Audience, strings.Join(auds, ", "))
		}
	case "child":
		if len(adult) > 0 {
			fail("audience", "want children's, got %s", strings.Join(auds, ", "))
		}
	default:
		if len(adult) > 0 || (len(bands) > 0 && !bands[q.Audience]) {
			fail("audience", "want %s, got %s", q.Audience, strings.Join(auds, ", "))
		}
	}
}

func contains(l []string, x string) bool {
	for _, y := range l {
		if y == x {
			return true
		}
	}
	return false
}
