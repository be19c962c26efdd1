package retrieve

import (
	"sync"
	"sync/atomic"

	"github.com/stylistbot/stylist/catalog"
	"github.com/stylistbot/stylist/index/faiss"
	"github.com/stylistbot/stylist/query"
)

// memo caches per-article facts that cost a few string scans to derive and
// never change for a loaded catalog: how an article ranks for each audience.
// The hot path asks them for every candidate of every search, so each is
// computed on first use and then read with one atomic load. Concurrent searches may compute the same value twice; both write the
// same value. Nothing is computed at start-up.
type memo struct {
	arts []catalog.Article

	mu  sync.Mutex
	aud map[string]*audienceView

	classes func() audienceClasses // built on first use
}

// audienceClasses groups the articles by the fields that decide who an
// article is for (query.ArticleWho and query.Audience.Allows read nothing
// else): section, department, index group and index. The catalog has a few
// hundred such classes, so an audience's view of all 105k articles costs a
// few hundred tier computations and one pass over a slice.
type audienceClasses struct {
	of  []uint32 // class of each article
	rep []int    // an article of each class
}

// audienceKey is what query.ArticleWho and Audience.Allows read of an article.
type audienceKey struct{ section, department, indexGroup, index string }

func buildAudienceClasses(arts []catalog.Article) audienceClasses {
	c := audienceClasses{of: make([]uint32, len(arts))}
	ids := map[audienceKey]uint32{}
	for d := range arts {
		a := &arts[d]
		k := audienceKey{a.SectionName, a.DepartmentName, a.IndexGroupName, a.IndexName}
		id, ok := ids[k]
		if !ok {
			id = uint32(len(c.rep))
			ids[k] = id
			c.rep = append(c.rep, d)
		}
		c.of[d] = id
	}
	return c
}

func newMemo(arts []catalog.Article) *memo {
	return &memo{arts: arts, aud: map[string]*audienceView{},
		classes: sync.OnceValue(func() audienceClasses { return buildAudienceClasses(arts) })}
}

// audienceView memoizes, for one audience, Audience.Allows and audienceTier
// (without relaxation) of each article. A nil view stands for the zero
// audience, which allows everything.
type audienceView struct {
	au   query.Audience
	arts []catalog.Article
	v    []atomic.Uint32 // 0 unknown, else viewKnown | allows | tier << 2 | off << 4

	onAudience func() *faiss.IDSet // the articles not in tierOff, built on first use
	allowMask  func() []bool       // Audience.Allows of every article, built on first use from the full view
}

const (
	viewKnown  = 1
	viewAllows = 2
	viewOff    = 16
)

// view returns the memo of audience a (nil for the zero audience).
func (m *memo) view(a query.Audience) *audienceView {
	if a.IsZero() {
		return nil
	}
	key := a.String() + "|" + string(a.Gender) // the audience's identity for Allows and Prefers
	m.mu.Lock()
	defer m.mu.Unlock()
	v, ok := m.aud[key]
	if !ok {
		v = &audienceView{au: a, arts: m.arts, v: make([]atomic.Uint32, len(m.arts))}
		v.onAudience = sync.OnceValue(func() *faiss.IDSet { return v.fill(m.classes()) })
		v.allowMask = sync.OnceValue(func() []bool {
			v.onAudience() // fills every article's entry, one computation per audience class
			mask := make([]bool, len(v.arts))
			for d := range mask {
				mask[d] = v.v[d].Load()&viewAllows != 0
			}
			return mask
		})
		m.aud[key] = v
	}
	return v
}

func (v *audienceView) get(d int) uint32 {
	x := v.v[d].Load()
	if x != 0 {
		return x
	}
	a := &v.arts[d]
	x = viewKnown
	if v.au.Allows(a) {
		x |= viewAllows
	}
	q := query.Query{Audience: v.au}
	tier, off := audienceTier(&q, a, false)
	x |= uint32(tier) << 2
	if off {
		x |= viewOff
	}
	v.v[d].Store(x)
	return x
}

// allows is Audience.Allows of article d.
func (v *audienceView) allows(d int) bool {
	return v == nil || v.get(d)&viewAllows != 0
}

// tier is audienceTier of article d; relax ranks an article that is not for
// the audience as fitting (still marked off).
func (v *audienceView) tier(d int, relax bool) (uint8, bool) {
	if v == nil {
		return tierFit, false
	}
	x := v.get(d)
	t, off := uint8(x>>2)&3, x&viewOff != 0
	if relax && t == tierOff {
		t = tierFit
	}
	return t, off
}

// fill computes the view of every article, one computation per audience
// class, and returns the set of articles that rank above tierOff for the
// audience (its own, and the other side): what the ANN is restricted to
// (faiss.SearchParams.Allow). Well under a millisecond for the 105k catalog
// once the classes are built (once per catalog, about 10 ms).
func (v *audienceView) fill(c audienceClasses) *faiss.IDSet {
	val := make([]uint32, len(c.rep))
	for i, d := range c.rep {
		val[i] = v.get(d)
	}
	set := faiss.NewIDSet(len(v.arts))
	for d, cl := range c.of {
		x := val[cl]
		v.v[d].Store(x)
		if tier := uint8(x>>2) & 3; tier != tierOff {
			set.Add(d)
		}
	}
	return set
}
