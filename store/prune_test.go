package store

import (
	"sync"
	"testing"
	"time"
)

func casePrune(t *testing.T, db *testDB) {
	s, clk := db.open(t, func(c *Config) {
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
	// The boundary: a record exactly one retention old is kept, one a microsecond older is not.
	must(t, s.RecordRequest(ctx, RequestRecord{ReplyRef: "edge", At: start}))
	must(t, s.RecordRequest(ctx, RequestRecord{ReplyRef: "over", At: start.Add(-time.Microsecond)}))
	if st, _ := s.Prune(ctx, start.Add(time.Hour)); st.Requests != 1 {
		t.Fatalf("boundary: %+v", st)
	}
	if _, ok, _ := s.Request(ctx, "edge"); !ok {
		t.Fatal("the record exactly one retention old was pruned")
	}
	must(t, s.Check())
}

// Two replicas prune the same database at once: every expired row is deleted
// once, and the counts add up to what one pruner would report.
func caseReplicasPrune(t *testing.T, db *testDB) {
	needReplicas(t, db)
	edit := func(c *Config) { c.Retention, c.TurnTTL, c.MaxThreads = time.Hour, time.Hour, 1000 }
	a, clk := db.open(t, edit)
	b, _ := db.open(t, edit)
	for i := range 50 {
		ref := "r" + string(rune('A'+i%26)) + string(rune('a'+i/26))
		must(t, a.RecordRequest(ctx, RequestRecord{ReplyRef: ref}))
		must(t, b.RecordFeedback(ctx, vote(ref, "U1", true)))
		must(t, b.Append(ctx, ref, turn(ref)))
	}
	clk.advance(2 * time.Hour)
	var total PruneStats
	var mu sync.Mutex
	var wg sync.WaitGroup
	for _, s := range []*Store{a, b, a, b} {
		wg.Go(func() {
			st, err := s.Prune(ctx, clk.t)
			if err != nil {
				t.Error(err)
			}
			mu.Lock()
			total.Feedback, total.Requests, total.Threads = total.Feedback+st.Feedback, total.Requests+st.Requests, total.Threads+st.Threads
			mu.Unlock()
		})
	}
	wg.Wait()
	if total != (PruneStats{Feedback: 50, Requests: 50, Threads: 50}) {
		t.Fatalf("pruned %+v in all", total)
	}
}
