package gendemo

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Audiences: the index codes a style may be placed in.
const (
	anyone = ""
	women  = "ABCD"
	men    = "F"
	adults = "ABCDFS"
	kids   = "GHIJ"
	sporty = "S"
)

// style is a kind of product within a product type, with the phrase banks its
// names and descriptions are composed from.
type style struct {
	key      string     // unique key, used by featured products
	typeNo   int        // product type number
	weight   int        // share within the product type (0 means 1)
	audience string     // allowed index codes; empty for any
	garments []int      // allowed garment group numbers; nil for any
	names    []string   // product name bases
	heads    []string   // description head nouns, lower case
	fits     []string   // leading adjectives; "" allowed
	fabrics  []string   // material phrases ("in soft jersey"); "" allowed
	details  [][]string // ordered detail slots; two or three are used
	extras   []string   // closing sentences; "" for none; "!" prefix: adults only
	looks    string     // graphical appearances "Name:weight, ..."
	palette  []string   // colour group names; nil for all colours
}

// weighted is a name with a weight.
type weighted struct {
	name string
	w    int
}

// parseWeighted parses "Name:3, Other name:1" ("Name" alone has weight 1).
func parseWeighted(s string) []weighted {
	var out []weighted
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		name, w := part, 1
		if i := strings.LastIndexByte(part, ':'); i >= 0 {
			n, err := strconv.Atoi(part[i+1:])
			if err != nil || n <= 0 {
				panic("gendemo: bad weight in " + strconv.Quote(s))
			}
			name, w = strings.TrimSpace(part[:i]), n
		}
		out = append(out, weighted{name, w})
	}
	return out
}

// pickWeighted chooses a name from ws proportionally to the weights.
func pickWeighted(r *rng, ws []weighted) string {
	if len(ws) == 0 {
		return "Solid"
	}
	w := make([]int, len(ws))
	for i, x := range ws {
		w[i] = x.w
	}
	return ws[r.weightedIndex(w)].name
}

// descOpts steer one description.
type descOpts struct {
	look string // graphical appearance; its phrase may be added as a detail
	lead string // if set, the first detail (replaces the appearance phrase)
	head string // if set, the head noun
	// skipSlot is the 1-based detail slot the lead stands in for (0: none).
	skipSlot int
	child    bool // drop adult-only closing sentences
}

// describe composes a description from the style's phrase banks.
func (s *style) describe(r *rng, o descOpts) string {
	var details []string
	if o.lead != "" {
		details = append(details, o.lead)
	} else if ph := lookPhrases[o.look]; len(ph) > 0 && r.chance(90) {
		details = append(details, pick(r, ph))
	}
	// Two or three detail slots, kept in their natural order.
	slots := make([][]string, 0, len(s.details))
	for i, slot := range s.details {
		if i+1 != o.skipSlot {
			slots = append(slots, slot)
		}
	}
	want := 2 + r.intn(2)
	for i, slot := range slots {
		if len(details) >= 4 || want == 0 {
			break
		}
		if r.intn(len(slots)-i) < want { // selection sampling: uniform subsets
			details = append(details, pick(r, slot))
			want--
		}
	}

	var b strings.Builder
	fit, head := pick(r, s.fits), pick(r, s.heads)
	if o.head != "" {
		head = o.head
	}
	if fit != "" {
		b.WriteString(fit)
		b.WriteByte(' ')
	}
	b.WriteString(head)
	fabrics := s.fabrics
	if o.look == "Denim" { // a denim look needs a denim fabric when the style has one
		if d := filter(fabrics, "denim"); len(d) > 0 {
			fabrics = d
		}
	}
	if fab := pick(r, fabrics); fab != "" {
		b.WriteByte(' ')
		b.WriteString(fab)
	}
	if len(details) > 0 {
		b.WriteString(" with ")
		b.WriteString(joinList(details))
	}
	b.WriteByte('.')
	out := capitalize(b.String())

	var extras []string
	for _, e := range s.extras {
		if strings.HasPrefix(e, "!") {
			if o.child {
				continue
			}
			e = e[1:]
		}
		if fit != "" && strings.HasSuffix(e, " fit.") {
			continue // the fit adjective already says it; avoid contradicting it
		}
		extras = append(extras, e)
	}
	if e := pick(r, extras); e != "" {
		out += " " + e
	}
	return out
}

// joinList joins phrases as "a, b and c".
func joinList(xs []string) string {
	switch len(xs) {
	case 0:
		return ""
	case 1:
		return xs[0]
	}
	return strings.Join(xs[:len(xs)-1], ", ") + " and " + xs[len(xs)-1]
}

// capitalize upper-cases the first letter of s.
func capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// filter returns the phrases containing sub.
func filter(xs []string, sub string) []string {
	var out []string
	for _, x := range xs {
		if strings.Contains(x, sub) {
			out = append(out, x)
		}
	}
	return out
}
