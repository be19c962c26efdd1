package catalog

import (
	"errors"
	"fmt"
	"strings"
	"text/template"
)

// DefaultTextTemplate renders the article text that is embedded and shown: the
// representation used by the reference paper.
const DefaultTextTemplate = "{{.ProdName}} - {{.ProductTypeName}} - {{.ColourGroupName}} - {{.IndexName}} - {{.DetailDesc}}"

// textSep separates template parts; empty parts and dangling separators are removed.
const textSep = " - "

// ErrEmptyTemplate is returned by NewText for a blank template.
var ErrEmptyTemplate = errors.New("catalog: empty text template")

// textFuncs are the helper functions available to text templates.
var textFuncs = template.FuncMap{
	"lower": strings.ToLower,
	"upper": strings.ToUpper,
	"trim":  strings.TrimSpace,
}

// Text renders an Article to a single line of text with a text/template over
// the Article fields (e.g. {{.ProdName}}, {{.DetailDesc}}; funcs lower, upper, trim).
type Text struct {
	src  string
	tmpl *template.Template
}

// NewText parses tmpl and checks it against a sample article, so unknown
// fields and syntax errors are reported here rather than at render time.
func NewText(tmpl string) (*Text, error) {
	if strings.TrimSpace(tmpl) == "" {
		return nil, ErrEmptyTemplate
	}
	t, err := template.New("article").Funcs(textFuncs).Option("missingkey=error").Parse(tmpl)
	if err != nil {
		return nil, fmt.Errorf("catalog: text template: %w", err)
	}
	var sample Article
	for _, c := range columns {
		*c.field(&sample) = "x"
	}
	if err := t.Execute(&strings.Builder{}, sample); err != nil {
		return nil, fmt.Errorf("catalog: text template: %w", err)
	}
	return &Text{src: tmpl, tmpl: t}, nil
}

// DefaultText returns the Text for DefaultTextTemplate.
func DefaultText() *Text {
	t, err := NewText(DefaultTextTemplate)
	if err != nil {
		panic(err) // the constant template is covered by tests
	}
	return t
}

// String returns the template source.
func (t *Text) String() string { return t.src }

// Render returns the article's text on one line: whitespace runs collapsed and
// empty " - " separated parts dropped (no dangling separators when a field such
// as detail_desc is empty). If execution fails, the fields of
// DefaultTextTemplate are joined instead.
func (t *Text) Render(a Article) string {
	var b strings.Builder
	b.Grow(192)
	if err := t.tmpl.Execute(&b, a); err != nil {
		return cleanText(strings.Join([]string{a.ProdName, a.ProductTypeName, a.ColourGroupName, a.IndexName, a.DetailDesc}, textSep))
	}
	return cleanText(b.String())
}

// cleanText collapses whitespace and removes empty separator-delimited parts
// and separators left dangling at either end.
func cleanText(s string) string {
	parts := strings.Split(s, textSep)
	out := parts[:0]
	for _, p := range parts {
		p = strings.Join(strings.Fields(p), " ")
		p = strings.TrimSuffix(strings.TrimPrefix(p, "- "), " -")
		if p != "" && p != "-" {
			out = append(out, p)
		}
	}
	return strings.Join(out, textSep)
}
