package rag

import (
	"context"

	"github.com/tmc/langchaingo/schema"

	"github.com/stylistbot/stylist/catalog"
)

// DocRetriever exposes our retrieval as a langchaingo schema.Retriever, so the
// catalog can be used by any langchaingo chain. Each document's PageContent is the
// article's chunk text and its Metadata carries the article and the match details.
type DocRetriever struct {
	Retrieval Retrieval
	Text      *catalog.Text // chunk text; nil = catalog.DefaultText()
	K         int           // documents per query (default 20)
}

var _ schema.Retriever = DocRetriever{}

// GetRelevantDocuments implements schema.Retriever.
func (r DocRetriever) GetRelevantDocuments(ctx context.Context, q string) ([]schema.Document, error) {
	k := r.K
	if k <= 0 {
		k = 20
	}
	text := r.Text
	if text == nil {
		text = catalog.DefaultText()
	}
	res, err := r.Retrieval.SearchQuery(ctx, r.Retrieval.Parse(q), k, nil)
	if err != nil {
		return nil, err
	}
	docs := make([]schema.Document, 0, len(res.Hits))
	for _, h := range res.Hits {
		docs = append(docs, schema.Document{
			PageContent: text.Render(h.Article),
			Score:       h.Score,
			Metadata:    map[string]any{"article_id": h.Article.ArticleID, "article": h.Article, "matched": h.Matched},
		})
	}
	return docs, nil
}
