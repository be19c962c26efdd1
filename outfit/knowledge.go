package outfit

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

//go:embed data/*.yaml
var embedded embed.FS

// The data files of a knowledge directory.
const (
	OccasionsFile = "occasions.yaml"
	SlotsFile     = "slots.yaml"
	ColoursFile   = "colours.yaml"
	AnchorsFile   = "anchors.yaml"
)

var files = []string{OccasionsFile, SlotsFile, ColoursFile, AnchorsFile}

// Slot names the planner and the eval know; slots.yaml defines their types.
const (
	Top       = "top"
	Bottom    = "bottom"
	OnePiece  = "one-piece"
	Shoes     = "shoes"
	Outer     = "outer"
	Accessory = "accessory"
	Swimwear  = "swimwear"
	main      = "main" // pseudo-slot of occasions.yaml: top + bottom, or a one-piece
)

// SlotOrder is the order slots appear in an outfit.
var SlotOrder = []string{Swimwear, OnePiece, Top, Bottom, Outer, Shoes, Accessory}

// Formality levels, lowest first.
var formalities = []string{"casual", "smart", "formal"}

// val is a scalar with the line it was read from.
type val struct {
	S    string
	Line int
}

// UnmarshalYAML implements yaml.Unmarshaler.
func (v *val) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.ScalarNode {
		return fmt.Errorf("line %d: want a single value, got a %s", n.Line, kindName(n.Kind))
	}
	v.S, v.Line = strings.TrimSpace(n.Value), n.Line
	return nil
}

func kindName(k yaml.Kind) string {
	switch k {
	case yaml.MappingNode:
		return "mapping"
	case yaml.SequenceNode:
		return "list"
	}
	return "value"
}

func strs(vs []val) []string {
	out := make([]string, 0, len(vs))
	for _, v := range vs {
		out = append(out, v.S)
	}
	return out
}

// occasionsDoc is occasions.yaml.
type occasionsDoc struct {
	Default    val                     `yaml:"default"`
	Never      rulesDoc                `yaml:"never"`
	SmartNever rulesDoc                `yaml:"smart_never"`
	Conditions map[string]conditionDoc `yaml:"conditions"`
	Occasions  []occasionDoc           `yaml:"occasions"`
}

type rulesDoc struct {
	Groups      []val `yaml:"groups"`
	Types       []val `yaml:"types"`
	Departments []val `yaml:"departments"`
	Words       []val `yaml:"words"`
}

type conditionDoc struct {
	Outer  val   `yaml:"outer"`
	Forbid []val `yaml:"forbid"`
	Terms  []val `yaml:"terms"`
}

type occasionDoc struct {
	Name             val              `yaml:"name"`
	Title            string           `yaml:"title"`
	Phrases          []val            `yaml:"phrases"`
	Kit              val              `yaml:"kit"`
	Formality        val              `yaml:"formality"`
	OnePiece         val              `yaml:"one_piece"`
	Sport            bool             `yaml:"sport"`
	Slots            []val            `yaml:"slots"`
	Forbid           []val            `yaml:"forbid"`
	Colours          []val            `yaml:"colours"`
	AvoidMainColours []val            `yaml:"avoid_main_colours"`
	SlotTypes        map[string][]val `yaml:"slot_types"`
}

// slotsDoc is slots.yaml.
type slotsDoc struct {
	Slots     map[string]slotDoc `yaml:"slots"`
	Exclusive [][]val            `yaml:"exclusive"`
}

type slotDoc struct {
	Label string           `yaml:"label"`
	Role  string           `yaml:"role"`
	Kits  map[string][]val `yaml:"kits"`
	Men   []val            `yaml:"men"`
	Women []val            `yaml:"women"`
	Kids  []val            `yaml:"kids"`
}

// coloursDoc is colours.yaml.
type coloursDoc struct {
	Neutrals           []val              `yaml:"neutrals"`
	NeutralGroups      []val              `yaml:"neutral_groups"`
	NeutralAppearances []val              `yaml:"neutral_appearances"`
	MaxAccents         int                `yaml:"max_accents"`
	AccentPairs        [][]val            `yaml:"accent_pairs"`
	Moods              map[string]moodDoc `yaml:"moods"`
	GoesWith           []goesWithDoc      `yaml:"goes_with"`
}

