package eval

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/stylistbot/stylist/query"
	"github.com/stylistbot/stylist/rag"
)

// Ratio is passed out of checked.
type Ratio struct {
	Passed  int `json:"passed"`
	Checked int `json:"checked"`
}

func (r *Ratio) add(ok bool) {
	r.Checked++
	if ok {
		r.Passed++
	}
}

// String is "passed/checked (share)".
func (r Ratio) String() string {
	if r.Checked == 0 {
		return "-"
	}
	return fmt.Sprintf("%d/%d (%.3f)", r.Passed, r.Checked, float64(r.Passed)/float64(r.Checked))
}

// UnderstandReport is the result of an understanding set.
type UnderstandReport struct {
	Cases         int `json:"cases"`
	Conversations int `json:"conversations"`
	// FalseCorrections counts corrections no case expected, over all requests
	// and conversation messages.
	FalseCorrections int   `json:"false_corrections"`
	Corrected        Ratio `json:"corrected"`      // expected corrections made
	NoMisfire        Ratio `json:"no_misfire"`     // top 5 free of forbidden types
	Notices          Ratio `json:"notices"`        // unanswerable constraints that got a notice
	NoItems          Ratio `json:"no_items"`       // nothing close: no items shown
	NegatedAbsent    Ratio `json:"negated_absent"` // ruled-out details absent from the top 5
	ChatNoSearch     Ratio `json:"chat_no_search"` // chat answered as chat without a search
	TypesHeld        Ratio `json:"types_held"`     // every top-5 item of an expected type
	Groups           Ratio `json:"groups"`         // multi-item requests answered with each item
	PagingNoRepeat   Ratio `json:"paging_no_repeat"`
	// ReasonsHonest: items whose reason says "Matches your request" really
	// have an expected type and none of the ruled-out details.
	ReasonsHonest Ratio    `json:"reasons_honest"`
	Turns         Ratio    `json:"turns"` // conversation turns meeting every expectation
	Failures      []string `json:"failures,omitempty"`
}

// UnderstandEnv is what RunUnderstanding needs: the chain (retrieval-only for
// the benchmark), its search counter, the parser and the catalog.
type UnderstandEnv struct {
	Rec      rag.Recommender
	Searches func() int
	Parse    func(string) query.Query
	Catalog  Lookup
}

// RunUnderstanding answers every case and conversation and checks its expectations.
func RunUnderstanding(ctx context.Context, env UnderstandEnv, s *Suite) (*UnderstandReport, error) {
	rep := &UnderstandReport{Cases: len(s.Cases), Conversations: len(s.Conversations)}
	fail := func(format string, a ...any) { rep.Failures = append(rep.Failures, fmt.Sprintf(format, a...)) }
	for _, c := range s.Cases {
		rep.checkCorrections(c.Q, c.Corrections, env.Parse, fail)
		before := env.Searches()
		a, err := env.Rec.Recommend(ctx, rag.Request{Query: c.Q}, nil)
		if err != nil {
			return nil, fmt.Errorf("%q: %w", c.Q, err)
		}
		items := a.Items[:min(5, len(a.Items))]
		if c.Chat != "" {
			ok := a.Chat == c.Chat && env.Searches() == before && len(a.Items) == 0
			rep.ChatNoSearch.add(ok)
			if !ok {
				fail("chat %q: got chat=%q, %d searches, %d items", c.Q, a.Chat, env.Searches()-before, len(a.Items))
			}
			continue
		}
		if len(c.ForbidTypes) > 0 {
			bad := ""
			for _, it := range items {
				if in(c.ForbidTypes, it.ProductTypeName) {
					bad = it.ProdName + " (" + it.ProductTypeName + ")"
				}
			}
			rep.NoMisfire.add(bad == "")
			if bad != "" {
				fail("misfire %q: %s", c.Q, bad)
			}
		}
		if c.Notice {
			ok := hasNotice(a)
			rep.Notices.add(ok)
			if !ok {
				fail("no notice for %q", c.Q)
			}
		}
		if c.NoItems {
			rep.NoItems.add(len(a.Items) == 0)
			if len(a.Items) > 0 {
				fail("items for %q: %s", c.Q, a.Items[0].ProdName)
			}
		}
		if len(c.Types) > 0 {
			ok := len(items) > 0
			for _, it := range items {
				ok = ok && in(c.Types, it.ProductTypeName)
			}
			rep.TypesHeld.add(ok)
			if !ok {
				fail("types %q: %s", c.Q, typesOf(items))
			}
		}
		if len(c.AbsentDetails) > 0 {
			bad := ""
			for _, it := range items {
				art, found := env.Catalog.Article(it.ArticleID)
				for _, d := range c.AbsentDetails {
					if found && query.HasDetail(&art, d) {
						bad = fmt.Sprintf("%s has %s", it.ProdName, d)
					}
				}
			}
			rep.NegatedAbsent.add(bad == "")
			if bad != "" {
				fail("negated %q: %s", c.Q, bad)
			}
		}
		for _, it := range items {
			if !strings.HasPrefix(it.Reason, "Matches your request") {
				continue
			}
			art, _ := env.Catalog.Article(it.ArticleID)
			ok := len(c.Types) == 0 || in(c.Types, it.ProductTypeName)
			for _, d := range c.AbsentDetails {
				ok = ok && !query.HasDetail(&art, d)
			}
			rep.ReasonsHonest.add(ok)
			if !ok {
				fail("reason claims a match for %q: %s: %s", c.Q, it.ProdName, it.Reason)
			}
		}
		if c.Groups > 0 {
			seen := map[string]bool{}
			for _, it := range a.Items {
				seen[it.ProductTypeName] = true
			}
			rep.Groups.add(len(seen) >= c.Groups)
			if len(seen) < c.Groups {
				fail("groups %q: %s", c.Q, typesOf(a.Items))
			}
		}
	}
	for _, conv := range s.Conversations {
		if err := rep.runConversation(ctx, env, conv, fail); err != nil {
			return nil, err
		}
	}
	return rep, nil
}

