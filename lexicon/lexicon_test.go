package lexicon

import "testing"

func TestIsWord(t *testing.T) {
	for _, w := range []string{"she", "what", "loves", "cost", "hello", "thanks", "dont", "colour", "color", "nike", "paris", "gloves"} {
		if !IsWord(w) {
			t.Errorf("IsWord(%q) = false, want true", w)
		}
	}
	for _, w := range []string{"jeens", "blak", "jaket", "sweter", "trowsers", "snekers", "", "she's"} {
		if IsWord(w) {
			t.Errorf("IsWord(%q) = true, want false", w)
		}
	}
	if Len() < 50000 {
		t.Errorf("only %d words", Len())
	}
}

func TestKnown(t *testing.T) {
	for _, w := range []string{"boho", "zendaya", "gucci", "lululemon", "ootd", "thx"} {
		if !Known(w) {
			t.Errorf("Known(%q) = false", w)
		}
	}
	if Known("jeens") {
		t.Error("Known(jeens) = true")
	}
	if len(Brands()) < 20 || len(People()) < 20 {
		t.Errorf("lists too short: %d brands, %d people", len(Brands()), len(People()))
	}
}
