package store

import (
	"bytes"
	"math"
	"testing"
	"time"

	"github.com/stylistbot/stylist/internal/golden"
)

func TestWilsonAgainstPublishedValues(t *testing.T) {
	// Newcombe (1998), "Two-sided confidence intervals for the single proportion",
	// Statistics in Medicine 17:857-872, Table I, method 3 (score interval, no
	// continuity correction), plus two textbook cases.
	tests := []struct {
		x, n   int
		lo, hi float64
	}{
		{81, 263, 0.2553, 0.3662},
		{15, 148, 0.0624, 0.1605},
		{0, 20, 0.0000, 0.1611},
		{1, 29, 0.0061, 0.1718},
		{29, 29, 0.8830, 1.0000},
		{8, 10, 0.4902, 0.9433},
		{50, 100, 0.4038, 0.5962},
	}
	for _, tc := range tests {
		lo, hi := Wilson(tc.x, tc.n, Z95)
		if math.Abs(lo-tc.lo) > 5e-5 || math.Abs(hi-tc.hi) > 5e-5 {
			t.Errorf("Wilson(%d/%d) = [%.4f, %.4f], want [%.4f, %.4f]", tc.x, tc.n, lo, hi, tc.lo, tc.hi)
		}
	}
	if lo, hi := Wilson(0, 0, Z95); lo != 0 || hi != 1 {
		t.Errorf("no data: [%v, %v]", lo, hi)
	}
}

func TestPercentileNearestRank(t *testing.T) {
	ms := func(v ...int) []time.Duration {
		out := make([]time.Duration, len(v))
		for i, x := range v {
			out[i] = time.Duration(x) * time.Millisecond
		}
		return out
	}
	// Unsorted on purpose; nearest rank: the ceil(p*n)-th smallest value.
	data := ms(400, 100, 1000, 300, 200, 600, 500, 900, 700, 800)
	tests := []struct {
		ds   []time.Duration
		p    float64
		want time.Duration
	}{
		{data, 0.5, 500 * time.Millisecond},
		{data, 0.9, 900 * time.Millisecond},
		{data, 0.91, 1000 * time.Millisecond},
		{data, 1, 1000 * time.Millisecond},
		{data, 0.01, 100 * time.Millisecond},
		{ms(15, 20, 35, 40, 50), 0.3, 20 * time.Millisecond},
		{ms(15, 20, 35, 40, 50), 0.4, 20 * time.Millisecond},
		{ms(15, 20, 35, 40, 50), 0.5, 35 * time.Millisecond},
		{ms(7), 0.9, 7 * time.Millisecond},
		{nil, 0.5, 0},
	}
	for _, tc := range tests {
		if got := Percentile(tc.ds, tc.p); got != tc.want {
			t.Errorf("Percentile(%v, %v) = %v, want %v", tc.ds, tc.p, got, tc.want)
		}
	}
	if data[0] != 400*time.Millisecond {
		t.Error("Percentile sorted its input in place")
	}
}

// reportFixture is hand-made data whose statistics are worked out below.
func reportFixture() ([]RequestRecord, []FeedbackEvent) {
	req := func(ref, variant string, ms int, fellBack, grounded bool) RequestRecord {
		return RequestRecord{ReplyRef: ref, Variant: variant, Latency: time.Duration(ms) * time.Millisecond, FellBack: fellBack, Grounded: grounded}
	}
	reqs := []RequestRecord{
		// Variant "long": 4 requests, 1 fallback, 3 grounded, latencies 800/1200/2000/5000 ms.
		req("l1", "long", 1200, false, true), req("l2", "long", 800, false, true),
		req("l3", "long", 5000, true, true), req("l4", "long", 2000, false, false),
		// Variant "short": 2 requests.
		req("s1", "short", 300, false, true), req("s2", "short", 500, false, true),
		// The default prompt: 1 request, no votes.
		req("d1", "", 12500, true, false),
	}
	vote := func(variant string, helpful bool) FeedbackEvent {
		return FeedbackEvent{Variant: variant, Helpful: helpful}
	}
	var votes []FeedbackEvent
	for i := range 10 { // long: 8 of 10 helpful
		votes = append(votes, vote("long", i < 8))
	}
	votes = append(votes, vote("short", false), vote("short", false), vote(LabelNoRecord, true))
	return reqs, votes
}

