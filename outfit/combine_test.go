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
	p := &Plan{Occasion: &Occasion{Name: "party"}, Outfits: 1, Audience: Audience{BandAdult, "women"}}
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
	p.Audience = Audience{BandKids, ""}
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
			if g := ArticleAudience(a).Gender; g != "" {
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

func TestAudienceOfArticles(t *testing.T) {
	cases := []struct {
		a    catalog.Article
		want Audience
	}{
		{catalog.Article{IndexGroupName: "Ladieswear"}, Audience{BandAdult, "women"}},
		{catalog.Article{IndexGroupName: "Divided"}, Audience{BandAdult, "women"}},
		{catalog.Article{IndexGroupName: "Menswear"}, Audience{BandAdult, "men"}},
		{catalog.Article{IndexGroupName: "Sport", SectionName: "Ladies H&M Sport"}, Audience{BandAdult, "women"}},
		{catalog.Article{IndexGroupName: "Sport", SectionName: "Men H&M Sport"}, Audience{BandAdult, "men"}},
		{catalog.Article{IndexGroupName: "Sport", SectionName: "Kids Sports"}, Audience{BandChild, ""}},
		{catalog.Article{IndexGroupName: "Sport", SectionName: "Kids Sports", DepartmentName: "Kids Sport Boy"}, Audience{BandChild, "boy"}},
		{catalog.Article{IndexGroupName: "Baby/Children", IndexName: "Baby Sizes 50-98", SectionName: "Baby Girl"}, Audience{BandBaby, "girl"}},
		{catalog.Article{IndexGroupName: "Baby/Children", IndexName: "Children Sizes 134-170", SectionName: "Young Boy"}, Audience{BandJunior, "boy"}},
		{catalog.Article{IndexGroupName: "Baby/Children", IndexName: "Children Accessories, Swimwear", SectionName: "Kids & Baby Shoes", DepartmentName: "Kids Boy Shoes"}, Audience{BandKids, "boy"}},
		{catalog.Article{IndexGroupName: "Baby/Children", IndexName: "Children Accessories, Swimwear", SectionName: "Kids Outerwear", DepartmentName: "Outdoor"}, Audience{BandChild, ""}},
	}
	for _, c := range cases {
		if got := ArticleAudience(&c.a); got != c.want {
			t.Errorf("%+v: got %v, want %v", c.a, got, c.want)
		}
	}
	fits := []struct {
		who, item Audience
		want      bool
	}{
		{Audience{BandAdult, "women"}, Audience{BandAdult, "women"}, true},
		{Audience{BandAdult, "women"}, Audience{BandAdult, "men"}, false},
		{Audience{BandAdult, "men"}, Audience{BandKids, "boy"}, false},
		{Audience{BandKids, "boy"}, Audience{BandKids, "girl"}, false},
		{Audience{BandKids, "boy"}, Audience{BandChild, ""}, true},
		{Audience{BandKids, ""}, Audience{BandJunior, ""}, false},
		{Audience{BandKids, ""}, Audience{BandAdult, "women"}, false},
		{Audience{BandBaby, ""}, Audience{BandBaby, "girl"}, true},
	}
	for _, f := range fits {
		if got := f.who.Fits(f.item); got != f.want {
			t.Errorf("%v fits %v = %v, want %v", f.who, f.item, got, f.want)
		}
	}
}
