package bench

import (
	"encoding/binary"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/stylistbot/stylist/catalog"
)

func TestMakeQueries(t *testing.T) {
	cat, _, err := catalog.Demo()
	if err != nil {
		t.Fatal(err)
	}
	seeds := []string{"black sweater", " ", "white sneakers"}
	qs := MakeQueries(cat.Articles, seeds, 41, 7)
	if len(qs) != 41 {
		t.Fatalf("got %d queries, want 41", len(qs))
	}
	kinds := CountKinds(qs)
	if kinds[KindSeed] != 2 || kinds[KindVariant] != 19 || kinds[KindCatalog] != 20 {
		t.Errorf("kinds %v, want 2 seeds + 19 variants (half of 41, rounded up) + 20 catalog", kinds)
	}
	if qs[0].Text != "black sweater" || qs[1].Text != "white sneakers" {
		t.Errorf("seeds must come first, blank ones skipped: %+v", qs[:2])
	}
	for _, q := range qs {
		if strings.TrimSpace(q.Text) == "" || strings.Contains(q.Text, "%!") {
			t.Errorf("bad query %+v", q)
		}
		if q.Kind == KindVariant && (strings.Contains(q.Text, "unknown") || strings.Contains(q.Text, "undefined")) {
			t.Errorf("placeholder value in %q", q.Text)
		}
	}
	if again := MakeQueries(cat.Articles, seeds, 41, 7); !reflect.DeepEqual(again, qs) {
		t.Errorf("not deterministic")
	}
	if other := MakeQueries(cat.Articles, seeds, 41, 8); reflect.DeepEqual(other, qs) {
		t.Errorf("the seed does not change the queries")
	}
	if few := MakeQueries(cat.Articles, seeds, 1, 7); len(few) != 1 || few[0].Kind != KindSeed {
		t.Errorf("n=1: %+v", few)
	}
}

func TestWriteNPY(t *testing.T) {
	path := filepath.Join(t.TempDir(), "q.npy")
	data := []float32{1, 2, 3, 4, 5, 6.5}
	if err := writeNPY(path, data, 2, 3); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if string(b[:8]) != "\x93NUMPY\x01\x00" {
		t.Fatalf("magic %q", b[:8])
	}
	hl := int(binary.LittleEndian.Uint16(b[8:10]))
	if (10+hl)%64 != 0 || b[10+hl-1] != '\n' {
		t.Errorf("header of %d bytes is not padded to 64 with a final newline", hl)
	}
	if h := string(b[10 : 10+hl]); !strings.Contains(h, "'descr': '<f4'") || !strings.Contains(h, "'shape': (2, 3)") {
		t.Errorf("header %q", h)
	}
	body := b[10+hl:]
	if len(body) != 4*len(data) {
		t.Fatalf("body has %d bytes", len(body))
	}
	for i, want := range data {
		if got := math.Float32frombits(binary.LittleEndian.Uint32(body[4*i:])); got != want {
			t.Errorf("value %d = %v, want %v", i, got, want)
		}
	}
}
