package outfit

import (
	"context"
	"fmt"
	"os"
	"testing"

	"github.com/stylistbot/stylist/embed"
	"github.com/stylistbot/stylist/index"
	"github.com/stylistbot/stylist/retrieve"
)

func TestDbg(t *testing.T) {
	q := os.Getenv("DBG_Q")
	if q == "" {
		t.Skip()
	}
	x, _ := index.Open(context.Background(), "/work/hm-index", index.OpenOptions{LoadEmbedder: embed.Loader(nil), SkipChecksum: true})
	r, _ := retrieve.NewWithTemplate(x, x.Manifest().TextTemplate, retrieve.DefaultConfig())
	k, _ := Load("", NewVocabulary(x.Articles()))
	a := New(r, x.Articles(), k)
	res, err := a.Assemble(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range res.Plan.Slots {
		fmt.Println("SLOT", s.Name, s.Types, s.ColourMasters, s.AvoidMasters)
		for _, c := range res.Candidates[s.Name] {
			fmt.Printf("   %.2f %s %s %s %s\n", c.Rel, c.Article.ArticleID, c.Article.ProductTypeName, c.Article.ColourGroupName, c.Article.ProdName)
		}
	}
	for _, o := range res.Outfits {
		fmt.Println(o.Title)
		for _, it := range o.Items {
			fmt.Println("   ", it.Slot, it.Article.ProductTypeName, it.Article.ColourGroupName, it.Article.ProdName)
		}
	}
	fmt.Println(res.Notices, res.Timings)
}

func TestDbgExplain(t *testing.T) {
	q := os.Getenv("DBG_Q")
	if q == "" {
		t.Skip()
	}
	x, _ := index.Open(context.Background(), "/work/hm-index", index.OpenOptions{LoadEmbedder: embed.Loader(nil), SkipChecksum: true})
	r, _ := retrieve.NewWithTemplate(x, x.Manifest().TextTemplate, retrieve.DefaultConfig())
	k, _ := Load("", NewVocabulary(x.Articles()))
	a := New(r, x.Articles(), k)
	res, _ := a.Assemble(context.Background(), q)
	for i := range res.Outfits {
		w, rs := res.Explain(i)
		fmt.Println(res.Outfits[i].Title, "\n  ", w)
		for _, x := range rs {
			fmt.Println("    -", x)
		}
	}
}
