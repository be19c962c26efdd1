// Package variants assigns users to prompt variants for A/B tests. Assignment is
// sticky without any stored state: a user's variant is a pure function of the
// user key, the salt and the variants' names and weights, so it survives restarts
// and config reloads that keep the weights.
//
// It uses weighted rendezvous hashing (highest random weight): every variant draws
// a score -weight/ln(u) from a uniform u = hash(salt, user, variant name), and the
// highest score wins. Variant i then wins with probability weight_i / Σweight, and
// a weight change moves the fewest users possible: raising one variant's weight only
// moves users to it, lowering it only moves users away from it, adding a variant
// only takes users from the others (in proportion), removing one only re-assigns
// its own users. Users never move between two variants whose weights did not change
// relative to each other.
package variants

import (
	"errors"
	"fmt"
	"maps"
	"math"
	"slices"
	"sort"

	"github.com/cespare/xxhash/v2"

	"github.com/stylistbot/stylist/internal/confcheck"
)

// Variant is one named prompt variant with its traffic weight.
// The koanf tags name its keys under prompts.variants.NAME in the configuration file.
type Variant struct {
	Name        string   `koanf:"-"`           // variant name (the map key)
	Template    string   `koanf:"template"`    // prompt template name; "" = the default prompt
	Weight      float64  `koanf:"weight"`      // relative traffic share; 0 = never assigned
	Temperature *float64 `koanf:"temperature"` // overrides llm.temperature when set
	Model       string   `koanf:"model"`       // overrides llm.model when set
}

// Validate reports every invalid variant as a *confcheck.ConfigError keyed
// relative to the variants map ("casual.weight"; "" for the map as a whole).
func Validate(vs map[string]Variant) error {
	var v confcheck.Checker
	total := 0.0
	for _, name := range slices.Sorted(maps.Keys(vs)) {
		x := vs[name]
		v.Check(name, name != "", "empty variant name")
		v.Check(name+".weight", x.Weight >= 0 && !math.IsNaN(x.Weight) && !math.IsInf(x.Weight, 0), fmt.Sprintf("is %v, must be a finite number >= 0", x.Weight))
		if x.Temperature != nil {
			v.FloatBetween(name+".temperature", *x.Temperature, 0, 2)
		}
		if x.Weight > 0 {
			total += x.Weight
		}
	}
	v.Check("", len(vs) == 0 || total > 0, "every variant has weight 0: weights must add up to more than 0")
	return v.Err()
}

// CheckTemplates reports every variant whose template does not exist (has
// reports whether a template name exists; "" means the default prompt and is
// not checked here), keyed like Validate ("casual.template").
func CheckTemplates(vs map[string]Variant, has func(string) bool) error {
	var v confcheck.Checker
	for _, name := range slices.Sorted(maps.Keys(vs)) {
		if t := vs[name].Template; t != "" && !has(t) {
			v.Add(name+".template", fmt.Sprintf("no template %q", t))
		}
	}
	return v.Err()
}

// Set assigns users to variants; it is immutable and safe for concurrent use.
type Set struct {
	salt     string
	def      Variant
	variants []Variant // weight > 0, sorted by name
	total    float64
}

// ErrInvalid wraps every invalid variant definition.
var ErrInvalid = errors.New("variants: invalid")

// Option customises a Set.
type Option func(*Set)

// WithSalt mixes salt into the hash: changing it re-draws every user (start a new
// experiment); keeping it keeps assignments stable.
func WithSalt(salt string) Option { return func(s *Set) { s.salt = salt } }

// New returns a Set over vs (map key = variant name). With no variant of positive
// weight, every user gets the default: Variant{Name: defaultName, Template: defaultName}.
func New(vs map[string]Variant, defaultName string, opts ...Option) (*Set, error) {
	s := &Set{def: Variant{Name: defaultName, Template: defaultName, Weight: 1}}
	for _, o := range opts {
		o(s)
	}
	if err := Validate(vs); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInvalid, err)
	}
	for name, v := range vs {
		if v.Weight == 0 {
			continue
		}
		v.Name = name
		if v.Template == "" {
			v.Template = defaultName
		}
		s.variants = append(s.variants, v)
		s.total += v.Weight
	}
	sort.Slice(s.variants, func(i, j int) bool { return s.variants[i].Name < s.variants[j].Name })
	return s, nil
}

// Key builds the user key Assign expects from a platform, workspace and user id.
func Key(platform, workspace, user string) string {
	return platform + "/" + workspace + "/" + user
}

// Assign returns the user's variant (the default when there are no variants).
func (s *Set) Assign(userKey string) Variant {
	if len(s.variants) == 0 {
		return s.def
	}
	if len(s.variants) == 1 {
		return s.variants[0]
	}
	best, bestScore := 0, math.Inf(-1)
	for i, v := range s.variants {
		if sc := score(s.salt, userKey, v.Name, v.Weight); sc > bestScore {
			best, bestScore = i, sc
		}
	}
	return s.variants[best]
}

// score is the weighted rendezvous score -w/ln(u) with u uniform in (0, 1).
func score(salt, user, name string, w float64) float64 {
	d := xxhash.New()
	_, _ = d.WriteString(salt)
	_, _ = d.WriteString("\x00")
	_, _ = d.WriteString(user)
	_, _ = d.WriteString("\x00")
	_, _ = d.WriteString(name)
	u := (float64(d.Sum64()>>11) + 0.5) / (1 << 53)
	return -w / math.Log(u)
}

// Variants returns the variants that can be assigned, sorted by name.
func (s *Set) Variants() []Variant { return slices.Clone(s.variants) }

// Default returns the variant used when there are no weighted variants.
func (s *Set) Default() Variant { return s.def }

// Share returns the expected fraction of users assigned to name.
func (s *Set) Share(name string) float64 {
	if len(s.variants) == 0 {
		if name == s.def.Name {
			return 1
		}
		return 0
	}
	for _, v := range s.variants {
		if v.Name == name {
			return v.Weight / s.total
		}
	}
	return 0
}

// Get returns the named variant (the default under its own name) and whether it exists.
func (s *Set) Get(name string) (Variant, bool) {
	for _, v := range s.variants {
		if v.Name == name {
			return v, true
		}
	}
	if name == s.def.Name {
		return s.def, true
	}
	return Variant{}, false
}
