package eval

import (
	"context"
	"math"
	"strings"
	"testing"

	"github.com/stylistbot/stylist/catalog"
)

func dept(id, group, index, section string) catalog.Article {
	return catalog.Article{ArticleID: id, ProductTypeName: "Jacket", IndexGroupName: group, IndexName: index, SectionName: section}
}

var (
	ladies   = dept("l", "Ladieswear", "Ladieswear", "Womens Outdoor")
	divided  = dept("d", "Divided", "Divided", "Divided Collection")
	mens     = dept("m", "Menswear", "Menswear", "Men Outerwear")
	menSport = dept("ms", "Sport", "Sport", "Men H&M Sport")
	kidSport = dept("ks", "Sport", "Sport", "Kids Sports")
	baby     = dept("b", "Baby/Children", "Baby Sizes 50-98", "Baby Boy")
	kids     = dept("k", "Baby/Children", "Children Sizes 92-140", "Kids Boy")
	older    = dept("o", "Baby/Children", "Children Sizes 134-170", "Young Girl")
	shoes    = dept("s", "Baby/Children", "Children Accessories, Swimwear", "Kids & Baby Shoes")
)

func TestAudienceMatch(t *testing.T) {
	all := []catalog.Article{ladies, divided, mens, menSport, kidSport, baby, kids, older, shoes}
	cases := []struct {
		q    Query
		want string // ids that match, in order of all
	}{
		{Query{Q: "a jacket"}, "l d m ms"},
		{Query{Q: "a jacket", IndexGroup: []string{"Menswear"}}, "m ms"},
		{Query{Q: "a jacket", Audience: AudWomen}, "l d"},
		{Query{Q: "kids jacket", IndexGroup: []string{"Baby/Children"}}, "ks b k o s"},
		{Query{Q: "jacket, he is 6", Audience: AudChildren, Bands: []string{"Children Sizes 92-140"}}, "ks k s"},
		{Query{Q: "baby jacket", Audience: AudBaby}, "b"},
		{Query{Q: "teen jacket", Audience: AudTeen}, "d m ks o s"},
	}
	for _, c := range cases {
		t.Run(c.q.Q, func(t *testing.T) {
			var got []string
			for i := range all {
				if audienceMatch(c.q, &all[i]) {
					got = append(got, all[i].ArticleID)
				}
			}
			if strings.Join(got, " ") != c.want {
				t.Fatalf("matches %q, want %q", got, c.want)
			}
		})
	}
}

func TestAudienceSummary(t *testing.T) {
	qs := []Query{
		{Q: "a", Kind: "adult"},
		{Q: "b", Audience: AudChildren, Bands: []string{"Children Sizes 92-140"}, Kind: "child"},
	}
	s := fakeSearcher{
		"a": {ladies, mens, kids, divided}, // 1 child's article of 4
		"b": {kids, shoes, older, baby},    // 2 fitting of 4
	}
	rep, err := Run(context.Background(), s, qs, 4)
	if err != nil {
		t.Fatal(err)
	}
	a := rep.Audience
	if a == nil || !near(a.Precision, (0.75+0.5)/2) || !near(*a.AdultChildShare, 0.25) || !near(*a.ChildFit, 0.5) ||
		a.AdultQueries != 1 || a.ChildQueries != 1 || !near(a.ByKind["child"], 0.5) {
		t.Fatalf("audience stats %+v", a)
	}
	var b strings.Builder
	if err := rep.WriteTable(&b); err != nil || !strings.Contains(b.String(), "adult: children 0.250") {
		t.Fatalf("table: %v\n%s", err, b.String())
	}
	b.Reset()
	if err := rep.WriteJSON(&b); err != nil || !strings.Contains(b.String(), `"child_fit": 0.5`) {
		t.Fatalf("json: %v\n%s", err, b.String())
	}
	if math.IsNaN(rep.Queries[0].AudiencePrecision) {
		t.Fatal("audience precision is always defined")
	}
}

func TestReadAudienceQueries(t *testing.T) {
	if _, err := ReadQueries(strings.NewReader("{\"q\": \"x\", \"audience\": \"kids\"}\n")); err == nil || !strings.Contains(err.Error(), "line 1") {
		t.Fatalf("unknown audience must name the line: %v", err)
	}
	kinds := map[string]int{}
	for _, q := range readFile(t, "testdata/audience.jsonl") {
		kinds[q.Kind]++
	}
	for _, k := range []string{"adult", "gendered", "child-age", "child", "tricky"} {
		if kinds[k] < 30 {
			t.Errorf("kind %q has %d queries, want >= 30", k, kinds[k])
		}
	}
}
