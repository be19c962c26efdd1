package retrieve

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stylistbot/stylist/catalog"
	"github.com/stylistbot/stylist/query"
)

// demoFeatures returns the demo catalog with its details derived (as an index stores them) and its features.
func demoFeatures(t *testing.T) ([]catalog.Article, *features) {
	t.Helper()
	c, _, err := catalog.Demo()
	if err != nil {
		t.Fatal(err)
	}
	arts := withDetails(c.Articles)
	f, err := buildFeatures(arts)
	if err != nil {
		t.Fatal(err)
	}
	return arts, f
}

// TestMatcherAgreesWithStrings: every test the matcher makes from the
// features answers as the string functions do, for every demo article and
// parsed requests with hard facets, exclusions, asked and ruled-out details
// and sleeves, plus random details (some no article states).
func TestMatcherAgreesWithStrings(t *testing.T) {
	arts, f := demoFeatures(t)
	r := &Retriever{arts: arts, feat: f, vocab: query.NewVocab(arts)}
	texts := []string{"black jeans", "a dress not black", "long sleeve top for women", "a quilted jacket without a hood",
		"t-shirt not white for men", "navy blouse", "striped shirt", "knitwear", "plus size dress", "sleeveless dress",
		"a short sleeve shirt", "light pink sweater no wool", "denim jacket for a 6 year old", "a top", "dress or skirt",
		"shoes not sneakers", "a long dress", "jeans that are not skinny", "pastel top", "bag", "something for a party"}
	labels := query.DetailLabels()
	rng := rand.New(rand.NewPCG(3, 4))
	var qs []query.Query
	for _, text := range texts {
		q := r.Parse(text)
		qs = append(qs, q)
		for range 3 {
			x := q
			x.Details = append(slices.Clone(q.Details), labels[rng.IntN(len(labels))])
			x.NotDetails = append(slices.Clone(q.NotDetails), labels[rng.IntN(len(labels))], "no such detail")
			if rng.IntN(2) == 0 {
				x.Soft = append(slices.Clone(q.Soft), "long sleeve")
			}
			qs = append(qs, x)
		}
	}
	for n := range qs {
		q := &qs[n]
		m := r.matcher(q)
		for d := range arts {
			a := &arts[d]
			has, _ := q.MatchedDetails(a)
			for _, c := range []struct {
				name      string
				got, want any
			}{
				{"hardMatch", m.hardMatch(d), hardMatch(q, a)},
				{"excludes", m.excludes(d), q.Excludes(a)},
				{"ruledOut", m.ruledOut(d), ruledOut(q, a)},
				{"lacksSleeves", m.lacksSleeves(d), lacksSleeves(q, a)},
				{"detailsHas", m.detailsHas(d), len(has)},
				{"emptyDesc", f.art[d].flags&featEmptyDesc != 0, emptyDesc(a)},
			} {
				if c.got != c.want {
					t.Fatalf("%q (details %v, not %v), article %s: %s %v, want %v", q.Text, q.Details, q.NotDetails, a.ArticleID, c.name, c.got, c.want)
				}
			}
			for i := range facets {
				if i != facetDetails && facets[i].asked(q) && m.facetMatch(i, d) != facets[i].match(q, a) {
					t.Fatalf("%q, article %s: facet %s %t", q.Text, a.ArticleID, facets[i].name, m.facetMatch(i, d))
				}
			}
		}
	}
}

// TestFeaturesOfArticles: product ids are equal exactly when the product
// keys are, the sleeve flag is the stored detail, the memoized garment
// lengths are garmentLength's, and the seed postings are the articles with
// each value, ascending.
func TestFeaturesOfArticles(t *testing.T) {
	arts, f := demoFeatures(t)
	byKey := map[string]int32{}
	byID := map[int32]string{}
	for d := range arts {
		a, x := &arts[d], &f.art[d]
		if id, ok := byKey[productKey(a)]; ok && id != x.product {
			t.Fatalf("article %s: product %d, its colourway has %d", a.ArticleID, x.product, id)
		}
		if k, ok := byID[x.product]; ok && k != productKey(a) {
			t.Fatalf("article %s: product id %d shared with product %s", a.ArticleID, x.product, k)
		}
		byKey[productKey(a)], byID[x.product] = x.product, productKey(a)
		if got, want := x.flags&featSleeveless != 0, query.StatesDetail(a, "sleeveless"); got != want {
			t.Fatalf("article %s: sleeveless %t, stored details %q", a.ArticleID, got, a.Details)
		}
		if got, want := x.flags&featVestTop != 0, a.ProductTypeName == "Vest top"; got != want {
			t.Fatalf("article %s: vest top %t", a.ArticleID, got)
		}
		for pass := range 2 { // computed, then memoized
			for _, w := range []string{"long", "short"} {
				if got, want := f.garmentLength(arts, d, w), garmentLength(a, w); got != want {
					t.Fatalf("article %s, pass %d: garment %s %t, want %t", a.ArticleID, pass, w, got, want)
				}
			}
		}
	}
	types := map[string][]int32{}
	details := map[string][]int32{}
	for d := range arts {
		types[arts[d].ProductTypeName] = append(types[arts[d].ProductTypeName], int32(d))
		for _, l := range query.DetailLabels() {
			if query.StatesDetail(&arts[d], l) {
				details[l] = append(details[l], int32(d))
			}
		}
	}
	for typ, want := range types {
		q := query.Query{Types: []string{typ}}
		if got, ok := f.seed(&q); !ok || !slices.Equal(slices.Concat(got...), want) {
			t.Fatalf("seed of %s: %d articles, want %d", typ, len(got), len(want))
		}
	}
	for l, want := range details {
		q := query.Query{Details: []string{l}}
		if got, ok := f.seed(&q); !ok || !slices.Equal(slices.Concat(got...), want) {
			t.Fatalf("seed of detail %s: %d articles, want %d", l, len(got), len(want))
		}
	}
	if got, ok := f.seed(&query.Query{Types: []string{"No such type"}}); !ok || len(slices.Concat(got...)) != 0 {
		t.Errorf("seed of an unknown type: %v %t", got, ok)
	}
}

