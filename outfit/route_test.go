package outfit

import "testing"

// TestOccasionPhrasingsAreOutfits: a request naming an occasion of the
// embedded occasions.yaml and no item ("what do you recommend for a
// picnic?", "what should she wear to her graduation") is an outfit request,
// however it is phrased; naming an item keeps it a single-item request.
func TestOccasionPhrasingsAreOutfits(t *testing.T) {
	a := testAssembler(t)
	cases := []struct {
		in       string
		outfit   bool
		occasion string // "" = not checked
	}{
		{"what do you recommend for a picnic?", true, "everyday"},
		{"what should she wear to her graduation", true, "graduation"},
		{"what can I wear for my graduation", true, "graduation"},
		{"my graduation is next week, what do you recommend?", true, "graduation"},
		{"what to wear on the first day at a new job", true, "office"},
		{"any ideas for a wedding?", true, "wedding guest"},
		{"I have a job interview tomorrow, any suggestions?", true, "job interview"},
		{"going to a festival this weekend, help!", true, "festival"},
		{"what's good for a first date?", true, "date night"},
		{"what should my husband wear to the office party", true, ""},
		{"what would you suggest for a beach holiday", true, ""},
		{"need something for a funeral", true, "funeral"},
		{"ideas for a night out", true, "party"},
		{"recommendations for a date night?", true, "date night"},
		{"what's appropriate for a funeral", true, "funeral"},
		{"what to wear to a baby shower", true, "shower"},
		{"my sister's bridal shower is on saturday, what do you suggest?", true, "shower"},
		{"something to wear to a picnic", true, "everyday"},
		{"do you have anything for a wedding", true, "wedding guest"},
		{"help me pick something for a gala", true, "black tie"},
		{"what is good to wear for a concert", true, "festival"},
		{"what should he wear to his awards ceremony", true, "graduation"},
		// an item named: a single-item request with the occasion as context
		{"a dress for a wedding", false, ""},
		{"a hat for a picnic", false, ""},
		{"shoes for a job interview", false, ""},
		{"a dress for my graduation", false, ""},
		{"heels for a baby shower", false, ""},
		{"what do you recommend for a picnic? a dress maybe", false, ""},
		{"a blazer for the office", false, ""},
		{"sunglasses for a festival", false, ""},
	}
	for _, c := range cases {
		t.Run(c.in, func(t *testing.T) {
			r, ok := a.Parse(c.in)
			if ok != c.outfit {
				t.Fatalf("outfit request = %v, want %v (occasion %q, %s)", ok, c.outfit, r.Occasion, r.Query)
			}
			if c.occasion != "" && r.Occasion != c.occasion {
				t.Errorf("occasion = %q, want %q", r.Occasion, c.occasion)
			}
		})
	}
}