type goesWithDoc struct {
	Name        val   `yaml:"name"`
	Groups      []val `yaml:"groups"`
	Appearances []val `yaml:"appearances"`
	Masters     []val `yaml:"masters"`
	With        []val `yaml:"with"`
}

// anchorsDoc is anchors.yaml.
type anchorsDoc struct {
	Finish  []val       `yaml:"finish"`
	Anchors []anchorDoc `yaml:"anchors"`
}

type anchorDoc struct {
	Types     []val `yaml:"types"`
	Words     []val `yaml:"words"`
	Slot      val   `yaml:"slot"`
	Kit       val   `yaml:"kit"`
	Formality val   `yaml:"formality"`
	Outer     val   `yaml:"outer"`
}

type moodDoc struct {
	Tones   []val `yaml:"tones"`
	Colours []val `yaml:"colours"`
}

// Vocabulary is what validation checks values against; *CatalogVocabulary implements it.
type Vocabulary interface {
	// Has reports whether the catalog has value x in a column, named by its
	// Query field ("Types", "ProductGroups", "ColourMasters", "Colours", "ColourValues", "Appearances"),
	// or "Departments" (department_name).
	Has(field, x string) bool
	// Values lists the column's values, sorted.
	Values(field string) []string
}

// Error is a bad value in a knowledge file.
type Error struct {
	File  string
	Line  int
	Key   string
	Value string
	Msg   string
}

// Error implements error: "occasions.yaml:12: never.types "Sneakerz": …".
func (e *Error) Error() string {
	s := fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Key)
	if e.Value != "" {
		s += fmt.Sprintf(" %q", e.Value)
	}
	return s + ": " + e.Msg
}

// Load reads the embedded knowledge files and, when dir is not empty, the
// files of the same name in dir, which replace the embedded ones. Every value
// is checked against vocab (nil skips the catalog check); the first problem is
// returned as an *Error naming the file, line and value.
func Load(dir string, vocab Vocabulary) (*Knowledge, error) {
	src := map[string][]byte{}
	names := map[string]string{}
	for _, f := range files {
		b, err := embedded.ReadFile("data/" + f)
		if err != nil {
			return nil, err
		}
		src[f], names[f] = b, f
	}
	if dir != "" {
		if st, err := os.Stat(dir); err != nil {
			return nil, fmt.Errorf("outfit: knowledge directory: %w", err)
		} else if !st.IsDir() {
			return nil, fmt.Errorf("outfit: knowledge directory %s is not a directory", dir)
		}
		for _, f := range files {
			p := filepath.Join(dir, f)
			b, err := os.ReadFile(p)
			if errors.Is(err, fs.ErrNotExist) {
				continue
			}
			if err != nil {
				return nil, err
			}
			src[f], names[f] = b, p
		}
	}
	var od occasionsDoc
	var sd slotsDoc
	var cd coloursDoc
	var ad anchorsDoc
	for f, dst := range map[string]any{OccasionsFile: &od, SlotsFile: &sd, ColoursFile: &cd, AnchorsFile: &ad} {
		if err := decode(names[f], src[f], dst); err != nil {
			return nil, err
		}
	}
	b := builder{vocab: vocab, names: names}
	return b.build(&od, &sd, &cd, &ad)
}

// decode reads one YAML file strictly: unknown keys are errors.
func decode(name string, b []byte, dst any) error {
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(dst); err != nil {
		// yaml reports "line N: ..." (one line per problem): name the file and the first.
		msg := err.Error()
		var te *yaml.TypeError
		if errors.As(err, &te) && len(te.Errors) > 0 {
			msg = te.Errors[0]
		}
		if m := yamlLine.FindStringSubmatch(msg); m != nil {
			line, _ := strconv.Atoi(m[1])
			return &Error{File: name, Line: line, Key: "yaml", Msg: m[2]}
		}
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}

var yamlLine = regexp.MustCompile(`line (\d+): (.*)`)

// DefaultKnowledge loads the embedded files without a catalog check.
func DefaultKnowledge() *Knowledge {
	k, err := Load("", nil)
	if err != nil {
		panic(err) // the embedded files are checked by the tests
	}
	return k
}

func sortedKeys[M ~map[string]V, V any](m M) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
