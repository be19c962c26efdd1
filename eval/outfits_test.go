package eval

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/stylistbot/stylist/catalog"
	"github.com/stylistbot/stylist/outfit"
)

// oa makes an article: id, type, group, colour master, index group, section.
func oa(id, typ, group, master, igroup, section string) catalog.Article {
	idx := igroup
	if igroup == "Baby/Children" {
		idx = "Children Sizes 92-140"
	}
	return catalog.Article{ArticleID: id, ProductCode: id[:7], ProductTypeName: typ, ProductGroupName: group, PerceivedColourMasterName: master,
		ColourGroupName: master, IndexGroupName: igroup, IndexName: idx, SectionName: section}
}

func item(slot string, a catalog.Article) outfit.Item { return outfit.Item{Slot: slot, Article: a} }

var (
	wTop    = oa("0000001001", "Blouse", "Garment Upper body", "White", "Ladieswear", "")
	wSkirt  = oa("0000002001", "Skirt", "Garment Lower body", "Black", "Ladieswear", "")
	wDress  = oa("0000003001", "Dress", "Garment Full body", "Red", "Ladieswear", "")
	wPumps  = oa("0000004001", "Pumps", "Shoes", "Black", "Ladieswear", "")
	wBag    = oa("0000005001", "Bag", "Accessories", "Black", "Divided", "")
	mShirt  = oa("0000006001", "Shirt", "Garment Upper body", "White", "Menswear", "")
	kTee    = oa("0000007001", "T-shirt", "Garment Upper body", "Blue", "Baby/Children", "Kids Girl")
	kPants  = oa("0000008001", "Trousers", "Garment Lower body", "Black", "Baby/Children", "Kids Boy")
	kShoes  = oa("0000009001", "Sneakers", "Shoes", "White", "Baby/Children", "Kids & Baby Shoes")
	wBra    = oa("0000010001", "Bra", "Underwear", "Black", "Ladieswear", "")
	wCap    = oa("0000011001", "Cap/peaked", "Accessories", "Black", "Ladieswear", "")
	wHat    = oa("0000012001", "Hat/brim", "Accessories", "Beige", "Ladieswear", "")
	wGreen  = oa("0000013001", "Trousers", "Garment Lower body", "Green", "Ladieswear", "")
	wYellow = oa("0000014001", "Pumps", "Shoes", "Yellow", "Ladieswear", "")
	wBoots  = oa("0000015001", "Boots", "Shoes", "Black", "Ladieswear", "")
)