func TestSummarizeHandMadeData(t *testing.T) {
	got := Summarize(reportFixture())
	want := []VariantStats{
		{Variant: LabelDefault, Requests: 1, HelpfulLow: 0, HelpfulHigh: 1, FallbackRate: 1, GroundedRate: 0,
			LatencyP50: 12500 * time.Millisecond, LatencyP90: 12500 * time.Millisecond},
		{Variant: LabelNoRecord, Feedback: 1, Helpful: 1, HelpfulRate: 1, HelpfulLow: 0.2065, HelpfulHigh: 1},
		{Variant: "long", Requests: 4, Feedback: 10, Helpful: 8, HelpfulRate: 0.8, HelpfulLow: 0.4902, HelpfulHigh: 0.9433,
			FallbackRate: 0.25, GroundedRate: 0.75, LatencyP50: 1200 * time.Millisecond, LatencyP90: 5000 * time.Millisecond},
		{Variant: "short", Requests: 2, Feedback: 2, Helpful: 0, HelpfulRate: 0, HelpfulLow: 0, HelpfulHigh: 0.6576,
			FallbackRate: 0, GroundedRate: 1, LatencyP50: 300 * time.Millisecond, LatencyP90: 500 * time.Millisecond},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d rows: %+v", len(got), got)
	}
	for i, w := range want {
		g := got[i]
		near := func(a, b float64) bool { return math.Abs(a-b) < 5e-5 }
		if g.Variant != w.Variant || g.Requests != w.Requests || g.Feedback != w.Feedback || g.Helpful != w.Helpful ||
			!near(g.HelpfulRate, w.HelpfulRate) || !near(g.HelpfulLow, w.HelpfulLow) || !near(g.HelpfulHigh, w.HelpfulHigh) ||
			!near(g.FallbackRate, w.FallbackRate) || !near(g.GroundedRate, w.GroundedRate) ||
			g.LatencyP50 != w.LatencyP50 || g.LatencyP90 != w.LatencyP90 {
			t.Errorf("row %d:\n got  %+v\n want %+v", i, g, w)
		}
	}
}

func caseReportWindow(t *testing.T, db *testDB) {
	s, clk := db.open(t)
	must(t, s.RecordRequest(ctx, RequestRecord{ReplyRef: "early", Variant: "a", Latency: time.Second}))
	must(t, s.RecordFeedback(ctx, vote("early", "U1", false)))
	clk.advance(2 * time.Hour)
	since := clk.t.Add(-time.Hour)
	must(t, s.RecordRequest(ctx, RequestRecord{ReplyRef: "late", Variant: "b", Latency: 3 * time.Second, Grounded: true}))
	must(t, s.RecordFeedback(ctx, vote("late", "U1", true)))
	// A vote inside the window on a reply answered before it still counts for that reply's variant.
	must(t, s.RecordFeedback(ctx, vote("early", "U2", true)))
	// A vote recorded before its request record is attributed at report time.
	must(t, s.RecordFeedback(ctx, vote("racy", "U3", true)))
	must(t, s.RecordRequest(ctx, RequestRecord{ReplyRef: "racy", Variant: "b", Latency: time.Second, Grounded: true}))

	st, err := s.Report(ctx, since)
	if err != nil {
		t.Fatal(err)
	}
	if len(st) != 2 {
		t.Fatalf("rows %+v", st)
	}
	a, b := st[0], st[1]
	if a.Variant != "a" || a.Requests != 0 || a.Feedback != 1 || a.Helpful != 1 {
		t.Errorf("a: %+v", a)
	}
	if b.Variant != "b" || b.Requests != 2 || b.Feedback != 2 || b.Helpful != 2 || b.GroundedRate != 1 || b.LatencyP90 != 3*time.Second {
		t.Errorf("b: %+v", b)
	}
	all, _ := s.Report(ctx, time.Time{})
	if all[0].Requests != 1 || all[0].Feedback != 2 {
		t.Errorf("whole history, a: %+v", all[0])
	}
	// A vote on a reply that has no record is reported as such.
	must(t, s.RecordFeedback(ctx, vote("ghost", "U4", false)))
	st, _ = s.Report(ctx, since)
	if len(st) != 3 || st[0].Variant != LabelNoRecord || st[0].Feedback != 1 || st[0].Requests != 0 {
		t.Errorf("vote without a record: %+v", st)
	}
}

// A vote recorded by one replica is in the report of the other.
func caseReplicasShareVotes(t *testing.T, db *testDB) {
	needReplicas(t, db)
	a, _ := db.open(t)
	b, _ := db.open(t)
	if a.userHash("slack", "T1", "U1") != b.userHash("slack", "T1", "U1") {
		t.Fatal("replicas hash user ids differently: a re-vote through the other replica would count twice")
	}
	must(t, a.RecordRequest(ctx, RequestRecord{ReplyRef: "r1", Variant: "short", Latency: time.Second}))
	must(t, b.RecordFeedback(ctx, vote("r1", "U1", false)))
	must(t, a.RecordFeedback(ctx, vote("r1", "U1", true))) // the user changed their mind through the other replica
	must(t, b.RecordFeedback(ctx, vote("r1", "U2", true)))
	for name, s := range map[string]*Store{"a": a, "b": b} {
		st, err := s.Report(ctx, time.Time{})
		if err != nil || len(st) != 1 || st[0].Variant != "short" || st[0].Requests != 1 || st[0].Feedback != 2 || st[0].Helpful != 2 {
			t.Fatalf("report of replica %s: %+v %v", name, st, err)
		}
	}
}

func TestWriteReportTableGolden(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteReportTable(&buf, Summarize(reportFixture())); err != nil {
		t.Fatal(err)
	}
	buf.WriteString("---\n")
	if err := WriteReportTable(&buf, nil); err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "report_table.golden", buf.Bytes())
}
