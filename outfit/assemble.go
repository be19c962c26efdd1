// Package outfit plans and assembles outfits from catalog articles: occasions,
// slot templates, formality and colour harmony live in data files
// (data/*.yaml, overridable from a directory and hot-reloaded); the assembly
// retrieves candidates per slot and chooses coherent, distinct combinations.
package outfit

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/stylistbot/stylist/catalog"
	"github.com/stylistbot/stylist/query"
	"github.com/stylistbot/stylist/retrieve"
)

// Retrieval is what the assembly needs from retrieval; *retrieve.Retriever implements it.
type Retrieval interface {
	Vocab() *query.Vocab
	Article(id string) (catalog.Article, bool)
	// SearchNarrow is hybrid retrieval with a smaller candidate pool.
	SearchNarrow(ctx context.Context, q query.Query, k int, n retrieve.Narrow, tm *retrieve.Timings) (*retrieve.Result, error)
}

// Assembler builds outfits. Safe for concurrent use; SetKnowledge swaps the
// knowledge files while requests run.
type Assembler struct {
	ret   Retrieval
	know  atomic.Pointer[Knowledge]
	avail map[side]map[string]int // articles per audience side and product type
	total map[side]int
	rep   map[side]*catalog.Article // an article of the side, for query.Audience.Allows
}

// side is where query.ArticleWho puts an article (and Divided, which a teen
// audience tells apart): the articles of one side are allowed alike.
type side struct {
	who     query.Who
	gender  query.Gender
	band    string
	divided bool
}

// New makes an assembler over ret; arts are the indexed articles (for the
// types each audience wears).
func New(ret Retrieval, arts []catalog.Article, k *Knowledge) *Assembler {
	a := &Assembler{ret: ret, avail: map[side]map[string]int{}, total: map[side]int{}, rep: map[side]*catalog.Article{}}
	for i := range arts {
		x := &arts[i]
		who, g, band := query.ArticleWho(x)
		au := side{who, g, band, x.IndexGroupName == query.GroupDivided}
		if a.avail[au] == nil {
			a.avail[au] = map[string]int{}
			a.rep[au] = &catalog.Article{IndexGroupName: x.IndexGroupName, IndexName: x.IndexName, SectionName: x.SectionName, DepartmentName: x.DepartmentName}
		}
		a.avail[au][x.ProductTypeName]++
		a.total[au]++
	}
	a.know.Store(k)
	return a
}

// SetKnowledge swaps the knowledge files; requests in flight keep the old ones.
func (a *Assembler) SetKnowledge(k *Knowledge) { a.know.Store(k) }

// Knowledge returns the knowledge in use.
func (a *Assembler) Knowledge() *Knowledge { return a.know.Load() }

// available counts the articles of a type an audience can wear; a type that
// makes less than 0.1% of the audience's articles counts as none (the few
// earrings in menswear, ties in ladieswear).
func (a *Assembler) available(au query.Audience, productType string) int {
	n, total := 0, 0
	for x, m := range a.avail {
		if lookAllows(au, a.rep[x]) {
			n += m[productType]
			total += a.total[x]
		}
	}
	if n*1000 < total {
		return 0
	}
	return n
}

// Item is one article of an outfit with its slot.
type Item struct {
	Slot    string          `json:"slot"`
	Article catalog.Article `json:"article"`
	Score   float32         `json:"score"` // retrieval score, higher is better
}

// Outfit is one complete look.
type Outfit struct {
	Title string `json:"title"`
	Items []Item `json:"items"`
}

// Timings breaks an assembly down.
type Timings struct {
	Understand, Retrieve, Combine time.Duration
}

// Result is the answer to an outfit request.
type Result struct {
	IsOutfit   bool                   `json:"is_outfit"`
	Request    query.OutfitRequest    `json:"-"`
	Plan       *Plan                  `json:"-"`
	Anchor     *catalog.Article       `json:"anchor,omitempty"` // the anchor article, when given by id
	Outfits    []Outfit               `json:"outfits"`
	Candidates map[string][]Candidate `json:"-"` // per slot, best first
	Notices    []string               `json:"notices,omitempty"`
	Timings    Timings                `json:"-"`
	know       *Knowledge             // the knowledge the result was built with (Explain)
}