func TestCheckOutfits(t *testing.T) {
	good := outfit.Outfit{Items: []outfit.Item{item("top", wTop), item("bottom", wSkirt), item("shoes", wPumps), item("accessory", wBag)}}
	cases := []struct {
		name    string
		q       OutfitQuery
		outfits []outfit.Outfit
		want    []string // failure prefixes, "" = passes
	}{
		{"good", OutfitQuery{Audience: "women", Slots: []string{"main", "shoes"}}, []outfit.Outfit{good}, nil},
		{"men with women", OutfitQuery{}, []outfit.Outfit{{Items: []outfit.Item{item("top", mShirt), item("bottom", wSkirt)}}}, []string{"audience: mixes"}},
		{"child with adult", OutfitQuery{}, []outfit.Outfit{{Items: []outfit.Item{item("top", kTee), item("bottom", wSkirt)}}}, []string{"audience: mixes"}},
		{"girls with boys", OutfitQuery{Audience: "child"}, []outfit.Outfit{{Items: []outfit.Item{item("top", kTee), item("bottom", kPants), item("shoes", kShoes)}}}, []string{"audience: mixes"}},
		{"wrong audience", OutfitQuery{Audience: "men"}, []outfit.Outfit{good}, []string{"audience: want men"}},
		{"junk", OutfitQuery{}, []outfit.Outfit{{Items: []outfit.Item{item("top", wBra), item("bottom", wSkirt)}}}, []string{"slots:", "junk:"}},
		{"forbidden", OutfitQuery{Forbid: []string{"Pumps"}}, []outfit.Outfit{good}, []string{"forbidden:"}},
		{"pyjama top", OutfitQuery{}, []outfit.Outfit{{Items: []outfit.Item{item("top", func() catalog.Article { a := wTop; a.ProdName = "Siblings baby PJ"; return a }()), item("bottom", wSkirt)}}}, []string{"junk:"}},
		{"fancy dress", OutfitQuery{}, []outfit.Outfit{{Items: []outfit.Item{item("one-piece", func() catalog.Article {
			a := oa("0000020001", "Jumpsuit/Playsuit", "Garment Full body", "Black", "Baby/Children", "Kids Boy")
			a.DepartmentName = "Dress-up Boys"
			return a
		}())}}}, []string{"junk:"}},
		{"wrong slot", OutfitQuery{}, []outfit.Outfit{{Items: []outfit.Item{item("top", wPumps), item("bottom", wSkirt)}}}, []string{"slots:"}},
		{"two in a slot", OutfitQuery{}, []outfit.Outfit{{Items: []outfit.Item{item("bottom", wGreen), item("bottom", wSkirt)}}}, []string{"slots: 2 items"}},
		{"dress with a top", OutfitQuery{}, []outfit.Outfit{{Items: []outfit.Item{item("one-piece", wDress), item("top", wTop)}}}, []string{"slots: a one-piece"}},
		{"two hats", OutfitQuery{}, []outfit.Outfit{{Items: []outfit.Item{item("accessory", wCap), item("accessory", wHat)}}}, []string{"slots: 2 hats"}},
		{"incomplete", OutfitQuery{Slots: []string{"main", "shoes"}}, []outfit.Outfit{{Items: []outfit.Item{item("top", wTop), item("shoes", wPumps)}}}, []string{"complete: no one-piece"}},
		{"no shoes", OutfitQuery{Slots: []string{"main", "shoes"}}, []outfit.Outfit{{Items: []outfit.Item{item("one-piece", wDress)}}}, []string{"complete: no shoes"}},
		{"anchor top completes main", OutfitQuery{Slots: []string{"main"}, AnchorTypes: []string{"Blouse"}}, []outfit.Outfit{{Items: []outfit.Item{item("bottom", wSkirt)}}}, nil},
		{"anchor repeated", OutfitQuery{AnchorTypes: []string{"Pumps"}}, []outfit.Outfit{good}, []string{"anchor:"}},
		{"anchor article repeated", OutfitQuery{AnchorID: "0000004003"}, []outfit.Outfit{good}, []string{"anchor:"}},
		{"colours all", OutfitQuery{ColoursAll: []string{"White"}}, []outfit.Outfit{good}, []string{"colours:", "colours:"}},
		{"colours any", OutfitQuery{ColoursAny: []string{"Red"}}, []outfit.Outfit{good}, []string{"colours: no piece"}},
		{"avoid", OutfitQuery{AvoidColour: []string{"Black"}}, []outfit.Outfit{{Items: []outfit.Item{item("top", wTop), item("bottom", wSkirt)}}}, []string{"colours:"}},
		{"three accents", OutfitQuery{}, []outfit.Outfit{{Items: []outfit.Item{item("one-piece", wDress), item("shoes", wYellow), item("accessory", oa("0000016001", "Bag", "Accessories", "Green", "Ladieswear", ""))}}}, []string{"colours: 3 accent"}},
		{"distinct", OutfitQuery{}, []outfit.Outfit{good, {Items: []outfit.Item{item("top", wTop), item("bottom", wGreen), item("shoes", wBoots)}}},
			[]string{"distinct:", "distinct:"}},
		// pairing: "what shoes go with a red dress"
		{"options of the asked kind, one in a colour that does not go", OutfitQuery{AskedGroups: []string{"Shoes"}, AnchorTypes: []string{"Dress"}, AnchorColour: "Red"},
			[]outfit.Outfit{{Items: []outfit.Item{item("shoes", wPumps)}}, {Items: []outfit.Item{item("shoes", wYellow)}}}, []string{"anchor colour:"}},
		{"anchor's kind shown", OutfitQuery{AskedGroups: []string{"Shoes"}, AnchorTypes: []string{"Dress"}},
			[]outfit.Outfit{{Items: []outfit.Item{item("one-piece", wDress)}}}, []string{"anchor:", "asked:"}},
		{"anchor colour forced on the options", OutfitQuery{AskedTypes: []string{"Pumps"}, AnchorTypes: []string{"Skirt"}, AnchorColour: "Black"},
			[]outfit.Outfit{{Items: []outfit.Item{item("shoes", wPumps)}}, {Items: []outfit.Item{item("shoes", oa("0000017001", "Pumps", "Shoes", "Black", "Ladieswear", ""))}}},
			[]string{"anchor colour: 2 of 2", "anchor colour: 2 of 2"}},
		{"anchor colour forced on the look", OutfitQuery{AnchorTypes: []string{"Boots"}, AnchorColour: "Black"},
			[]outfit.Outfit{{Items: []outfit.Item{item("top", wTop), item("bottom", wSkirt), item("accessory", wBag)}}}, []string{"anchor colour: 2 pieces"}},
		{"colour that does not go", OutfitQuery{AnchorTypes: []string{"Skirt"}, AnchorColour: "Green"},
			[]outfit.Outfit{{Items: []outfit.Item{item("top", oa("0000018001", "Top", "Garment Upper body", "Red", "Ladieswear", ""))}}}, []string{"anchor colour: Top"}},
		{"thin look", OutfitQuery{AnchorTypes: []string{"Boots"}, MinPieces: 3}, []outfit.Outfit{{Items: []outfit.Item{item("one-piece", wDress), item("accessory", wBag)}}},
			[]string{"covered: 2 pieces"}},
		{"shoes next to boots", OutfitQuery{AnchorTypes: []string{"Boots"}}, []outfit.Outfit{{Items: []outfit.Item{item("one-piece", wDress), item("shoes", wPumps)}}},
			[]string{"anchor: Pumps"}},
		{"a look around the anchor", OutfitQuery{AnchorTypes: []string{"Boots"}, AnchorColour: "Brown", MinPieces: 3},
			[]outfit.Outfit{{Items: []outfit.Item{item("top", wTop), item("bottom", oa("0000019001", "Trousers", "Garment Lower body", "Beige", "Ladieswear", "")), item("accessory", wHat)}}}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			vs := CheckOutfits(c.q, &outfit.Result{IsOutfit: true, Outfits: c.outfits})
			var got []string
			for _, v := range vs {
				got = append(got, v.Failures...)
			}
			if len(got) != len(c.want) {
				t.Fatalf("failures %q, want %q", got, c.want)
			}
			for i, w := range c.want {
				if !strings.HasPrefix(got[i], w) {
					t.Errorf("failure %q, want %q", got[i], w)
				}
			}
		})
	}
}

