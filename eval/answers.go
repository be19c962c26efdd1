package eval

import (
	"context"

	"github.com/stylistbot/stylist/catalog"
	"github.com/stylistbot/stylist/rag"
)

// AnswerStats summarises full-chain answers (stylist eval --generate).
type AnswerStats struct {
	Answers        int     `json:"answers"`
	Grounded       float64 `json:"grounded"`        // share of answers whose every item is a catalog article
	CountRespected float64 `json:"count_respected"` // share with exactly the requested number of items
	FellBack       float64 `json:"fell_back"`       // share answered retrieval-only
	DroppedIDs     int     `json:"dropped_ids"`     // invented ids removed by grounding, in all answers
	TypePrecision  float64 `json:"type_precision"`  // type precision of the answers' items, over queries with types
}

// Lookup finds catalog articles by id; *catalog.Catalog and *retrieve.Retriever implement it.
type Lookup interface {
	Article(id string) (catalog.Article, bool)
}

// RunAnswers asks rec every query and records grounding, count and fallback rates
// in rep.Answers. A query's expected count is its "count", else defaultCount.
func RunAnswers(ctx context.Context, rec rag.Recommender, qs []Query, defaultCount int, rep *Report) error {
	return runAnswers(ctx, rec, nil, qs, defaultCount, rep)
}

// RunAnswersChecked is RunAnswers that also checks every item against a catalog.
func RunAnswersChecked(ctx context.Context, rec rag.Recommender, cat Lookup, qs []Query, defaultCount int, rep *Report) error {
	return runAnswers(ctx, rec, cat, qs, defaultCount, rep)
}

func runAnswers(ctx context.Context, rec rag.Recommender, cat Lookup, qs []Query, defaultCount int, rep *Report) error {
	st := &AnswerStats{}
	var grounded, counted, fell, tp float64
	ntp := 0
	for _, q := range qs {
		a, err := rec.Recommend(ctx, rag.Request{Query: q.Q}, nil)
		if err != nil {
			return err
		}
		st.Answers++
		ok := true
		var arts []catalog.Article
		for _, it := range a.Items {
			art := catalog.Article{ArticleID: it.ArticleID, ProductTypeName: it.ProductTypeName}
			if cat != nil {
				var found bool
				if art, found = cat.Article(it.ArticleID); !found {
					ok = false
				}
			}
			arts = append(arts, art)
		}
		if ok {
			grounded++
		}
		want := defaultCount
		if q.Count > 0 {
			want = q.Count
		}
		if len(a.Items) == want {
			counted++
		}
		if a.RetrievalOnly {
			fell++
		}
		st.DroppedIDs += len(a.DroppedIDs)
		if len(q.Types) > 0 && len(arts) > 0 {
			tp += precision(arts, func(x *catalog.Article) bool { return typeMatch(q, x) })
			ntp++
		}
	}
	n := float64(st.Answers)
	if n > 0 {
		st.Grounded, st.CountRespected, st.FellBack = grounded/n, counted/n, fell/n
	}
	if ntp > 0 {
		st.TypePrecision = tp / float64(ntp)
	}
	rep.Answers = st
	return nil
}
