package bot

import (
	"testing"
	"time"
)

func TestBuckets(t *testing.T) {
	t0 := time.Unix(1_700_000_000, 0)
	t.Run("burst then refill", func(t *testing.T) {
		b := newBuckets(60, 2) // one per second
		for i := range 2 {
			if _, _, ok := b.reserve("u", t0); !ok {
				t.Fatalf("request %d refused within burst", i)
			}
		}
		_, retry, ok := b.reserve("u", t0)
		if ok || retry <= 0 || retry > time.Second {
			t.Fatalf("third: ok=%v retry=%v, want refusal with wait <= 1s", ok, retry)
		}
		if _, _, ok := b.reserve("u", t0.Add(time.Second)); !ok {
			t.Error("no token after refill")
		}
	})
	t.Run("cancel gives the token back", func(t *testing.T) {
		b := newBuckets(1, 1)
		undo, _, ok := b.reserve("u", t0)
		if !ok {
			t.Fatal("refused")
		}
		undo()
		if _, _, ok := b.reserve("u", t0); !ok {
			t.Error("token not returned")
		}
	})
	t.Run("zero rate is unlimited", func(t *testing.T) {
		b := newBuckets(0, 0)
		for range 100 {
			if _, _, ok := b.reserve("u", t0); !ok {
				t.Fatal("refused with rate 0")
			}
		}
		if b.len() != 0 {
			t.Error("unlimited buckets should not be stored")
		}
	})
	t.Run("idle buckets are evicted", func(t *testing.T) {
		b := newBuckets(60, 3) // full refill in 3s
		b.reserve("idle", t0)
		b.reserve("busy", t0.Add(sweepEvery))
		b.reserve("busy", t0.Add(sweepEvery+time.Second))
		if b.len() != 1 {
			t.Errorf("%d buckets after sweep, want only the recent one", b.len())
		}
	})
	t.Run("set keeps levels and changes rate", func(t *testing.T) {
		b := newBuckets(60, 1)
		b.reserve("u", t0)
		b.set(6000, 1)
		// at 100/s a token comes back within 10ms instead of 1s.
		if _, _, ok := b.reserve("u", t0.Add(20*time.Millisecond)); !ok {
			t.Error("new rate not applied to an existing bucket")
		}
	})
}

func TestLimiterChannelRefusalRefundsUser(t *testing.T) {
	c := DefaultConfig()
	c.UserRate, c.UserBurst, c.ChannelRate, c.ChannelBurst = 1, 1, 1, 1
	l := newLimiter(&c)
	now := time.Unix(1_700_000_000, 0)
	if _, _, _, ok := l.allow("a", "x", now); !ok {
		t.Fatal("first refused")
	}
	if _, scope, _, ok := l.allow("b", "x", now); ok || scope != "channel" {
		t.Fatalf("b in x: ok=%v scope=%q", ok, scope)
	}
	undo, _, _, ok := l.allow("b", "y", now)
	if !ok {
		t.Error("b's token was not refunded")
	}
	if _, scope, _, ok := l.allow("a", "z", now); ok || scope != "user" {
		t.Errorf("a again: ok=%v scope=%q", ok, scope)
	}
	undo() // e.g. the queue was full: b gets both tokens back
	if _, _, _, ok := l.allow("b", "y", now); !ok {
		t.Error("undo did not refund b's tokens")
	}
}
