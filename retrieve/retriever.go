package retrieve

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/stylistbot/stylist/catalog"
	"github.com/stylistbot/stylist/index/faiss"
	"github.com/stylistbot/stylist/internal/confcheck"
	"github.com/stylistbot/stylist/query"
)

// Config tunes hybrid retrieval: the "retrieve" section of the configuration file
// (koanf tags name the keys; Params come from the "index" section).
type Config struct {
	Candidates    int                `koanf:"candidates"`     // ANN and lexical candidates each
	K             int                `koanf:"k"`              // results of a search that does not say how many (stylist search)
	LexicalWeight float32            `koanf:"lexical_weight"` // weight of the normalised BM25 score
	DedupeProduct bool               `koanf:"dedupe_product"` // at most one article per product_code unless a colour was asked for
	MMRLambda     float32            `koanf:"mmr_lambda"`     // 0 = off; else maximal marginal relevance trade-off
	Params        faiss.SearchParams `koanf:"-"`              // ANN parameters (index.ef_search, index.nprobe, index.k_factor_rf)
}

// DefaultConfig returns the defaults of configs/default.yaml.
func DefaultConfig() Config {
	return Config{Candidates: 200, K: 10, LexicalWeight: 0.5, DedupeProduct: true}
}

// Validate reports every invalid key (relative to the "retrieve" section) as a
// *confcheck.ConfigError.
func (c Config) Validate() error {
	var v confcheck.Checker
	v.Between("k", c.K, 0, 200)
	v.Check("candidates", c.Candidates >= max(1, c.K) && c.Candidates <= 10000,
		fmt.Sprintf("is %d, must be >= k (%d) and <= 10000", c.Candidates, c.K))
	v.FloatBetween("lexical_weight", float64(c.LexicalWeight), 0, 10)
	v.FloatBetween("mmr_lambda", float64(c.MMRLambda), 0, 1)
	return v.Err()
}

// ANN is the vector search the retriever needs; *index.Index implements it.
type ANN interface {
	// Articles returns the indexed articles; position i is ANN id i.
	Articles() []catalog.Article
	// SearchText embeds text and returns positions and similarities, best first.
	SearchText(ctx context.Context, text string, k int, p faiss.SearchParams) ([]int, []float32, error)
}

// Timings breaks a search down by stage.
type Timings struct {
	Understand, ANN, Lexical, Rerank time.Duration
}

// Retriever answers fashion requests with catalog articles. Safe for concurrent use.
type Retriever struct {
	ann   ANN
	arts  []catalog.Article
	vocab *query.Vocab
	bm25  *BM25
	feat  *features
	byID  map[string]int
	cfg   atomic.Pointer[Config]
	memo  *memo
	cands candSets

	masksPool sync.Pool // *[]bool seed masks (seedMask)
}

// New builds the lexical and attribute indexes over ann's articles; texts are the
// articles' chunk texts (same order).
func New(ann ANN, texts []string, cfg Config) (*Retriever, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	arts := ann.Articles()
	if len(texts) != len(arts) {
		return nil, fmt.Errorf("retrieve: %d texts for %d articles", len(texts), len(arts))
	}
	return NewWithBM25(ann, NewBM25(texts), cfg)
}

// NewWithBM25 is New with a lexical index built earlier (UnmarshalBM25 of the
// index directory's BM25File), which saves tokenizing the catalog at start-up.
func NewWithBM25(ann ANN, bm *BM25, cfg Config) (*Retriever, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	arts := ann.Articles()
	if bm == nil || len(bm.docLen) != len(arts) {
		return nil, fmt.Errorf("retrieve: the BM25 index does not cover the %d articles", len(arts))
	}
	if len(arts) >= maxRankDocs {
		return nil, fmt.Errorf("retrieve: %d articles, at most %d can be indexed", len(arts), maxRankDocs-1)
	}
	if !StoresDetails(ann) {
		arts = withDetails(arts)
	}
	feat, err := buildFeatures(arts)
	if err != nil {
		return nil, err
	}
	r := &Retriever{ann: ann, arts: arts, vocab: query.NewVocab(arts), bm25: bm, feat: feat, memo: newMemo(arts), cands: candSets{n: len(arts), products: feat.products}}
	r.byID = make(map[string]int, len(arts))
	for i := range arts {
		r.byID[arts[i].ArticleID] = i
	}
	r.cfg.Store(&cfg)
	return r, nil
}

// SetConfig swaps the configuration atomically; searches in flight keep the old one.
func (r *Retriever) SetConfig(c Config) error {
	if err := c.Validate(); err != nil {
		return err
	}
	r.cfg.Store(&c)
	return nil
}

// Config returns the current configuration.
func (r *Retriever) Config() Config { return *r.cfg.Load() }

// Vocab returns the query vocabulary built from the catalog.
func (r *Retriever) Vocab() *query.Vocab { return r.vocab }

// Article returns the article with id, if indexed.
func (r *Retriever) Article(id string) (catalog.Article, bool) {
	i, ok := r.byID[id]
	if !ok {
		return catalog.Article{}, false
	}
	return r.arts[i], true
}

