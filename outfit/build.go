package outfit

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/stylistbot/stylist/lexicon"

	"github.com/stylistbot/stylist/catalog"
	"github.com/stylistbot/stylist/query"
)

// Knowledge is the validated content of the knowledge files. It is immutable.
type Knowledge struct {
	Default    string               // occasion used when none is named
	Occasions  []*Occasion          // in file order
	Never      Rules                // never in any occasion outfit
	SmartNever Rules                // never in a smart or formal look (words of names: "jogger")
	Conditions map[string]Condition // "summer", "winter", "rain", "cold", ...
	Slots      map[string]*Slot
	// Exclusive maps a product type to its exclusive group: at most one type
	// of a group in an outfit (one hat, however many hat types there are).
	Exclusive map[string]int
	Harmony   Harmony
	// Anchors are the rows of anchors.yaml: how an item the person already
	// has sets the slot it fills and the register of the look around it.
	Anchors []AnchorRule
	// AnchorFinish are the accessory types of a look built around an anchor (a bag).
	AnchorFinish []string
	Matcher      *query.Occasions
	// Warnings lists values absent from this catalog that were ignored (a
	// smaller catalog than H&M's lacks some types); typos are errors instead.
	Warnings []string
	byName   map[string]*Occasion
}

// Rules are product groups, types and departments that must not appear, and
// words that rule an article out by its product name (pyjama tops filed as
// "Top"; fancy-dress costumes are a department: "Dress-up Boys").
type Rules struct {
	Groups, Types, Departments, Words map[string]bool
}

// words reads a list of name words: lower-case letters only.
func (b *builder) words(key string, ws []val) (map[string]bool, error) {
	out := map[string]bool{}
	for _, w := range ws {
		if strings.ContainsFunc(w.S, func(c rune) bool { return !unicode.IsLetter(c) }) || w.S != strings.ToLower(w.S) {
			return nil, b.errf(OccasionsFile, w, key, "a word is lower-case letters only")
		}
		out[w.S] = true
	}
	return out, nil
}

// Forbids reports whether the article hits the rules.
func (r Rules) Forbids(a *catalog.Article) bool {
	if r.Groups[a.ProductGroupName] || r.Types[a.ProductTypeName] || r.Departments[a.DepartmentName] {
		return true
	}
	if len(r.Words) > 0 {
		for _, w := range strings.FieldsFunc(strings.ToLower(a.ProdName), func(c rune) bool { return !unicode.IsLetter(c) }) {
			if r.Words[w] {
				return true
			}
		}
	}
	return false
}

// Condition is what a season or weather changes.
type Condition struct {
	Outer  string // "always", "never" or "" (no say)
	Forbid []string
	Terms  []string // words added to every slot query ("waterproof")
}

// Occasion is one row of occasions.yaml.
type Occasion struct {
	Name      string
	Title     string // how answers name it: "a wedding as a guest"
	Phrases   []string
	Kit       string
	Formality int // index into casual, smart, formal
	OnePiece  bool
	Sport     bool
	Slots     []SlotSpec
	Forbid    map[string]bool
	Colours   []string // when set, every garment's colour master is one of these
	AvoidMain []string // colour masters the main pieces avoid (no white at a wedding)
	// SlotTypes replaces the kit's types of a slot for this occasion (a blazer for a job interview).
	SlotTypes  map[string][]string
	slotMember map[string]bool
}

// SlotSpec is a slot of an occasion's outfit.
type SlotSpec struct {
	Name     string // a slot name, or "main"
	Optional bool   // only when the season or weather calls for it
}

// Slot is one row of slots.yaml.
type Slot struct {
	Name, Label, Role string
	Kits              map[string][]string
	Men, Women, Kids  []string // replace every kit's list for that audience when not nil
}

// Types returns the product types that fill the slot for a kit and audience
// kind ("men", "women", "kids").
func (s *Slot) Types(kit, audience string) []string {
	switch {
	case audience == "men" && s.Men != nil:
		return s.Men
	case audience == "women" && s.Women != nil:
		return s.Women
	case audience == "kids" && s.Kids != nil:
		return s.Kids
	}
	if l, ok := s.Kits[kit]; ok {
		return l
	}
	return s.Kits["casual"]
}

// Harmony is colours.yaml.
type Harmony struct {
	Neutrals, NeutralGroups, NeutralAppearances map[string]bool
	MaxAccents                                  int
	Pairs                                       [][2]string
	Moods                                       map[string]Mood
	Pairings                                    []Pairing // colours.yaml goes_with, in file order
	neutralList                                 []string  // Neutrals in file order
}

