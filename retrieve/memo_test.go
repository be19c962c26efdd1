package retrieve

import (
	"testing"

	"github.com/stylistbot/stylist/query"
)

// TestMemo: the memoized audience and sleeve facts are those of
// query.Audience.Allows, audienceTier and query.HasDetail, for every article
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
			for pass := 0; pass < 2; pass++ { // computed, then memoized
				v := m.view(au)
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
	for pass := 0; pass < 2; pass++ {
		for d := range arts {
			if got, want := m.isSleeveless(d), query.HasDetail(&arts[d], "sleeveless"); got != want {
				t.Errorf("pass %d %s: sleeveless %v, HasDetail %v", pass, arts[d].ProdName, got, want)
			}
		}
	}
	if !m.isSleeveless(len(arts) - 1) {
		t.Error("the strap top described as sleeveless is not")
	}
}
