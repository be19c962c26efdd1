package rag

import (
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/stylistbot/stylist/query"
)

// moreRe matches requests for more of the same: "show me more", "other
// options", "2 more please", "give me five more", "any more?", "next".
var moreRe = regexp.MustCompile(`(?i)^\W*(please\s+)?(((can|could)\s+(you|i)\s+)?(show|give|send|see|get)\s+(me\s+)?)?(some\s+|any\s+|a\s+few\s+)?(?P<n>\d+|one|two|three|four|five|six|seven|eight|nine|ten|a\s+couple(\s+of)?)?\s*(more|others?|other\s+(ones|options|items)|different\s+ones|next|another(\s+one)?)(\s+(please|options|ones|items|of\s+(those|these|them)|like\s+(this|these|that|those)))*\W*(please)?\W*$`)

// rejectRe matches a rejection of what was shown, with what may follow it:
// "no", "no, something warmer", "not these", "something else", "I don't like them".
// A bare "no" needs punctuation or the end after it: "no red" is an exclusion.
var rejectRe = regexp.MustCompile(`(?i)^\W*(?:no+(?:\s*[,.!;:-]+|\s*$)|(?:nope|nah|not\s+(?:these|those|this|that|them|it|really|quite)|none\s+of\s+(?:these|those|them)|i\s+(?:do\s*n[o']?t|dont)\s+like\s+(?:these|those|them|it|that|this|any)|(?:show\s+me\s+)?(?:something|anything|some\w*)\s+(?:else|different)|other\s+ones|different\s+ones|try\s+again)\b)[\s,.!;:-]*`)

// adjustWords turn a comparative into what the catalog and search understand:
// "something warmer" → "warm". "cheaper" stays: it is a price, which the
// catalog cannot check, and the answer says so.
var adjustWords = map[string]string{
	"warmer": "warm", "cosier": "cosy", "cozier": "cosy", "cooler": "lightweight", "lighter": "lightweight",
	"thinner": "lightweight", "thicker": "warm", "darker": "dark colours", "brighter": "bright colours",
	"longer": "long", "shorter": "short", "looser": "loose", "roomier": "loose", "baggier": "loose",
	"tighter": "slim fit", "slimmer": "slim fit", "smarter": "formal", "dressier": "formal", "fancier": "formal",
	"simpler": "plain", "plainer": "plain", "sportier": "sporty", "comfier": "comfortable",
	"more casual": "casual", "more formal": "formal", "less formal": "casual", "more colourful": "bright colours",
	"more colorful": "bright colours", "more elegant": "formal", "more comfortable": "comfortable",
	"cheaper": "cheaper", "less expensive": "cheaper",
}

// adjustRe finds the comparatives of adjustWords as whole words.
var adjustRe = func() *regexp.Regexp {
	var alts []string
	for k := range adjustWords {
		alts = append(alts, regexp.QuoteMeta(k))
	}
	// longest first so "more casual" wins over a shorter overlap
	for i := range alts {
		for j := i + 1; j < len(alts); j++ {
			if len(alts[j]) > len(alts[i]) || len(alts[j]) == len(alts[i]) && alts[j] < alts[i] {
				alts[i], alts[j] = alts[j], alts[i]
			}
		}
	}
	return regexp.MustCompile(`(?i)\b(` + strings.Join(alts, "|") + `)\b`)
}()

var countWords = map[string]int{"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
	"eight": 8, "nine": 9, "ten": 10, "a couple": 2, "a couple of": 2}

// followUp is how a thread message relates to the request before it.
type followUp struct {
	more   bool   // page on: the same request, without what was shown
	reject bool   // what was shown is not wanted: leave it out and adjust by rest
	count  int    // "show me 2 more" → 2
	rest   string // the text that adjusts the request ("something warmer" → "warm")
}

// readFollowUp reads a message that follows an answer in its thread.
func readFollowUp(text string) followUp {
	if m := moreRe.FindStringSubmatch(text); m != nil {
		f := followUp{more: true}
		if c := strings.ToLower(strings.Join(strings.Fields(m[moreRe.SubexpIndex("n")]), " ")); c != "" {
			if n, err := strconv.Atoi(c); err == nil {
				f.count = n
			} else {
				f.count = countWords[c]
			}
		}
		return f
	}
	f := followUp{rest: text}
	if loc := rejectRe.FindStringIndex(text); loc != nil {
		f.reject, f.rest = true, text[loc[1]:]
	}
	if adjustRe.MatchString(f.rest) {
		f.reject = true // "something warmer": not what was shown
		f.rest = adjustRe.ReplaceAllStringFunc(f.rest, func(s string) string {
			return adjustWords[strings.ToLower(strings.Join(strings.Fields(s), " "))]
		})
	}
	return f
}

