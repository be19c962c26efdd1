package rag

import (
	"context"

	"github.com/tmc/langchaingo/callbacks"
	"github.com/tmc/langchaingo/schema"

	"github.com/stylistbot/stylist/catalog"
	"github.com/stylistbot/stylist/query"
	"github.com/stylistbot/stylist/retrieve"
)

// metaHit is the Metadata key of the retrieve.Hit behind a document.
const metaHit = "hit"

// Retriever is the chain's retrieval step as a langchaingo schema.Retriever. The
// chain retrieves through it (with the query it understood, history included),
// and any langchaingo chain can use it with plain text. Each document's
// PageContent is the article's chunk text; its Metadata carries "article_id",
// "article" (catalog.Article), "matched" and "hit" (retrieve.Hit, see HitOf).
type Retriever struct {
	ret  Retrieval
	text *catalog.Text
	k    int
	cb   callbacks.Handler // told about every retrieval; nil = none
}

var _ schema.Retriever = (*Retriever)(nil)

// NewRetriever wraps ret. text renders PageContent (nil = catalog.DefaultText());
// k is the number of documents GetRelevantDocuments returns (<= 0 means 20).
func NewRetriever(ret Retrieval, text *catalog.Text, k int) *Retriever {
	if text == nil {
		text = catalog.DefaultText()
	}
	if k <= 0 {
		k = 20
	}
	return &Retriever{ret: ret, text: text, k: k}
}

// GetRelevantDocuments implements schema.Retriever: q is understood the way the
// chain understands a request, then searched.
func (r *Retriever) GetRelevantDocuments(ctx context.Context, q string) ([]schema.Document, error) {
	docs, _, err := r.search(ctx, r.ret.Parse(q), r.k, r.cb)
	return docs, err
}

// search retrieves k documents for q and reports the retrieval to cb.
func (r *Retriever) search(ctx context.Context, q query.Query, k int, cb callbacks.Handler) ([]schema.Document, *retrieve.Result, error) {
	if cb != nil {
		cb.HandleRetrieverStart(ctx, q.Text)
	}
	res, err := r.ret.SearchQuery(ctx, q, k, nil)
	if err != nil {
		return nil, nil, err
	}
	docs := make([]schema.Document, 0, len(res.Hits))
	for _, h := range res.Hits {
		docs = append(docs, schema.Document{
			PageContent: r.text.Render(h.Article),
			Score:       h.Score,
			Metadata:    map[string]any{"article_id": h.Article.ArticleID, "article": h.Article, "matched": h.Matched, metaHit: h},
		})
	}
	if cb != nil {
		cb.HandleRetrieverEnd(ctx, q.Text, docs)
	}
	return docs, res, nil
}

// HitOf returns the retrieval hit a document of this Retriever carries.
func HitOf(d schema.Document) (retrieve.Hit, bool) {
	h, ok := d.Metadata[metaHit].(retrieve.Hit)
	return h, ok
}
