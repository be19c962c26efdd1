package eval

import (
	"fmt"
	"strings"

	"github.com/stylistbot/stylist/catalog"
	"github.com/stylistbot/stylist/outfit"
)

// The checks of requests built around an item the person has (an anchor):
// the kind asked for is what is shown ("what shoes go with a red dress"),
// nothing of the anchor's own kind, the anchor's colour not forced on the
// others, their colours going with it, and a look that covers what the
// anchor does not.

// kindOf is the kind of piece an article is, from the catalog schema: shoes,
// bag, outer layer, top, bottom, one-piece; "" for other accessories.
func kindOf(productType, group string) string {
	switch {
	case group == "Shoes":
		return "shoes"
	case group == "Bags" || strings.Contains(strings.ToLower(productType), "bag") || productType == "Backpack":
		return "bag"
	case outerTypes[productType] && productType != "Sweater" && productType != "Hoodie":
		return "outer layer"
	case group == "Garment Upper body":
		return "top"
	case group == "Garment Lower body":
		return "bottom"
	case group == "Garment Full body":
		return "one-piece"
	}
	return ""
}

// kindOfType is kindOf for an anchor type (its group read from the name).
func kindOfType(productType string) string {
	switch productType {
	case "Sneakers", "Boots", "Sandals", "Pumps", "Heels", "Heeled sandals", "Wedge", "Flat shoe", "Ballerinas", "Other shoe", "Flip flop", "Slippers":
		return "shoes"
	case "Dress", "Jumpsuit/Playsuit", "Dungarees":
		return "one-piece"
	case "Trousers", "Skirt", "Shorts", "Leggings/Tights", "Outdoor trousers":
		return "bottom"
	case "Shirt", "Blouse", "T-shirt", "Top", "Vest top", "Sweater", "Hoodie", "Polo shirt":
		return "top"
	}
	return kindOf(productType, "")
}

// sameKind names the kind an article shares with one of the anchor's types, "".
func sameKind(anchorTypes []string, a *catalog.Article) string {
	k := kindOf(a.ProductTypeName, a.ProductGroupName)
	if k == "" || k == "top" { // a top under a sweater or shirt anchor is layering, not a second anchor
		return ""
	}
	for _, t := range anchorTypes {
		if kindOfType(t) == k {
			return k
		}
	}
	return ""
}

// checkPairing checks one look of an anchor request.
func checkPairing(q OutfitQuery, res *outfit.Result, o outfit.Outfit, fail func(string, string, ...any)) {
	if len(q.AskedTypes)+len(q.AskedGroups) > 0 {
		for _, it := range o.Items {
			a := &it.Article
			if !contains(q.AskedTypes, a.ProductTypeName) && !contains(q.AskedGroups, a.ProductGroupName) {
				fail("asked", "%s %s shown, want only %s", a.ProductTypeName, a.ArticleID, strings.Join(append(append([]string(nil), q.AskedTypes...), q.AskedGroups...), "/"))
			}
		}
	}
	if q.MinPieces > 0 && len(o.Items) < q.MinPieces {
		fail("covered", "%d pieces besides the anchor, want at least %d", len(o.Items), q.MinPieces)
	}
	if q.AnchorColour == "" {
		return
	}
	same := 0
	for _, it := range o.Items {
		if it.Article.PerceivedColourMasterName == q.AnchorColour {
			same++
		}
	}
	if same > 1 {
		fail("anchor colour", "%d pieces in the anchor's %s", same, q.AnchorColour)
	}
	with := goesWith(q, res)
	if with == nil {
		fail("anchor colour", "colours.yaml has no goes_with row for %s", q.AnchorColour)
		return
	}
	for _, it := range o.Items {
		c := it.Article.PerceivedColourMasterName
		if c != q.AnchorColour && !contains(with, c) {
			fail("anchor colour", "%s %s is %s, which colours.yaml does not pair with the anchor's %s", it.Article.ProductTypeName, it.Article.ArticleID, c, q.AnchorColour)
		}
	}
}

// goesWith is the colours.yaml goes_with list for the anchor's colour, from
// the knowledge the result was built with.
func goesWith(q OutfitQuery, res *outfit.Result) []string {
	k := res.Knowledge()
	if k == nil {
		k = outfit.DefaultKnowledge()
	}
	if p := k.Harmony.GoesWith(q.AnchorColour, q.AnchorGroup, q.AnchorAppearance); p != nil {
		return p.With
	}
	return nil
}

// checkOptions checks the options of a pairing request together: the
// anchor's colour is not forced on them (at most one option in it).
func checkOptions(q OutfitQuery, res *outfit.Result) string {
	if len(q.AskedTypes)+len(q.AskedGroups) == 0 || q.AnchorColour == "" || len(res.Outfits) < 2 {
		return ""
	}
	same := 0
	for _, o := range res.Outfits {
		for _, it := range o.Items {
			if it.Article.PerceivedColourMasterName == q.AnchorColour {
				same++
				break
			}
		}
	}
	if same > 1 {
		return fmt.Sprintf("%d of %d options in the anchor's %s", same, len(res.Outfits), q.AnchorColour)
	}
	return ""
}

// sharedAnchorLooks counts the first looks of whole-look anchor requests and
// those whose main piece (one-piece or top, else the first piece) another
// anchor request's first look has too.
func sharedAnchorLooks(rs []OutfitResult) (looks, shared int) {
	mains := map[string]int{}
	var keys []string
	for _, r := range rs {
		q := r.Query
		if q.Single || len(q.AnchorTypes)+len(q.AnchorID) == 0 || len(q.AskedTypes)+len(q.AskedGroups) > 0 || len(r.Outfits) == 0 || len(r.Outfits[0].Items) == 0 {
			continue
		}
		key := mainOf(r.Outfits[0].Items)
		keys = append(keys, key)
		mains[key]++
	}
	for _, k := range keys {
		if mains[k] > 1 {
			shared++
		}
	}
	return len(keys), shared
}

// mainOf is the article of a checked look's main piece ("slot:id:..." items).
func mainOf(items []string) string {
	for _, slot := range []string{outfit.OnePiece, outfit.Top} {
		for _, it := range items {
			if s, rest, _ := strings.Cut(it, ":"); s == slot {
				id, _, _ := strings.Cut(rest, ":")
				return id
			}
		}
	}
	id, _, _ := strings.Cut(strings.SplitN(items[0], ":", 2)[1], ":")
	return id
}
