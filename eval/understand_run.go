package eval

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/stylistbot/stylist/bot"
	"github.com/stylistbot/stylist/query"
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

// UnderstandEnv is what RunUnderstanding needs: the bot core in front of the
// chain (retrieval-only for the benchmark), so that help and chat are
// answered where users meet them, the chain's search counter, the parser and
// the catalog.
type UnderstandEnv struct {
	Core     bot.Handler
	Searches func() int
	Parse    func(string) query.Query
	Catalog  Lookup
}

// replyTimeout bounds the wait for one final reply.
const replyTimeout = time.Minute

// ask sends text to the core in the given thread and waits for the final reply.
func (env UnderstandEnv) ask(ctx context.Context, thread, text string) (bot.Reply, error) {
	final := make(chan bot.Reply, 1)
	req := bot.Request{Kind: bot.KindFollowUp, User: "eval", Text: text,
		Conversation: bot.Conversation{Platform: bot.PlatformConsole, Channel: "eval", Thread: thread}}
	env.Core.Handle(ctx, req, func(_ context.Context, r bot.Reply) error {
		if !r.Partial {
			select {
			case final <- r:
			default:
			}
		}
		return nil
	})
	select {
	case r := <-final:
		if r.Error != nil && r.Error.Code != bot.CodeEmpty {
			return r, fmt.Errorf("%q: %w", text, r.Error)
		}
		return r, nil
	case <-time.After(replyTimeout):
		return bot.Reply{}, fmt.Errorf("%q: no reply within %s", text, replyTimeout)
	case <-ctx.Done():
		return bot.Reply{}, ctx.Err()
	}
}

// RunUnderstanding answers every case and conversation and checks its expectations.
func RunUnderstanding(ctx context.Context, env UnderstandEnv, s *Suite) (*UnderstandReport, error) {
	rep := &UnderstandReport{Cases: len(s.Cases), Conversations: len(s.Conversations)}
	fail := func(format string, a ...any) { rep.Failures = append(rep.Failures, fmt.Sprintf(format, a...)) }
	for i, c := range s.Cases {
		rep.checkCorrections(c.Q, c.Corrections, env.Parse, fail)
		before := env.Searches()
		a, err := env.ask(ctx, fmt.Sprintf("case-%d", i+1), c.Q)
		if err != nil {
			return nil, err
		}
		items := a.Items[:min(5, len(a.Items))]
		if c.Chat != "" {
			ok := env.Searches() == before && len(a.Items) == 0 && a.Text != "" && query.Classify(c.Q) == query.ChatKind(c.Chat)
			rep.ChatNoSearch.add(ok)
			if !ok {
				fail("chat %q: got %q, %d searches, %d items", c.Q, query.Classify(c.Q), env.Searches()-before, len(a.Items))
			}
			continue
		}
		if len(c.ForbidTypes) > 0 {
			bad := ""
			for _, it := range items {
				if in(c.ForbidTypes, it.Type) {
					bad = it.Name + " (" + it.Type + ")"
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
				fail("items for %q: %s", c.Q, a.Items[0].Name)
			}
		}
		if len(c.Types) > 0 {
			ok := len(items) > 0
			for _, it := range items {
				ok = ok && in(c.Types, it.Type)
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
						bad = fmt.Sprintf("%s has %s", it.Name, d)
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
			ok := len(c.Types) == 0 || in(c.Types, it.Type)
			for _, d := range c.AbsentDetails {
				ok = ok && !query.HasDetail(&art, d)
			}
			rep.ReasonsHonest.add(ok)
			if !ok {
				fail("reason claims a match for %q: %s: %s", c.Q, it.Name, it.Reason)
			}
		}
		if c.Groups > 0 {
			seen := map[string]bool{}
			for _, it := range a.Items {
				seen[it.Type] = true
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
	shown := map[string]bool{}
	thread := "conversation-" + conv.Name
	for i, t := range conv.Turns {
		rep.checkCorrections(t.Q, nil, env.Parse, fail)
		before := env.Searches()
		a, err := env.ask(ctx, thread, t.Q)
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
		if t.Chat && (env.Searches() != before || a.Text == "" || len(a.Items) > 0) {
			why = append(why, "searched for chat")
		}
		if t.Notice && !hasNotice(a) {
			why = append(why, "no notice")
		}
		for _, it := range a.Items {
			art, _ := env.Catalog.Article(it.ArticleID)
			switch {
			case len(t.Types) > 0 && !in(t.Types, it.Type):
				why = append(why, "type "+it.Type)
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
		for _, it := range a.Items {
			shown[it.ArticleID] = true
		}
	}
	return nil
}

// hasNotice reports whether the reply says something about the request
// (not only that it was answered without the model).
func hasNotice(a bot.Reply) bool {
	for _, n := range a.Notices {
		if !strings.HasPrefix(n, "retrieval-only") {
			return true
		}
	}
	return false
}

func repeats(items []bot.Item, shown map[string]bool) bool {
	for _, it := range items {
		if shown[it.ArticleID] {
			return true
		}
	}
	return false
}

func typesOf(items []bot.Item) string {
	var out []string
	for _, it := range items {
		out = append(out, it.Type)
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
