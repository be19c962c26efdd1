package outfit

import (
	"testing"

	"github.com/stylistbot/stylist/catalog"
	"github.com/stylistbot/stylist/query"
)

// cand makes a candidate: id, product code, type, colour master, section (audience) and relevance.
func cand(id, code, typ, master, igroup, section string, rel float32) Candidate {
	return DefaultKnowledge().candidate(catalog.Article{ArticleID: id, ProductCode: code, ProductTypeName: typ, PerceivedColourMasterName: master,
		ColourGroupName: master, IndexGroupName: igroup, IndexName: "Children Sizes 92-140", SectionName: section}, rel, rel)
}

func testPlan(slots ...string) *Plan {
	p := &Plan{Occasion: &Occasion{Name: "party"}, Outfits: 1, Audience: query.Audience{Who: query.WhoWomen, Gender: query.Female}}
	for _, s := range slots {
		if s == Accessory {
			p.Accessories++
			if p.Has(Accessory) {
				continue
			}
		}
		p.Slots = append(p.Slots, PlanSlot{Name: s})
	}
	p.Separates = p.Has(Top) && p.Has(Bottom)
	p.OnePiece = p.Has(OnePiece)
	return p
}

func ids(o Outfit) map[string]bool {
	m := map[string]bool{}
	for _, it := range o.Items {
		m[it.Article.ArticleID] = true
	}
	return m
}

func TestCombineColourHarmony(t *testing.T) {
	k := DefaultKnowledge()
	p := testPlan(Top, Bottom, Shoes)
	cands := map[string][]Candidate{
		Top:    {cand("t-red", "1", "Top", "Red", "Ladieswear", "", 1), cand("t-black", "2", "Top", "Black", "Ladieswear", "", 0.7)},
		Bottom: {cand("b-green", "3", "Trousers", "Green", "Ladieswear", "", 1), cand("b-white", "4", "Trousers", "White", "Ladieswear", "", 0.7)},
		Shoes:  {cand("s-yellow", "5", "Sneakers", "Yellow", "Ladieswear", "", 1), cand("s-black", "6", "Sneakers", "Black", "Ladieswear", "", 0.6)},
	}
	out := combine(k, p, cands, nil)
	if len(out) != 1 || len(out[0].Items) != 3 {
		t.Fatalf("outfits %+v", out)
	}
	got := ids(out[0])
	// Best relevance with at most one accent: black top, white trousers, yellow sneakers (2.4),
	// not the three best-ranked accents (3.0), nor the red top with neutrals (2.3).
	if !got["t-black"] || !got["b-white"] || !got["s-yellow"] {
		t.Errorf("want one accent on a neutral base, got %v", got)
	}
	// Asked for green: the accent must be green, not the better-ranked red.
	p.Palette = query.Palette{Masters: []string{"Green"}}
	got = ids(combine(k, p, cands, nil)[0])
	if !got["b-green"] || got["t-red"] || got["s-yellow"] {
		t.Errorf("asked green, got %v", got)
	}
	// A red anchor counts: no second accent next to it.
	p.Palette = query.Palette{}
	anchor := &catalog.Article{PerceivedColourMasterName: "Red", ProductTypeName: "Coat"}
	got = ids(combine(k, p, cands, anchor)[0])
	if got["b-green"] || got["s-yellow"] {
		t.Errorf("second accent next to a red anchor: %v", got)
	}
	// A listed pair may go together.
	cands[Bottom][0] = cand("b-green", "3", "Trousers", "Pink", "Ladieswear", "", 1)
	got = ids(combine(k, testPlan(Top, Bottom), cands, nil)[0])
	if !got["t-red"] || !got["b-green"] {
		t.Errorf("red and pink are a listed pair: %v", got)
	}
}

