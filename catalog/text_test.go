package catalog

import (
	"errors"
	"strings"
	"testing"
)

func TestTextRender(t *testing.T) {
	base := Article{ProdName: "Strap top", ProductTypeName: "Vest top", ColourGroupName: "Black", IndexName: "Ladieswear", DetailDesc: "Jersey top with narrow shoulder straps."}
	with := func(f func(a *Article)) Article { a := base; f(&a); return a }
	tests := []struct {
		name string
		tmpl string
		a    Article
		want string
	}{
		{"default", DefaultTextTemplate, base, "Strap top - Vest top - Black - Ladieswear - Jersey top with narrow shoulder straps."},
		{"empty desc leaves no dangling separator", DefaultTextTemplate, with(func(a *Article) { a.DetailDesc = "" }), "Strap top - Vest top - Black - Ladieswear"},
		{"empty middle field collapses", DefaultTextTemplate, with(func(a *Article) { a.ColourGroupName = "  " }), "Strap top - Vest top - Ladieswear - Jersey top with narrow shoulder straps."},
		{"empty first field", DefaultTextTemplate, with(func(a *Article) { a.ProdName = "" }), "Vest top - Black - Ladieswear - Jersey top with narrow shoulder straps."},
		{"newlines in desc flattened", DefaultTextTemplate, with(func(a *Article) { a.DetailDesc = "Line one.\n\nLine  two." }), "Strap top - Vest top - Black - Ladieswear - Line one. Line two."},
		{"hyphens inside words kept", "{{.ProductTypeName}} - {{.DetailDesc}}", with(func(a *Article) { a.ProductTypeName = "T-shirt"; a.DetailDesc = "" }), "T-shirt"},
		{"funcs", "{{lower .ProdName}} | {{upper .IndexName}}", base, "strap top | LADIESWEAR"},
		{"custom template trailing separator", "{{.ProdName}} - {{.DetailDesc}} -", base, "Strap top - Jersey top with narrow shoulder straps."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			txt, err := NewText(tt.tmpl)
			if err != nil {
				t.Fatal(err)
			}
			if got := txt.Render(tt.a); got != tt.want {
				t.Errorf("Render = %q, want %q", got, tt.want)
			}
		})
	}
	if DefaultText().String() != DefaultTextTemplate {
		t.Error("DefaultText source mismatch")
	}
}

func TestNewTextErrors(t *testing.T) {
	tests := []struct {
		name    string
		tmpl    string
		mention string
	}{
		{"blank", "  ", "empty"},
		{"syntax", "{{.ProdName", "unclosed action"},
		{"unknown field", "{{.Colour}}", "Colour"},
		{"unknown func", "{{shout .ProdName}}", "shout"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := NewText(tt.tmpl)
			if err == nil {
				t.Fatal("NewText succeeded, want error")
			}
			if !strings.Contains(err.Error(), tt.mention) {
				t.Errorf("err = %q, want it to name %q", err, tt.mention)
			}
		})
	}
	if _, err := NewText(""); !errors.Is(err, ErrEmptyTemplate) {
		t.Errorf("err = %v, want ErrEmptyTemplate", err)
	}
}