// Mood is a palette a request can ask for.
type Mood struct {
	Tones, Colours []string
}

// Occasion returns the occasion named name, or the default one.
func (k *Knowledge) Occasion(name string) *Occasion {
	if o, ok := k.byName[name]; ok {
		return o
	}
	return k.byName[k.Default]
}

// builder validates the decoded files.
type builder struct {
	vocab Vocabulary
	names map[string]string
	k     *Knowledge
}

func (b *builder) errf(file string, v val, key, format string, args ...any) error {
	return &Error{File: b.names[file], Line: v.Line, Key: key, Value: v.S, Msg: fmt.Sprintf(format, args...)}
}

// check validates catalog values of one Query field; absent values are dropped
// with a warning unless they look like a typo of a catalog value.
func (b *builder) check(file, key, field, what string, vs []val) ([]string, error) {
	var out []string
	for _, v := range vs {
		if v.S == "" {
			return nil, b.errf(file, v, key, "empty %s", what)
		}
		if b.vocab == nil || b.vocab.Has(field, v.S) {
			out = append(out, v.S)
			continue
		}
		if near := b.near(field, v.S); near != "" {
			return nil, b.errf(file, v, key, "no %s of that name in the catalog; did you mean %q?", what, near)
		}
		b.k.Warnings = append(b.k.Warnings, fmt.Sprintf("%s:%d: %s: %s %q is not in this catalog; ignored", b.names[file], v.Line, key, what, v.S))
	}
	return out, nil
}

// near returns a catalog value that v looks like a typo of.
func (b *builder) near(field, v string) string {
	lv := strings.ToLower(v)
	for _, c := range b.vocab.Values(field) {
		lc := strings.ToLower(c)
		if lc == lv {
			return c
		}
		if d := lexicon.Distance(lv, lc); d <= 2 && d*4 < len(lc) {
			return c
		}
	}
	return ""
}

func (b *builder) build(od *occasionsDoc, sd *slotsDoc, cd *coloursDoc, ad *anchorsDoc) (*Knowledge, error) {
	k := &Knowledge{Conditions: map[string]Condition{}, Slots: map[string]*Slot{}, byName: map[string]*Occasion{}}
	b.k = k
	if err := b.slots(sd); err != nil {
		return nil, err
	}
	if err := b.colours(cd); err != nil {
		return nil, err
	}
	if err := b.anchors(ad); err != nil {
		return nil, err
	}
	groups, err := b.check(OccasionsFile, "never.groups", "ProductGroups", "product group", od.Never.Groups)
	if err != nil {
		return nil, err
	}
	types, err := b.check(OccasionsFile, "never.types", "Types", "product type", od.Never.Types)
	if err != nil {
		return nil, err
	}
	depts, err := b.check(OccasionsFile, "never.departments", "Departments", "department", od.Never.Departments)
	if err != nil {
		return nil, err
	}
	words, err := b.words("never.words", od.Never.Words)
	if err != nil {
		return nil, err
	}
	k.Never = Rules{Groups: setOf(groups), Types: setOf(types), Departments: setOf(depts), Words: words}
	if smart := append(append(od.SmartNever.Groups, od.SmartNever.Types...), od.SmartNever.Departments...); len(smart) > 0 {
		return nil, b.errf(OccasionsFile, smart[0], "smart_never", "only words (the types belong in each occasion's forbid list)")
	}
	if k.SmartNever.Words, err = b.words("smart_never.words", od.SmartNever.Words); err != nil {
		return nil, err
	}
	for _, name := range sortedKeys(od.Conditions) {
		c := od.Conditions[name]
		if !knownCondition[name] {
			return nil, &Error{File: b.names[OccasionsFile], Line: c.Outer.Line, Key: "conditions", Value: name, Msg: "unknown condition (want summer, winter, spring, autumn, rain, cold, hot or wind)"}
		}
		if c.Outer.S != "" && c.Outer.S != "always" && c.Outer.S != "never" {
			return nil, b.errf(OccasionsFile, c.Outer, "conditions."+name+".outer", "want always or never")
		}
		f, err := b.check(OccasionsFile, "conditions."+name+".forbid", "Types", "product type", c.Forbid)
		if err != nil {
			return nil, err
		}
		k.Conditions[name] = Condition{Outer: c.Outer.S, Forbid: f, Terms: strs(c.Terms)}
	}
	var rows []query.OccasionPhrases
	for i := range od.Occasions {
		o, err := b.occasion(&od.Occasions[i])
		if err != nil {
			return nil, err
		}
		if _, dup := k.byName[o.Name]; dup {
			return nil, b.errf(OccasionsFile, od.Occasions[i].Name, "occasions.name", "defined twice")
		}
		k.byName[o.Name] = o
		k.Occasions = append(k.Occasions, o)
		rows = append(rows, query.OccasionPhrases{Label: o.Name, Phrases: o.Phrases})
	}
	if len(k.Occasions) == 0 {
		return nil, &Error{File: b.names[OccasionsFile], Line: 1, Key: "occasions", Msg: "no occasions defined"}
	}
	if _, ok := k.byName[od.Default.S]; !ok {
		return nil, b.errf(OccasionsFile, od.Default, "default", "no occasion of that name")
	}
	k.Default = od.Default.S
	k.Matcher = query.NewOccasions(rows)
	return k, nil
}

