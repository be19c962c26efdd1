package retrieve

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/stylistbot/stylist/catalog"
	"github.com/stylistbot/stylist/query"
)

// giftCatalog holds what a gift search for men and women meets in the
// catalog: gift boxes of underwear and socks, sports trunks, pyjamas and
// bras next to sweaters, scarves, caps, bags and sportswear.
func giftCatalog() []catalog.Article {
	var out []catalog.Article
	add := func(name, typ, group, igroup, section, desc string) {
		n := len(out)
		a := art(fmt.Sprintf("%010d", 700+n), fmt.Sprintf("%07d", 7000+n), name, typ, group, "Black", "Black", "Dark",
			igroup, igroup, "Solid", desc)
		a.SectionName = section
		out = append(out, a)
	}
	men, women := "Menswear", "Ladieswear"
	add("X-mas box gift", "Underwear bottom", "Underwear", men, "Men Underwear", "Gift pack with trunks and socks.")
	add("Sport trunks 2pk", "Underwear bottom", "Underwear", men, "Men Underwear", "Sports trunks in fast-drying fabric.")
	add("5pk sport sock", "Socks", "Socks & Tights", men, "Men Underwear", "Sport socks, a gift for football fans.")
	add("Gift sock", "Socks", "Socks & Tights", men, "Men Underwear", "Gift pack with a pair of socks.")
	add("Swim shorts", "Swimwear bottom", "Swimwear", men, "Men Underwear", "Swim shorts.")
	add("Check pyjamas", "Pyjama set", "Nightwear", men, "Men Underwear", "Pyjamas in flannel, a perfect gift.")
	add("Wool sweater", "Sweater", "Garment Upper body", men, "Men Knitwear", "Jumper in soft wool.")
	add("Cable cardigan", "Cardigan", "Garment Upper body", men, "Men Knitwear", "Cardigan in a cable knit.")
	add("Cashmere scarf", "Scarf", "Accessories", men, "Men Accessories", "Scarf in soft cashmere.")
	add("Cotton cap", "Cap/peaked", "Accessories", men, "Men Accessories", "Cap in cotton twill.")
	add("Leather wallet", "Wallet", "Accessories", men, "Men Accessories", "Wallet in leather.")
	add("Football tee", "T-shirt", "Garment Upper body", "Sport", "Men H&M Sport", "Football shirt in fast-drying fabric.")
	add("Training shorts", "Shorts", "Garment Lower body", "Sport", "Men H&M Sport", "Sports shorts for football training.")
	add("Lace bra", "Bra", "Underwear", women, "Womens Lingerie", "Lace bra, a gift.")
	add("Satin pyjama set", "Pyjama set", "Nightwear", women, "Womens Nightwear, Socks & Tigh", "Pyjamas in satin.")
	add("Silk pyjama set", "Pyjama set", "Nightwear", women, "Womens Nightwear, Socks & Tigh", "Pyjamas in silk.")
	add("Seamless sports bra", "Top", "Garment Upper body", "Sport", "Ladies H&M Sport", "Sports bra for yoga.")
	add("Yoga tights", "Leggings/Tights", "Garment Lower body", "Sport", "Ladies H&M Sport", "Sports tights for yoga.")
	add("Mohair sweater", "Sweater", "Garment Upper body", women, "Womens Tailoring", "Jumper in mohair.")
	add("Gold necklace", "Necklace", "Accessories", women, "Womens Small accessories", "Necklace in metal.")
	add("Leather bag", "Bag", "Accessories", women, "Womens Big accessories", "Shoulder bag in leather.")
	add("Wool scarf", "Scarf", "Accessories", women, "Womens Big accessories", "Scarf in wool.")
	return out
}