// Knowledge returns the knowledge the result was built with (nil for a
// result made by hand).
func (r *Result) Knowledge() *Knowledge { return r.know }

// Candidate is an article that can fill a slot.
type Candidate struct {
	Article catalog.Article
	Score   float32 // retrieval score
	Rel     float32 // score relative to the slot's best, 0..1

	code, sex, accent string // product code, "girl"/"boy"/"", accent colour ("" for a neutral)
}

// Parse reads text as an outfit request with the current knowledge; ok is false for single-item requests.
func (a *Assembler) Parse(text string) (query.OutfitRequest, bool) {
	return a.ret.Vocab().ParseOutfit(text, a.know.Load().Matcher)
}

// Assemble answers text; Result.IsOutfit is false (and nothing else is set)
// for a single-item request.
func (a *Assembler) Assemble(ctx context.Context, text string) (*Result, error) {
	t0 := time.Now()
	r, ok := a.Parse(text)
	if !ok {
		return &Result{}, nil
	}
	res, err := a.AssembleRequest(ctx, r, nil)
	if res != nil {
		res.Timings.Understand = time.Since(t0) - res.Timings.Retrieve - res.Timings.Combine
	}
	return res, err
}

// AssembleRequest builds the outfits of a parsed request, leaving out the
// articles in exclude (shown earlier in a conversation).
func (a *Assembler) AssembleRequest(ctx context.Context, r query.OutfitRequest, exclude map[string]bool) (*Result, error) {
	k := a.know.Load()
	res := &Result{IsOutfit: true, Request: r, know: k}
	var anchor *catalog.Article
	if r.Anchor != nil && r.Anchor.ArticleID != "" {
		if art, ok := a.ret.Article(r.Anchor.ArticleID); ok {
			anchor = &art
			res.Anchor = anchor
		} else {
			res.Notices = append(res.Notices, fmt.Sprintf("article %s is not in the catalog; building the look without it", r.Anchor.ArticleID))
		}
	}
	p := k.NewPlan(r, anchor, a.available)
	res.Plan = p
	if p.AudienceNotice != "" {
		res.Notices = append(res.Notices, p.AudienceNotice)
	}
	t1 := time.Now()
	cands, err := a.candidates(ctx, k, p, r, anchor, exclude)
	if err != nil {
		return nil, err
	}
	res.Candidates = cands
	res.Timings.Retrieve = time.Since(t1)
	t2 := time.Now()
	res.Outfits = combine(k, p, cands, anchorColour(anchor, r))
	res.Timings.Combine = time.Since(t2)
	for _, spec := range p.Occasion.Slots { // a slot the occasion wants that this catalog cannot fill for the audience
		if len(p.Focus) > 0 {
			break // a pairing request asked for its slots only
		}
		if name := spec.Name; !spec.Optional && name != main && name != Accessory && !p.anchorFills(name) && !p.Has(name) {
			res.Notices = append(res.Notices, fmt.Sprintf("this catalog has no %s for %s that suit the look; the outfit goes without", strings.ToLower(k.Slots[name].Label), LookName(p.Audience)))
		}
	}
	if len(p.Focus) > 0 && len(p.Slots) == 0 {
		res.Notices = append(res.Notices, fmt.Sprintf("this catalog has no %s for %s", p.FocusName, LookName(p.Audience)))
	}
	for _, s := range p.Slots {
		if len(cands[s.Name]) == 0 {
			res.Notices = append(res.Notices, fmt.Sprintf("no %s in the catalog fits this look (%s); the outfit goes without", strings.ToLower(k.Slots[s.Name].Label), LookName(p.Audience)))
		}
	}
	return res, nil
}

// slotSearch bounds a slot query: a small ANN and lexical pool, a low efSearch.
var slotSearch = retrieve.Narrow{Candidates: 32, EfSearch: 32}

const (
	// soloTypes is how many of a slot's types (the most typical first) get a
	// query of their own; accessoryTypes is how many accessory types are queried.
	soloTypes      = 1
	accessoryTypes = 2
	// typeK is the hits of one query.
	typeK   = 8
	perSlot = 12
	// perType1 and perColour1 cap the candidates of one product type and of
	// one colour in a slot, so that several looks can differ.
	perType1   = 4
	perColour1 = 4
	// typePrior is the weight of the slot list's order in a candidate's relevance.
	typePrior = 0.4
	// focusColours is how many colours that go with the anchor get a query of
	// their own in a pairing request's slot.
	focusColours = 4
	// anchorColours is how many of them get a query of their own for each
	// main slot of a look built around an anchor.
	anchorColours = 2
)

