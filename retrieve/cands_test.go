package retrieve

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/stylistbot/stylist/catalog"
)

// rankOrder is the rerank's order as a comparison: articles for the audience
// first, then full matches, then higher scores, then lower positions.
func rankOrder(a, b *cand) int {
	if oa, ob := a.tier == tierOff, b.tier == tierOff; oa != ob {
		if ob {
			return -1
		}
		return 1
	}
	if a.full != b.full {
		if a.full {
			return -1
		}
		return 1
	}
	if a.score != b.score {
		if a.score > b.score {
			return -1
		}
		return 1
	}
	return cmp.Compare(a.doc, b.doc)
}

// TestSortRankedMatchesComparison: the key sort orders candidates exactly as
// the comparison does, with negative, zero (both signs), tied and huge scores.
func TestSortRankedMatchesComparison(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	scores := []float32{0, float32(math.Copysign(0, -1)), -0.6, -1.45, 0.3, 1.2, 1.2, 2.5, 1e-30, -1e-30, 3e8, -3e8}
	sets := &candSets{n: 5000}
	for round := range 200 {
		s := sets.get()
		n := rng.IntN(400)
		for _, d := range rng.Perm(5000)[:n] {
			c := s.get(d)
			c.tier, c.full = uint8(rng.IntN(3)), rng.IntN(2) == 0
			if rng.IntN(2) == 0 {
				c.score = scores[rng.IntN(len(scores))]
			} else {
				c.score = rng.Float32()*4 - 1
			}
		}
		got := make([]*cand, 0, n)
		for i := range s.list {
			got = append(got, &s.list[i])
		}
		want := slices.Clone(got)
		slices.SortFunc(want, rankOrder)
		s.sortRanked(got)
		for i := range got {
			if got[i] != want[i] {
				t.Fatalf("round %d, rank %d: doc %d (tier %d full %t score %g), want doc %d (tier %d full %t score %g)", round, i,
					got[i].doc, got[i].tier, got[i].full, got[i].score, want[i].doc, want[i].tier, want[i].full, want[i].score)
			}
		}
		sets.put(s)
	}
}

// TestCandSet: get adds once and returns the same candidate, has sees it, and
// a set put back and taken again is empty.
func TestCandSet(t *testing.T) {
	sets := &candSets{n: 10}
	s := sets.get()
	s.get(7).lex = 2
	s.get(3)
	if c := s.get(7); c.lex != 2 || len(s.list) != 2 || !s.has(3) || s.has(4) {
		t.Fatalf("set %+v", s.list)
	}
	sets.put(s)
	s = sets.get()
	for d := range 10 {
		if s.has(d) {
			t.Fatalf("article %d still a candidate after put", d)
		}
	}
	if len(s.list) != 0 {
		t.Fatalf("list %+v after put", s.list)
	}
}

// TestConcurrentSearchesAgree: searches running at once share the pooled
// candidate sets, score buffers, histograms and masks and the memoized
// garment lengths; each must still return what it returns alone.
func TestConcurrentSearchesAgree(t *testing.T) {
	c, _, err := catalog.Demo()
	if err != nil {
		t.Fatal(err)
	}
	arts := withDetails(c.Articles)
	if len(arts) > 800 {
		arts = arts[:800]
	}
	r := retrieverFor(t, arts)
	texts := []string{"black jeans", "a long dress not red", "long sleeve top for women", "a top", "t-shirt without a print for men",
		"dress or skirt", "short summer dress", "jacket with a hood for a boy", "a sleeveless top", "white shirt", "something for the beach"}
	ctx := context.Background()
	key := func(res *Result) string {
		var b strings.Builder
		for _, h := range res.Hits {
			fmt.Fprintf(&b, "%s:%g,", h.Article.ArticleID, h.Score)
		}
		return b.String()
	}
	want := map[string]string{}
	for _, q := range texts {
		res, err := r.Search(ctx, q, 10)
		if err != nil {
			t.Fatal(err)
		}
		want[q] = key(res)
	}
	r2 := retrieverFor(t, arts) // fresh memos: the first uses race too
	var wg sync.WaitGroup
	errs := make(chan string, 4*3*len(texts))
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for rep := range 3 {
				for i := range texts {
					q := texts[(i+g*3+rep)%len(texts)]
					res, err := r2.Search(ctx, q, 10)
					if err != nil {
						errs <- err.Error()
						return
					}
					if got := key(res); got != want[q] {
						errs <- fmt.Sprintf("%q: %s, alone %s", q, got, want[q])
					}
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}