type fakeAssembler map[string]*outfit.Result

func (f fakeAssembler) Assemble(_ context.Context, q string) (*outfit.Result, error) {
	if r, ok := f[q]; ok {
		return r, nil
	}
	return &outfit.Result{}, nil
}

func TestRunOutfits(t *testing.T) {
	good := outfit.Outfit{Items: []outfit.Item{item("top", wTop), item("bottom", wSkirt), item("shoes", wPumps)}}
	mixed := outfit.Outfit{Items: []outfit.Item{item("top", mShirt), item("bottom", wSkirt), item("shoes", wPumps)}}
	junk := outfit.Outfit{Items: []outfit.Item{item("one-piece", wDress), item("accessory", wBra), item("shoes", wBoots)}}
	a := fakeAssembler{
		"a": {IsOutfit: true, Outfits: []outfit.Outfit{good}},
		"b": {IsOutfit: true, Outfits: []outfit.Outfit{mixed, junk}},
		"s": {IsOutfit: true, Outfits: []outfit.Outfit{good}}, // a single-item request read as an outfit
	}
	qs := []OutfitQuery{{Q: "a"}, {Q: "b", Outfits: 2}, {Q: "c"}, {Q: "s", Single: true}}
	rep, err := RunOutfits(context.Background(), a, qs)
	if err != nil {
		t.Fatal(err)
	}
	// outfits: a(good), b(mixed), b(junk), c(none: counted as one failed outfit)
	if rep.Requests != 3 || rep.Outfits != 4 || !near(rep.Pass, 0.25) || rep.MixedAudience != 1 || rep.Junk != 1 || !near(rep.Detection, 0.5) {
		t.Fatalf("report %+v", rep)
	}
	if !near(rep.SingleAud, 0.75) || !near(rep.NoForbidden, 0.75) || !near(rep.Complete, 0.75) {
		t.Fatalf("shares %+v", rep)
	}
	var b strings.Builder
	if err := rep.WriteTable(&b); err != nil || !strings.Contains(b.String(), "pass every check") || !strings.Contains(b.String(), `FAIL "s"`) {
		t.Fatalf("table: %v\n%s", err, b.String())
	}
}

func TestReadOutfitQueries(t *testing.T) {
	if _, err := ReadOutfitQueries(strings.NewReader("# c\n{\"q\": \"x\", \"slotz\": []}\n")); err == nil || !strings.Contains(err.Error(), "line 2") {
		t.Fatalf("unknown field must name the line: %v", err)
	}
	f, err := os.Open("testdata/outfits.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	qs, err := ReadOutfitQueries(f)
	if err != nil {
		t.Fatal(err)
	}
	n, anchors, multi := 0, 0, 0
	for _, q := range qs {
		if !q.Single {
			n++
		}
		if len(q.AnchorTypes) > 0 || q.AnchorID != "" {
			anchors++
		}
		if q.Outfits > 1 {
			multi++
		}
	}
	if n < 40 || anchors < 4 || multi < 3 {
		t.Fatalf("dev set: %d outfit requests, %d anchors, %d multi-outfit", n, anchors, multi)
	}
}
