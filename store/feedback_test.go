package store

import (
	"errors"
	"path/filepath"
	"testing"
	"time"
)

var slackConv = testConv{Platform: "slack", Workspace: "T1", Channel: "C1", Thread: "1.1"}

func vote(ref, user string, helpful bool) Vote {
	return Vote{RequestID: "q-" + ref, ReplyRef: ref, Platform: slackConv.Platform, Workspace: slackConv.Workspace, Channel: slackConv.Channel, User: user, Helpful: helpful}
}

func TestFeedbackNeedsRef(t *testing.T) {
	s, _ := openAt(t, filepath.Join(t.TempDir(), "s.db"))
	if err := s.RecordFeedback(ctx, Vote{User: "U1"}); !errors.Is(err, ErrNoReplyRef) {
		t.Fatalf("feedback: %v", err)
	}
	if err := s.RecordRequest(ctx, RequestRecord{Variant: "a"}); !errors.Is(err, ErrNoReplyRef) {
		t.Fatalf("request: %v", err)
	}
}

func TestLatestVoteWins(t *testing.T) {
	s, clk := openAt(t, filepath.Join(t.TempDir(), "s.db"))
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
}

func TestRequestRecordReplaced(t *testing.T) {
	s, clk := openAt(t, filepath.Join(t.TempDir(), "s.db"))
	must(t, s.RecordRequest(ctx, RequestRecord{ReplyRef: "r1", Variant: "a"}))
	clk.advance(time.Hour)
	must(t, s.RecordRequest(ctx, RequestRecord{ReplyRef: "r1", Variant: "b"}))
	st, err := s.Report(ctx, time.Time{})
	if err != nil || len(st) != 1 || st[0].Variant != "b" || st[0].Requests != 1 {
		t.Fatalf("report after replacing a record: %+v %v", st, err)
	}
}

func TestPrune(t *testing.T) {
	s, clk := openAt(t, filepath.Join(t.TempDir(), "s.db"), func(c *Config) {
		c.Retention, c.TurnTTL, c.MaxThreads = 48*time.Hour, 24*time.Hour, 2
	})
	start := clk.t
	must(t, s.RecordRequest(ctx, RequestRecord{ReplyRef: "old", Variant: "a"}))
	must(t, s.RecordFeedback(ctx, vote("old", "U1", true)))
	must(t, s.Append(ctx, "t-old", turn("x")))
	clk.advance(36 * time.Hour)
	must(t, s.RecordRequest(ctx, RequestRecord{ReplyRef: "new", Variant: "a"}))
	must(t, s.RecordFeedback(ctx, vote("new", "U1", true)))
	for _, k := range []string{"t1", "t2", "t3"} {
		must(t, s.Append(ctx, k, turn(k)))
		clk.advance(time.Minute)
	}

	st, err := s.Prune(ctx, start.Add(49*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	// "old" is past the 48h retention; t-old expired (24h TTL); of t1..t3 the cap keeps the two newest.
	if st != (PruneStats{Feedback: 1, Requests: 1, Threads: 2}) {
		t.Fatalf("stats %+v", st)
	}
	if _, ok, _ := s.Request(ctx, "old"); ok {
		t.Fatal("old request kept")
	}
	if _, ok, _ := s.Request(ctx, "new"); !ok {
		t.Fatal("new request pruned")
	}
	for k, alive := range map[string]bool{"t-old": false, "t1": false, "t2": true, "t3": true} {
		if ts, _ := s.Get(ctx, k); (ts != nil) != alive {
			t.Errorf("thread %s alive=%v, want %v", k, ts != nil, alive)
		}
	}
	// A pruned vote's dedupe entry is gone too, so a new vote on the old reply is stored.
	must(t, s.RecordFeedback(ctx, vote("old", "U1", false)))
	if evs, _ := s.Feedback(ctx, time.Time{}); len(evs) != 2 {
		t.Fatalf("%d votes after re-voting on a pruned reply, want 2", len(evs))
	}
	if st, _ := s.Prune(ctx, start.Add(49*time.Hour)); st != (PruneStats{}) {
		t.Fatalf("second prune deleted %+v", st)
	}
	s.SetRetention(time.Hour)
	if st, _ := s.Prune(ctx, start.Add(49*time.Hour)); st.Requests != 1 || s.Retention() != time.Hour {
		t.Fatalf("after shortening the retention: %+v", st)
	}
	must(t, s.Check())
}
