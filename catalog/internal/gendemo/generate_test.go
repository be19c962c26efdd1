package gendemo

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

func TestConfigValidate(t *testing.T) {
	for _, tt := range []struct {
		cfg Config
		ok  bool
	}{
		{DefaultConfig(), true},
		{Config{N: 1}, true},
		{Config{N: maxN}, true},
		{Config{N: 0}, false},
		{Config{N: -5}, false},
		{Config{N: maxN + 1}, false},
	} {
		err := tt.cfg.Validate()
		if (err == nil) != tt.ok {
			t.Errorf("Validate(%+v) = %v, want ok=%v", tt.cfg, err, tt.ok)
		}
		if err != nil && (!errors.Is(err, ErrInvalidConfig) || !strings.Contains(err.Error(), "N ")) {
			t.Errorf("error %q should wrap ErrInvalidConfig and name N", err)
		}
	}
}

func TestRNGIsSplitMix64(t *testing.T) {
	// Reference outputs of SplitMix64 seeded with 0; the demo catalog depends on them.
	r := newRNG(0)
	for i, want := range []uint64{0xe220a8397b1dcdaf, 0x6e789e6aa1b965f4, 0x06c45d188009454f} {
		if got := r.next(); got != want {
			t.Fatalf("output %d = %#x, want %#x", i, got, want)
		}
	}
}

func TestStyleTables(t *testing.T) {
	keys := map[string]bool{}
	for _, s := range allStyles {
		t.Run(s.key, func(t *testing.T) {
			if keys[s.key] {
				t.Error("duplicate key")
			}
			keys[s.key] = true
			if _, ok := productTypes[s.typeNo]; !ok {
				t.Errorf("unknown product type %d", s.typeNo)
			}
			if len(s.names) == 0 || len(s.heads) == 0 || len(s.details) == 0 || len(s.extras) == 0 {
				t.Error("empty phrase bank")
			}
			for i, slot := range s.details {
				if len(slot) == 0 {
					t.Errorf("detail slot %d empty", i)
				}
			}
			for _, l := range s.looksParsed() {
				if _, ok := appearances[l.name]; !ok {
					t.Errorf("unknown graphical appearance %q", l.name)
				}
			}
			for _, c := range s.palette {
				if _, ok := colourByName(c); !ok {
					t.Errorf("unknown colour %q", c)
				}
			}
			// The style's own audience and garment groups must be satisfiable
			// without falling back to other placements.
			strict := 0
			for _, p := range placementsFor(s.typeNo) {
				if (s.audience == "" || strings.Contains(s.audience, p.indexCode)) &&
					(len(s.garments) == 0 || slices.Contains(s.garments, p.garmentNo)) {
					strict++
				}
			}
			if strict == 0 {
				t.Errorf("no placement of type %d fits audience %q and garments %v", s.typeNo, s.audience, s.garments)
			}
		})
	}
	for no, pt := range productTypes {
		if len(stylesByType[no]) == 0 {
			t.Errorf("product type %d %s has no style", no, pt.name)
		}
		if len(placementsFor(no)) == 0 {
			t.Errorf("product type %d %s has no placement", no, pt.name)
		}
	}
	for _, p := range append(append([]placement{}, flatten(garmentPlacements)...), flatten(otherPlacements)...) {
		if _, ok := indexes[p.indexCode]; !ok {
			t.Errorf("placement %+v: unknown index", p)
		}
		if _, ok := garmentGroups[p.garmentNo]; !ok {
			t.Errorf("placement %+v: unknown garment group", p)
		}
	}
	for _, f := range featured {
		if _, ok := styleByKey[f.style]; !ok {
			t.Errorf("featured style %q unknown", f.style)
		}
		if _, ok := appearances[f.look]; !ok {
			t.Errorf("featured look %q unknown", f.look)
		}
	}
}

// flatten concatenates the placement lists of a table.
func flatten(m map[int][]placement) []placement {
	var out []placement
	for _, ps := range m {
		out = append(out, ps...)
	}
	return out
}

func TestNameFits(t *testing.T) {
	for _, tt := range []struct {
		name, desc string
		want       bool
	}{
		{"Linen shirt", "Shirt in a linen blend.", true},
		{"Linen shirt", "Shirt in cotton poplin.", false},
		{"Nova Skinny High Jeans", "5-pocket, high-waist jeans with skinny legs.", true},
		{"Skinny Regular Jeans", "Jeans with skinny legs and a high waist.", false},
		{"T-shirt", "T-shirt in soft cotton jersey.", true},
		{"Hoodie", "anything at all", true},
	} {
		if got := nameFits(tt.name, tt.desc); got != tt.want {
			t.Errorf("nameFits(%q, %q) = %v, want %v", tt.name, tt.desc, got, tt.want)
		}
	}
}

func TestDescribe(t *testing.T) {
	st := styleByKey["joggers"]
	for seed := uint64(0); seed < 200; seed++ {
		r := newRNG(seed)
		d := st.describe(r, descOpts{look: "Solid", lead: "LEAD", skipSlot: 1, head: "jogging trousers"})
		if !strings.HasPrefix(d, "Jogging trousers") && !strings.Contains(d, " jogging trousers ") || !strings.Contains(d, " with LEAD") {
			t.Fatalf("head/lead missing: %q", d)
		}
		for _, w := range st.details[0] {
			if strings.Contains(d, w) {
				t.Fatalf("skipped slot used: %q", d)
			}
		}
		if d[0] < 'A' || d[0] > 'Z' || !strings.HasSuffix(d, ".") || strings.Contains(d, "  ") || strings.Contains(d, "!") {
			t.Fatalf("badly formed: %q", d)
		}
	}
	adultOnly := styleByKey["top-party"]
	for seed := uint64(0); seed < 200; seed++ {
		d := adultOnly.describe(newRNG(seed), descOpts{look: "Solid", child: true})
		if strings.Contains(d, "party season") || strings.Contains(d, "evenings out") {
			t.Fatalf("adult-only sentence for a child: %q", d)
		}
	}
}

func TestGenerate(t *testing.T) {
	cfg := DefaultConfig()
	items, err := Generate(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if len(items) != cfg.N {
		t.Fatalf("%d items, want %d", len(items), cfg.N)
	}
	for i, it := range items {
		if len(it.ArticleID) != 10 || !strings.HasPrefix(it.ArticleID, it.ProductCode) {
			t.Fatalf("bad id %q / %q", it.ArticleID, it.ProductCode)
		}
		if i > 0 && it.ArticleID <= items[i-1].ArticleID {
			t.Fatalf("ids not strictly increasing at %d: %s after %s", i, it.ArticleID, items[i-1].ArticleID)
		}
		if it.AppearanceNo == 0 || it.IndexName == "" || it.GarmentGroupName == "" || it.ColourValueName == "" {
			t.Fatalf("incomplete item %+v", it)
		}
	}
	for _, f := range featured {
		found := false
		for _, it := range items {
			if strings.Contains(it.Desc, f.lead) && it.ColourName == f.colours[0] && it.AppearanceName == f.look {
				found = true
				break
			}
		}
		if !found {
			t.Errorf("featured %s %v %q missing", f.style, f.colours, f.lead)
		}
	}
	again, _ := Generate(cfg)
	if !slices.Equal(items, again) {
		t.Error("Generate is not deterministic")
	}
	small, err := Generate(Config{N: 7, Seed: 3})
	if err != nil || len(small) != 7 {
		t.Errorf("small catalog: %d items, %v", len(small), err)
	}
}