func (rep *UnderstandReport) checkCorrections(text string, want map[string]string, parse func(string) query.Query, fail func(string, ...any)) {
	got := map[string]string{}
	for _, c := range parse(text).Corrections {
		got[c.From] = c.To
		if _, ok := want[c.From]; !ok {
			rep.FalseCorrections++
			fail("false correction in %q: %s → %s", text, c.From, c.To)
		}
	}
	for from, to := range want {
		ok := strings.HasPrefix(got[from], strings.TrimSuffix(to, "s")) && got[from] != ""
		rep.Corrected.add(ok)
		if !ok {
			fail("%q: %s not corrected to %s (got %q)", text, from, to, got[from])
		}
	}
}

func (rep *UnderstandReport) runConversation(ctx context.Context, env UnderstandEnv, conv Conversation, fail func(string, ...any)) error {
	var hist []rag.Turn
	shown := map[string]bool{}
	for i, t := range conv.Turns {
		rep.checkCorrections(t.Q, nil, env.Parse, fail)
		before := env.Searches()
		a, err := env.Rec.Recommend(ctx, rag.Request{Query: t.Q, History: hist}, nil)
		if err != nil {
			return fmt.Errorf("conversation %q turn %d: %w", conv.Name, i+1, err)
		}
		var why []string
		if t.Page {
			rep.PagingNoRepeat.add(!repeats(a.Items, shown))
			if repeats(a.Items, shown) {
				why = append(why, "repeated an item")
			}
		}
		if t.Count > 0 && len(a.Items) != t.Count {
			why = append(why, fmt.Sprintf("%d items, want %d", len(a.Items), t.Count))
		}
		if t.Chat && (env.Searches() != before || a.Chat == "") {
			why = append(why, "searched for chat")
		}
		if t.Notice && !hasNotice(a) {
			why = append(why, "no notice")
		}
		for _, it := range a.Items {
			art, _ := env.Catalog.Article(it.ArticleID)
			switch {
			case len(t.Types) > 0 && !in(t.Types, it.ProductTypeName):
				why = append(why, "type "+it.ProductTypeName)
			case t.Section != "" && art.SectionName != t.Section:
				why = append(why, "section "+art.SectionName)
			case len(t.Colour) > 0 && !in(t.Colour, art.PerceivedColourMasterName):
				why = append(why, "colour "+art.PerceivedColourMasterName)
			default:
				continue
			}
			break
		}
		if (len(t.Types) > 0 || t.Section != "" || len(t.Colour) > 0) && len(a.Items) == 0 {
			why = append(why, "no items")
		}
		rep.Turns.add(len(why) == 0)
		if len(why) > 0 {
			fail("conversation %q turn %d %q: %s", conv.Name, i+1, t.Q, strings.Join(why, ", "))
		}
		ids := make([]string, 0, len(a.Items))
		for _, it := range a.Items {
			ids = append(ids, it.ArticleID)
			shown[it.ArticleID] = true
		}
		hist = append(hist, rag.Turn{Query: t.Q, ArticleIDs: ids})
	}
	return nil
}

// hasNotice reports whether the answer says something about the request
// (not only that it was answered without the model).
func hasNotice(a *rag.Answer) bool {
	for _, n := range a.Notices {
		if !strings.HasPrefix(n, "retrieval-only") {
			return true
		}
	}
	return false
}

func repeats(items []rag.Item, shown map[string]bool) bool {
	for _, it := range items {
		if shown[it.ArticleID] {
			return true
		}
	}
	return false
}

func typesOf(items []rag.Item) string {
	var out []string
	for _, it := range items {
		out = append(out, it.ProductTypeName)
	}
	return strings.Join(out, ", ")
}

// WriteTable prints the understanding metrics and the failures.
func (rep *UnderstandReport) WriteTable(w io.Writer) error {
	fmt.Fprintf(w, "understanding: %d requests, %d conversations (%s turns)\n", rep.Cases, rep.Conversations, rep.Turns.String())
	for _, r := range []struct {
		name string
		v    string
	}{
		{"false corrections", fmt.Sprint(rep.FalseCorrections)},
		{"misspellings corrected", rep.Corrected.String()},
		{"no misfire (forbidden types absent from top 5)", rep.NoMisfire.String()},
		{"unanswerable constraint gets a notice", rep.Notices.String()},
		{"nothing close: no items", rep.NoItems.String()},
		{"negated details absent from top 5", rep.NegatedAbsent.String()},
		{"chat answered without a search", rep.ChatNoSearch.String()},
		{"expected types held in top 5", rep.TypesHeld.String()},
		{"each item or kind covered (multi-item, broad)", rep.Groups.String()},
		{"paging never repeats", rep.PagingNoRepeat.String()},
		{"\"matches\" reasons that are true", rep.ReasonsHonest.String()},
		{"conversation turns as expected", rep.Turns.String()},
	} {
		fmt.Fprintf(w, "  %-48s %s\n", r.name, r.v)
	}
	for _, f := range rep.Failures {
		fmt.Fprintf(w, "  FAIL %s\n", f)
	}
	return nil
}
