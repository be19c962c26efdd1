package outfit

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stylistbot/stylist/catalog"
)

func TestEmbeddedKnowledgeLoads(t *testing.T) {
	k, err := Load("", NewVocabulary(fixArticles()))
	if err != nil {
		t.Fatal(err)
	}
	if len(k.Occasions) < 20 {
		t.Fatalf("%d occasions", len(k.Occasions))
	}
	// The fixture catalog lacks some H&M types: they are ignored with a warning naming file and line.
	if len(k.Warnings) == 0 || !strings.Contains(k.Warnings[0], ".yaml:") {
		t.Fatalf("warnings: %v", k.Warnings)
	}
	for _, name := range []string{"wedding guest", "job interview", "business meeting", "office", "date night", "party",
		"cocktail", "black tie", "funeral", "beach", "holiday", "festival", "hiking", "ski", "gym", "yoga", "running",
		"school", "travel", "home"} {
		if o := k.Occasion(name); o == nil || o.Name != name {
			t.Errorf("occasion %q missing", name)
		}
	}
	if k.Occasion("no such occasion").Name != k.Default {
		t.Error("unknown occasion must give the default")
	}
}

// writeKnowledge writes an override file into a fresh directory.
func writeKnowledge(t *testing.T, file, content string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, file), []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// embeddedFile returns an embedded file's text with one replacement.
func embeddedFile(t *testing.T, file, old, new string) string {
	t.Helper()
	b, err := embedded.ReadFile("data/" + file)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), old) {
		t.Fatalf("%s has no %q", file, old)
	}
	return strings.Replace(string(b), old, new, 1)
}

func lineOf(t *testing.T, text, needle string) int {
	t.Helper()
	i := strings.Index(text, needle)
	if i < 0 {
		t.Fatalf("no %q", needle)
	}
	return strings.Count(text[:i], "\n") + 1
}

func TestBadKnowledgeFiles(t *testing.T) {
	vocab := NewVocabulary(fixArticles())
	cases := []struct {
		name, file, old, new string
		line                 string // the text on the line the error must name
		want                 []string
	}{
		{"typo in a type", OccasionsFile, "Hoodie, Flip flop, Sneakers, Shorts, T-shirt, Vest top, Leggings/Tights, Cap/peaked, Sweater, Slippers]",
			"Hoodie, Flip flop, Sneakerz, Shorts]", "Sneakerz", []string{`"Sneakerz"`, `did you mean "Sneakers"`, "occasion wedding guest: forbid"}},
		{"wrong case", SlotsFile, "smart: [Shirt, Blouse, Sweater, Top, Polo shirt]", "smart: [shirt]", "smart: [shirt]",
			[]string{`"shirt"`, `did you mean "Shirt"`}},
		{"unknown slot", OccasionsFile, "slots: [top, bottom, shoes]", "slots: [top, bottom, socks]", "slots: [top, bottom, socks]",
			[]string{`"socks"`, "unknown slot"}},
		{"bad formality", OccasionsFile, "    formality: formal\n    one_piece: yes\n    slots: [main, shoes, \"outer?\", accessory, accessory]",
			"    formality: posh\n    one_piece: yes\n    slots: [main, shoes, \"outer?\", accessory, accessory]", "formality: posh", []string{`"posh"`, "casual, smart or formal"}},
		{"unknown kit", OccasionsFile, "kit: outdoor", "kit: mountain", "kit: mountain", []string{`"mountain"`, "kit"}},
		{"unknown key", OccasionsFile, "    kit: beach\n", "    kit: beach\n    dresscode: none\n", "dresscode", []string{"dresscode"}},
		{"bad never word", OccasionsFile, "words: [pj,", "words: [PJ tops,", "words: [PJ tops,", []string{`"PJ tops"`, "lower-case letters"}},
		{"bad smart_never word", OccasionsFile, "words: [jogger,", "words: [Jogger,", "words: [Jogger,", []string{`"Jogger"`, "smart_never.words", "lower-case letters"}},
		{"smart_never types", OccasionsFile, "smart_never:\n", "smart_never:\n  types: [Hoodie]\n", "types: [Hoodie]", []string{`"Hoodie"`, "only words"}},
		{"unknown colour", ColoursFile, "neutrals: [Black,", "neutrals: [Blak,", "neutrals:", []string{`"Blak"`, `did you mean "Black"`}},
		{"anchor slot", AnchorsFile, "    slot: outer\n    kit: casual\n  - types: [Cardigan]", "    slot: jacket\n    kit: casual\n  - types: [Cardigan]", "slot: jacket",
			[]string{`"jacket"`, "anchors.slot", "unknown slot"}},
		{"anchor kit", AnchorsFile, "  - types: [Sneakers]\n    kit: casual", "  - types: [Sneakers]\n    kit: sporty", "kit: sporty", []string{`"sporty"`, "anchors.kit"}},
		{"anchor type typo", AnchorsFile, "  - types: [Sneakers]\n", "  - types: [Sneakerz]\n", "Sneakerz", []string{`"Sneakerz"`, `did you mean "Sneakers"`}},
		{"anchor outer", AnchorsFile, "    kit: casual\n    outer: never", "    kit: casual\n    outer: sometimes", "outer: sometimes", []string{`"sometimes"`, "always or never"}},
		{"anchor word", AnchorsFile, "words: [heeled,", "words: [Heeled,", "words: [Heeled,", []string{`"Heeled"`, "lower-case letters"}},
		{"goes_with colour", ColoursFile, "    with: [Black, Beige, White, Blue, Grey, Metal, Pink]", "    with: [Blak, Beige]", "with: [Blak", []string{`"Blak"`, "goes_with red: with", `did you mean "Black"`}},
		{"goes_with without a key", ColoursFile, "  - name: red\n    masters: [Red]\n", "  - name: red\n", "name: red", []string{`"red"`, "needs groups, appearances or masters"}},
		{"missing default", OccasionsFile, "default: everyday", "default: someday", "default: someday", []string{`"someday"`, "no occasion"}},
		{"bad outer", OccasionsFile, "    outer: never\n    forbid: [Coat, Boots, Hat/beanie, Gloves, Scarf, Outdoor trousers]",
			"    outer: sometimes\n    forbid: [Coat]", "outer: sometimes", []string{`"sometimes"`, "always or never"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			text := embeddedFile(t, c.file, c.old, c.new)
			dir := writeKnowledge(t, c.file, text)
			_, err := Load(dir, vocab)
			if err == nil {
				t.Fatal("no error")
			}
			msg := err.Error()
			want := append([]string{filepath.Join(dir, c.file) + ":" + strconv.Itoa(lineOf(t, text, c.line))}, c.want...)
			for _, w := range want {
				if !strings.Contains(msg, w) {
					t.Errorf("error %q lacks %q", msg, w)
				}
			}
		})
	}
}

