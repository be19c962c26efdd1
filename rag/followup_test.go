package rag

import (
	"context"
	"testing"
)

func TestReadFollowUp(t *testing.T) {
	cases := []struct {
		text         string
		more, reject bool
		count        int
		rest         string
	}{
		{"show me more", true, false, 0, ""},
		{"show me 2 more", true, false, 2, ""},
		{"2 more please", true, false, 2, ""},
		{"give me three more options", true, false, 3, ""},
		{"any more?", true, false, 0, ""},
		{"more like these", true, false, 0, ""},
		{"next", true, false, 0, ""},
		{"another one", true, false, 0, ""},
		{"no", false, true, 0, ""},
		{"no, something warmer", false, true, 0, "something warm"},
		{"nope, not these", false, true, 0, "not these"},
		{"something else", false, true, 0, ""},
		{"I don't like them", false, true, 0, ""},
		{"warmer", false, true, 0, "warm"},
		{"cheaper", false, true, 0, "cheaper"},
		{"something more casual", false, true, 0, "something casual"},
		{"darker please", false, true, 0, "dark colours please"},
		{"same but in navy", false, false, 0, "same but in navy"},
		{"and matching boots", false, false, 0, "and matching boots"},
		{"nothing in black", false, false, 0, "nothing in black"},
		{"no red", false, false, 0, "no red"},
		{"no prints please", false, false, 0, "no prints please"},
		{"No!", false, true, 0, ""},
		{"nah something thicker", false, true, 0, "something warm"},
		{"notebooks", false, false, 0, "notebooks"},
	}
	for _, c := range cases {
		t.Run(c.text, func(t *testing.T) {
			f := readFollowUp(c.text)
			if f.more != c.more || f.reject != c.reject || f.count != c.count || (!c.more && f.rest != c.rest) {
				t.Errorf("readFollowUp(%q) = %+v", c.text, f)
			}
		})
	}
}

// Conversations on the test catalog: paging never repeats, rejections leave
// out what was shown, context carries across a change of item.
func TestFollowUpConversations(t *testing.T) {
	r := testRetriever(t)
	c, err := New(r, nil, testPrompts(t), testConfig("x"))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	ask := func(hist []Turn, text string) ([]Turn, []string) {
		t.Helper()
		a, err := c.Recommend(ctx, Request{Query: text, History: hist}, nil)
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, it := range a.Items {
			ids = append(ids, it.ArticleID)
		}
		return append(hist, Turn{Query: text, ArticleIDs: ids}), ids
	}
	for _, conv := range [][]string{
		{"a sweater", "show me 2 more", "show me 2 more"},
		{"a jacket", "no, something warmer", "something else", "more"},
		{"a dress", "2 more please", "something else"},
	} {
		t.Run(conv[0], func(t *testing.T) {
			var hist []Turn
			seen := map[string]string{}
			for _, text := range conv {
				var ids []string
				hist, ids = ask(hist, text)
				for _, id := range ids {
					if by, ok := seen[id]; ok {
						t.Fatalf("%q repeated %s shown for %q", text, id, by)
					}
					seen[id] = text
				}
				if text == "show me 2 more" || text == "2 more please" {
					if len(ids) != 2 {
						t.Fatalf("%q gave %d items", text, len(ids))
					}
				}
			}
		})
	}
	// Plus size said as a follow-up is kept, and carried to the next item.
	q, _ := effectiveQuery(r, []Turn{{Query: "a black dress"}}, "I'm plus size")
	q2, _ := effectiveQuery(r, []Turn{{Query: "a black dress"}, {Query: "I'm plus size"}}, "and a jacket")
	if len(q2.Types) != 1 || q2.Types[0] != "Jacket" || len(q2.ColourMasters) == 0 || q2.ColourMasters[0] != "Black" {
		t.Fatalf("carry colour across item: %s", q2)
	}
	_ = q // the test catalog has no H&M+ section; the real-catalog eval checks plus size
}