var knownCondition = map[string]bool{"summer": true, "winter": true, "spring": true, "autumn": true, "rain": true, "cold": true, "hot": true, "wind": true}

func (b *builder) occasion(d *occasionDoc) (*Occasion, error) {
	const f = OccasionsFile
	if d.Name.S == "" {
		return nil, b.errf(f, d.Name, "occasions.name", "missing")
	}
	key := "occasion " + d.Name.S
	o := &Occasion{Name: d.Name.S, Title: d.Title, Phrases: strs(d.Phrases), Kit: d.Kit.S, Sport: d.Sport, slotMember: map[string]bool{}}
	if o.Title == "" {
		o.Title = o.Name
	}
	if len(o.Phrases) == 0 {
		return nil, b.errf(f, d.Name, key, "no phrases")
	}
	if !b.kitKnown(o.Kit) {
		return nil, b.errf(f, d.Kit, key+": kit", "no slot in %s lists this kit", SlotsFile)
	}
	o.Formality = indexOf(formalities, d.Formality.S)
	if o.Formality < 0 {
		return nil, b.errf(f, d.Formality, key+": formality", "want casual, smart or formal")
	}
	switch d.OnePiece.S {
	case "yes", "true":
		o.OnePiece = true
	case "no", "false", "":
	default:
		return nil, b.errf(f, d.OnePiece, key+": one_piece", "want yes or no")
	}
	for _, s := range d.Slots {
		name, opt := strings.TrimSuffix(s.S, "?"), strings.HasSuffix(s.S, "?")
		if _, ok := b.k.Slots[name]; !ok && name != main {
			return nil, b.errf(f, s, key+": slots", "unknown slot (want main or one of %s)", strings.Join(sortedKeys(b.k.Slots), ", "))
		}
		o.Slots = append(o.Slots, SlotSpec{Name: name, Optional: opt})
		o.slotMember[name] = true
	}
	if n := countSlot(o.Slots, Accessory); n > 3 {
		return nil, b.errf(f, d.Name, key+": slots", "%d accessories; at most 3", n)
	}
	if !o.slotMember[main] && !o.slotMember[Top] && !o.slotMember[OnePiece] && !o.slotMember[Swimwear] {
		return nil, b.errf(f, d.Name, key+": slots", "an outfit needs main, top, one-piece or swimwear")
	}
	forbid, err := b.check(f, key+": forbid", "Types", "product type", d.Forbid)
	if err != nil {
		return nil, err
	}
	o.Forbid = setOf(forbid)
	if o.Colours, err = b.check(f, key+": colours", "ColourMasters", "colour", d.Colours); err != nil {
		return nil, err
	}
	if o.AvoidMain, err = b.check(f, key+": avoid_main_colours", "ColourMasters", "colour", d.AvoidMainColours); err != nil {
		return nil, err
	}
	o.SlotTypes = map[string][]string{}
	for _, slot := range sortedKeys(d.SlotTypes) {
		if _, ok := b.k.Slots[slot]; !ok {
			return nil, b.errf(f, d.Name, key+": slot_types", "unknown slot %q", slot)
		}
		if o.SlotTypes[slot], err = b.check(f, key+": slot_types."+slot, "Types", "product type", d.SlotTypes[slot]); err != nil {
			return nil, err
		}
	}
	return o, nil
}

func (b *builder) kitKnown(kit string) bool {
	for _, s := range b.k.Slots {
		if _, ok := s.Kits[kit]; ok {
			return true
		}
	}
	return false
}

func countSlot(specs []SlotSpec, name string) int {
	n := 0
	for _, s := range specs {
		if s.Name == name {
			n++
		}
	}
	return n
}

func indexOf(l []string, x string) int {
	for i, y := range l {
		if y == x {
			return i
		}
	}
	return -1
}

func setOf(l []string) map[string]bool {
	m := make(map[string]bool, len(l))
	for _, x := range l {
		m[x] = true
	}
	return m
}