// candidates retrieves every slot's candidates in parallel.
func (a *Assembler) candidates(ctx context.Context, k *Knowledge, p *Plan, r query.OutfitRequest, anchor *catalog.Article, exclude map[string]bool) (map[string][]Candidate, error) {
	// The most typical types of a slot get a query each, the rest one
	// together: multi-word type names ("Vest top", "Jumpsuit/Playsuit") would
	// otherwise outscore the others lexically, and a tie would never be among
	// the hits of a formal menswear look when bags rank higher.
	type job struct {
		slot    *PlanSlot
		types   []string
		k       int
		colours []string // colour masters of this query instead of the slot's preference
	}
	var jobs []job
	typeK := typeK
	if p.Audience.Child() {
		typeK *= 3 // children's hits are filtered by age band and gender, which the query cannot say
	}
	for i := range p.Slots {
		s := &p.Slots[i]
		if contains(p.Focus, s.Name) && len(s.Prefer) > 0 {
			// The options of a pairing request: one query per colour that
			// goes with the anchor, the best first, so that they differ.
			// The slot's most typical type alone and the others together, as below.
			for _, c := range s.Prefer[:min(len(s.Prefer), focusColours)] {
				jobs = append(jobs, job{s, s.Types[:1], typeK / 2, []string{c}})
				if len(s.Types) > 1 {
					jobs = append(jobs, job{s, s.Types[1:], typeK / 2, []string{c}})
				}
			}
			continue
		}
		if p.Anchor != nil && len(s.Prefer) > 0 && (s.Name == Top || s.Name == Bottom || s.Name == OnePiece || s.Name == Outer) {
			// A look built around an anchor: the main pieces and the layer are
			// looked for in the first colours that go with it, which set one
			// anchor's look apart from another's.
			// They take the place of the query of the slot's most typical type;
			// one query brings the others.
			for _, c := range s.Prefer[:min(len(s.Prefer), anchorColours)] {
				jobs = append(jobs, job{s, s.Types[:1], typeK / 2, []string{c}})
			}
			if len(s.Types) > 1 {
				jobs = append(jobs, job{s, s.Types[1:], typeK, nil})
			}
			continue
		}
		n := soloTypes
		if s.Name == Accessory {
			n = accessoryTypes
		}
		for ti, t := range s.Types {
			if ti < n {
				jobs = append(jobs, job{s, []string{t}, typeK, nil})
			} else if s.Name != Accessory {
				jobs = append(jobs, job{s, s.Types[ti:], typeK, nil})
				break
			}
		}
	}
	out := make([][]Candidate, len(jobs))
	errs := make([]error, len(jobs))
	var wg sync.WaitGroup
	for i, j := range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			q := slotQuery(k, p, j.slot, j.types, r)
			if j.colours != nil {
				q.ColourMasters = j.colours
			}
			hits, err := a.ret.SearchNarrow(ctx, q, j.k, slotSearch, nil)
			if err != nil {
				errs[i] = err
				return
			}
			out[i] = filter(k, p, j.slot, hits.Hits, anchor, exclude)

		}()
	}
	wg.Wait()
	m := map[string][]Candidate{}
	for i, j := range jobs {
		if errs[i] != nil {
			return nil, fmt.Errorf("outfit: %s: %w", j.slot.Name, errs[i])
		}
		m[j.slot.Name] = append(m[j.slot.Name], out[i]...)
	}
	for name, l := range m {
		m[name] = capCandidates(name, l, contains(p.Focus, name))
	}
	return m, nil
}

