package finetune

import (
	"testing"

	"github.com/stylistbot/stylist/outfit"
	"github.com/stylistbot/stylist/query"
)

// TestOutfitAudienceGroup: an outfit plan's audience (a query.Audience the
// planner narrowed) is counted under the catalog's index groups.
func TestOutfitAudienceGroup(t *testing.T) {
	cases := []struct {
		name string
		a    query.Audience
		want string
	}{
		{"women by default", query.Audience{Who: query.WhoWomen, Gender: query.Female, Evidence: query.EvidenceDefault}, AudienceWomen},
		{"men", query.Audience{Who: query.WhoMen, Gender: query.Male, Evidence: query.EvidenceExplicit}, AudienceMen},
		{"girl of 8", query.Audience{Who: query.WhoChildren, Gender: query.Female, Bands: []string{query.BandKids}}, AudienceChildren},
		{"baby", query.Audience{Who: query.WhoBaby, Bands: []string{query.BandBaby}}, AudienceChildren},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := audienceGroup(outfit.LookName(c.a)); got != c.want {
				t.Errorf("audienceGroup(%q) = %q, want %q", outfit.LookName(c.a), got, c.want)
			}
		})
	}
}
