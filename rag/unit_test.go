package rag

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stylistbot/stylist/prompts"
	"github.com/stylistbot/stylist/variants"
)

func TestTextExtractorAcrossChunks(t *testing.T) {
	doc := `{"intro": "Hi \"there\"", "items": [{"article_id": "0900000001", "reason": "soft, warm"}, {"article_id": "x", "reason": ""}], "tip": "layer it", "other": "no"}`
	for _, size := range []int{1, 2, 7, len(doc)} {
		t.Run(fmt.Sprintf("chunk%d", size), func(t *testing.T) {
			var got []string
			x := &textExtractor{emit: func(s string) error { got = append(got, s); return nil }}
			for i := 0; i < len(doc); i += size {
				if err := x.feed(context.Background(), []byte(doc[i:min(i+size, len(doc))])); err != nil {
					t.Fatal(err)
				}
			}
			want := []string{"Hi \"there\"\n", "soft, warm\n", "layer it\n"}
			if strings.Join(got, "|") != strings.Join(want, "|") {
				t.Fatalf("got %q, want %q", got, want)
			}
		})
	}
}

func TestGround(t *testing.T) {
	r := testRetriever(t)
	res, err := r.Search(context.Background(), "black dress", 6)
	if err != nil {
		t.Fatal(err)
	}
	hits := res.Hits
	id := func(i int) string { return hits[i].Article.ArticleID }
	tests := []struct {
		name        string
		items       []modelItem
		n           int
		wantIDs     []string
		wantDropped []string
		wantFilled  int
	}{
		{"all valid", []modelItem{{id(2), "a"}, {id(0), "b"}}, 2, []string{id(2), id(0)}, nil, 0},
		{"invented dropped and filled", []modelItem{{"0123456789", "x"}, {id(3), "c"}}, 3, []string{id(3), id(0), id(1)}, []string{"0123456789"}, 2},
		{"leading zeros restored", []modelItem{{strings.TrimLeft(id(1), "0"), "r"}}, 1, []string{id(1)}, nil, 0},
		{"duplicates once", []modelItem{{id(1), "r"}, {id(1), "again"}}, 2, []string{id(1), id(0)}, nil, 1},
		{"more than n picked", []modelItem{{id(0), "a"}, {id(1), "b"}, {id(2), "c"}}, 2, []string{id(0), id(1)}, nil, 0},
		{"empty answer", nil, 2, []string{id(0), id(1)}, nil, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			items, dropped := ground(&modelAnswer{Items: tt.items}, hits, tt.n, nil)
			var ids []string
			filled := 0
			for _, it := range items {
				ids = append(ids, it.ArticleID)
				if it.FromRetrieval {
					filled++
				}
				if it.Reason == "" {
					t.Errorf("item %s has no reason", it.ArticleID)
				}
			}
			if strings.Join(ids, ",") != strings.Join(tt.wantIDs, ",") || strings.Join(dropped, ",") != strings.Join(tt.wantDropped, ",") || filled != tt.wantFilled {
				t.Fatalf("ids %v dropped %v filled %d; want %v %v %d", ids, dropped, filled, tt.wantIDs, tt.wantDropped, tt.wantFilled)
			}
		})
	}
}

func TestFitBudget(t *testing.T) {
	d := prompts.Data{Query: "q", Count: 3}
	for i := 0; i < 20; i++ {
		d.Items = append(d.Items, prompts.Item{ArticleID: fmt.Sprintf("%010d", i), ProdName: "name", Desc: strings.Repeat("long description ", 30)})
	}
	fitBudget(&d, 5000, 3)
	if len(d.Items) != 20 || len([]rune(d.Items[0].Desc)) != 510 {
		t.Fatalf("a roomy budget changes nothing: %d items, desc %d runes", len(d.Items), len([]rune(d.Items[0].Desc)))
	}
	fitBudget(&d, 2000, 3)
	if len(d.Items) != 20 || len([]rune(d.Items[0].Desc)) > 240 {
		t.Fatalf("a roomy budget keeps every item with clipped descriptions: %d items, desc %d runes", len(d.Items), len([]rune(d.Items[0].Desc)))
	}
	fitBudget(&d, 400, 3)
	if len(d.Items) < 3 || len(d.Items) == 20 {
		t.Fatalf("a tight budget drops trailing items but keeps n: %d", len(d.Items))
	}
	if d.Items[0].Desc != "" {
		t.Fatalf("descriptions go before items: %q", d.Items[0].Desc)
	}
}