func TestCombineOneAudienceOneProductDistinctLooks(t *testing.T) {
	k := DefaultKnowledge()
	p := testPlan(Top, Bottom, Shoes, Accessory, Accessory)
	p.Audience = query.Audience{Who: query.WhoChildren, Bands: []string{query.BandKids}}
	p.Outfits = 2
	cands := map[string][]Candidate{
		Top: {cand("t-girl", "1", "Top", "Black", "Baby/Children", "Kids Girl", 1), cand("t-any", "2", "Top", "White", "Baby/Children", "Kids Outerwear", 0.5),
			cand("t-girl2", "7", "Top", "Grey", "Baby/Children", "Kids Girl", 0.4)},
		Bottom: {cand("b-boy", "3", "Trousers", "Black", "Baby/Children", "Kids Boy", 1), cand("b-girl", "4", "Trousers", "Grey", "Baby/Children", "Kids Girl", 0.3),
			cand("b-same", "1", "Trousers", "Black", "Baby/Children", "Kids Girl", 0.9), cand("b-any", "8", "Trousers", "White", "Baby/Children", "", 0.2)},
		Shoes: {cand("s1", "5", "Sneakers", "Black", "Baby/Children", "", 1), cand("s2", "6", "Sneakers", "White", "Baby/Children", "", 0.9)},
		Accessory: {cand("a-cap", "9", "Cap/peaked", "Black", "Baby/Children", "", 1), cand("a-hat", "10", "Hat/brim", "Black", "Baby/Children", "", 0.9),
			cand("a-bag", "11", "Bag", "Black", "Baby/Children", "", 0.5), cand("a-bag2", "12", "Bag", "White", "Baby/Children", "", 0.4),
			cand("a-cap2", "13", "Cap/peaked", "White", "Baby/Children", "", 0.3)},
	}
	out := combine(k, p, cands, nil)
	if len(out) != 2 {
		t.Fatalf("%d outfits", len(out))
	}
	used := map[string]bool{}
	for i, o := range out {
		sexes := map[string]bool{}
		codes := map[string]bool{}
		hats, accTypes := 0, map[string]bool{}
		for _, it := range o.Items {
			a := &it.Article
			if g := articleSex(a); g != "" {
				sexes[g] = true
			}
			if codes[a.ProductCode] {
				t.Errorf("outfit %d: two colourways of product %s", i+1, a.ProductCode)
			}
			codes[a.ProductCode] = true
			if used[a.ArticleID] {
				t.Errorf("outfit %d repeats %s", i+1, a.ArticleID)
			}
			used[a.ArticleID] = true
			if it.Slot == Accessory {
				if accTypes[a.ProductTypeName] {
					t.Errorf("two %s", a.ProductTypeName)
				}
				accTypes[a.ProductTypeName] = true
				if a.ProductTypeName == "Cap/peaked" || a.ProductTypeName == "Hat/brim" {
					hats++
				}
			}
		}
		if len(sexes) > 1 {
			t.Errorf("outfit %d mixes girls' and boys' pieces", i+1)
		}
		if hats > 1 {
			t.Errorf("outfit %d has %d hats", i+1, hats)
		}
	}
}

func TestLookAllows(t *testing.T) {
	women := query.Audience{Who: query.WhoWomen, Gender: query.Female}
	men := query.Audience{Who: query.WhoMen, Gender: query.Male}
	boys := query.Audience{Who: query.WhoChildren, Gender: query.Male, Bands: []string{query.BandKids}}
	kids := query.Audience{Who: query.WhoChildren, Bands: []string{query.BandKids}}
	baby := query.Audience{Who: query.WhoBaby, Bands: []string{query.BandBaby}}
	ladies := catalog.Article{IndexGroupName: "Ladieswear"}
	divided := catalog.Article{IndexGroupName: "Divided"}
	mens := catalog.Article{IndexGroupName: "Menswear"}
	kidBoy := catalog.Article{IndexGroupName: "Baby/Children", IndexName: query.BandKids, SectionName: "Kids Boy"}
	kidGirl := catalog.Article{IndexGroupName: "Baby/Children", IndexName: query.BandKids, SectionName: "Kids Girl"}
	young := catalog.Article{IndexGroupName: "Baby/Children", IndexName: query.BandOlder, SectionName: "Young Boy"}
	shoes := catalog.Article{IndexGroupName: "Baby/Children", IndexName: query.KidsExtras, SectionName: "Kids & Baby Shoes", DepartmentName: "Kids Boy Shoes"}
	babyGirl := catalog.Article{IndexGroupName: "Baby/Children", IndexName: query.BandBaby, SectionName: "Baby Girl"}
	cases := []struct {
		name string
		who  query.Audience
		art  catalog.Article
		want bool
	}{
		{"women ladieswear", women, ladies, true},
		{"women divided", women, divided, true},
		{"women menswear", women, mens, false},
		{"men kids", men, kidBoy, false},
		{"boys girls'", boys, kidGirl, false},
		{"boys boys' shoes", boys, shoes, true},
		{"92-140 134-170", kids, young, false},
		{"children adult", kids, ladies, false},
		{"baby baby girl", baby, babyGirl, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := lookAllows(c.who, &c.art); got != c.want {
				t.Errorf("lookAllows(%v, %+v) = %v, want %v", c.who, c.art, got, c.want)
			}
		})
	}
}
