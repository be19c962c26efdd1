package finetune

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/parquet-go/parquet-go"

	"github.com/stylistbot/stylist/catalog"
	"github.com/stylistbot/stylist/index/faiss"
	"github.com/stylistbot/stylist/outfit"
	"github.com/stylistbot/stylist/prompts"
	"github.com/stylistbot/stylist/rag"
	"github.com/stylistbot/stylist/retrieve"
)

// sampleRows are written for these tests in the dataset's schema (not copied from it).
// The last accessory of the second row is something no catalog sells.
var sampleRows = []StyleRow{
	{Input: "I am a tall man with broad shoulders and I like a classic, clean style.", Context: "Attending a summer wedding as a guest",
		Completion: "Outfit 1:\nTop: White linen shirt\nBottom: Dark blue trousers\nShoe: Brown leather shoes\nAccessories: Black leather belt\n\nOutfit 2:\nTop: Light blue shirt\nBottom: Beige trousers\nShoe: Black loafers\nAccessories: Silver watch"},
	{Input: "I'm a petite woman, curvy, and I love a romantic, feminine look.", Context: "A dinner date at a nice restaurant",
		Completion: "1. Top: Black blouse\n2. Bottom: Black skirt\n3. Shoe: Red heels\n4. Accessories: Gold earrings and a jewelled tiara with feathers"},
	{Input: "Student, sporty, likes comfort", Context: "Going to the gym",
		Completion: "Top: Grey t-shirt\nBottom: Black leggings\nShoe: White trainers"},
}

// noANN gives no vector candidates: retrieval is the real BM25, understanding and rerank.
type noANN struct{ arts []catalog.Article }

func (n noANN) Articles() []catalog.Article { return n.arts }
func (noANN) SearchText(context.Context, string, int, faiss.SearchParams) ([]int, []float32, error) {
	return nil, nil, nil
}

// demoChain is the real chain over the demo catalog, without a model, with the
// given options; it also returns the retriever and the articles.
func demoChainWith(t testing.TB, withOutfits bool) (*rag.Chain, *retrieve.Retriever, []catalog.Article) {
	t.Helper()
	cat, _, err := catalog.Demo()
	if err != nil {
		t.Fatal(err)
	}
	texts := make([]string, len(cat.Articles))
	for i, a := range cat.Articles {
		texts[i] = catalog.DefaultText().Render(a)
	}
	r, err := retrieve.New(noANN{cat.Articles}, texts, retrieve.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	ps, err := prompts.Load("")
	if err != nil {
		t.Fatal(err)
	}
	var opts []rag.Option
	if withOutfits {
		k, err := outfit.Load("", outfit.NewVocabulary(cat.Articles))
		if err != nil {
			t.Fatal(err)
		}
		opts = append(opts, rag.WithOutfits(outfit.New(r, cat.Articles, k)))
	}
	c, err := rag.New(r, nil, ps, rag.DefaultConfig(), opts...)
	if err != nil {
		t.Fatal(err)
	}
	return c, r, cat.Articles
}

// demoChain is the single-item chain over the demo catalog.
func demoChain(t testing.TB) (*rag.Chain, []catalog.Article) {
	c, _, arts := demoChainWith(t, false)
	return c, arts
}

func TestReadStyleInstructParquetAndJSONL(t *testing.T) {
	dir := t.TempDir()
	type hfRow struct { // Hugging Face writes nullable string columns
		Input      *string `parquet:"input,optional"`
		Context    *string `parquet:"context,optional"`
		Completion *string `parquet:"completion,optional"`
	}
	var rows []hfRow
	var jsonl strings.Builder
	for _, r := range sampleRows {
		rows = append(rows, hfRow{&r.Input, &r.Context, &r.Completion})
		jsonl.WriteString(`{"input": ` + quote(r.Input) + `, "context": ` + quote(r.Context) + `, "completion": ` + quote(r.Completion) + "}\n")
	}
	pq := filepath.Join(dir, "style.parquet")
	if err := parquet.WriteFile(pq, rows); err != nil {
		t.Fatal(err)
	}
	jl := filepath.Join(dir, "style.jsonl")
	if err := os.WriteFile(jl, []byte(jsonl.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{pq, jl} {
		got, err := ReadStyleInstruct(p)
		if err != nil {
			t.Fatal(err)
		}
		want := slices.Clone(sampleRows)
		for i := range want {
			want[i].Line = i + 1
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%s: got %+v", p, got)
		}
	}

	type wrongRow struct {
		Input  string `parquet:"input"`
		Output string `parquet:"output"`
	}
	bad := filepath.Join(dir, "bad.parquet")
	if err := parquet.WriteFile(bad, []wrongRow{{"a", "b"}}); err != nil {
		t.Fatal(err)
	}
	badJL := filepath.Join(dir, "bad.jsonl")
	os.WriteFile(badJL, []byte(`{"input":"a","context":"b","completion":"c"}`+"\n"+`{"input":"a","context":"b"}`+"\n"), 0o644)
	for path, want := range map[string]string{bad: `bad.parquet: no column "context"`, badJL: `bad.jsonl:2: no key "completion"`, filepath.Join(dir, "none.jsonl"): "no such file"} {
		if _, err := ReadStyleInstruct(path); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: err = %v, want %q", path, err, want)
		}
	}
}

func quote(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(`"`+strings.ReplaceAll(s, `"`, `\"`)+`"`, "\n", `\n`), "\t", `\t`)
}

func TestParseOutfits(t *testing.T) {
	got := ParseOutfits(sampleRows[0].Completion)
	if len(got) != 2 || len(got[0]) != 4 || got[0][2] != (OutfitLine{"shoes", "Brown leather shoes"}) || got[1][3] != (OutfitLine{"accessories", "Silver watch"}) {
		t.Fatalf("%+v", got)
	}
	got = ParseOutfits("Top: a\nBottom: b\nTop: c\nShoes: d")
	if len(got) != 2 || got[1][0].Text != "c" {
		t.Fatalf("a repeated slot starts a new outfit: %+v", got)
	}
	if got := ParseOutfits("Wear something nice."); len(got) != 0 {
		t.Fatalf("%+v", got)
	}
	if got := itemsOf(OutfitLine{"accessories", "Gold earrings, a belt and a watch."}); !reflect.DeepEqual(got, []string{"Gold earrings", "a belt", "a watch"}) {
		t.Fatalf("%q", got)
	}
}
