package retrieve

import (
	"testing"

	"github.com/stylistbot/stylist/catalog"
	"github.com/stylistbot/stylist/query"
)

// TestMemo: the memoized audience facts are those of query.Audience.Allows
// and audienceTier, and the stored sleeve fact that of query.HasDetail, for every article
// and audience, on first use and when read back.
func TestMemo(t *testing.T) {
	arts := audienceCatalog()
	sleeveless := art("0000000900", "0000900", "Strap top", "Vest top", "Garment Upper body", "Black", "Black", "Dark",
		"Ladieswear", query.GroupLadies, "Solid", "Sleeveless top in jersey.")
	arts = append(arts, sleeveless)
	m := newMemo(arts)
	audiences := []query.Audience{
		{},
		{Who: query.WhoAdult},
		{Who: query.WhoWomen},
		{Who: query.WhoMen},
		{Who: query.WhoChildren, Gender: query.Female, Bands: []string{query.BandKids}},
		{Who: query.WhoChildren, Gender: query.Male},
		{Who: query.WhoBaby, Bands: []string{query.BandBaby}},
		{Who: query.WhoTeen},
	}
	for _, au := range audiences {
		t.Run(au.String()+"|"+string(au.Gender), func(t *testing.T) {
			q := query.Query{Audience: au}
			for pass := 0; pass < 3; pass++ { // computed, memoized, then filled by audience class
				v := m.view(au)
				if pass == 2 && v != nil {
					set := v.onAudience()
					for d := range arts {
						if wt, _ := audienceTier(&q, &arts[d], false); set.Has(int64(d)) != (wt != tierOff) {
							t.Errorf("%s: in the ANN filter %v, tier %d", arts[d].ProdName, set.Has(int64(d)), wt)
						}
					}
				}
				if (v == nil) != au.IsZero() {
					t.Fatalf("view nil = %v for zero audience = %v", v == nil, au.IsZero())
				}
				for d := range arts {
					a := &arts[d]
					if got, want := v.allows(d), au.Allows(a); got != want {
						t.Errorf("pass %d %s: allows %v, Audience.Allows %v", pass, a.ProdName, got, want)
					}
					for _, relax := range []bool{false, true} {
						gt, goff := v.tier(d, relax)
						wt, woff := audienceTier(&q, a, relax)
						if gt != wt || goff != woff {
							t.Errorf("pass %d %s relax %v: tier %d off %v, audienceTier %d %v", pass, a.ProdName, relax, gt, goff, wt, woff)
						}
					}
				}
			}
		})
	}
	// The sleeve fact comes from the stored details (withDetails when the
	// index has none): the same as reading the text.
	stored := withDetails(arts)
	for d := range stored {
		if got, want := query.StatesDetail(&stored[d], "sleeveless"), query.HasDetail(&arts[d], "sleeveless"); got != want {
			t.Errorf("%s: stored sleeveless %v, HasDetail %v", arts[d].ProdName, got, want)
		}
	}
	if !query.StatesDetail(&stored[len(stored)-1], "sleeveless") {
		t.Error("the strap top described as sleeveless is not")
	}
}

// TestAudienceClasses: on the demo catalog, the views filled one audience
// class at a time agree with query.Audience.Allows and audienceTier for
// every article, so the class key holds every field the audience reads.
func TestAudienceClasses(t *testing.T) {
	c, _, err := catalog.Demo()
	if err != nil {
		t.Fatal(err)
	}
	arts := c.Articles
	m := newMemo(arts)
	if n := len(m.classes().rep); n == 0 || n >= len(arts) {
		t.Fatalf("%d classes for %d articles", n, len(arts))
	}
	for _, au := range []query.Audience{
		{Who: query.WhoAdult}, {Who: query.WhoWomen}, {Who: query.WhoMen}, {Who: query.WhoTeen, Gender: query.Male},
		{Who: query.WhoChildren, Gender: query.Female, Bands: []string{query.BandKids}}, {Who: query.WhoBaby, Bands: []string{query.BandBaby}},
	} {
		q := query.Query{Audience: au}
		v := m.view(au)
		set, mask := v.onAudience(), v.allowMask()
		for d := range arts {
			a := &arts[d]
			wt, woff := audienceTier(&q, a, false)
			gt, goff := v.tier(d, false)
			if gt != wt || goff != woff || v.allows(d) != au.Allows(a) || mask[d] != au.Allows(a) || set.Has(int64(d)) != (wt != tierOff) {
				t.Fatalf("%s, %s: tier %d off %v allows %v filter %v; want %d %v %v %v", au, a.ProdName,
					gt, goff, v.allows(d), set.Has(int64(d)), wt, woff, au.Allows(a), wt != tierOff)
			}
		}
	}
}
