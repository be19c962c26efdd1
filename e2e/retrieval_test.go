package e2e

import (
	"context"
	"testing"

	"github.com/stylistbot/stylist/eval"
)

// The demo catalog, real embedder, real FAISS and the hybrid retriever must keep
// type precision high on requests of the kind the reference system got wrong.
func TestDemoTypePrecision(t *testing.T) {
	r := demoRetriever(t)
	qs := []eval.Query{
		{Q: "Please offer me items like: light yellow dress or skirt which suit for summer, best for dating with my boyfriend.", Types: []string{"Dress", "Skirt"}, ColourMaster: []string{"Yellow"}},
		{Q: "I want a black cool sweater with shiny decorations making me looks like a movie star.", Types: []string{"Sweater"}, ColourMaster: []string{"Black"}},
		{Q: "Do you have pure white T-shirt with cute patterns at back?", Types: []string{"T-shirt"}, ColourMaster: []string{"White"}},
		{Q: "Please offer me some choices of jackets which are waterproof.", Types: []string{"Jacket"}},
		{Q: "Jeans for women, tight.", Types: []string{"Trousers"}, IndexGroup: []string{"Ladieswear", "Divided"}},
		{Q: "Jogging sports trousers, easy to take off, light, breathable, sweat absorption.", Types: []string{"Trousers"}},
		{Q: "navy blazer", Types: []string{"Blazer"}},
		{Q: "hoodie for my boyfriend, not black", Types: []string{"Hoodie"}, IndexGroup: []string{"Menswear"}, ExcludeColourMaster: []string{"Black"}},
	}
	rep, err := eval.Run(context.Background(), r, qs, 5)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range rep.Queries {
		if q.TypePrecision < 0.8 {
			t.Errorf("type precision@5 %.2f for %q (items %v)", q.TypePrecision, q.Query.Q, q.Items)
		}
	}
	if rep.TypePrecision < 0.95 || rep.ZeroResults != 0 {
		t.Fatalf("mean type precision@5 %.3f, %d queries without results", rep.TypePrecision, rep.ZeroResults)
	}
}
