package retrieve

import (
	"sort"
	"strings"

	"github.com/stylistbot/stylist/catalog"
	"github.com/stylistbot/stylist/query"
)

// qualifierWeight is the score an article gains when its text has every
// qualifier of the request ("a wedding dress" → "Endive Wedding Dress"),
// pro rata for some of them.
const qualifierWeight = 0.7

// maxQualifierShare skips qualifiers too common to tell articles apart.
const maxQualifierShare = 0.2

// qualifierScorer scores candidates by the request's qualifiers found in
// their indexed text (name, description and attributes).
type qualifierScorer struct {
	feat  *features
	arts  []catalog.Article
	terms []string
	post  [][]posting // each term's BM25 postings; nil for a length word
}

func (r *Retriever) qualifierScorer(q *query.Query) *qualifierScorer {
	s := &qualifierScorer{feat: r.feat, arts: r.arts}
	if len(q.Qualifiers) == 0 {
		return s
	}
	limit := int(maxQualifierShare * float32(len(r.arts)))
	sleeve := contains(q.Qualifiers, "sleeve") // "long sleeve": the length is the sleeves'
	for _, w := range q.Qualifiers {
		for _, t := range Tokens(w) {
			if lengthWords[t] && sleeve {
				continue
			}
			if n := len(r.bm25.postings[t]); n > 0 && (n <= limit || lengthWords[t]) {
				s.terms = append(s.terms, t)
			}
		}
	}
	s.terms = dedupe(s.terms)
	s.post = make([][]posting, len(s.terms))
	for i, t := range s.terms {
		if !lengthWords[t] {
			s.post[i] = r.bm25.postings[t]
		}
	}
	return s
}

// bonus is the qualifier score of document d.
func (s *qualifierScorer) bonus(d int) float32 {
	if len(s.terms) == 0 {
		return 0
	}
	n := 0
	for i, t := range s.terms {
		if s.post[i] == nil { // a length word (every other term has postings)
			if s.feat.garmentLength(s.arts, d, t) {
				n++
			}
		} else if hasDoc(s.post[i], d) {
			n++
		}
	}
	return qualifierWeight * float32(n) / float32(len(s.terms))
}

// lengthWords describe a garment's length, but also its sleeves: "a long
// dress" is no dress with long sleeves.
var lengthWords = map[string]bool{"long": true, "short": true}

// garmentLength reports whether the name or description uses the length
// word w of the garment itself, not of its sleeves ("long sleeves",
// "short-sleeved").
func garmentLength(a *catalog.Article, w string) bool {
	text := strings.ToLower(a.ProdName + " " + a.DetailDesc)
	for i := 0; ; {
		j := strings.Index(text[i:], w)
		if j < 0 {
			return false
		}
		j += i
		end := j + len(w)
		i = end
		if j > 0 && isLetter(text[j-1]) || end < len(text) && isLetter(text[end]) {
			continue // part of another word ("longer", "shorts")
		}
		next := strings.FieldsFunc(text[end:], func(r rune) bool { return r == ' ' || r == '-' || r == ',' })
		sleeve := false
		for k := 0; k < len(next) && k < 3; k++ { // "long sleeves", "long, straight sleeves"
			sleeve = sleeve || strings.HasPrefix(next[k], "sleeve")
		}
		if !sleeve {
			return true
		}
	}
}

func isLetter(b byte) bool { return b >= 'a' && b <= 'z' }

// hasDoc reports whether postings ps (ascending) hold document d.
func hasDoc(ps []posting, d int) bool {
	i := sort.Search(len(ps), func(i int) bool { return ps[i].doc >= int32(d) })
	return i < len(ps) && ps[i].doc == int32(d)
}

// sleevePenalty pushes sleeveless articles down when sleeves were asked for
// ("a long sleeve top", "a modest top that covers my arms").
const sleevePenalty = 0.6

// lacksSleeves reports whether sleeves were asked for and the article has
// none: a vest top, or "sleeveless" among its stored details.
func lacksSleeves(q *query.Query, a *catalog.Article) bool {
	return asksSleeves(q) && (a.ProductTypeName == "Vest top" || query.StatesDetail(a, "sleeveless"))
}

// asksSleeves reports whether q asked for long or short sleeves.
func asksSleeves(q *query.Query) bool {
	return contains(q.Soft, "long sleeve") || contains(q.Soft, "short sleeve")
}