// capCandidates orders a slot's candidates by relevance and keeps at most
// perSlot, with at most perType1 of a type and perColour1 of a colour (not
// for accessories), so that several looks can differ. The slot of a pairing
// request (focus) is capped by colour only: its options differ by colour.
func capCandidates(slot string, l []Candidate, focus bool) []Candidate {
	sort.SliceStable(l, func(x, y int) bool { return l[x].Rel > l[y].Rel })
	out := l[:0]
	perType, perColour := map[string]int{}, map[string]int{}
	seen := map[string]bool{}
	for _, c := range l {
		a := &c.Article
		if seen[a.ArticleID] || (!focus && perType[a.ProductTypeName] >= perType1) || ((slot != Accessory || focus) && perColour[a.PerceivedColourMasterName] >= perColour1) {
			continue
		}
		seen[a.ArticleID] = true
		perType[a.ProductTypeName]++
		perColour[a.PerceivedColourMasterName]++
		out = append(out, c)
		if len(out) >= perSlot {
			break
		}
	}
	return out
}

// slotQuery is the retrieval query of one slot: its types, the audience's
// departments, the palette and the request's own words.
func slotQuery(k *Knowledge, p *Plan, s *PlanSlot, types []string, r query.OutfitRequest) query.Query {
	// Lexical terms: the request's own content words, style, season and
	// weather words, and the child's gender (the section names say it).
	terms := append(append([]string(nil), r.Query.Terms...), p.Terms...)
	if g := childSex(p.Audience.Who, p.Audience.Gender); g != "" {
		terms = append(terms, g)
	}
	// The embedded text adds the occasion, the slot and the department names.
	text := append([]string{p.Occasion.Name}, terms...)
	text = append(text, strings.ToLower(k.Slots[s.Name].Label))
	text = append(text, deptWords(p.Audience)...)
	masters := s.ColourMasters
	if len(masters)+len(s.Colours)+len(s.Tones) == 0 {
		masters = s.Prefer // colours that go with the anchor
	}
	q := query.Query{
		Text:  strings.Join(text, " "),
		Types: types, ColourMasters: masters, Colours: s.Colours, ColourValues: s.Tones,
		Soft: r.Query.Soft, Terms: terms,
		Not: query.Exclusions{ColourMasters: s.AvoidMasters, Types: r.Query.Not.Types, Appearances: r.Query.Not.Appearances},
	}
	if s.Name == Top || s.Name == Bottom || s.Name == OnePiece {
		q.Appearances = r.Query.Appearances
	}
	return slotAudience(q, p.Audience, p.Occasion.Sport)
}

// candidate makes a candidate with what the combination checks precomputed.
func (k *Knowledge) candidate(a catalog.Article, score, rel float32) Candidate {
	c := Candidate{Article: a, Score: score, Rel: rel, code: code(&a), accent: k.Harmony.accent(&a)}
	c.sex = articleSex(&a)
	return c
}

// filter keeps the hits that may fill the slot, best first. A candidate's
// relevance mixes its score relative to the query's best hit with the slot
// list's order (the types listed first are the most typical for the kit).
func filter(k *Knowledge, p *Plan, s *PlanSlot, hits []retrieve.Hit, anchor *catalog.Article, exclude map[string]bool) []Candidate {
	var out []Candidate
	var best float32
	for _, h := range hits {
		art := h.Article
		switch {
		case !contains(s.Types, art.ProductTypeName), k.Never.Forbids(&art), p.Forbid[art.ProductTypeName],
			p.Formality >= 1 && k.SmartNever.Forbids(&art),
			!lookAllows(p.Audience, &art), contains(s.AvoidMasters, art.PerceivedColourMasterName),
			exclude[art.ArticleID]:
			continue
		case anchor != nil && (art.ArticleID == anchor.ArticleID || (art.ProductCode != "" && art.ProductCode == anchor.ProductCode)):
			continue
		case len(s.ColourMasters)+len(s.Colours) > 0 && !contains(s.ColourMasters, art.PerceivedColourMasterName) && !contains(s.Colours, art.ColourGroupName):
			continue
		case len(s.Tones) > 0 && !contains(s.Tones, art.PerceivedColourValueName) && !k.Harmony.neutral(&art):
			continue
		}
		if best == 0 {
			best = h.Score
		}
		rel := float32(1)
		if best > 0 {
			rel = h.Score / best
		}
		prior := 1 - float32(indexOf(s.Types, art.ProductTypeName))/float32(len(s.Types))
		out = append(out, k.candidate(art, h.Score, (1-typePrior)*rel+typePrior*prior+anchorColourWeight(p, s, &art)))
	}
	return out
}
