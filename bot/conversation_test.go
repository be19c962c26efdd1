package bot_test

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stylistbot/stylist/adapters/console"
	"github.com/stylistbot/stylist/bot"
	"github.com/stylistbot/stylist/internal/golden"
)

// chat runs a console session over script and returns the transcript.
func chat(t *testing.T, h bot.Handler, script string) string {
	t.Helper()
	var out bytes.Buffer
	a := console.New(strings.NewReader(script), &out, console.WithEcho(true), console.WithPrompt("you> "))
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := a.Start(ctx, h); err != nil {
		t.Fatal(err)
	}
	return out.String()
}

func TestConversationFollowUpCarriesHistory(t *testing.T) {
	rec := &fakeRec{}
	c := newCore(t, testConfig(), rec)
	got := chat(t, c, "red dress for a party\nsomething in blue\n/new\nblack coat\n/quit\nnever sent\n")
	golden.Check(t, "conversation.golden", []byte(got))

	reqs := rec.requests()
	if len(reqs) != 3 {
		t.Fatalf("recommender called %d times, want 3", len(reqs))
	}
	if len(reqs[0].History) != 0 {
		t.Errorf("first request has history %+v", reqs[0].History)
	}
	h := reqs[1].History
	if len(h) != 1 || h[0].Query != "red dress for a party" {
		t.Fatalf("follow-up history = %+v, want the first turn", h)
	}
	wantIDs := answerFor(reqs[0]).Items
	if len(h[0].ArticleIDs) != len(wantIDs) || h[0].ArticleIDs[0] != wantIDs[0].ArticleID {
		t.Errorf("history ids = %v, want ids of the first answer", h[0].ArticleIDs)
	}
	if h[0].AnsweredAt == 0 {
		t.Error("turn has no AnsweredAt")
	}
	if len(reqs[2].History) != 0 {
		t.Errorf("/new thread still has history %+v", reqs[2].History)
	}
	for _, r := range reqs {
		if r.Count != 0 {
			t.Errorf("Count = %d, want 0: the count is the recommender's one policy (text, then --count, then its default)", r.Count)
		}
	}
}

func TestHistoryIsCappedToMaxTurns(t *testing.T) {
	rec := &fakeRec{}
	cfg := testConfig()
	cfg.HistoryMaxTurns = 2
	c := newCore(t, cfg, rec)
	chat(t, c, "one\ntwo\nthree\nfour\n")
	reqs := rec.requests()
	last := reqs[len(reqs)-1].History
	if len(last) != 2 || last[0].Query != "two" || last[1].Query != "three" {
		t.Fatalf("history = %+v, want the last two turns", last)
	}
}

func TestHelp(t *testing.T) {
	rec := &fakeRec{}
	c := newCore(t, testConfig(), rec)
	for _, tc := range []struct {
		name string
		req  bot.Request
	}{
		{"help word", slackReq(bot.KindSlash, "U1", "C1", "help")},
		{"outfit help", slackReq(bot.KindSlash, "U1", "C1", "/outfit help")},
		{"bare outfit", slackReq(bot.KindSlash, "U1", "C1", "/outfit")},
		{"empty mention", slackReq(bot.KindMention, "U1", "C1", "   ")},
		{"direct question mark", slackReq(bot.KindDirect, "U1", "D1", "?")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := ask(t, c, tc.req)
			if r.Error != nil || r.Text != bot.HelpText {
				t.Fatalf("got %+v, want the help text", r)
			}
		})
	}
	if n := len(rec.requests()); n != 0 {
		t.Errorf("help called the recommender %d times", n)
	}
	if out := chat(t, c, "/help\n"); !strings.Contains(out, "/outfit a warm black coat") {
		t.Errorf("console /help transcript lacks usage examples:\n%s", out)
	}
}

func TestInputErrors(t *testing.T) {
	rec := &fakeRec{}
	cfg := testConfig()
	cfg.MaxQueryRunes = 10
	cfg.AllowedChannels = []string{"C1"}
	c := newCore(t, cfg, rec)
	nonText := slackReq(bot.KindMention, "U1", "C1", "")
	nonText.NonText = true
	caption := slackReq(bot.KindMention, "U1", "C1", "like this")
	caption.NonText = true
	for _, tc := range []struct {
		name string
		req  bot.Request
		code string
		ask  string // query the recommender should get when code == ""
	}{
		{"empty direct", slackReq(bot.KindDirect, "U1", "D1", ""), bot.CodeEmpty, ""},
		{"blank follow-up", slackReq(bot.KindFollowUp, "U1", "C1", " \n\t"), bot.CodeEmpty, ""},
		{"too long in runes", slackReq(bot.KindSlash, "U1", "C1", "/outfit ééééééééééé"), bot.CodeTooLong, ""},
		{"exactly max runes", slackReq(bot.KindSlash, "U1", "C1", "/outfit éééééééééé"), "", "éééééééééé"},
		{"non-text only", nonText, bot.CodeNonText, ""},
		{"file with caption", caption, "", "like this"},
		{"admin kind", slackReq(bot.KindAdmin, "U1", "C1", "reload"), bot.CodeUnsupported, ""},
		{"channel not allowed", slackReq(bot.KindMention, "U1", "C2", "coat"), bot.CodeNotAllowed, ""},
		{"direct outside allowed channels", slackReq(bot.KindDirect, "U1", "D2", "coat"), "", "coat"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := len(rec.requests())
			r := ask(t, c, tc.req)
			if code(r) != tc.code {
				t.Fatalf("code = %q, want %q (reply %+v)", code(r), tc.code, r)
			}
			reqs := rec.requests()
			if tc.code != "" {
				if r.Error.Message == "" || r.Text == "" {
					t.Errorf("error reply without a message: %+v", r)
				}
				if len(reqs) != before {
					t.Error("recommender called for a refused request")
				}
				return
			}
			if len(reqs) != before+1 || reqs[len(reqs)-1].Query != tc.ask {
				t.Fatalf("recommender asked %+v, want query %q", reqs[before:], tc.ask)
			}
		})
	}
}

