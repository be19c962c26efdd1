package bot

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/stylistbot/stylist/history"
)

func TestMemoryTurns(t *testing.T) {
	ctx := context.Background()
	now := time.Unix(1_700_000_000, 0)
	newStore := func(ttl time.Duration, threads, turns int) *MemoryTurns {
		m := NewMemoryTurns(ttl, threads, turns)
		m.now = func() time.Time { return now }
		return m
	}
	turn := func(q string) history.Turn { return history.Turn{Query: q, ArticleIDs: []string{q + "-id"}} }
	queries := func(ts []history.Turn) string {
		s := ""
		for _, x := range ts {
			s += x.Query + ","
		}
		return s
	}

	t.Run("append and get oldest first", func(t *testing.T) {
		m := newStore(time.Hour, 10, 10)
		for _, q := range []string{"a", "b", "c"} {
			if err := m.Append(ctx, "k", turn(q)); err != nil {
				t.Fatal(err)
			}
		}
		got, err := m.Get(ctx, "k")
		if err != nil || queries(got) != "a,b,c," {
			t.Fatalf("got %v %v", queries(got), err)
		}
		got[0].ArticleIDs[0] = "mutated"
		again, _ := m.Get(ctx, "k")
		if again[0].ArticleIDs[0] != "a-id" {
			t.Error("Get returned shared storage")
		}
		if none, err := m.Get(ctx, "other"); none != nil || err != nil {
			t.Errorf("unknown key: %v %v", none, err)
		}
	})
	t.Run("max turns keeps the newest", func(t *testing.T) {
		m := newStore(time.Hour, 10, 2)
		for _, q := range []string{"a", "b", "c"} {
			_ = m.Append(ctx, "k", turn(q))
		}
		if got, _ := m.Get(ctx, "k"); queries(got) != "b,c," {
			t.Fatalf("got %s", queries(got))
		}
	})
	t.Run("ttl expires idle threads and append refreshes", func(t *testing.T) {
		m := newStore(time.Hour, 10, 10)
		_ = m.Append(ctx, "old", turn("a"))
		now = now.Add(40 * time.Minute)
		_ = m.Append(ctx, "fresh", turn("b"))
		now = now.Add(30 * time.Minute) // old: 70m idle, fresh: 30m
		if got, _ := m.Get(ctx, "old"); got != nil {
			t.Errorf("expired thread returned %v", got)
		}
		if got, _ := m.Get(ctx, "fresh"); len(got) != 1 {
			t.Errorf("fresh thread lost: %v", got)
		}
		_ = m.Append(ctx, "fresh", turn("c"))
		now = now.Add(50 * time.Minute)
		if got, _ := m.Get(ctx, "fresh"); queries(got) != "b,c," {
			t.Errorf("append did not refresh the ttl: %v", queries(got))
		}
		now = now.Add(2 * time.Hour)
		_ = m.Append(ctx, "new", turn("d"))
		if m.Len() != 1 {
			t.Errorf("expired threads not evicted on append: %d threads", m.Len())
		}
	})
	t.Run("max threads drops least recently answered", func(t *testing.T) {
		m := newStore(time.Hour, 3, 10)
		for i := range 3 {
			_ = m.Append(ctx, fmt.Sprint(i), turn("x"))
		}
		_ = m.Append(ctx, "0", turn("y")) // 0 becomes the most recent
		_ = m.Append(ctx, "3", turn("z")) // evicts 1
		if m.Len() != 3 {
			t.Fatalf("len %d", m.Len())
		}
		for key, want := range map[string]int{"0": 2, "1": 0, "2": 1, "3": 1} {
			if got, _ := m.Get(ctx, key); len(got) != want {
				t.Errorf("thread %s has %d turns, want %d", key, len(got), want)
			}
		}
		m.SetLimits(time.Hour, 1, 10)
		if m.Len() != 1 {
			t.Errorf("SetLimits did not shrink: %d", m.Len())
		}
	})
	t.Run("cancelled context", func(t *testing.T) {
		m := newStore(time.Hour, 3, 10)
		cctx, cancel := context.WithCancel(ctx)
		cancel()
		if err := m.Append(cctx, "k", turn("a")); err == nil {
			t.Error("Append ignored a cancelled context")
		}
	})
}
