package retrieve

import (
	"context"
	"strings"

	"github.com/stylistbot/stylist/query"
)

// MatchedGift is the Hit.Matched key of a gift idea's kind ("gift:Scarf"):
// the request named no item, so no reason may say the kind was asked for.
const MatchedGift = "gift"

// searchGift answers a gift request that names no item (query.Query.Gift)
// with gift ideas: the search runs as a broad request over the gift kinds
// (query.GiftKinds, balanced across kinds by balanceTypes), never the
// intimate kinds (query.Intimate: underwear, nightwear, socks and tights,
// swimwear), with the recipient's interests ranked higher in names and
// descriptions (query.GiftWords: "football" → sportswear). The result
// carries the request as parsed, and its reasons never claim a kind was
// asked for.
func (r *Retriever) searchGift(ctx context.Context, q query.Query, k int, tm *Timings, cfg Config) (*Result, error) {
	gq := q
	gq.Gift = false
	gq.Types, gq.Broad = query.GiftKinds(q), true
	gq.Qualifiers = append(append([]string(nil), q.Qualifiers...), query.GiftWords(q)...)
	if len(q.IndexGroups) > 0 { // "Sport" besides Menswear for a footballer
		gq.IndexGroups = append(append([]string(nil), q.IndexGroups...), query.GiftGroups(q)...)
	}
	gq.Terms = append(append([]string(nil), q.Terms...), query.GiftWords(q)...) // BM25 finds them too
	gq.Not.ProductGroups = append(append([]string(nil), q.Not.ProductGroups...), query.IntimateGroups()...)
	gq.Not.Types = append(append([]string(nil), q.Not.Types...), query.IntimateTypes()...)
	// The embedder sees the request and the interests, not the list of kinds
	// (embedText adds the types it is given).
	ann := gq
	ann.Types = nil
	words := query.GiftWords(q)
	res, err := r.searchQueryEmbed(ctx, gq, strings.TrimSpace(embedText(ann)+" "+strings.Join(words, " ")), giftPool*k, tm, cfg)
	if err != nil {
		return nil, err
	}
	kinds := strings.Join(gq.Types, " or ")
	old := res.Relaxation(giftPool * k) // the notice of the search as run, if any
	res.Hits = pickGifts(res.Hits, words, k)
	res.Parsed = q
	res.FullMatches = 0 // of the hits kept
	for i := range res.Hits {
		h := &res.Hits[i]
		for j, m := range h.Matched {
			if name, v, _ := strings.Cut(m, ":"); name == "types" || name == "type" {
				h.Matched[j] = MatchedGift + ":" + v
			}
		}
		if h.Missing = without(h.Missing, "type:"+kinds); len(h.Missing) == 0 {
			res.FullMatches++
		}
	}
	asked := res.Asked[:0] // what the person asked: not the kinds, nor the interest's departments
	for _, a := range res.Asked {
		switch a {
		case kinds:
		case strings.Join(gq.IndexGroups, " or "):
			asked = append(asked, strings.Join(q.IndexGroups, " or "))
		default:
			asked = append(asked, a)
		}
	}
	res.Asked = asked
	res.Relaxed = without(res.Relaxed, "type")
	notices := res.Notices[:0]
	for _, n := range res.Notices {
		if n != old || old == "" {
			notices = append(notices, n)
		}
	}
	if n := res.Relaxation(k); n != "" {
		notices = append(notices, n)
	}
	res.Notices = notices
	return res, nil
}

// giftPool is how many more hits than asked a gift search ranks, so that
// ideas naming the recipient's interest can be moved up.
const giftPool = 4

// pickGifts keeps k of the ranked hits: none intimate (by name: a sports
// bra typed Top), and, when the request names interests, hits whose name or
// description states one of their words alternate with the others, interest
// first, each list in rank order; hits off the recipient's audience come
// last.
func pickGifts(hits []Hit, words []string, k int) []Hit {
	var want [][]string
	for _, w := range words {
		if t := Tokens(w); len(t) > 0 {
			want = append(want, t)
		}
	}
	var fan, rest, off []Hit
	for _, h := range hits {
		switch {
		case query.Intimate(&h.Article):
		case h.OffAudience:
			off = append(off, h)
		case len(want) > 0 && query.HasPhrase(Tokens(h.Article.ProdName+" "+h.Article.DetailDesc), want):
			fan = append(fan, h)
		default:
			rest = append(rest, h)
		}
	}
	out := make([]Hit, 0, k)
	for i := 0; len(out) < k && (i < len(fan) || i < len(rest)); i++ {
		if i < len(fan) {
			out = append(out, fan[i])
		}
		if i < len(rest) && len(out) < k {
			out = append(out, rest[i])
		}
	}
	return append(out, off[:min(len(off), k-len(out))]...)
}

// without returns l without x.
func without(l []string, x string) []string {
	out := l[:0]
	for _, y := range l {
		if y != x {
			out = append(out, y)
		}
	}
	return out
}
