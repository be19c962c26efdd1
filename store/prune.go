package store

import (
	"context"
	"fmt"
	"time"
)

// PruneStats counts what one Prune deleted.
type PruneStats struct {
	Feedback int // votes older than the retention
	Requests int // request records older than the retention
	Threads  int // expired threads and threads over the cap
}

// SetRetention changes how long feedback and request records are kept (live config).
func (s *Store) SetRetention(d time.Duration) {
	if d > 0 {
		s.retention.Store(int64(d))
	}
}

// Retention returns how long feedback and request records are kept.
func (s *Store) Retention() time.Duration { return time.Duration(s.retention.Load()) }

// Prune deletes feedback and request records older than the retention, expired
// threads, and the least recently answered threads over the thread cap.
// Replicas sharing a PostgreSQL store may prune at the same time.
func (s *Store) Prune(ctx context.Context, now time.Time) (PruneStats, error) {
	if err := ctx.Err(); err != nil {
		return PruneStats{}, err
	}
	st, err := s.be.prune(ctx, now.Add(-s.Retention()), now, *s.lim.Load())
	if err != nil {
		return PruneStats{}, fmt.Errorf("store: prune: %w", err)
	}
	return st, nil
}

// RunPruner prunes now and then every PruneInterval until ctx ends, logging what it deleted.
func (s *Store) RunPruner(ctx context.Context) {
	t := time.NewTicker(s.cfg.PruneInterval)
	defer t.Stop()
	for {
		st, err := s.Prune(ctx, s.now())
		switch {
		case err != nil && ctx.Err() == nil:
			s.log.Warn("store prune failed", "err", err)
		case st != (PruneStats{}):
			s.log.Info("store pruned", "feedback", st.Feedback, "requests", st.Requests, "threads", st.Threads)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
