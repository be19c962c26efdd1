package rag

import (
	"context"
	"testing"

	"github.com/stylistbot/stylist/query"
	"github.com/stylistbot/stylist/retrieve"
)

// countingRetrieval counts the searches the chain makes.
type countingRetrieval struct {
	*retrieve.Retriever
	searches int
}

func (c *countingRetrieval) SearchQuery(ctx context.Context, q query.Query, k int, tm *retrieve.Timings) (*retrieve.Result, error) {
	c.searches++
	return c.Retriever.SearchQuery(ctx, q, k, tm)
}

func TestChatNeverSearches(t *testing.T) {
	ret := &countingRetrieval{Retriever: testRetriever(t)}
	c, err := New(ret, nil, testPrompts(t), testConfig("x"))
	if err != nil {
		t.Fatal(err)
	}
	hist := []Turn{{Query: "black sweater", ArticleIDs: []string{"0900000001"}}}
	for _, tt := range []struct {
		text string
		kind query.ChatKind
	}{
		{"hi", query.ChatGreeting}, {"thanks!", query.ChatThanks}, {"help me", query.ChatHelp},
		{"how are you?", query.ChatSmallTalk}, {"bye", query.ChatGoodbye},
	} {
		t.Run(tt.text, func(t *testing.T) {
			before := ret.searches
			a, err := c.Recommend(context.Background(), Request{Query: tt.text, History: hist}, nil)
			if err != nil {
				t.Fatal(err)
			}
			if ret.searches != before || len(a.Items) != 0 || a.Chat != string(tt.kind) || a.Intro == "" {
				t.Fatalf("searches %d→%d, answer %+v", before, ret.searches, a)
			}
		})
	}
	// A request after "thanks" in the thread folds in the real request, not "thanks".
	q, _ := effectiveQuery(ret, []Turn{{Query: "black sweater", ArticleIDs: []string{"0900000001"}}, {Query: "thanks!"}}, "in dark blue")
	if len(q.Types) != 1 || q.Types[0] != "Sweater" || len(q.Terms) != 0 {
		t.Fatalf("after thanks: %s", q)
	}
	// Product requests still search.
	before := ret.searches
	if _, err := c.Recommend(context.Background(), Request{Query: "hi, a black dress please"}, nil); err != nil || ret.searches != before+1 {
		t.Fatalf("request not searched: %v", err)
	}
}
