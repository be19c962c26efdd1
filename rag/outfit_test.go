package rag

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/stylistbot/stylist/catalog"
	"github.com/stylistbot/stylist/internal/ollamatest"
	"github.com/stylistbot/stylist/outfit"
	"github.com/stylistbot/stylist/query"
	"github.com/stylistbot/stylist/retrieve/retrievetest"
)

// wardrobe is a small catalog with every outfit slot for women and men.
func wardrobe() []catalog.Article {
	groups := map[string]string{"Dress": "Garment Full body", "Skirt": "Garment Lower body", "Trousers": "Garment Lower body",
		"Blouse": "Garment Upper body", "Shirt": "Garment Upper body", "T-shirt": "Garment Upper body", "Top": "Garment Upper body",
		"Blazer": "Garment Upper body", "Jacket": "Garment Upper body", "Coat": "Garment Upper body",
		"Pumps": "Shoes", "Heeled sandals": "Shoes", "Sneakers": "Shoes", "Boots": "Shoes", "Other shoe": "Shoes", "Sandals": "Shoes",
		"Bag": "Accessories", "Earring": "Accessories", "Tie": "Accessories", "Belt": "Accessories", "Necklace": "Accessories"}
	who := []struct {
		igroup string
		types  []string
	}{
		{"Ladieswear", []string{"Dress", "Skirt", "Trousers", "Blouse", "Top", "T-shirt", "Blazer", "Jacket", "Coat", "Pumps", "Heeled sandals", "Sneakers", "Boots", "Sandals", "Bag", "Earring", "Necklace", "Belt"}},
		{"Menswear", []string{"Trousers", "Shirt", "T-shirt", "Top", "Blazer", "Jacket", "Coat", "Other shoe", "Sneakers", "Boots", "Sandals", "Tie", "Belt", "Bag"}},
	}
	colours := [][2]string{{"Black", "Black"}, {"White", "White"}, {"Dark Blue", "Blue"}, {"Red", "Red"}, {"Beige", "Beige"}}
	var out []catalog.Article
	n := 0
	for _, w := range who {
		for _, t := range w.types {
			for ci, c := range colours {
				n++
				out = append(out, catalog.Article{ArticleID: fmt.Sprintf("%07d%03d", 8000000+n/2, ci), ProductCode: fmt.Sprintf("%07d", 8000000+n/2),
					ProdName: c[0] + " " + strings.ToLower(t), ProductTypeName: t, ProductGroupName: groups[t], ColourGroupName: c[0],
					PerceivedColourMasterName: c[1], PerceivedColourValueName: "Medium", IndexName: w.igroup, IndexGroupName: w.igroup,
					SectionName: w.igroup, DepartmentName: t, GraphicalAppearanceName: "Solid", DetailDesc: t + " for any occasion."})
			}
		}
	}
	return out
}

func outfitChain(t *testing.T, llmURL, model string) (*Chain, *outfit.Assembler) {
	t.Helper()
	return outfitChainAPI(t, llmURL, model, APIOllama)
}

// outfitChainAPI is outfitChain over a one-server pool speaking api.
func outfitChainAPI(t *testing.T, llmURL, model, api string) (*Chain, *outfit.Assembler) {
	t.Helper()
	arts := wardrobe()
	r := retrievetest.New(t, arts)
	k, err := outfit.Load("", outfit.NewVocabulary(arts))
	if err != nil {
		t.Fatal(err)
	}
	asm := outfit.New(r, arts, k)
	var opts []Option
	opts = append(opts, WithOutfits(asm))
	var c *Chain
	if llmURL == "" {
		c, err = New(r, nil, testPrompts(t), testConfig("none"), opts...)
	} else {
		cfg := testConfig(model)
		cfg.URL, cfg.API = llmURL, api
		m, merr := NewServerPool(cfg, &http.Client{})
		if merr != nil {
			t.Fatal(merr)
		}
		c, err = New(r, m, testPrompts(t), cfg, opts...)
	}
	if err != nil {
		t.Fatal(err)
	}
	return c, asm
}

func ids(items []Item) []string {
	var out []string
	for _, it := range items {
		out = append(out, it.ArticleID)
	}
	return out
}