// Search parses text and returns the k best articles.
func (r *Retriever) Search(ctx context.Context, text string, k int) (*Result, error) {
	res, _, err := r.SearchTimed(ctx, text, k)
	return res, err
}

// SearchTimed is Search with a per-stage breakdown.
func (r *Retriever) SearchTimed(ctx context.Context, text string, k int) (*Result, Timings, error) {
	var tm Timings
	t0 := time.Now()
	q := r.vocab.Parse(text)
	tm.Understand = time.Since(t0)
	res, err := r.SearchQuery(ctx, q, k, &tm)
	return res, tm, err
}

// SearchQuery ranks articles for an already parsed query.
func (r *Retriever) SearchQuery(ctx context.Context, q query.Query, k int, tm *Timings) (*Result, error) {
	return r.searchQuery(ctx, q, k, tm, *r.cfg.Load())
}

func (r *Retriever) searchQuery(ctx context.Context, q query.Query, k int, tm *Timings, cfg Config) (*Result, error) {
	if q.Gift { // a gift that names no item: gift ideas (gift.go)
		return r.searchGift(ctx, q, k, tm, cfg)
	}
	return r.searchQueryEmbed(ctx, q, embedText(q), k, tm, cfg)
}

// searchQueryEmbed is searchQuery with the text the embedder sees.
func (r *Retriever) searchQueryEmbed(ctx context.Context, q query.Query, embed string, k int, tm *Timings, cfg Config) (*Result, error) {
	if tm == nil {
		tm = &Timings{}
	}
	res := &Result{Query: q.Text, Count: q.Count, Hits: []Hit{}, Parsed: q}
	if k <= 0 {
		return res, nil
	}
	if q.NothingClose() { // "ski boots", "a new phone": nothing H&M sells is close
		res.Notices = append(res.Notices, q.LimitNotice(false))
		return res, nil
	}
	if len(q.Parts) > 1 {
		return r.searchParts(ctx, q, k, tm)
	}
	av := r.memo.view(q.Audience)
	cands := r.cands.get()
	defer r.cands.put(cands) // after the hits are built: they read the candidates

	// The ANN searches only the articles that can rank for the audience (all
	// of them when it is relaxed: "a bib" shows children's bibs), so the pool
	// holds the audience's nearest articles rather than whatever is nearest.
	relax := q.Audience.Evidence == query.EvidenceDefault && !r.audienceHasKind(&q, av)
	params := cfg.Params
	if av != nil && !relax {
		params.Allow = av.onAudience()
	}
	// The lexical stage's BM25 top-k does not depend on the ANN's results.
	// When its terms have many postings it runs on a second goroutine while
	// the ANN searches (two cores: the path's wall time is the longer of the
	// two, not their sum); a cheap one runs after the ANN on this goroutine,
	// which costs less than handing it over and competing with the ANN for
	// the cores and the cache.
	sbuf := scoredPool.Get().(*[]Scored)
	defer scoredPool.Put(sbuf)
	terms := dedupe(lexTerms(q))
	var (
		scored, lexTop []Scored
		hi             float32 // the highest BM25 score
		lexTime        time.Duration
	)
	lexical := func() {
		t := time.Now()
		scored, hi = r.bm25.accumulate(*sbuf, terms)
		lexTop = topKBelow(scored, hi, cfg.Candidates, nil)
		lexTime = time.Since(t)
	}
	var lexDone chan struct{}
	if r.bm25.postingsOf(terms) >= overlapPostings {
		lexDone = make(chan struct{})
		go func() {
			defer close(lexDone)
			lexical()
		}()
	}
	t0 := time.Now()
	ids, sims, err := r.ann.SearchText(ctx, embed, cfg.Candidates, params)
	tm.ANN = time.Since(t0)
	if lexDone != nil {
		<-lexDone // before any return: the goroutine writes into *sbuf
	} else if err == nil {
		lexical()
	}
	*sbuf = scored
	if err != nil {
		return nil, err
	}
	for i, d := range ids {
		c := cands.get(d)
		c.vec, c.inANN = sims[i], true
	}

	t1 := time.Now()
	for _, s := range lexTop {
		cands.get(s.Doc).lex = s.Score
	}
	// When ANN and BM25 found fewer than k articles that satisfy every hard
	// constraint, scan the attribute postings so that a rare combination is found
	// even when neither ranked it high.
	m := r.matcher(&q)
	seed, constrained := r.feat.seed(&q)
	constrained = constrained || len(q.NotDetails) > 0
	if constrained && r.fullCount(cands, m, k, av) < k {
		mask := r.seedMask()
		defer r.putSeedMask(mask, seed)
		// When the request requires details or a department, only the
		// articles that state the rarest detail (or are of the department)
		// can fit: the others are passed over with one load instead of the
		// facet tests (a broad type has tens of thousands of articles, a
		// detail or a section usually far fewer).
		has, narrow := r.narrowMask(m, seed)
		n := 0
		for _, l := range seed {
			for _, d := range l {
				if !mask[d] && (has == nil || has[d]) && r.fits(m, int(d), av) && !m.ruledOut(int(d)) {
					mask[d] = true
					n++
				}
			}
		}
		if has != nil {
			r.putSeedMask(has, narrow)
		}
		if n > 0 {
			added := 0
			for _, s := range topKBelow(scored, hi, cfg.Candidates, mask) {
				cands.get(s.Doc).lex = s.Score
				added++
			}
		more:
			for _, l := range seed {
				for _, d := range l {
					if added >= k*4 {
						break more
					}
					if mask[d] && !cands.has(int(d)) {
						cands.get(int(d))
						added++
					}
				}
			}
		}
	}
	r.fillAudience(cands, scored, hi, m, k, cfg, av)
	tm.Lexical = lexTime + time.Since(t1)

	t2 := time.Now()
	ranked := r.balanceTypes(r.rerank(cands, m, cfg, av, relax), &q)
	colourAsked := facets[facetColour].asked(&q)
	ranked = r.diversify(cands, ranked, k, cfg.DedupeProduct && !colourAsked, cfg.MMRLambda)
	res.Hits = make([]Hit, 0, len(ranked))
	for _, c := range ranked {
		res.Hits = append(res.Hits, Hit{Article: r.arts[c.doc], Score: c.score, Matched: matchedLabels(c, &q, &r.arts[c.doc]), Missing: hitMissing(missingNames(c), &q, &r.arts[c.doc]), OffAudience: c.off})
	}
	r.explainRelaxation(res, &q, constrained, k)
	if n := q.LimitNotice(len(res.Hits) > 0); n != "" {
		res.Notices = append([]string{n}, res.Notices...)
	}
	res.Notices = append(res.Notices, res.AudienceNotices(k)...)
	tm.Rerank = time.Since(t2)
	return res, nil
}

