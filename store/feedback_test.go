package store

import (
	"errors"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

var slackConv = testConv{Platform: "slack", Workspace: "T1", Channel: "C1", Thread: "1.1"}

func vote(ref, user string, helpful bool) Vote {
	return Vote{RequestID: "q-" + ref, ReplyRef: ref, Platform: slackConv.Platform, Workspace: slackConv.Workspace, Channel: slackConv.Channel, User: user, Helpful: helpful}
}

func caseFeedbackNeedsRef(t *testing.T, db *testDB) {
	s, _ := db.open(t)
	if err := s.RecordFeedback(ctx, Vote{User: "U1"}); !errors.Is(err, ErrNoReplyRef) {
		t.Fatalf("feedback: %v", err)
	}
	if err := s.RecordRequest(ctx, RequestRecord{Variant: "a"}); !errors.Is(err, ErrNoReplyRef) {
		t.Fatalf("request: %v", err)
	}
}

func caseBadKeys(t *testing.T, db *testDB) {
	s, _ := db.open(t)
	for _, k := range []string{"r\x00", "\xff\xfe"} {
		for name, err := range map[string]error{
			"vote":    s.RecordFeedback(ctx, vote(k, "U1", true)),
			"request": s.RecordRequest(ctx, RequestRecord{ReplyRef: k}),
			"append":  s.Append(ctx, k, turn("x")),
			"pause":   s.Pause(ctx, k, PauseInfo{By: "m"}),
		} {
			if !errors.Is(err, ErrBadKey) {
				t.Errorf("%s with key %q: %v, want ErrBadKey", name, k, err)
			}
		}
	}
	// Unicode keys are fine.
	must(t, s.RecordRequest(ctx, RequestRecord{ReplyRef: "ответ-✓", Variant: "a"}))
	if r, ok, err := s.Request(ctx, "ответ-✓"); !ok || err != nil || r.Variant != "a" {
		t.Fatalf("unicode ref: %+v %v %v", r, ok, err)
	}
}

func caseLatestVoteWins(t *testing.T, db *testDB) {
	s, clk := db.open(t)
	must(t, s.RecordRequest(ctx, RequestRecord{ReplyRef: "r1", Variant: "a"}))
	must(t, s.RecordFeedback(ctx, vote("r1", "U1", true)))
	clk.advance(time.Second)
	must(t, s.RecordFeedback(ctx, vote("r1", "U1", false))) // changed their mind
	must(t, s.RecordFeedback(ctx, vote("r1", "U2", true)))  // another user
	must(t, s.RecordFeedback(ctx, vote("r2", "U1", true)))  // another reply, no record
	evs, err := s.Feedback(ctx, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	type key struct{ ref, user string }
	got := map[key]FeedbackEvent{}
	for _, ev := range evs {
		got[key{ev.ReplyRef, ev.UserHash}] = ev
	}
	u1, u2 := s.userHash("slack", "T1", "U1"), s.userHash("slack", "T1", "U2")
	if len(evs) != 3 || got[key{"r1", u1}].Helpful || !got[key{"r1", u2}].Helpful || !got[key{"r2", u1}].Helpful {
		t.Fatalf("votes %+v", evs)
	}
	if got[key{"r1", u1}].Variant != "a" || got[key{"r2", u1}].Variant != "" || got[key{"r1", u1}].RequestID != "q-r1" {
		t.Fatalf("variants %+v", evs)
	}
	ev := got[key{"r1", u1}]
	if ev.Platform != "slack" || ev.Workspace != "T1" || ev.Channel != "C1" || !ev.At.Equal(clk.t) || ev.At.Location() != time.UTC {
		t.Fatalf("vote fields %+v", ev)
	}
	// Oldest first: the changed vote was cast last.
	var order []key
	for _, ev := range evs {
		order = append(order, key{ev.ReplyRef, ev.UserHash})
	}
	if want := []key{{"r1", u1}, {"r1", u2}, {"r2", u1}}; !slices.Equal(order, want) {
		t.Fatalf("order %v, want %v", order, want)
	}
	// Within one instant, a changed vote counts as cast last.
	clk.advance(time.Second)
	must(t, s.RecordFeedback(ctx, vote("r3", "U1", true)))
	must(t, s.RecordFeedback(ctx, vote("r3", "U2", true)))
	must(t, s.RecordFeedback(ctx, vote("r3", "U1", false)))
	same, _ := s.Feedback(ctx, clk.t)
	if len(same) != 2 || same[0].UserHash != u2 || same[1].UserHash != u1 || same[1].Helpful {
		t.Fatalf("votes of one instant: %+v", same)
	}
	clk.advance(-time.Second)
	if late, _ := s.Feedback(ctx, clk.t); len(late) != 5 {
		t.Fatalf("votes since the change: %d", len(late))
	}
	if none, _ := s.Feedback(ctx, clk.t.Add(time.Second+time.Microsecond)); len(none) != 0 {
		t.Fatalf("votes after the last: %+v", none)
	}
}

// A platform retry or a replay on another replica records the same vote again:
// it counts once, in the feedback list and in the report, even when concurrent.
func caseSameVoteTwice(t *testing.T, db *testDB) {
	s, _ := db.open(t)
	must(t, s.RecordRequest(ctx, RequestRecord{ReplyRef: "r1", Variant: "a"}))
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			if err := s.RecordFeedback(ctx, vote("r1", "U1", true)); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	must(t, s.RecordFeedback(ctx, vote("r1", "U1", true)))
	evs, err := s.Feedback(ctx, time.Time{})
	if err != nil || len(evs) != 1 {
		t.Fatalf("%d votes (%v), want 1", len(evs), err)
	}
	st, err := s.Report(ctx, time.Time{})
	if err != nil || len(st) != 1 || st[0].Feedback != 1 || st[0].Helpful != 1 {
		t.Fatalf("report %+v %v", st, err)
	}
}

func caseRequestRecordReplaced(t *testing.T, db *testDB) {
	s, clk := db.open(t)
	must(t, s.RecordRequest(ctx, RequestRecord{ReplyRef: "r1", Variant: "a"}))
	clk.advance(time.Hour)
	rec := RequestRecord{ReplyRef: "r1", RequestID: "q1", Variant: "b", Model: "m", Platform: "discord", Workspace: "G", Channel: "C",
		User: "U1", Latency: 1234567 * time.Nanosecond, FellBack: true, Grounded: true, Items: 4}
	must(t, s.RecordRequest(ctx, rec))
	st, err := s.Report(ctx, time.Time{})
	if err != nil || len(st) != 1 || st[0].Variant != "b" || st[0].Requests != 1 {
		t.Fatalf("report after replacing a record: %+v %v", st, err)
	}
	got, ok, err := s.Request(ctx, "r1")
	rec.User, rec.UserHash, rec.At = "", s.userHash("discord", "G", "U1"), clk.t
	if !got.At.Equal(rec.At) || got.At.Location() != time.UTC {
		t.Fatalf("time %v, want %v", got.At, rec.At)
	}
	got.At = rec.At
	if !ok || err != nil || got != rec {
		t.Fatalf("record\n got  %+v\n want %+v (%v)", got, rec, err)
	}
	if _, ok, err := s.Request(ctx, "nope"); ok || err != nil {
		t.Fatalf("unknown ref: %v %v", ok, err)
	}
	if st, _ := s.Report(ctx, clk.t.Add(-time.Minute)); len(st) != 1 {
		t.Fatalf("the replaced record moved to its new time: %+v", st)
	}
}

func caseRawUserIDsNotStored(t *testing.T, db *testDB) {
	s, _ := db.open(t)
	conv := testConv{Platform: "discord", Workspace: "G1", Channel: "C1"}
	const user = "U0SECRETUSER42"
	must(t, s.RecordRequest(ctx, RequestRecord{ReplyRef: "r1", Platform: "discord", Workspace: "G1", User: user}))
	must(t, s.RecordFeedback(ctx, Vote{ReplyRef: "r1", Platform: conv.Platform, Workspace: conv.Workspace, Channel: conv.Channel, User: user, Helpful: true}))
	all := db.contents(t, s)
	if !strings.Contains(string(all), "r1") {
		t.Fatal("the dump does not show the data at all")
	}
	if strings.Contains(string(all), user) {
		t.Fatal("the raw user id is in the database")
	}
	r, _, _ := s.Request(ctx, "r1")
	if r.UserHash == "" || r.UserHash != s.userHash("discord", "G1", user) || r.User != "" {
		t.Fatalf("record %+v", r)
	}
}