func TestEmptyDesc(t *testing.T) {
	for _, c := range []struct {
		desc  string
		empty bool
	}{{"", true}, {" ", true}, {"  \t ", true}, {"Jersey top.", false}, {" Jersey top.", false}, {"\t", false}} {
		if got := emptyDesc(&catalog.Article{DetailDesc: c.desc}); got != c.empty {
			t.Errorf("emptyDesc(%q) = %t", c.desc, got)
		}
	}
}

// TestRequiredHoldsEveryHardMatch: the lists the seed scan narrows by hold
// every article that meets the hard facets, for requests with required
// details (some no article states), sections, index groups and index names
// (some unknown), and are the smallest of the candidates.
func TestRequiredHoldsEveryHardMatch(t *testing.T) {
	arts, f := demoFeatures(t)
	r := &Retriever{arts: arts, feat: f, vocab: query.NewVocab(arts)}
	labels := query.DetailLabels()
	rng := rand.New(rand.NewPCG(7, 8))
	pick := func(field func(a *catalog.Article) string) []string {
		out := []string{field(&arts[rng.IntN(len(arts))])}
		if rng.IntN(3) == 0 {
			out = append(out, field(&arts[rng.IntN(len(arts))]))
		}
		if rng.IntN(8) == 0 {
			out = append(out, "no such value")
		}
		return out
	}
	narrowed, matched := 0, 0
	for _, text := range []string{"a top", "a dress", "jeans", "a jacket", "a sweater", "shoes", "a shirt", "something", "a ribbed top",
		"a hooded jacket with pockets", "a top for men", "kids jeans", "nursing top", "a dress for women"} {
		base := r.Parse(text)
		for i := 0; i < 16; i++ {
			q := base
			q.Details = slices.Clone(base.Details)
			if i%2 == 0 {
				for range 1 + i%3 {
					q.Details = append(q.Details, labels[rng.IntN(len(labels))])
				}
			}
			if i == 14 {
				q.Details = append(q.Details, "no such detail")
			}
			if i%4 == 1 {
				q.Sections = pick(func(a *catalog.Article) string { return a.SectionName })
			}
			if i%3 == 1 {
				q.IndexGroups = pick(func(a *catalog.Article) string { return a.IndexGroupName })
			}
			if i%5 == 2 {
				q.IndexNames = pick(func(a *catalog.Article) string { return a.IndexName })
			}
			m := r.matcher(&q)
			lists, total, ok := m.required()
			hardDetails := m.hard&(1<<facetDetails) != 0
			hardDept := m.hard&(1<<facetDepartment) != 0
			if ok != (hardDetails || hardDept) {
				t.Fatalf("%q %+v: required ok %v, details hard %v, department hard %v", text, q, ok, hardDetails, hardDept)
			}
			if !ok {
				continue
			}
			narrowed++
			in := map[int32]bool{}
			n := 0
			for _, l := range lists {
				n += len(l)
				for _, d := range l {
					in[d] = true
				}
			}
			if n != total {
				t.Fatalf("%q: total %d, the lists hold %d", text, total, n)
			}
			if hardDept && len(q.Sections) > 0 {
				if s := f.union(query.AttrSection, q.Sections, nil); sum(s) < total {
					t.Errorf("%q: sections hold %d, picked %d", text, sum(s), total)
				}
			}
			for d := range arts {
				if m.hardMatch(d) {
					matched++
					if !in[int32(d)] {
						t.Fatalf("%q %v %v %v %v: article %d meets the hard facets but is not in the lists", text, q.Details, q.Sections, q.IndexGroups, q.IndexNames, d)
					}
				}
			}
		}
	}
	if narrowed == 0 || matched == 0 {
		t.Fatalf("the test exercised %d narrowed requests, %d matching articles", narrowed, matched)
	}
	t.Logf("%d narrowed requests, %d hard matches checked", narrowed, matched)
}

func sum(lists [][]int32) int {
	n := 0
	for _, l := range lists {
		n += len(l)
	}
	return n
}