func TestNoItemsAnswerExplainsItself(t *testing.T) {
	rec := &fakeRec{fn: func(context.Context, bot.Ask, bot.StreamFunc) (*bot.Answer, error) {
		return &bot.Answer{RetrievalOnly: true, DroppedIDs: []string{"x", "y"}}, nil
	}}
	obs := newTestObserver()
	c := newCore(t, testConfig(), rec, bot.WithObserver(obs))
	r := ask(t, c, slackReq(bot.KindMention, "U1", "C1", "glitter boots"))
	if r.Error != nil || len(r.Items) != 0 || r.Text == "" {
		t.Fatalf("got %+v, want a plain-text no-results reply", r)
	}
	if obs.fallbacks != 1 || obs.dropped != 2 {
		t.Errorf("fallbacks=%d dropped=%d, want 1 and 2", obs.fallbacks, obs.dropped)
	}
}

func TestItemsPassThroughUncapped(t *testing.T) {
	// The recommender applies the one count cap; the core shows what it returns.
	rec := &fakeRec{fn: func(_ context.Context, req bot.Ask, _ bot.StreamFunc) (*bot.Answer, error) {
		return answerFor(bot.Ask{Query: req.Query, Count: 3}), nil
	}}
	c := newCore(t, testConfig(), rec)
	r := ask(t, c, slackReq(bot.KindSlash, "U1", "C1", "shirts"))
	if len(r.Items) != 3 || !r.Feedback || r.Ref == "" {
		t.Fatalf("got %d items feedback=%v ref=%q, want 3 items with feedback and a ref", len(r.Items), r.Feedback, r.Ref)
	}
}

type fbStore struct {
	mu  sync.Mutex
	got []bot.Feedback
	err error
}

func (s *fbStore) RecordFeedback(_ context.Context, f bot.Feedback) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.got = append(s.got, f)
	return s.err
}

func TestFeedbackThroughConsole(t *testing.T) {
	store := &fbStore{}
	c := newCore(t, testConfig(), &fakeRec{}, bot.WithFeedbackRecorder(store))
	out := chat(t, c, "/bad\nlinen shirt\n/good\n")
	if !strings.Contains(out, "nothing to rate yet") || !strings.Contains(out, "Thanks for the feedback!") {
		t.Errorf("transcript:\n%s", out)
	}
	if len(store.got) != 1 {
		t.Fatalf("recorded %d votes, want 1", len(store.got))
	}
	f := store.got[0]
	if !f.Helpful || f.ReplyRef == "" || f.User != "you" || f.Conversation.Platform != bot.PlatformConsole || f.At.IsZero() {
		t.Errorf("feedback = %+v", f)
	}
}

func TestFeedbackRecorderFailure(t *testing.T) {
	store := &fbStore{err: errors.New("disk full")}
	c := newCore(t, testConfig(), &fakeRec{}, bot.WithFeedbackRecorder(store))
	req := slackReq(bot.KindFeedback, "U1", "C1", "")
	req.ReplyRef = "abc"
	r := ask(t, c, req)
	if code(r) != bot.CodeFeedback || !r.Ephemeral {
		t.Fatalf("got %+v, want an ephemeral %q error", r, bot.CodeFeedback)
	}
	ok := ask(t, newCore(t, testConfig(), &fakeRec{}), req)
	if ok.Error != nil || !ok.Ephemeral {
		t.Fatalf("without a recorder got %+v, want an ephemeral thanks", ok)
	}
}

// TestScreenIsTheCoresDecision: Screen (what the Slack adapter asks before posting
// anything public) refuses exactly what Handle refuses, for every platform from the
// one allow-list.
func TestScreenIsTheCoresDecision(t *testing.T) {
	cfg := testConfig()
	cfg.AllowedChannels = []string{"C1", "1100000000000000001"}
	c := newCore(t, cfg, &fakeRec{})
	discord := func(channel string) bot.Request {
		return bot.Request{Kind: bot.KindSlash, User: "u", Text: "coat",
			Conversation: bot.Conversation{Platform: bot.PlatformDiscord, Workspace: "G", Channel: channel, Thread: "1100000000000000999"}}
	}
	for _, tc := range []struct {
		name    string
		req     bot.Request
		refused bool
	}{
		{"slack allowed", slackReq(bot.KindSlash, "U1", "C1", "coat"), false},
		{"slack elsewhere", slackReq(bot.KindSlash, "U1", "C2", "coat"), true},
		{"slack DM", slackReq(bot.KindDirect, "U1", "D9", "coat"), false},
		{"discord thread of an allowed channel", discord("1100000000000000001"), false},
		{"discord elsewhere", discord("1100000000000000002"), true},
		{"slack too long", slackReq(bot.KindSlash, "U1", "C1", strings.Repeat("coat ", 200)), true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rep, refused := c.Screen(tc.req)
			if refused != tc.refused || (refused && code(rep) != bot.CodeNotAllowed && code(rep) != bot.CodeTooLong) {
				t.Fatalf("Screen = %+v %v, want refused=%v", rep, refused, tc.refused)
			}
			if got := code(ask(t, c, tc.req)); (got == bot.CodeNotAllowed || got == bot.CodeTooLong) != tc.refused || (refused && got != code(rep)) {
				t.Fatalf("Handle answered %q, Screen said refused=%v", got, refused)
			}
		})
	}
}