// overlapPostings is the lexical work (postings of the request's terms)
// from which the lexical stage runs beside the ANN rather than after it:
// about 100-150 µs of accumulation and selection, more than a hand-over
// costs. Half the requests stay under it (the median has about 9,000
// postings); long descriptions ("short-sleeved top in soft cotton jersey")
// have up to 190,000.
const overlapPostings = 32 << 10

// scoredPool holds the per-search BM25 score buffers.
var scoredPool = sync.Pool{New: func() any { return new([]Scored) }}

// seedMask returns an all-false mask over the articles (one per article,
// reused across searches: 105 KB for the catalog).
func (r *Retriever) seedMask() []bool {
	if m, ok := r.masksPool.Get().(*[]bool); ok && len(*m) == len(r.arts) {
		return *m
	}
	return make([]bool, len(r.arts))
}

// putSeedMask clears the entries a search set (only seed articles are ever
// set) and keeps the mask for the next search.
func (r *Retriever) putSeedMask(m []bool, seed [][]int32) {
	for _, l := range seed {
		for _, d := range l {
			m[d] = false
		}
	}
	r.masksPool.Put(&m)
}

// fullCount counts the distinct products among the candidates that satisfy
// every hard constraint, stopping at k.
func (r *Retriever) fullCount(cands *candSet, m *matcher, k int, av *audienceView) int {
	products := make([]int32, 0, k) // colourways of one product are one answer after deduplication
	for i := range cands.list {
		if d := cands.list[i].doc; r.fits(m, d, av) && !m.ruledOut(d) && !slices.Contains(products, r.feat.art[d].product) {
			if products = append(products, r.feat.art[d].product); len(products) >= k {
				break
			}
		}
	}
	return len(products)
}

// embedText is what the embedder sees: the request plus the canonical catalog values it names.
func embedText(q query.Query) string {
	text := q.Text
	if q.Search != "" { // corrected or translated
		text = q.Search
	}
	parts := []string{text}
	parts = append(parts, q.Types...)
	parts = append(parts, q.Colours...)
	return strings.Join(parts, " ")
}

// lexTerms are the BM25 terms: the request's content words and canonical values, minus negated ones.
func lexTerms(q query.Query) []string {
	var b strings.Builder
	b.WriteString(strings.Join(q.Terms, " "))
	for _, vs := range [][]string{q.Types, q.Colours, q.Soft, q.Appearances} {
		b.WriteByte(' ')
		b.WriteString(strings.Join(vs, " "))
	}
	return Tokens(b.String())
}

// Parse runs query understanding with the catalog's vocabulary.
func (r *Retriever) Parse(text string) query.Query { return r.vocab.Parse(text) }

// NewWithTemplate is New with the chunk texts rendered from ann's articles by
// the text template the index was built with ("" = catalog.DefaultTextTemplate).
func NewWithTemplate(ann ANN, tmpl string, cfg Config) (*Retriever, error) {
	if tmpl == "" {
		tmpl = catalog.DefaultTextTemplate
	}
	text, err := catalog.NewText(tmpl)
	if err != nil {
		return nil, err
	}
	arts := ann.Articles()
	texts := make([]string, len(arts))
	for i := range arts {
		texts[i] = text.Render(arts[i])
	}
	return New(ann, texts, cfg)
}
