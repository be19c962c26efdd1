package retrieve

import "testing"

func TestFacetIndexes(t *testing.T) {
	for i, name := range map[int]string{facetType: "type", facetColour: "colour", facetDepartment: "department",
		facetAppearance: "appearance", facetGarmentGroup: "garment_group"} {
		if facets[i].name != name {
			t.Errorf("facets[%d] is %q, want %q", i, facets[i].name, name)
		}
	}
}

// TestFacetsFitMatchedBits: a candidate records its matched and missing
// facets as bits of a uint32 (missing also holds missingDetail and missingSleeves).
func TestFacetsFitMatchedBits(t *testing.T) {
	if len(facets) > 30 || missingDetail != 1<<30 || missingSleeves != 1<<31 {
		t.Fatalf("%d facets do not fit cand.matched and cand.missing (uint32)", len(facets))
	}
}
