package store

import (
	"fmt"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/stylistbot/stylist/history"
)

// limiter mirrors the bot core's unexported interface for stores whose caps follow
// its config; Core.SetConfig calls SetLimits on a TurnStore that has it.
type limiter interface {
	SetLimits(ttl time.Duration, maxThreads, maxTurns int)
}

var _ limiter = (*Store)(nil)

func turn(q string) history.Turn { return history.Turn{Query: q, ArticleIDs: []string{q + "-id"}} }

func queries(ts []history.Turn) []string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = t.Query
	}
	return out
}

func caseTurns(t *testing.T, db *testDB) {
	s, clk := db.open(t, func(c *Config) {
		c.TurnTTL, c.MaxTurns, c.MaxThreads = time.Hour, 3, 100
	})
	if ts, err := s.Get(ctx, "nope"); ts != nil || err != nil {
		t.Fatalf("unknown thread: %v %v", ts, err)
	}
	for i := range 5 {
		must(t, s.Append(ctx, "k", turn(strconv.Itoa(i))))
		clk.advance(time.Minute)
	}
	ts, err := s.Get(ctx, "k")
	if err != nil || fmt.Sprint(queries(ts)) != "[2 3 4]" || ts[2].ArticleIDs[0] != "4-id" {
		t.Fatalf("after 5 appends with max 3: %v %v", queries(ts), err)
	}

	t.Run("a turn reads back as written", func(t *testing.T) {
		in := history.Turn{Query: "robe d'été \"rouge\" \u0000 ✓", ArticleIDs: []string{"0108775015", "0108775044"}}
		must(t, s.Append(ctx, "exact", in))
		ts, err := s.Get(ctx, "exact")
		if err != nil || len(ts) != 1 || fmt.Sprintf("%#v", ts[0]) != fmt.Sprintf("%#v", in) {
			t.Fatalf("got %#v (%v), want %#v", ts, err, in)
		}
	})

	t.Run("ttl refreshes on append and expires", func(t *testing.T) {
		clk.advance(59 * time.Minute) // now exactly one TTL after the last append to k
		if ts, _ := s.Get(ctx, "k"); ts != nil {
			t.Fatalf("thread alive %v after its TTL", queries(ts))
		}
		must(t, s.Append(ctx, "k", turn("fresh")))
		if ts, _ := s.Get(ctx, "k"); fmt.Sprint(queries(ts)) != "[fresh]" {
			t.Fatalf("an expired thread's turns came back: %v", queries(ts))
		}
	})

	t.Run("limits are live", func(t *testing.T) {
		for _, q := range []string{"a", "b"} {
			must(t, s.Append(ctx, "k2", turn(q)))
		}
		s.SetLimits(0, 0, 1) // zeros keep the current TTL and thread cap
		if ts, _ := s.Get(ctx, "k2"); fmt.Sprint(queries(ts)) != "[b]" {
			t.Fatalf("max turns 1: %v", queries(ts))
		}
		s.SetLimits(time.Minute, 0, 0)
		clk.advance(2 * time.Minute)
		if ts, _ := s.Get(ctx, "k2"); ts != nil {
			t.Fatalf("ttl 1m: %v", queries(ts))
		}
		if l := s.lim.Load(); l.maxTurns != 1 || l.maxThreads != 100 {
			t.Fatalf("limits %+v", *l)
		}
	})
}

func caseConcurrentAppends(t *testing.T, db *testDB) {
	s, _ := db.open(t, func(c *Config) { c.MaxTurns = 1000 })
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			for i := range 10 {
				if err := s.Append(ctx, "shared", turn(fmt.Sprintf("%d-%d", g, i))); err != nil {
					t.Error(err)
				}
				if _, err := s.Get(ctx, "shared"); err != nil {
					t.Error(err)
				}
			}
		})
	}
	wg.Wait()
	if ts, _ := s.Get(ctx, "shared"); len(ts) != 40 {
		t.Fatalf("%d turns, want 40", len(ts))
	}
}

// Two replicas append to one thread at the same time: no turn is lost, and
// either reads what the other wrote (a follow-up answered by another replica
// sees the thread's history).
func caseReplicasShareThreads(t *testing.T, db *testDB) {
	needReplicas(t, db)
	edit := func(c *Config) { c.MaxTurns = 1000 }
	a, _ := db.open(t, edit)
	b, _ := db.open(t, edit)
	must(t, a.Append(ctx, "slack/T/C/1.1", turn("linen shirt")))
	if ts, err := b.Get(ctx, "slack/T/C/1.1"); err != nil || fmt.Sprint(queries(ts)) != "[linen shirt]" {
		t.Fatalf("replica b reads %v %v", queries(ts), err)
	}
	var wg sync.WaitGroup
	for r, s := range []*Store{a, b} {
		for g := range 3 {
			wg.Go(func() {
				for i := range 10 {
					if err := s.Append(ctx, "slack/T/C/1.1", turn(fmt.Sprintf("%d-%d-%d", r, g, i))); err != nil {
						t.Error(err)
					}
				}
			})
		}
	}
	wg.Wait()
	ta, _ := a.Get(ctx, "slack/T/C/1.1")
	tb, _ := b.Get(ctx, "slack/T/C/1.1")
	if len(ta) != 61 || fmt.Sprint(queries(ta)) != fmt.Sprint(queries(tb)) {
		t.Fatalf("replica a has %d turns, b %d; want 61 on both", len(ta), len(tb))
	}
}
