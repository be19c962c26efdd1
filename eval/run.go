package eval

import (
	"context"
	"math"
	"sort"
	"time"

	"github.com/stylistbot/stylist/catalog"
	"github.com/stylistbot/stylist/retrieve"
)

// Searcher is the retrieval the evaluation measures; *retrieve.Retriever implements it.
type Searcher interface {
	Search(ctx context.Context, text string, k int) (*retrieve.Result, error)
}

// QueryResult is the evaluation of one query.
type QueryResult struct {
	Query         Query         `json:"query"`
	Items         []string      `json:"items"` // article ids returned, in order
	TypePrecision float64       `json:"type_precision"`
	FullPrecision float64       `json:"full_precision"`
	NDCG          float64       `json:"ndcg"`
	Latency       time.Duration `json:"latency_ns"`
	Notices       []string      `json:"notices,omitempty"`
	// AudiencePrecision is the share of the top k for the expected audience.
	AudiencePrecision float64 `json:"audience_precision"`
	audienceHits      int     // items for the expected audience
	childHits         int     // children's items
}

// Report is the evaluation of a query set.
type Report struct {
	K             int            `json:"k"`
	Queries       []QueryResult  `json:"queries"`
	TypePrecision float64        `json:"type_precision"` // mean over queries with expected types
	FullPrecision float64        `json:"full_precision"` // mean over all queries
	NDCG          float64        `json:"ndcg"`
	ZeroResults   int            `json:"zero_results"`
	LatencyP50    time.Duration  `json:"latency_p50_ns"`
	LatencyP99    time.Duration  `json:"latency_p99_ns"`
	Answers       *AnswerStats   `json:"answers,omitempty"` // set by RunAnswers
	Audience      *AudienceStats `json:"audience,omitempty"`
}

// Run searches every query and scores the top k.
func Run(ctx context.Context, s Searcher, qs []Query, k int) (*Report, error) {
	rep := &Report{K: k}
	for _, q := range qs {
		t0 := time.Now()
		res, err := s.Search(ctx, q.Q, k)
		if err != nil {
			return nil, err
		}
		lat := time.Since(t0)
		items := make([]catalog.Article, 0, len(res.Hits))
		for _, h := range res.Hits {
			items = append(items, h.Article)
		}
		rep.Queries = append(rep.Queries, Score(q, items, k, lat, res.Notices))
	}
	rep.summarise()
	return rep, nil
}

// Score evaluates one query's returned items.
func Score(q Query, items []catalog.Article, k int, lat time.Duration, notices []string) QueryResult {
	if len(items) > k {
		items = items[:k]
	}
	r := QueryResult{Query: q, Latency: lat, Notices: notices, Items: make([]string, 0, len(items))}
	for _, a := range items {
		r.Items = append(r.Items, a.ArticleID)
	}
	r.TypePrecision = math.NaN()
	if len(q.Types) > 0 {
		r.TypePrecision = precision(items, func(a *catalog.Article) bool { return typeMatch(q, a) })
		if len(items) == 0 {
			r.TypePrecision = 0
		}
	}
	r.FullPrecision = precision(items, func(a *catalog.Article) bool { return fullMatch(q, a) })
	if len(items) == 0 {
		r.FullPrecision = 0
	}
	r.NDCG = ndcg(q, items, k)
	r.AudiencePrecision = precision(items, func(a *catalog.Article) bool { return audienceMatch(q, a) })
	if len(items) == 0 {
		r.AudiencePrecision = 0
	}
	for i := range items {
		if audienceMatch(q, &items[i]) {
			r.audienceHits++
		}
		if isChildArticle(&items[i]) {
			r.childHits++
		}
	}
	return r
}

func (rep *Report) summarise() {
	var tp, fp, nd float64
	var ntp int
	lats := make([]time.Duration, 0, len(rep.Queries))
	for _, q := range rep.Queries {
		if !math.IsNaN(q.TypePrecision) {
			tp += q.TypePrecision
			ntp++
		}
		fp += q.FullPrecision
		nd += q.NDCG
		if len(q.Items) == 0 {
			rep.ZeroResults++
		}
		lats = append(lats, q.Latency)
	}
	n := float64(len(rep.Queries))
	rep.TypePrecision = math.NaN()
	if ntp > 0 {
		rep.TypePrecision = tp / float64(ntp)
	}
	if n > 0 {
		rep.FullPrecision, rep.NDCG = fp/n, nd/n
	}
	rep.LatencyP50, rep.LatencyP99 = Percentile(lats, 50), Percentile(lats, 99)
	rep.summariseAudience()
}

// Percentile returns the p-th percentile (nearest rank) of ds.
func Percentile(ds []time.Duration, p float64) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := append([]time.Duration(nil), ds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	i := int(math.Ceil(p/100*float64(len(s)))) - 1
	return s[max(0, min(i, len(s)-1))]
}
