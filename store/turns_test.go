package store

import (
	"fmt"
	"path/filepath"
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

func TestTurns(t *testing.T) {
	s, clk := openAt(t, filepath.Join(t.TempDir(), "s.db"), func(c *Config) {
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

	t.Run("ttl refreshes on append and expires", func(t *testing.T) {
		clk.advance(59 * time.Minute) // now exactly one TTL after the last append
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

func TestTurnsSurviveReopen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "s.db")
	s, _ := openAt(t, path)
	must(t, s.Append(ctx, "slack/T/C/1.1", turn("linen shirt")))
	must(t, s.Close())
	s2, _ := openAt(t, path)
	if ts, err := s2.Get(ctx, "slack/T/C/1.1"); err != nil || fmt.Sprint(queries(ts)) != "[linen shirt]" {
		t.Fatalf("after reopen: %v %v", queries(ts), err)
	}
}

func TestConcurrentAppendsAreNotLost(t *testing.T) {
	s, _ := openAt(t, filepath.Join(t.TempDir(), "s.db"), func(c *Config) { c.MaxTurns = 1000 })
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 10 {
				if err := s.Append(ctx, "shared", turn(fmt.Sprintf("%d-%d", g, i))); err != nil {
					t.Error(err)
				}
				if _, err := s.Get(ctx, "shared"); err != nil {
					t.Error(err)
				}
			}
		}()
	}
	wg.Wait()
	if ts, _ := s.Get(ctx, "shared"); len(ts) != 40 {
		t.Fatalf("%d turns, want 40", len(ts))
	}
}
