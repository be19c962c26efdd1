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

// TestFacetsFitMatchedBits: a candidate records its matched facets as bits of a uint32.
func TestFacetsFitMatchedBits(t *testing.T) {
	if len(facets) > 32 {
		t.Fatalf("%d facets do not fit cand.matched (uint32)", len(facets))
	}
}
