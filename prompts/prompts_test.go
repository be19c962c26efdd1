package prompts

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stylistbot/stylist/internal/golden"
)

func data() Data {
	return Data{
		Query: "light yellow dress or skirt for a summer date", Asked: "Dress or Skirt, Light Yellow", Count: 2,
		Items: []Item{
			{ArticleID: "0100000001", ProdName: "Sunny midi", ProductTypeName: "Dress", ColourGroupName: "Light Yellow", DepartmentName: "Dresses", IndexName: "Ladieswear", Desc: "Short-sleeved dress in airy cotton."},
			{ArticleID: "0100000002", ProdName: "Pleat skirt", ProductTypeName: "Skirt", ColourGroupName: "Yellow", DepartmentName: "Skirts", IndexName: "Ladieswear", Desc: "Pleated skirt."},
		},
		History: []TurnData{{Query: "summer dress", ArticleIDs: []string{"0100000003"}}},
	}
}

func TestGolden(t *testing.T) {
	s, err := Load("")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{Category, Short} {
		t.Run(name, func(t *testing.T) {
			got, err := s.Render(name, data())
			if err != nil {
				t.Fatal(err)
			}
			golden.Check(t, name+".golden", []byte(got))
			for _, it := range data().Items {
				if !strings.Contains(got, it.ArticleID) {
					t.Errorf("prompt lacks article %s", it.ArticleID)
				}
			}
		})
	}
}

func TestOverrideDirectory(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "short.tmpl"), []byte("Q={{.Query}} N={{.Count}}"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "terse.tmpl"), []byte("{{.Query}}{{range .Items}} {{.ArticleID}}{{end}}"), 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := s.Render(Short, data())
	if got != "Q=light yellow dress or skirt for a summer date N=2" {
		t.Fatalf("override not used: %q", got)
	}
	if !s.Has("terse") || !s.Has(Category) {
		t.Fatalf("names: %v", s.Names())
	}
}

func TestBadTemplates(t *testing.T) {
	tests := []struct{ name, body, want string }{
		{"syntax", "{{.Query", "unclosed action"},
		{"unknown field", "{{.Nope}}", "Nope"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, "bad.tmpl"), []byte(tt.body), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := Load(dir)
			if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), "bad.tmpl") {
				t.Fatalf("want error naming bad.tmpl and %q, got %v", tt.want, err)
			}
		})
	}
	s, _ := Load("")
	if _, err := s.Render("nope", data()); !errors.Is(err, ErrUnknown) {
		t.Fatalf("want ErrUnknown, got %v", err)
	}
}

func TestWatchReloads(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "mine.tmpl"), []byte("v1 {{.Query}}"), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	sets := make(chan *Set, 4)
	errs := make(chan error, 4)
	go Watch(ctx, dir, func(s *Set) { sets <- s }, func(err error) { errs <- err })
	time.Sleep(100 * time.Millisecond)
	os.WriteFile(filepath.Join(dir, "mine.tmpl"), []byte("v2 {{.Query}}"), 0o644)
	select {
	case s := <-sets:
		if got, _ := s.Render("mine", data()); got != "v2 light yellow dress or skirt for a summer date" {
			t.Fatalf("got %q", got)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("no reload")
	}
	os.WriteFile(filepath.Join(dir, "mine.tmpl"), []byte("{{.Broken"), 0o644)
	select {
	case err := <-errs:
		if !strings.Contains(err.Error(), "mine.tmpl") {
			t.Fatalf("error should name the file: %v", err)
		}
	case <-sets:
		t.Fatal("a broken template must not replace the working set")
	case <-time.After(5 * time.Second):
		t.Fatal("no error reported")
	}
}

func TestOutfitGolden(t *testing.T) {
	s, err := Load("")
	if err != nil {
		t.Fatal(err)
	}
	d := Data{Query: "what should I wear to a summer wedding, I'm a man", Count: 1,
		Outfit: &OutfitData{Occasion: "a wedding as a guest", For: "men", Notes: []string{"summer", "formal"}, Looks: 2,
			Slots: []SlotData{
				{Name: "top", Label: "Top", Role: "the piece that sets the tone", Items: []Item{
					{ArticleID: "0100000001", ProdName: "Linen shirt", ProductTypeName: "Shirt", ColourGroupName: "White", DepartmentName: "Shirt", Desc: "Shirt in linen."}}},
				{Name: "shoes", Label: "Shoes", Role: "the finish from the ground up", Items: []Item{
					{ArticleID: "0100000002", ProdName: "Derby", ProductTypeName: "Other shoe", ColourGroupName: "Black", DepartmentName: "Shoes", Desc: "Leather derby shoes."}}},
			}}}
	got, err := s.Render(Outfit, d)
	if err != nil {
		t.Fatal(err)
	}
	golden.Check(t, Outfit+".golden", []byte(got))
	for _, w := range []string{"0100000001", "0100000002", `"top", "shoes"`, "2 complete outfits, clearly different", "Top (the piece that sets the tone):"} {
		if !strings.Contains(got, w) {
			t.Errorf("prompt lacks %q", w)
		}
	}
}

func TestOutfitPairingGolden(t *testing.T) {
	s, err := Load("")
	if err != nil {
		t.Fatal(err)
	}
	d := Data{Query: "what shoes go with a red dress", Count: 1,
		Outfit: &OutfitData{Occasion: "every day", For: "women", Looks: 3, Pairing: "shoes to go with their red dress",
			Notes: []string{"they already have red dress: build around it", "colours that go with its red: black, beige, white"},
			Slots: []SlotData{{Name: "shoes", Label: "Shoes", Role: "the finish from the ground up", Items: []Item{
				{ArticleID: "0100000002", ProdName: "Lewin pump", ProductTypeName: "Pumps", ColourGroupName: "Black", DepartmentName: "Shoes", Desc: "Pumps in imitation suede."}}}}}}
	got, err := s.Render(Outfit, d)
	if err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "outfit_pairing.golden", []byte(got))
	if !strings.Contains(got, "Suggest 3 options, clearly different from each other (each in another colour), for shoes to go with their red dress") || strings.Contains(got, "complete outfits") {
		t.Errorf("pairing prompt:\n%s", got)
	}
}
