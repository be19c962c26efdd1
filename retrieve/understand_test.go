package retrieve

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/stylistbot/stylist/catalog"
	"github.com/stylistbot/stylist/query"
)

// understandCatalog holds jeans with and without a skinny fit, jackets with
// and without hoods, wedding and plain dresses (one without a description),
// tops of several kinds and a few shirts.
func understandCatalog() []catalog.Article {
	var out []catalog.Article
	add := func(name, typ, group, colour, master, desc string) {
		n := len(out)
		out = append(out, art(fmt.Sprintf("%010d", 500+n), fmt.Sprintf("%07d", 5000+n), name, typ, group, colour, master, "Medium",
			"Ladieswear", "Ladieswear", "Solid", desc))
	}
	for i := 0; i < 4; i++ {
		add(fmt.Sprintf("Skinny jeans %d", i), "Trousers", "Garment Lower body", "Blue", "Blue", "5-pocket jeans in denim with skinny legs.")
	}
	add("Straight jeans", "Trousers", "Garment Lower body", "Blue", "Blue", "5-pocket jeans in denim with straight legs.")
	add("Wide jeans", "Trousers", "Garment Lower body", "Blue", "Blue", "Jeans in denim with wide legs.")
	for i := 0; i < 3; i++ {
		add(fmt.Sprintf("Hooded jacket %d", i), "Jacket", "Garment Upper body", "Black", "Black", "Jacket with a lined hood.")
	}
	add("Bomber jacket", "Jacket", "Garment Upper body", "Black", "Black", "Bomber jacket with a zip.")
	add("Plain dress", "Dress", "Garment Full body", "White", "White", "")
	add("Jersey dress", "Dress", "Garment Full body", "White", "White", "Short dress in jersey.")
	add("Lace wedding dress", "Dress", "Garment Full body", "Off White", "White", "Long wedding dress in lace.")
	for _, t := range []string{"Vest top", "Vest top", "Vest top", "T-shirt", "Blouse", "Top"} {
		add(t+" basic", t, "Garment Upper body", "Black", "Black", t+" in cotton.")
	}
	add("Long sleeve blouse", "Blouse", "Garment Upper body", "White", "White", "Blouse with long sleeves.")
	add("Strappy top", "Top", "Garment Upper body", "White", "White", "Top with narrow shoulder straps.")
	add("Linen shirt", "Shirt", "Garment Upper body", "White", "White", "Shirt in linen.")
	add("Red court shoes", "Pumps", "Shoes", "Red", "Red", "Court shoes with heels.")
	return out
}

func understandRetriever(t *testing.T) *Retriever {
	t.Helper()
	return retrieverFor(t, understandCatalog())
}

func TestUnderstandingRanking(t *testing.T) {
	r := understandRetriever(t)
	ctx := context.Background()
	search := func(text string, k int) *Result {
		t.Helper()
		res, err := r.Search(ctx, text, k)
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	t.Run("negated detail ranks last, never a full match", func(t *testing.T) {
		res := search("jeans that are not skinny", 3)
		if got := names(res); !strings.HasPrefix(got[0], "Straight") && !strings.HasPrefix(got[0], "Wide") || strings.HasPrefix(got[1], "Skinny") {
			t.Fatalf("top: %v", got)
		}
		if res.FullMatches != 2 || !strings.Contains(strings.Join(res.Asked, ","), "not skinny") {
			t.Fatalf("full %d asked %v notices %v", res.FullMatches, res.Asked, res.Notices)
		}
		if got := names(search("a jacket without a hood", 1)); got[0] != "Bomber jacket/Black" {
			t.Fatalf("hood: %v", got)
		}
	})
	t.Run("qualifier and empty description", func(t *testing.T) {
		if got := names(search("a wedding dress", 1)); got[0] != "Lace wedding dress/Off White" {
			t.Fatalf("wedding: %v", got)
		}
		got := names(search("a white dress", 3))
		if got[len(got)-1] != "Plain dress/White" {
			t.Fatalf("empty description not last: %v", got)
		}
	})
	t.Run("broad type balanced", func(t *testing.T) {
		res := search("a black top", 4)
		kinds := map[string]int{}
		for _, h := range res.Hits {
			kinds[h.Article.ProductTypeName]++
		}
		if len(kinds) < 3 || kinds["Vest top"] > 2 {
			t.Fatalf("a top: %v", names(res))
		}
	})
	t.Run("sleeves honoured", func(t *testing.T) {
		res := search("a long sleeve top", 3)
		for _, h := range res.Hits[:1] {
			if h.Article.ProdName != "Long sleeve blouse" {
				t.Fatalf("long sleeve: %v", names(res))
			}
		}
		// A vest top is never a full match for sleeves, whatever the type turns.
		res = search("a long sleeve top", 8)
		for _, h := range res.Hits {
			vest := h.Article.ProductTypeName == "Vest top" || query.HasDetail(&h.Article, "sleeveless")
			if lacks := slices.Contains(h.Missing, "sleeves:long sleeves"); vest != lacks {
				t.Errorf("%s (%s): missing %v", h.Article.ProdName, h.Article.ProductTypeName, h.Missing)
			}
		}
		if res.FullMatches >= 8 {
			t.Errorf("full matches %d, the vest tops must not count", res.FullMatches)
		}
	})
	t.Run("multi-item", func(t *testing.T) {
		res := search("a white shirt and red shoes", 4)
		if len(res.Parts) != 2 || res.Hits[0].Article.ProductTypeName != "Shirt" || res.Hits[1].Article.ProductTypeName != "Pumps" ||
			res.Hits[0].Part != 1 || res.Hits[1].Part != 2 {
			t.Fatalf("parts %v hits %v", res.Parts, names(res))
		}
	})
	t.Run("limits", func(t *testing.T) {
		res := search("ski boots", 3)
		if len(res.Hits) != 0 || len(res.Notices) != 1 {
			t.Fatalf("ski boots: %v %v", names(res), res.Notices)
		}
		res = search("a white dress under 30 euros", 3)
		if len(res.Hits) == 0 || !strings.Contains(res.Notices[0], "prices") {
			t.Fatalf("price: %v", res.Notices)
		}
	})
}

func TestGarmentLength(t *testing.T) {
	for _, c := range []struct {
		desc, w string
		want    bool
	}{
		{"Long dress in jersey.", "long", true},
		{"Short dress in jersey with long sleeves.", "long", false},
		{"Dress with long, straight sleeves.", "long", false},
		{"Long, V-neck dress in jersey with long sleeves.", "long", true},
		{"Short-sleeved top.", "short", false},
		{"Jersey shorts.", "short", false},
		{"Short skirt with a zip.", "short", true},
	} {
		a := catalog.Article{DetailDesc: c.desc}
		if got := garmentLength(&a, c.w); got != c.want {
			t.Errorf("garmentLength(%q, %s) = %v", c.desc, c.w, got)
		}
	}
}
