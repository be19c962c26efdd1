package bench

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/stylistbot/stylist/catalog"
)

// Query kinds.
const (
	KindSeed    = "seed"    // a hand-written request (Options.SeedQueries or BuiltinSeeds)
	KindVariant = "variant" // a request generated from templates and the catalog's vocabulary
	KindCatalog = "catalog" // a request made from a random article's name, type, colour or description
)

// Query is one benchmark query.
type Query struct {
	Text string `json:"text"`
	Kind string `json:"kind"`
}

// BuiltinSeeds are the seed requests used when Options.SeedQueries is empty
// (cmd/stylist passes the "q" strings of eval/testdata/dev.jsonl instead).
var BuiltinSeeds = []string{
	"a light yellow summer dress", "black sweater", "navy blazer for the office",
	"red dress for a wedding party", "men's white shirt", "hoodie for my boyfriend, not black",
	"grey jumper, something cosy for winter", "beige trench coat", "white sneakers",
	"trainers for running", "swim shorts for men", "kids pyjamas", "blue jeans for men",
	"black leggings for yoga", "wool scarf for cold days", "ankle boots in black",
	"denim shorts for summer", "striped t-shirt", "a floral blouse", "top 3 skirts for the office",
}

var (
	adjectives = []string{"light", "dark", "cosy", "summer", "warm", "casual", "elegant", "cheap", "striped",
		"floral", "oversized", "slim", "soft", "cotton", "knitted", "short", "long", "basic", "sporty", "vintage"}
	occasions = []string{"for a wedding", "for the office", "for the beach", "for running", "for winter",
		"for a party", "for school", "for a date", "for holidays", "to wear at home"}
	templates = []string{
		"%[1]s %[2]s %[3]s",
		"a %[2]s %[3]s %[4]s",
		"show me %[6]d %[3]s for %[5]s",
		"%[3]s %[4]s, not %[2]s",
		"I need a %[1]s %[3]s for %[5]s",
		"do you have %[1]s %[3]s in %[2]s?",
		"%[5]s %[3]s, %[1]s and %[2]s",
		"something %[1]s %[4]s",
	}
)

// MakeQueries returns n deterministic queries: the seeds first, then template
// variants over the catalog's colours, product types and index groups, until
// half of n; the other half are catalog-derived (a random article's name,
// type and colour, or the start of its description).
func MakeQueries(arts []catalog.Article, seeds []string, n int, seed uint64) []Query {
	if n <= 0 {
		return nil
	}
	r := rand.New(rand.NewPCG(seed, 0xbe4c))
	out := make([]Query, 0, n)
	realistic := (n + 1) / 2
	if len(arts) == 0 {
		realistic = n
	}
	for _, s := range seeds {
		if s = strings.TrimSpace(s); s != "" && len(out) < realistic {
			out = append(out, Query{Text: s, Kind: KindSeed})
		}
	}
	cat := catalog.New(arts)
	colours := lower(top(cat.Values(catalog.ColPerceivedColourMasterName), 15))
	types := lower(top(cat.Values(catalog.ColProductTypeName), 60))
	groups := lower(top(cat.Values(catalog.ColIndexGroupName), 6))
	if len(colours) == 0 || len(types) == 0 || len(groups) == 0 {
		colours, types, groups = []string{"black"}, []string{"dress"}, []string{"women"}
	}
	for len(out) < realistic {
		t := templates[r.IntN(len(templates))]
		text := fmt.Sprintf(t, pick(r, adjectives), pick(r, colours), pick(r, types), pick(r, occasions), pick(r, groups), 2+r.IntN(4))
		out = append(out, Query{Text: text, Kind: KindVariant})
	}
	for len(out) < n {
		a := &arts[r.IntN(len(arts))]
		var text string
		switch r.IntN(4) {
		case 0:
			text = a.ProdName
		case 1:
			text = a.ColourGroupName + " " + a.ProductTypeName
		case 2:
			text = a.ProdName + " " + a.IndexName
		default:
			text = firstWords(a.DetailDesc, 6+r.IntN(6))
		}
		text = strings.ToLower(strings.Join(strings.Fields(text), " "))
		if text == "" {
			text = strings.ToLower(a.ProductTypeName)
		}
		out = append(out, Query{Text: text, Kind: KindCatalog})
	}
	return out
}

// CountKinds returns how many queries there are of each kind.
func CountKinds(qs []Query) map[string]int {
	m := map[string]int{}
	for _, q := range qs {
		m[q.Kind]++
	}
	return m
}

// placeholders are catalog values that are not words a shopper would type.
var placeholders = []string{"unknown", "undefined", "other", "-1"}

func top(vs []string, n int) []string { return vs[:min(n, len(vs))] }

func lower(vs []string) []string {
	out := make([]string, 0, len(vs))
	for _, v := range vs {
		v = strings.ToLower(strings.TrimSpace(v))
		if v != "" && !slices.Contains(out, v) && !slices.Contains(placeholders, v) {
			out = append(out, v)
		}
	}
	return out
}

func pick(r *rand.Rand, vs []string) string { return vs[r.IntN(len(vs))] }

func firstWords(s string, n int) string {
	f := strings.Fields(s)
	return strings.Join(f[:min(n, len(f))], " ")
}