func TestGiftSearch(t *testing.T) {
	r := retrieverFor(t, giftCatalog())
	cases := []struct {
		text  string
		who   query.Who
		kinds int    // at least this many product types in the top 5
		first string // the first hit's name, when one must lead
		want  string // a name that must be in the top 5
	}{
		{"gift for my boyfriend who loves football", query.WhoMen, 3, "", "Football tee"},
		{"something for my dad for christmas", query.WhoMen, 3, "", ""},
		{"a gift for my wife", query.WhoWomen, 3, "", ""},
		{"birthday gift for my sister, she likes yoga", query.WhoWomen, 3, "", "Yoga tights"},
		{"a pyjama set as a gift for my girlfriend", query.WhoWomen, 1, "Satin pyjama set", ""},
	}
	for _, c := range cases {
		t.Run(c.text, func(t *testing.T) {
			res, err := r.Search(context.Background(), c.text, 5)
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Hits) == 0 {
				t.Fatal("no hits")
			}
			gift := res.Parsed.Gift
			types, names := map[string]bool{}, []string{}
			for _, h := range res.Hits {
				a := h.Article
				names = append(names, a.ProdName)
				types[a.ProductTypeName] = true
				if who, _, _ := query.ArticleWho(&a); who != c.who && !h.OffAudience {
					t.Errorf("%s is for %s, want %s", a.ProdName, who, c.who)
				}
				if !gift {
					continue
				}
				if query.Intimate(&a) {
					t.Errorf("intimate gift idea %s (%s)", a.ProdName, a.ProductTypeName)
				}
				for _, m := range h.Matched {
					if strings.HasPrefix(m, "type:") || strings.HasPrefix(m, "types:") {
						t.Errorf("%s: reason claims the kind was asked: %v", a.ProdName, h.Matched)
					}
				}
				for _, m := range h.Missing {
					if strings.HasPrefix(m, "type:") {
						t.Errorf("%s: said to lack a kind nobody asked for: %v", a.ProdName, h.Missing)
					}
				}
			}
			for _, n := range res.Notices {
				if gift && strings.Contains(n, "Scarf") {
					t.Errorf("notice names the gift kinds as asked: %q", n)
				}
			}
			if res.FullMatches > len(res.Hits) {
				t.Errorf("%d full matches among %d hits", res.FullMatches, len(res.Hits))
			}
			if len(types) < c.kinds {
				t.Errorf("%d kinds %v, want >= %d: %v", len(types), types, c.kinds, names)
			}
			if c.first != "" && names[0] != c.first {
				t.Errorf("first %q, want %q: %v", names[0], c.first, names)
			}
			if c.want != "" && !strings.Contains(strings.Join(names, "|"), c.want) {
				t.Errorf("%q not in %v", c.want, names)
			}
			for _, a := range res.Asked {
				if gift && (strings.Contains(a, "Scarf") || strings.Contains(a, "Sport")) {
					t.Errorf("asked %v: the gift kinds or interest departments were not asked", res.Asked)
				}
			}
		})
	}
}

func TestPickGifts(t *testing.T) {
	hit := func(name, typ, group, desc string, off bool) Hit {
		return Hit{Article: catalog.Article{ProdName: name, ProductTypeName: typ, ProductGroupName: group, DetailDesc: desc}, OffAudience: off}
	}
	hits := []Hit{
		hit("Gift box", "Underwear bottom", "Underwear", "Trunks and socks.", false),
		hit("Sports bra", "Top", "Garment Upper body", "Seamless.", false),
		hit("Scarf", "Scarf", "Accessories", "Wool.", false),
		hit("Women's cap", "Cap/peaked", "Accessories", "Sports cap.", true),
		hit("Cap", "Cap/peaked", "Accessories", "Cotton.", false),
		hit("Running tee", "T-shirt", "Garment Upper body", "Sports top for running.", false),
		hit("Wallet", "Wallet", "Accessories", "Leather.", false),
	}
	names := func(hs []Hit) string {
		var out []string
		for _, h := range hs {
			out = append(out, h.Article.ProdName)
		}
		return strings.Join(out, ",")
	}
	cases := []struct {
		words []string
		k     int
		want  string
	}{
		{nil, 3, "Scarf,Cap,Running tee"},
		{[]string{"running", "sport"}, 3, "Running tee,Scarf,Cap"},
		{[]string{"running"}, 10, "Running tee,Scarf,Cap,Wallet,Women's cap"},
	}
	for _, c := range cases {
		t.Run(strings.Join(c.words, "+"), func(t *testing.T) {
			if got := names(pickGifts(append([]Hit(nil), hits...), c.words, c.k)); got != c.want {
				t.Errorf("got %s, want %s", got, c.want)
			}
		})
	}
}
