package store

import (
	"context"
	"fmt"
	"time"

	"github.com/stylistbot/stylist/history"
)

// turnLimits are the live caps on conversation memory.
type turnLimits struct {
	ttl        time.Duration
	maxThreads int
	maxTurns   int
}

// threadRecord is one stored conversation thread.
type threadRecord struct {
	Turns   []history.Turn `json:"turns"`
	Updated int64          `json:"updated"` // unix nanoseconds of the last Append
}

// SetLimits changes the thread TTL and caps (the bot core calls it on config
// reload); non-positive values keep the current ones. Threads over the caps are
// trimmed on their next Append or by Prune.
func (s *Store) SetLimits(ttl time.Duration, maxThreads, maxTurns int) {
	cur := s.lim.Load()
	l := turnLimits{ttl: ttl, maxThreads: maxThreads, maxTurns: maxTurns}
	if cur != nil {
		if l.ttl <= 0 {
			l.ttl = cur.ttl
		}
		if l.maxThreads <= 0 {
			l.maxThreads = cur.maxThreads
		}
		if l.maxTurns <= 0 {
			l.maxTurns = cur.maxTurns
		}
	}
	s.lim.Store(&l)
}

// Get returns the thread's turns, oldest first.
// An unknown or expired thread yields nil, nil.
func (s *Store) Get(ctx context.Context, key string) ([]history.Turn, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	lim := s.lim.Load()
	th, err := s.be.thread(ctx, key)
	if err != nil {
		return nil, fmt.Errorf("store: get turns: %w", err)
	}
	if len(th.Turns) == 0 || expired(th, lim.ttl, s.now()) {
		return nil, nil
	}
	if over := len(th.Turns) - lim.maxTurns; over > 0 {
		th.Turns = th.Turns[over:]
	}
	return th.Turns, nil
}

// Append adds a turn at the end of the thread and refreshes its TTL. Appends
// to one thread from several goroutines or replicas are serialised: none is lost.
func (s *Store) Append(ctx context.Context, key string, t history.Turn) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := checkKey(key); err != nil {
		return err
	}
	if err := s.be.appendTurn(ctx, key, t, s.now(), *s.lim.Load()); err != nil {
		return fmt.Errorf("store: append turn: %w", err)
	}
	return nil
}

func expired(th threadRecord, ttl time.Duration, now time.Time) bool {
	return !now.Before(time.Unix(0, th.Updated).Add(ttl))
}
