package outfit

import (
	"os"
	"testing"

	"github.com/stylistbot/stylist/catalog"
)

// realCatalog is the H&M catalog the embedded knowledge is written for
// (STYLIST_HM_ARTICLES overrides the path).
func realCatalog(t *testing.T) []catalog.Article {
	t.Helper()
	path := os.Getenv("STYLIST_HM_ARTICLES")
	if path == "" {
		path = "/work/shared/data/hm/articles.csv.gz"
	}
	if _, err := os.Stat(path); err != nil {
		t.Skipf("real catalog not available: %v", err)
	}
	c, _, err := catalog.LoadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return c.Articles
}

// Every value of the embedded knowledge files exists in the real catalog:
// a value that is neither there nor close to a catalog value would only be a
// warning at load time, so this test keeps the defaults honest.
func TestEmbeddedKnowledgeMatchesRealCatalog(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the real catalog")
	}
	k, err := Load("", NewVocabulary(realCatalog(t)))
	if err != nil {
		t.Fatal(err)
	}
	if len(k.Warnings) > 0 {
		t.Fatalf("values absent from the real catalog:\n%v", k.Warnings)
	}
}
