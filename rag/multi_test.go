package rag

import (
	"context"
	"strings"
	"testing"
)

func TestMultiItemAnswerGrouped(t *testing.T) {
	c, err := New(testRetriever(t), nil, testPrompts(t), testConfig("x"))
	if err != nil {
		t.Fatal(err)
	}
	a, err := c.Recommend(context.Background(), Request{Query: "a white sweater and a black skirt", Count: 4}, nil)
	if err != nil {
		t.Fatal(err)
	}
	checkGrounded(t, a)
	want := []struct{ typ, colour, group string }{
		{"Sweater", "White", "a white sweater"}, {"Sweater", "White", "a white sweater"},
		{"Skirt", "Black", "a black skirt"}, {"Skirt", "Black", "a black skirt"},
	}
	if len(a.Items) != len(want) {
		t.Fatalf("%d items: %+v", len(a.Items), a.Items)
	}
	for i, w := range want {
		it := a.Items[i]
		if it.ProductTypeName != w.typ || it.ColourGroupName != w.colour || it.Group != w.group || !strings.Contains(it.Reason, w.group) {
			t.Errorf("item %d: %s %s group %q, want %+v", i, it.ProductTypeName, it.ColourGroupName, it.Group, w)
		}
	}
}