func TestFollowUps(t *testing.T) {
	r := testRetriever(t)
	hist := []Turn{{Query: "black sweater for men", ArticleIDs: []string{"0900000001"}}}
	tests := []struct {
		name          string
		history       []Turn
		text          string
		types, colour string
		excluded      int
	}{
		{"fresh", nil, "white t-shirt", "T-shirt", "White", 0},
		{"refine colour", hist, "same but in dark blue", "Sweater", "Dark Blue", 0},
		{"show me more", hist, "show me more", "Sweater", "Black", 1},
		{"new type restarts", hist, "a yellow skirt", "Skirt", "Light Yellow|Yellow", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q, ex := effectiveQuery(r, tt.history, tt.text)
			if strings.Join(q.Types, "|") != tt.types || !strings.Contains(tt.colour, strings.Join(q.Colours, "|")) || len(q.Colours) == 0 && tt.colour != "" && len(q.ColourMasters) == 0 {
				t.Fatalf("query %s: types %v colours %v masters %v", tt.text, q.Types, q.Colours, q.ColourMasters)
			}
			if len(ex) != tt.excluded {
				t.Fatalf("excluded %v", ex)
			}
		})
	}
	// "show me more" must not repeat what was shown.
	c, err := New(r, nil, testPrompts(t), testConfig("x"))
	if err != nil {
		t.Fatal(err)
	}
	first, _ := c.Recommend(context.Background(), Request{Query: "black sweater"}, nil)
	var ids []string
	for _, it := range first.Items {
		ids = append(ids, it.ArticleID)
	}
	more, _ := c.Recommend(context.Background(), Request{Query: "more please", History: []Turn{{Query: "black sweater", ArticleIDs: ids}}}, nil)
	for _, it := range more.Items {
		for _, id := range ids {
			if it.ArticleID == id {
				t.Fatalf("show more repeated %s", id)
			}
		}
	}
}

func TestRetrievalOnlyWithoutModel(t *testing.T) {
	c, err := New(testRetriever(t), nil, testPrompts(t), testConfig("x"), WithoutLLMReason("the stylist model is unreachable"))
	if err != nil {
		t.Fatal(err)
	}
	a, err := c.Recommend(context.Background(), Request{Query: "top 2 white jackets"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	checkGrounded(t, a)
	if !a.RetrievalOnly || len(a.Items) != 2 || a.Items[0].ProductTypeName != "Jacket" || a.Items[0].ColourGroupName != "White" {
		t.Fatalf("%+v", a)
	}
	if !strings.Contains(strings.Join(a.Notices, " "), "unreachable") || !strings.Contains(a.Items[0].Reason, "jacket you asked for") {
		t.Fatalf("notice/reason: %v / %q", a.Notices, a.Items[0].Reason)
	}
}

// scripted is a fake Ollama for the rare cases the real server cannot be made to
// produce on demand: 503 queue full, invalid JSON content, slow tokens.
func scripted(t *testing.T, h http.HandlerFunc) string {
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv.URL
}

func TestScriptedServerFailures(t *testing.T) {
	tests := []struct {
		name   string
		h      http.HandlerFunc
		notice string
	}{
		{"503 queue full", func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(http.StatusServiceUnavailable)
			fmt.Fprint(w, `{"error":"server busy, please try again.  maximum pending requests exceeded"}`)
		}, "the stylist model failed"},
		{"invalid JSON content", func(w http.ResponseWriter, r *http.Request) {
			fmt.Fprint(w, `{"model":"m","message":{"role":"assistant","content":"Sure! Here are some dresses"},"done":true,"done_reason":"stop"}`+"\n")
		}, "could not be read"},
		{"slow tokens", func(w http.ResponseWriter, r *http.Request) {
			for i := 0; i < 50; i++ {
				fmt.Fprint(w, `{"model":"m","message":{"role":"assistant","content":"{"},"done":false}`+"\n")
				w.(http.Flusher).Flush()
				select {
				case <-r.Context().Done():
					return
				case <-time.After(100 * time.Millisecond):
				}
			}
		}, "did not answer within 250ms"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := testConfig("m")
			cfg.Timeout = 250 * time.Millisecond
			c := newChain(t, scripted(t, tt.h), cfg)
			a, err := c.Recommend(context.Background(), Request{Query: "white skirt"}, nil)
			if err != nil {
				t.Fatal(err)
			}
			if !a.RetrievalOnly || !strings.Contains(strings.Join(a.Notices, " "), tt.notice) {
				t.Fatalf("want retrieval-only with %q, got %v", tt.notice, a.Notices)
			}
			checkGrounded(t, a)
		})
	}
}

func TestConfigValidation(t *testing.T) {
	c := DefaultConfig()
	c.DefaultCount = 20
	if err := c.Validate(); err == nil || !strings.Contains(err.Error(), "default_count: is 20") {
		t.Fatalf("%v", err)
	}
	cfg := testConfig("m")
	cfg.Prompt = "nope"
	if _, err := New(testRetriever(t), nil, testPrompts(t), cfg); err == nil || !strings.Contains(err.Error(), "nope") {
		t.Fatalf("unknown prompt: %v", err)
	}
	cfg = testConfig("m")
	cfg.Variants = map[string]variants.Variant{"b": {Template: "missing"}}
	if _, err := New(testRetriever(t), nil, testPrompts(t), cfg); err == nil || !strings.Contains(err.Error(), `variants.b.template: no template "missing"`) {
		t.Fatalf("unknown variant prompt: %v", err)
	}
}
