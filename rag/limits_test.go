package rag

import (
	"context"
	"strings"
	"testing"
)

func TestLimitsAnsweredHonestly(t *testing.T) {
	c, err := New(testRetriever(t), nil, testPrompts(t), testConfig("x"))
	if err != nil {
		t.Fatal(err)
	}
	a, err := c.Recommend(context.Background(), Request{Query: "a black dress under 30 euros"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Items) == 0 || !strings.Contains(a.Notices[0], "no prices") || !strings.Contains(a.Intro, "closest") {
		t.Fatalf("price: intro %q notices %q items %d", a.Intro, a.Notices, len(a.Items))
	}
	a, err = c.Recommend(context.Background(), Request{Query: "ski boots"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Items) != 0 || len(a.Notices) == 0 || !strings.Contains(a.Notices[0], "sports equipment") {
		t.Fatalf("ski boots: intro %q notices %q items %d", a.Intro, a.Notices, len(a.Items))
	}
}
