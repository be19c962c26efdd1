package query

import (
	"strings"
	"testing"

	"github.com/stylistbot/stylist/catalog"
)

// No normalised phrase may appear in two curated rows: one would silently
// shadow or merge with the other. (Inside a row, singular and plural may
// both be listed for the reader.)
func TestSynonymPhrasesUnique(t *testing.T) {
	seen := map[string]int{}
	for i, s := range synonyms() {
		for _, p := range s.phrases {
			key := strings.Join(normPhrase(p), " ")
			if key == "" {
				t.Errorf("phrase %q normalises to nothing", p)
				continue
			}
			if prev, ok := seen[key]; ok && prev != i {
				t.Errorf("phrase %q (row %q) duplicates row %q", p, s.phrases[0], synonyms()[prev].phrases[0])
			}
			seen[key] = i
		}
	}
}

func TestNewVocabIgnoresAbsentValues(t *testing.T) {
	v := NewVocab([]catalog.Article{{ProductTypeName: "Dress", ProductGroupName: "Garment Full body"}})
	cases := []tcase{
		{"dress", ty("Dress")},
		{"skirt", want{terms: l("skirt")}}, // no Skirt: the word is just a term
		{"navy", want{terms: l("navy")}},   // no colours at all
		{"light yellow dress", want{Query: Query{Types: l("Dress")}, soft: l("lightweight")}}, // no colour: "light" is weight
		{"top 3 dresses, not skirts", want{Query: Query{Types: l("Dress"), Count: 3}}},
		{"for my boyfriend", want{}},
	}
	runTable(t, v, cases)
	if q := NewVocab(nil).Parse("a black dress for women"); q.HasConstraints() {
		t.Errorf("empty catalog gave constraints: %s", q)
	}
}

// Catalog values nobody curated still become phrases.
func TestCatalogValuesArePhrases(t *testing.T) {
	v := NewVocab([]catalog.Article{
		{ProductTypeName: "Kilt", ProductGroupName: "Garment Lower body"},
		{ProductTypeName: "Kilt wrap", ProductGroupName: "Garment Lower body"},
		{ColourGroupName: "Light Mauve", PerceivedColourMasterName: "Lilac Purple", PerceivedColourValueName: "Light"},
		{GraphicalAppearanceName: "Houndstooth weave"},
		{GarmentGroupName: "Jersey Fancy"},
		{ProductTypeName: "Unknown", ProductGroupName: "Unknown"},
		{GraphicalAppearanceName: "Check"},
	})
	cases := []tcase{
		{"kilts", ty("Kilt")},
		{"a kilt wrap", ty("Kilt wrap")},
		{"light mauve", want{Query: Query{Colours: l("Light Mauve"), ColourMasters: l("Lilac Purple"), ColourValues: l("Light")}}},
		{"houndstooth weave", want{Query: Query{Appearances: l("Houndstooth weave")}}},
		{"jersey fancy", want{Query: Query{GarmentGroups: l("Jersey Fancy")}}},
		{"unknown", want{}},
		{"check", want{}},
		{"checked", want{Query: Query{Appearances: l("Check")}}},
	}
	runTable(t, v, cases)
}

func TestVocabAccessors(t *testing.T) {
	v := testVocab()
	if !v.Has("Types", "Dress") || v.Has("Types", "Heels") || v.Has("Soft", "summer") || v.Has("Nope", "Dress") {
		t.Error("Has is wrong")
	}
	if g := v.ProductGroupOf("Sneakers"); g != "Shoes" {
		t.Errorf("ProductGroupOf(Sneakers) = %q", g)
	}
	if m := v.ColourMasterOf("Off White"); m != "White" {
		t.Errorf("ColourMasterOf(Off White) = %q", m)
	}
	if g := v.IndexGroupOf("Baby Sizes 50-98"); g != "Baby/Children" {
		t.Errorf("IndexGroupOf = %q", g)
	}
}

func TestParseConcurrent(t *testing.T) {
	v := testVocab()
	want := v.Parse(referenceCases[4].in).String()
	done := make(chan string)
	for range 8 {
		go func() {
			for range 50 {
				v.Parse(referenceCases[4].in)
			}
			done <- v.Parse(referenceCases[4].in).String()
		}()
	}
	for range 8 {
		if got := <-done; got != want {
			t.Fatalf("concurrent Parse = %q, want %q", got, want)
		}
	}
}
