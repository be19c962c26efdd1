package store

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"time"

	bolt "go.etcd.io/bbolt"
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
func (s *Store) Prune(ctx context.Context, now time.Time) (PruneStats, error) {
	var st PruneStats
	if err := ctx.Err(); err != nil {
		return st, err
	}
	cutoff := timeKey(now.Add(-s.Retention()))
	lim := s.lim.Load()
	err := s.db.Update(func(tx *bolt.Tx) error {
		var err error
		if st.Feedback, err = pruneFeedback(tx, cutoff); err != nil {
			return err
		}
		if st.Requests, err = pruneRequests(tx, cutoff); err != nil {
			return err
		}
		st.Threads, err = pruneThreads(tx, lim, now)
		return err
	})
	if err != nil {
		return PruneStats{}, fmt.Errorf("store: prune: %w", err)
	}
	return st, nil
}

func pruneFeedback(tx *bolt.Tx, cutoff []byte) (int, error) {
	fb, votes := tx.Bucket(bucketFeedback), tx.Bucket(bucketVotes)
	var keys, voteKeys [][]byte
	c := fb.Cursor()
	for k, v := c.First(); k != nil && bytes.Compare(k[:8], cutoff) < 0; k, v = c.Next() {
		keys = append(keys, bytes.Clone(k))
		var ev FeedbackEvent
		if json.Unmarshal(v, &ev) == nil {
			vk := []byte(ev.ReplyRef + "\x00" + ev.UserHash)
			if bytes.Equal(votes.Get(vk), k) {
				voteKeys = append(voteKeys, vk)
			}
		}
	}
	for _, k := range keys {
		if err := fb.Delete(k); err != nil {
			return 0, err
		}
	}
	for _, k := range voteKeys {
		if err := votes.Delete(k); err != nil {
			return 0, err
		}
	}
	return len(keys), nil
}

func pruneRequests(tx *bolt.Tx, cutoff []byte) (int, error) {
	reqs, byTime := tx.Bucket(bucketRequests), tx.Bucket(bucketReqByTime)
	var keys [][]byte
	c := byTime.Cursor()
	for k, _ := c.First(); k != nil && bytes.Compare(k[:8], cutoff) < 0; k, _ = c.Next() {
		keys = append(keys, bytes.Clone(k))
	}
	for _, k := range keys {
		if err := reqs.Delete(k[8:]); err != nil {
			return 0, err
		}
		if err := byTime.Delete(k); err != nil {
			return 0, err
		}
	}
	return len(keys), nil
}

func pruneThreads(tx *bolt.Tx, lim *turnLimits, now time.Time) (int, error) {
	b := tx.Bucket(bucketTurns)
	type live struct {
		key     []byte
		updated int64
	}
	var drop [][]byte
	var keep []live
	err := b.ForEach(func(k, v []byte) error {
		var th threadRecord
		if err := json.Unmarshal(v, &th); err != nil || expired(th, lim.ttl, now) {
			drop = append(drop, bytes.Clone(k))
			return nil
		}
		keep = append(keep, live{bytes.Clone(k), th.Updated})
		return nil
	})
	if err != nil {
		return 0, err
	}
	if over := len(keep) - lim.maxThreads; over > 0 {
		sort.Slice(keep, func(i, j int) bool { return keep[i].updated < keep[j].updated })
		for _, l := range keep[:over] {
			drop = append(drop, l.key)
		}
	}
	for _, k := range drop {
		if err := b.Delete(k); err != nil {
			return 0, err
		}
	}
	return len(drop), nil
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
