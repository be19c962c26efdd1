package rag

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/stylistbot/stylist/query"
)

// The audience of a thread carries through every follow-up unless a turn
// says who it is for.
func TestFollowUpAudience(t *testing.T) {
	r := testRetriever(t)
	son := []Turn{{Query: "a warm jacket for my son", ArticleIDs: []string{"0900000001"}}}
	men := []Turn{{Query: "black sweater for men"}}
	tests := []struct {
		name    string
		history []Turn
		text    string
		who     query.Who
		gender  query.Gender
		groups  []string // IndexGroups, exactly (nil: none)
	}{
		{"more keeps the child", son, "show me more", query.WhoChildren, query.Male, nil},
		{"colour keeps the child", son, "same in navy", query.WhoChildren, query.Male, nil},
		{"new item keeps the child", son, "and matching boots", query.WhoChildren, query.Male, nil},
		{"three turns keep the child", append(son, Turn{Query: "in navy"}), "and a scarf", query.WhoChildren, query.Male, nil},
		{"a turn changes the child", son, "now for my daughter", query.WhoChildren, query.Female, nil},
		{"a turn makes it a man's", son, "same but for a man", query.WhoMen, query.Male, []string{"Menswear"}},
		{"men to women", men, "same but for a woman", query.WhoWomen, query.Female, []string{"Ladieswear"}},
		{"men's boots", men, "and boots to go with it", query.WhoMen, query.Male, []string{"Menswear"}},
		{"new item, new audience", son, "a dress for my wife", query.WhoWomen, query.Female, []string{"Ladieswear"}},
		{"an age in a follow-up", []Turn{{Query: "a dress"}}, "for my 6 year old", query.WhoChildren, "", nil},
		{"default stays default", []Turn{{Query: "a dress"}}, "in black", query.WhoAdult, "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q, _ := effectiveQuery(r, tt.history, tt.text)
			a := q.Audience
			if a.Who != tt.who || a.Gender != tt.gender || !slices.Equal(q.IndexGroups, tt.groups) {
				t.Fatalf("%q after %v: audience %s %q, groups %q; want %s %q, groups %q", tt.text, tt.history, a, a.Gender, q.IndexGroups, tt.who, tt.gender, tt.groups)
			}
			if a.Child() && !slices.Contains(a.Bands, query.BandKids) {
				t.Fatalf("a child's follow-up keeps the children's bands: %q", a.Bands)
			}
			if !a.Child() && slices.Contains(q.IndexNames, query.BandKids) {
				t.Fatalf("an adult's follow-up drops the children's departments: %q", q.IndexNames)
			}
		})
	}
}

// The audience notices of retrieval reach the answer: an inferred audience
// says how to change it, and a relaxed one says so.
func TestAnswerAudienceNotices(t *testing.T) {
	c, err := New(testRetriever(t), nil, testPrompts(t), testConfig("x"))
	if err != nil {
		t.Fatal(err)
	}
	a, err := c.Recommend(context.Background(), Request{Query: "a jacket for my nephew"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	all := strings.Join(a.Notices, " | ")
	for _, want := range []string{"for children (92-170) in the catalog", "showing children's sizes 92-170 (from \"for my nephew\"); give an age"} {
		if !strings.Contains(all, want) {
			t.Errorf("notices %q lack %q", all, want)
		}
	}
	a, _ = c.Recommend(context.Background(), Request{Query: "a black jacket"}, nil)
	for _, n := range a.Notices {
		if strings.Contains(n, "sizes") || strings.Contains(n, "departments") {
			t.Errorf("an adult request with adult articles needs no audience notice: %q", n)
		}
	}
}