func TestKnowledgeOverrideAndWatch(t *testing.T) {
	vocab := NewVocabulary(fixArticles())
	dir := writeKnowledge(t, OccasionsFile, embeddedFile(t, OccasionsFile, "default: everyday", "default: office"))
	k, err := Load(dir, vocab)
	if err != nil || k.Default != "office" {
		t.Fatalf("override not used: %v %v", err, k)
	}
	if _, err := Load(filepath.Join(dir, "missing"), vocab); err == nil {
		t.Fatal("a missing directory must be an error")
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	changed := make(chan *Knowledge, 4)
	failed := make(chan error, 4)
	go Watch(ctx, dir, vocab, func(k *Knowledge) { changed <- k }, func(err error) { failed <- err })
	time.Sleep(100 * time.Millisecond) // let the watcher start
	write := func(s string) {
		if err := os.WriteFile(filepath.Join(dir, OccasionsFile), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(embeddedFile(t, OccasionsFile, "default: everyday", "default: party"))
	select {
	case k := <-changed:
		if k.Default != "party" {
			t.Fatalf("reloaded default %q", k.Default)
		}
	case err := <-failed:
		t.Fatal(err)
	case <-time.After(5 * time.Second):
		t.Fatal("no reload")
	}
	write(embeddedFile(t, OccasionsFile, "default: everyday", "default: nowhere"))
	select {
	case k := <-changed:
		t.Fatalf("a bad file must not be applied: %v", k.Default)
	case err := <-failed:
		var ke *Error
		if !errors.As(err, &ke) || ke.Value != "nowhere" {
			t.Fatalf("error %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("no error reported")
	}
}

func TestNeverRules(t *testing.T) {
	k := DefaultKnowledge()
	cases := []struct {
		a    catalog.Article
		want bool
	}{
		{catalog.Article{ProdName: "Siblings baby PJ", ProductTypeName: "Top", ProductGroupName: "Garment Upper body"}, true},
		{catalog.Article{ProdName: "Pyjama-style shirt", ProductTypeName: "Shirt", ProductGroupName: "Garment Upper body"}, true},
		{catalog.Article{ProdName: "Strap top", ProductTypeName: "Bra", ProductGroupName: "Underwear"}, true},
		{catalog.Article{ProdName: "Dog costume", ProductTypeName: "Dog Wear", ProductGroupName: "Accessories"}, true},
		{catalog.Article{ProdName: "Slim shirt", ProductTypeName: "Shirt", ProductGroupName: "Garment Upper body"}, false},
		{catalog.Article{ProdName: "Pjotr chinos", ProductTypeName: "Trousers", ProductGroupName: "Garment Lower body"}, false},
	}
	for _, c := range cases {
		if got := k.Never.Forbids(&c.a); got != c.want {
			t.Errorf("%q (%s): forbidden = %v, want %v", c.a.ProdName, c.a.ProductTypeName, got, c.want)
		}
	}
}

// TestSmartNeverRules: loungewear and sportswear filed as trousers are no
// piece of a smart or formal look; the words are whole words of the name.
func TestSmartNeverRules(t *testing.T) {
	k := DefaultKnowledge()
	for _, c := range []struct {
		name string
		want bool
	}{
		{"Jerry jogger bottoms", true},
		{"Tracksuit trousers", true},
		{"Cargo trousers", true},
		{"Sweatpants", true},
		{"Slim suit trousers", false},
		{"Trackside chinos", false}, // a whole word, not a prefix
		{"Sweater dress", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			a := catalog.Article{ProdName: c.name, ProductTypeName: "Trousers", ProductGroupName: "Garment Lower body"}
			if got := k.SmartNever.Forbids(&a); got != c.want {
				t.Errorf("forbidden in smart looks = %v, want %v", got, c.want)
			}
		})
	}
}