// effectiveQuery folds the thread's history into the new request: a request
// that names no product type refines the previous one ("same but in navy");
// "show me (2) more" repeats it without the items already shown; a rejection
// ("no", "something else", "warmer") leaves out what was shown and adjusts;
// a request with a new product type starts afresh but keeps the context it
// does not change (plus size or maternity, colour). Chat ("thanks") never
// becomes a turn: the bot core answers it (bot.IsHelp, query.Classify). It returns the query and the article ids to leave out.
func effectiveQuery(p Parser, history []Turn, text string) (query.Query, map[string]bool) {
	var prev *query.Query
	shown := map[string]bool{}
	for _, t := range history {
		q, _ := step(p, prev, t.Query)
		prev = &q
		for _, id := range t.ArticleIDs {
			shown[id] = true
		}
	}
	q, pages := step(p, prev, text)
	if !pages {
		return q, nil
	}
	return q, shown
}

// step applies one message to the thread's query; pages reports whether what
// was shown must be left out.
func step(p Parser, prev *query.Query, text string) (q query.Query, pages bool) {
	if prev == nil {
		return p.Parse(text), false
	}
	f := readFollowUp(text)
	switch {
	case f.more:
		q = *prev
		if f.count > 0 {
			q.Count = min(f.count, query.MaxCount)
		}
		return q, true
	case f.reject:
		return merge(p, prev, f.rest), true
	}
	return merge(p, prev, text), false
}

// merge folds one turn into the thread's query so far. The audience carries
// across every follow-up, a new item type included ("and matching boots"
// after a child's jacket is a child's boots), unless the turn says who it is
// for ("now for my son", "same but for a man").
func merge(p Parser, prev *query.Query, text string) query.Query {
	q := p.Parse(text)
	if prev == nil {
		return q
	}
	said := q.Audience.Evidence != query.EvidenceDefault
	if len(q.Types) > 0 || len(q.ProductGroups) > 0 {
		// A new item: the person's context carries over unless restated.
		if !said && !prev.Audience.IsZero() {
			q = q.WithAudience(prev.Audience)
		}
		if len(q.Sections) == 0 {
			q.Sections = prev.Sections
		}
		if len(q.Colours)+len(q.ColourMasters)+len(q.ColourValues) == 0 && len(q.Not.Colours)+len(q.Not.ColourMasters) == 0 {
			q.Colours, q.ColourMasters, q.ColourValues = prev.Colours, prev.ColourMasters, prev.ColourValues
		}
		return q
	}
	m := *prev
	m.Text = strings.TrimSpace(prev.Text + " " + text)
	m.Search = ""
	if prev.Search != "" || q.Search != "" {
		m.Search = strings.TrimSpace(or(prev.Search, prev.Text) + " " + or(q.Search, text))
	}
	override := func(dst *[]string, src []string) {
		if len(src) > 0 {
			*dst = src
		}
	}
	if len(q.Colours) > 0 || len(q.ColourMasters) > 0 {
		m.Colours, m.ColourMasters, m.ColourValues = q.Colours, q.ColourMasters, q.ColourValues
	} else if len(q.ColourValues) > 0 { // "darker": the tone of the same colours
		m.ColourValues = q.ColourValues
	}
	if said {
		m = m.WithAudience(q.Audience)
	}
	// Other departments the turn names ("in sportswear") replace the earlier ones.
	ag, an := q.WithAudience(query.Audience{}).IndexGroups, q.WithAudience(query.Audience{}).IndexNames
	keep := m.WithAudience(query.Audience{})
	if len(ag) > 0 {
		m.IndexGroups = append(minus(m.IndexGroups, keep.IndexGroups), ag...)
	}
	if len(an) > 0 {
		m.IndexNames = append(minus(m.IndexNames, keep.IndexNames), an...)
	}
	override(&m.Sections, q.Sections)
	override(&m.Appearances, q.Appearances)
	override(&m.GarmentGroups, q.GarmentGroups)
	m.Not.Types = append(append([]string(nil), m.Not.Types...), q.Not.Types...)
	m.Not.Colours = append(append([]string(nil), m.Not.Colours...), q.Not.Colours...)
	m.Not.ColourMasters = append(append([]string(nil), m.Not.ColourMasters...), q.Not.ColourMasters...)
	m.Not.Appearances = append(append([]string(nil), m.Not.Appearances...), q.Not.Appearances...)
	m.Not.GarmentGroups = append(append([]string(nil), m.Not.GarmentGroups...), q.Not.GarmentGroups...)
	m.NotDetails = append(append([]string(nil), m.NotDetails...), q.NotDetails...)
	m.Soft = append(append([]string(nil), m.Soft...), q.Soft...)
	m.Terms = append(append([]string(nil), m.Terms...), q.Terms...)
	m.Limits = q.Limits // what this message asked that the catalog cannot do
	if q.Count > 0 {
		m.Count = q.Count
	}
	return m
}

// minus returns a without the values in b.
func minus(a, b []string) []string {
	var out []string
	for _, x := range a {
		if !slices.Contains(b, x) {
			out = append(out, x)
		}
	}
	return out
}

func or(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
