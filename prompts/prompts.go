// Package prompts holds the prompt templates (embedded *.tmpl files, optionally
// overridden from a directory) and renders them.
package prompts

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"text/template"
)

//go:embed templates/*.tmpl
var embedded embed.FS

// Names of the built-in templates.
const (
	Category = "category" // default: category-matching, vivid, one by one
	Short    = "short"    // the reference system's original short prompt
	System   = "system"   // system message
	Outfit   = "outfit"   // outfit requests: slot candidates grouped by slot
)

// ErrUnknown is returned for a template name that is not in the set.
var ErrUnknown = errors.New("prompts: unknown template")

// Item is one retrieved article as the prompt shows it.
type Item struct {
	ArticleID       string
	ProdName        string
	ProductTypeName string
	ColourGroupName string
	DepartmentName  string
	IndexName       string
	Desc            string // description, possibly shortened to fit the context budget
}

// TurnData is an earlier turn of the conversation.
type TurnData struct {
	Query      string
	ArticleIDs []string
}

// Data is what a recommendation template renders.
type Data struct {
	Query   string
	Asked   string // what query understanding extracted, e.g. "Dress or Skirt, Light Yellow, Ladieswear"
	Count   int
	Items   []Item
	History []TurnData
	Outfit  *OutfitData // set for outfit requests (the "outfit" template)
}

// OutfitData is what the outfit template renders: the understood request and
// the candidates of each slot.
type OutfitData struct {
	Occasion string   // "a wedding as a guest"
	For      string   // "men", "women", "girls 92-140" (outfit.LookName)
	Notes    []string // season, weather, formality, style, fit, colour wishes, anchor
	Looks    int      // outfits wanted
	// Pairing is what a pairing request asks for, with the piece they have
	// ("shoes to go with their red dress"): each outfit is then one option of
	// it. "" for a whole look.
	Pairing string
	Slots   []SlotData
}

// SlotData is one slot and its candidate articles.
type SlotData struct {
	Name  string // "top", "shoes", ...
	Label string // "Top", "Shoes"
	Role  string // what the piece does for the look
	Items []Item
}

// Set is an immutable set of parsed templates.
type Set struct {
	tmpls map[string]*template.Template
	src   map[string]string
}

var funcs = template.FuncMap{"join": strings.Join}

// Load parses the embedded templates, then every *.tmpl in dir (if dir is not
// empty), which override embedded ones of the same name or add new ones.
func Load(dir string) (*Set, error) {
	s := &Set{tmpls: map[string]*template.Template{}, src: map[string]string{}}
	err := fs.WalkDir(embedded, "templates", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := embedded.ReadFile(p)
		if err != nil {
			return err
		}
		return s.add(strings.TrimSuffix(filepath.Base(p), ".tmpl"), string(b))
	})
	if err != nil {
		return nil, err
	}
	if dir == "" {
		return s, nil
	}
	files, err := filepath.Glob(filepath.Join(dir, "*.tmpl"))
	if err != nil {
		return nil, err
	}
	if _, err := os.Stat(dir); err != nil {
		return nil, fmt.Errorf("prompts: %w", err)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		if err := s.add(strings.TrimSuffix(filepath.Base(f), ".tmpl"), string(b)); err != nil {
			return nil, fmt.Errorf("%s: %w", f, err)
		}
	}
	return s, nil
}

func (s *Set) add(name, text string) error {
	t, err := template.New(name).Funcs(funcs).Option("missingkey=error").Parse(text)
	if err != nil {
		return fmt.Errorf("prompts: template %q: %w", name, err)
	}
	// Render once with sample data so a template that fails at run time is rejected at load time.
	if name != System {
		if err := t.Execute(&bytes.Buffer{}, sample); err != nil {
			return fmt.Errorf("prompts: template %q: %w", name, err)
		}
	}
	s.tmpls[name], s.src[name] = t, text
	return nil
}

var sample = Data{Query: "q", Asked: "Dress", Count: 1, Items: []Item{{ArticleID: "0000000001", ProdName: "n"}},
	History: []TurnData{{Query: "p", ArticleIDs: []string{"0000000002"}}},
	Outfit: &OutfitData{Occasion: "o", For: "women", Notes: []string{"summer"}, Looks: 1,
		Slots: []SlotData{{Name: "top", Label: "Top", Role: "r", Items: []Item{{ArticleID: "0000000003", ProdName: "t"}}}}}}

// Names lists the templates in the set.
func (s *Set) Names() []string {
	out := make([]string, 0, len(s.tmpls))
	for n := range s.tmpls {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// Has reports whether name is in the set.
func (s *Set) Has(name string) bool { _, ok := s.tmpls[name]; return ok }

// Source returns the template text of name.
func (s *Set) Source(name string) (string, error) {
	src, ok := s.src[name]
	if !ok {
		return "", fmt.Errorf("%w %q (have %s)", ErrUnknown, name, strings.Join(s.Names(), ", "))
	}
	return src, nil
}

// Render executes template name with d.
func (s *Set) Render(name string, d Data) (string, error) {
	t, ok := s.tmpls[name]
	if !ok {
		return "", fmt.Errorf("%w %q (have %s)", ErrUnknown, name, strings.Join(s.Names(), ", "))
	}
	var b bytes.Buffer
	if err := t.Execute(&b, d); err != nil {
		return "", fmt.Errorf("prompts: render %q: %w", name, err)
	}
	return b.String(), nil
}
