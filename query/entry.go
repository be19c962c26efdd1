package query

// field is one attribute a phrase can set.
type field uint8

const (
	fType field = iota
	fGroup
	fColour
	fMaster
	fValue
	fIndexGroup
	fIndexName
	fSection
	fAppearance
	fGarment
	fSoft
	nFields
)

// role says how the parser treats a matched phrase.
type role uint8

const (
	roleItem        role = iota // sets attributes
	roleNeg                     // starts a negation scope: "no", "without", "anything but"
	roleNum                     // a number: "5", "three" (a count only in count position)
	roleCountPhrase             // "a few" (3), "a couple of" (2): a count only before an item noun
	roleTop                     // "top": "top 5" is a count, otherwise a type
	roleColourMod               // "light", "dark", "pastel": a tone, combined with a following colour
	roleColourNoun              // "colour", "shade", "tone": lets a modifier stand alone ("light colours")
	roleRelation                // "boyfriend", "wife": a department only for a recipient ("for my wife")
	roleGeneric                 // "clothes", "options", "outfit": a noun that is no attribute
	roleBreak                   // "but", "however": ends a negation scope
	roleNoop                    // consumed and ignored: "no matter", "top rated", "a pair of"
)

// entry is one phrase of the vocabulary with its effect.
type entry struct {
	toks   []string
	vals   [nFields][]string
	role   role
	num    int      // roleNum, roleCountPhrase
	prefix string   // roleColourMod: the catalog colour-group prefix it forms ("Light", "Dark")
	base   []string // colour words: colour-group names a prefix combines with ("Yellow" → "Light Yellow")
	weak   bool     // roleColourMod: a tone only directly before a colour word ("light", "deep")
	sport  bool     // sport word: makes a directly following garment noun sportswear
	poss   bool     // roleRelation "her": a possessive when a relation noun follows
	cloth  bool     // roleGeneric clothing noun ("clothes", "gear"): sport words make it sportswear
	auto   bool     // made from a catalog value, not from the curated tables
	idiom  bool     // an idiom (syn_idioms.go): the embedder reads its meaning, not its words
}

// syn is one row of the curated synonym tables: phrases sharing one effect.
type syn struct {
	phrases []string
	e       entry
}

// w starts a synonym row for the given phrases.
func w(phrases ...string) syn { return syn{phrases: phrases} }

func (s syn) add(f field, v ...string) syn {
	s.e.vals[f] = append(append([]string(nil), s.e.vals[f]...), v...)
	return s
}

func (s syn) typ(v ...string) syn     { return s.add(fType, v...) }
func (s syn) grp(v ...string) syn     { return s.add(fGroup, v...) }
func (s syn) col(v ...string) syn     { return s.add(fColour, v...) }
func (s syn) mst(v ...string) syn     { return s.add(fMaster, v...) }
func (s syn) val(v ...string) syn     { return s.add(fValue, v...) }
func (s syn) idx(v ...string) syn     { return s.add(fIndexGroup, v...) }
func (s syn) idxName(v ...string) syn { return s.add(fIndexName, v...) }
func (s syn) sec(v ...string) syn     { return s.add(fSection, v...) }
func (s syn) app(v ...string) syn     { return s.add(fAppearance, v...) }
func (s syn) gar(v ...string) syn     { return s.add(fGarment, v...) }
func (s syn) soft(v ...string) syn    { return s.add(fSoft, v...) }

func (s syn) as(r role) syn { s.e.role = r; return s }
func (s syn) neg() syn      { return s.as(roleNeg) }
func (s syn) noop() syn     { return s.as(roleNoop) }
func (s syn) brk() syn      { return s.as(roleBreak) }
func (s syn) generic() syn  { return s.as(roleGeneric) }
func (s syn) top() syn      { return s.as(roleTop) }
func (s syn) relation() syn { return s.as(roleRelation) }
func (s syn) possessive() syn {
	s.e.poss = true
	return s.as(roleRelation)
}
func (s syn) colourNoun() syn { return s.as(roleColourNoun) }
func (s syn) sportWord() syn  { s.e.sport = true; return s }
func (s syn) clothing() syn   { s.e.cloth = true; return s.as(roleGeneric) }

func (s syn) number(n int) syn      { s.e.num = n; return s.as(roleNum) }
func (s syn) countPhrase(n int) syn { s.e.num = n; return s.as(roleCountPhrase) }

// base records the colour-group names a tone prefix combines with.
func (s syn) base(v ...string) syn { s.e.base = v; return s }

// mod makes a tone modifier; prefix is the colour-group prefix it forms.
func (s syn) mod(prefix string, weak bool) syn {
	s.e.prefix, s.e.weak = prefix, weak
	return s.as(roleColourMod)
}

// catalogFields are the fields whose values must exist in the catalog.
var catalogFields = [...]field{fType, fGroup, fColour, fMaster, fValue, fIndexGroup, fIndexName, fSection, fAppearance, fGarment}

// hasAttrs reports whether any field is set.
func hasAttrs(v *[nFields][]string) bool {
	for _, x := range v {
		if len(x) > 0 {
			return true
		}
	}
	return false
}
