package query

import (
	"math/rand/v2"
	"testing"

	"github.com/stylistbot/stylist/catalog"
)

// TestCompiledMatches checks every Compiled test against the Query method of
// the same name for every demo article and random requests made of catalog
// values, values no article has and empty lists.
func TestCompiledMatches(t *testing.T) {
	cat, _, err := catalog.Demo()
	if err != nil {
		t.Fatal(err)
	}
	arts := cat.Articles
	d := NewAttrDict()
	ids := make([]AttrIDs, len(arts))
	for i := range arts {
		var ok bool
		if ids[i], ok = d.Add(&arts[i]); !ok {
			t.Fatal("dictionary full")
		}
	}
	rng := rand.New(rand.NewPCG(1, 2))
	pick := func(f int) []string {
		var out []string
		for range rng.IntN(4) - 1 { // mostly empty, up to two values
			switch rng.IntN(8) {
			case 0:
				out = append(out, "No Such Value")
			case 1:
				out = append(out, "")
			default:
				out = append(out, fieldValue(&arts[rng.IntN(len(arts))], f))
			}
		}
		return out
	}
	for n := 0; n < 400; n++ {
		q := Query{Types: pick(AttrType), ProductGroups: pick(AttrGroup), Colours: pick(AttrColour),
			ColourMasters: pick(AttrMaster), ColourValues: pick(AttrValue), IndexGroups: pick(AttrIndexGroup),
			IndexNames: pick(AttrIndexName), Sections: pick(AttrSection), Appearances: pick(AttrAppearance),
			GarmentGroups: pick(AttrGarment),
			Not: Exclusions{Types: pick(AttrType), ProductGroups: pick(AttrGroup), Colours: pick(AttrColour),
				ColourMasters: pick(AttrMaster), ColourValues: pick(AttrValue), IndexGroups: pick(AttrIndexGroup),
				Appearances: pick(AttrAppearance), GarmentGroups: pick(AttrGarment)}}
		c := q.Compile(d)
		for i := range arts {
			a, x := &arts[i], &ids[i]
			for _, m := range []struct {
				name       string
				str, compd bool
			}{
				{"TypeMatch", q.TypeMatch(a), c.TypeMatch(x)},
				{"ColourMatch", q.ColourMatch(a), c.ColourMatch(x)},
				{"ExactColour", contains(q.Colours, a.ColourGroupName), c.ExactColour(x)},
				{"DeptMatch", q.DeptMatch(a), c.DeptMatch(x)},
				{"AppearanceMatch", q.AppearanceMatch(a), c.AppearanceMatch(x)},
				{"GarmentMatch", q.GarmentMatch(a), c.GarmentMatch(x)},
				{"Excludes", q.Excludes(a), c.Excludes(x)},
			} {
				if m.str != m.compd {
					t.Fatalf("query %d, article %s: %s %t, compiled %t (query %+v)", n, a.ArticleID, m.name, m.str, m.compd, q)
				}
			}
		}
	}
}

func TestAttrDictIDs(t *testing.T) {
	arts := []catalog.Article{
		{ProductTypeName: "Dress", ColourGroupName: "Black"},
		{ProductTypeName: "Dress", ColourGroupName: "White"},
		{ProductTypeName: "Skirt", ColourGroupName: "Black"},
		{ProductTypeName: "Dress", ColourGroupName: ""},
	}
	d := NewAttrDict()
	var got []AttrIDs
	for i := range arts {
		x, _ := d.Add(&arts[i])
		got = append(got, x)
	}
	if got[0][AttrType] != got[1][AttrType] || got[0][AttrType] != got[3][AttrType] || got[0][AttrType] == got[2][AttrType] {
		t.Errorf("type ids %v", got)
	}
	if got[0][AttrColour] != got[2][AttrColour] || got[0][AttrColour] == got[1][AttrColour] || got[3][AttrColour] == got[0][AttrColour] {
		t.Errorf("colour ids %v", got)
	}
	if id, ok := d.ID(AttrColour, ""); !ok || id != got[3][AttrColour] {
		t.Errorf("ID of the empty colour: %d %t", id, ok)
	}
	if id, ok := d.ID(AttrGroup, ""); !ok || id != got[0][AttrGroup] { // the first article's empty value is interned too
		t.Errorf("ID of the empty group: %d %t", id, ok)
	}
	if _, ok := d.ID(AttrType, "Coat"); ok {
		t.Error("ID of a value no article has")
	}
}