func TestOutfitAnswerWithoutModel(t *testing.T) {
	c, _ := outfitChain(t, "", "")
	a, err := c.Recommend(context.Background(), Request{Query: "what should I wear to a wedding as a guest, I'm a man"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !a.RetrievalOnly || len(a.Outfits) != 1 || len(a.Items) != len(a.Outfits[0].Items) {
		t.Fatalf("answer %+v", a)
	}
	o := a.Outfits[0]
	if o.Title == "" || !strings.Contains(o.Rationale, "wedding") {
		t.Fatalf("title %q rationale %q", o.Title, o.Rationale)
	}
	slots := map[string]bool{}
	for _, it := range o.Items {
		slots[it.Slot] = true
		if it.IndexGroupName != "Menswear" || it.Reason == "" || strings.Contains(it.Reason, "you asked for") || !it.FromRetrieval {
			t.Errorf("item %+v", it)
		}
	}
	for _, s := range []string{"top", "bottom", "shoes", "accessory"} {
		if !slots[s] {
			t.Errorf("no %s in %v", s, slots)
		}
	}
	// Single-item requests keep the single-item answer.
	a, err = c.Recommend(context.Background(), Request{Query: "a red dress"}, nil)
	if err != nil || len(a.Outfits) != 0 || len(a.Items) == 0 || a.Items[0].ProductTypeName != "Dress" {
		t.Fatalf("single item: %v %+v", err, a)
	}
}

func TestOutfitFollowUps(t *testing.T) {
	c, _ := outfitChain(t, "", "")
	ctx := context.Background()
	first, err := c.Recommend(ctx, Request{Query: "an outfit for a party"}, nil)
	if err != nil || len(first.Outfits) != 1 {
		t.Fatal(err, first)
	}
	hist := []Turn{{Query: "an outfit for a party", ArticleIDs: ids(first.Items)}}
	ask := func(text string) *Answer {
		t.Helper()
		a, err := c.Recommend(ctx, Request{Query: text, History: hist}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if len(a.Outfits) == 0 {
			t.Fatalf("%q: no outfit: %+v", text, a)
		}
		return a
	}
	another := ask("show me another look")
	shown := map[string]bool{}
	for _, id := range ids(first.Items) {
		shown[id] = true
	}
	for _, it := range another.Items {
		if shown[it.ArticleID] {
			t.Errorf("another look repeats %s", it.ArticleID)
		}
	}
	for _, it := range ask("same but for a man").Items {
		if it.IndexGroupName != "Menswear" {
			t.Errorf("for a man: %s %s", it.IndexGroupName, it.ProductTypeName)
		}
	}
	for _, it := range ask("swap the shoes for sneakers").Items {
		if it.Slot == "shoes" && it.ProductTypeName != "Sneakers" {
			t.Errorf("shoes are %s", it.ProductTypeName)
		}
	}
	// "swap the shoes": other shoes, the rest of the look as it was.
	before := map[string]string{}
	for _, it := range first.Items {
		before[it.Slot] = it.ArticleID
	}
	same := 0
	for _, it := range ask("swap the shoes").Items {
		switch {
		case it.Slot == "shoes" && it.ArticleID == before["shoes"]:
			t.Errorf("swap the shoes kept the shoes %s", it.ArticleID)
		case it.Slot != "shoes" && it.ArticleID == before[it.Slot]:
			same++
		}
	}
	if same == 0 {
		t.Errorf("swapping the shoes changed every other piece too")
	}
	warmer := ask("make it warmer")
	hasOuter := false
	for _, it := range warmer.Items {
		hasOuter = hasOuter || it.Slot == "outer"
		if it.ProductTypeName == "Sandals" || it.ProductTypeName == "Heeled sandals" {
			t.Errorf("sandals when it is cold")
		}
	}
	if !hasOuter {
		t.Errorf("warmer look has no outer layer: %v", ids(warmer.Items))
	}
	// A fresh single-item request leaves the outfit thread.
	a, err := c.Recommend(ctx, Request{Query: "black boots", History: hist}, nil)
	if err != nil || len(a.Outfits) != 0 {
		t.Fatalf("single item after an outfit: %v %+v", err, a.Outfits)
	}
}

func TestGroundOutfits(t *testing.T) {
	_, asm := outfitChain(t, "", "")
	res, err := asm.Assemble(context.Background(), "an office outfit with trousers")
	if err != nil || len(res.Outfits) != 1 {
		t.Fatal(err)
	}
	look := res.Outfits[0]
	var shoes outfit.Item
	for _, it := range look.Items {
		if it.Slot == "shoes" {
			shoes = it
		}
	}
	var other catalog.Article // another shoes candidate
	for _, c := range res.Candidates["shoes"] {
		if c.Article.ArticleID != shoes.Article.ArticleID && c.Article.ProductCode != shoes.Article.ProductCode {
			other = c.Article
			break
		}
	}
	// the look's first two slots other than shoes and accessory
	var s1, s2 string
	for _, it := range look.Items {
		if it.Slot != "shoes" && it.Slot != "accessory" {
			if s1 == "" {
				s1 = it.Slot
			} else if s2 == "" {
				s2 = it.Slot
			}
		}
	}
	if s2 == "" {
		t.Fatalf("look %+v", look.Items)
	}
	var s2Cand string
	for _, c := range res.Candidates[s2] {
		if !inLook(look, c.Article.ArticleID) {
			s2Cand = c.Article.ArticleID
		}
	}
	ma := &modelOutfitAnswer{Outfits: []modelOutfit{{Title: "Sharp", Rationale: "Works.", Items: []modelSlotPiece{
		{Slot: "shoes", ArticleID: strings.TrimLeft(other.ArticleID, "0"), Reason: "Polished."}, // without leading zeros
		{Slot: s1, ArticleID: "0999999999", Reason: "invented"},
		{Slot: "accessory", ArticleID: s2Cand, Reason: "filed under the wrong slot"},
	}}}}
	out, dropped, picked, total := groundOutfits(ma, res, nil)
	if len(out) != 1 || total != len(look.Items) || len(dropped) != 1 || dropped[0] != "0999999999" {
		t.Fatalf("out %d total %d dropped %v", len(out), total, dropped)
	}
	got := map[string]Item{}
	for _, it := range out[0].Items {
		got[it.Slot] = it
	}
	if s := got["shoes"]; s.ArticleID != other.ArticleID || s.FromRetrieval || s.Reason != "Polished." {
		t.Errorf("shoes: %+v", s)
	}
	if b := got[s1]; !b.FromRetrieval || b.Reason == "" || b.ArticleID == "" {
		t.Errorf("an invented %s must be the assembly's: %+v", s1, b)
	}
	if x := got[s2]; x.ArticleID != s2Cand || x.FromRetrieval {
		t.Errorf("a %s candidate filed under another slot goes to the %s: %+v", s2, s2, x)
	}
	if picked != 2 || out[0].Title != "Sharp" {
		t.Errorf("picked %d title %q", picked, out[0].Title)
	}
}

// The tiny model writes the same value into every JSON string: with a shoes
// candidate's id, every piece it names is that id, so only the shoes are its
// choice and every other slot is filled from the assembly.
// Both protocols: Ollama's native API and its OpenAI-compatible /v1 (the
// nested outfit schema as response_format).
func TestRealOllamaOutfitPicksPerSlot(t *testing.T) {
	for _, api := range []string{APIOllama, APIOpenAI} {
		t.Run(api, func(t *testing.T) { testOutfitPicksPerSlot(t, api) })
	}
}

func testOutfitPicksPerSlot(t *testing.T, api string) {
	srv := ollamatest.Shared(t)
	base := srv.URL()
	if api == APIOpenAI {
		base += "/v1"
	}
	_, asm := outfitChain(t, "", "")
	res, err := asm.Assemble(context.Background(), "an outfit for the office")
	if err != nil || len(res.Outfits) == 0 {
		t.Fatal(err)
	}
	var want string
	for _, c := range res.Candidates["shoes"] {
		if !inLook(res.Outfits[0], c.Article.ArticleID) {
			want = c.Article.ArticleID
			break
		}
	}
	srv.CreateTinyModelWith(t, "tiny-shoes", ollamatest.TinyOptions{JSONValue: want})
	c, _ := outfitChainAPI(t, base, "tiny-shoes", api)
	a, err := c.Recommend(context.Background(), Request{Query: "an outfit for the office"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if a.RetrievalOnly || len(a.Outfits) != 1 {
		t.Fatalf("want a model answer: %+v", a)
	}
	for _, it := range a.Outfits[0].Items {
		switch {
		case it.Slot == "shoes" && (it.ArticleID != want || it.FromRetrieval):
			t.Errorf("the model's shoes were not kept: %+v", it)
		case it.Slot != "shoes" && !it.FromRetrieval:
			t.Errorf("%s must come from the assembly: %+v", it.Slot, it)
		}
	}
	if len(a.DroppedIDs) != 0 || !strings.Contains(strings.Join(a.Notices, " "), "picked 1 of") {
		t.Errorf("dropped %v notices %v", a.DroppedIDs, a.Notices)
	}
	// The default tiny model invents every id: all dropped, the assembled outfit answers.
	c, _ = outfitChainAPI(t, base, ollamatest.TinyModel, api)
	a, err = c.Recommend(context.Background(), Request{Query: "an outfit for the office"}, nil)
	if err != nil || len(a.Outfits) != 1 || len(a.DroppedIDs) == 0 {
		t.Fatalf("%v %+v", err, a)
	}
	for _, it := range a.Outfits[0].Items {
		if !it.FromRetrieval {
			t.Errorf("invented pick kept: %+v", it)
		}
	}
}

func inLook(o outfit.Outfit, id string) bool {
	for _, it := range o.Items {
		if it.Article.ArticleID == id {
			return true
		}
	}
	return false
}

func TestFitOutfitBudget(t *testing.T) {
	_, asm := outfitChain(t, "", "")
	res, err := asm.Assemble(context.Background(), "2 outfit ideas for a party") // two accessories a look
	if err != nil || len(res.Outfits) != 2 || res.Plan.Accessories != 2 {
		t.Fatal(err, res.Plan)
	}
	d := outfitPromptData(res)
	assembled := map[string]bool{}
	for _, o := range res.Outfits {
		for _, it := range o.Items {
			assembled[it.Article.ArticleID] = true
		}
	}
	fitOutfitBudget(d, assembledPerSlot(res), 0) // nothing fits: shortest descriptions, fewest candidates
	shown := map[string]bool{}
	for _, s := range d.Slots {
		if len(s.Items) > max(1, assembledPerSlot(res)[s.Name]) {
			t.Errorf("slot %s keeps %d candidates", s.Name, len(s.Items))
		}
		for _, it := range s.Items {
			shown[it.ArticleID] = true
			if it.Desc != "" {
				t.Errorf("description kept: %q", it.Desc)
			}
		}
	}
	for id := range assembled {
		if !shown[id] {
			t.Errorf("assembled piece %s dropped from the prompt", id)
		}
	}
}

// TestOutfitFollowUpAudience: who the looks are for carries across outfit
// follow-ups (query.Audience) unless a turn says it.
func TestOutfitFollowUpAudience(t *testing.T) {
	_, asm := outfitChain(t, "", "")
	cases := []struct {
		first, next string
		want        query.Who
		bands       []string
	}{
		{"an outfit for my daughter, she is 8, for a school party", "make it warmer", query.WhoChildren, []string{query.BandKids}},
		{"an outfit for my daughter, she is 8, for a school party", "something more formal", query.WhoChildren, []string{query.BandKids}},
		{"an outfit for my daughter, she is 8, for a school party", "now for my boyfriend", query.WhoMen, nil},
		{"what should I wear to a party, I'm a guy", "make it warmer", query.WhoMen, nil},
		{"what should I wear to a party", "same but for a man", query.WhoMen, nil},
		{"what should I wear to a party", "make it warmer", query.WhoAdult, nil},
	}
	for _, c := range cases {
		t.Run(c.first+" / "+c.next, func(t *testing.T) {
			prev, ok := asm.Parse(c.first)
			if !ok {
				t.Fatalf("%q is no outfit request", c.first)
			}
			r, ok := followOutfit(asm, &prev, c.next)
			if !ok {
				t.Fatalf("%q is no outfit follow-up", c.next)
			}
			if a := r.Query.Audience; a.Who != c.want || !slices.Equal(a.Bands, c.bands) {
				t.Errorf("audience %v, want %s %v", a, c.want, c.bands)
			}
		})
	}
}
