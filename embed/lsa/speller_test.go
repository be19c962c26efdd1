package lsa

import (
	"testing"
)

func TestSpellerCorrect(t *testing.T) {
	keys := []string{"wsweater", "wjacket", "wjeans", "wjean", "wleather", "wdress", "wtop", "w2024", "cswe", "bblack sweater"}
	idfs := []float32{1, 1, 1.5, 2, 3, 1, 1, 1, 1, 1}
	s := newSpeller(keys, idfs)
	tests := []struct {
		word, want string // want "" = no correction
	}{
		{"sweather", "sweater"}, // insertion
		{"sweter", "sweater"},   // deletion
		{"swaeter", "sweater"},  // transposition
		{"jaket", "jacket"},     // deletion
		{"jeens", "jeans"},      // substitution; "jeans" is more frequent than "jean"
		{"jeas", "jeans"},       // deletion; "jeas" is also a substitution of "jean", "jeans" wins on frequency
		{"sweater", ""},         // known
		{"swtr", ""},            // two edits
		{"tpo", ""},             // too short to correct
		{"dres", "dress"},       // deletion
		{"jen", "jean"},         // three letters: only a missing letter is restored
		{"jem", ""},             // three letters: no substitution
		{"ja", ""},              // too short
		{"blouse", ""},          // nothing close
		{"2025", ""},            // not alphabetic
		{"swe", ""},             // char n-gram keys are not words
	}
	for _, tc := range tests {
		t.Run(tc.word, func(t *testing.T) {
			if got := string(s.correct([]byte(tc.word))); got != tc.want {
				t.Errorf("correct(%q) = %q, want %q", tc.word, got, tc.want)
			}
		})
	}
}

// Ordinary words one edit from a catalog word stay as they are: the
// she→shoe, what→hat, loves→gloves, cost→coat misfires.
func TestSpellerLeavesOrdinaryWords(t *testing.T) {
	keys := []string{"wshoe", "whats", "whatt", "wgloves", "wcoat", "wparka", "wbody", "wtops", "wshirt", "wboot"}
	idfs := make([]float32, len(keys))
	s := newSpeller(keys, idfs)
	for _, w := range []string{"she", "what", "loves", "cost", "shoo", "stop", "shirk", "boat", "boost", "zendaya", "boho"} {
		if got := s.correct([]byte(w)); got != nil {
			t.Errorf("correct(%q) = %q, want no correction", w, got)
		}
	}
	if got := string(s.correct([]byte("shooe"))); got != "shoe" {
		t.Errorf("correct(shooe) = %q, want shoe", got)
	}
}

func TestSpellerSingularOfKnownPlural(t *testing.T) {
	s := newSpeller([]string{"wflat", "wdress", "wglove"}, []float32{1, 1, 1})
	for w, want := range map[string]string{"flats": "flat", "dresses": "dress", "loves": "", "gloves": "glove"} {
		if got := string(s.correct([]byte(w))); got != want {
			t.Errorf("correct(%q) = %q, want %q", w, got, want)
		}
	}
}
