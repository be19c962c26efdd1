package store

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/stylistbot/stylist/history"
)

func (b *boltBackend) thread(_ context.Context, key string) (threadRecord, error) {
	var th threadRecord
	err := b.db.View(func(tx *bolt.Tx) error {
		v := tx.Bucket(bucketTurns).Get([]byte(key))
		if v == nil {
			return nil
		}
		return json.Unmarshal(v, &th)
	})
	return th, err
}

func (b *boltBackend) appendTurn(_ context.Context, key string, t history.Turn, now time.Time, lim turnLimits) error {
	return b.db.Update(func(tx *bolt.Tx) error {
		bk := tx.Bucket(bucketTurns)
		var th threadRecord
		if v := bk.Get([]byte(key)); v != nil {
			if err := json.Unmarshal(v, &th); err != nil {
				return err
			}
		}
		body, err := json.Marshal(appendTrim(th, t, now, lim))
		if err != nil {
			return err
		}
		return bk.Put([]byte(key), body)
	})
}

func (b *boltBackend) pause(_ context.Context, channelKey string, info PauseInfo) error {
	body, err := json.Marshal(info)
	if err != nil {
		return err
	}
	return b.db.Update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketPaused).Put([]byte(channelKey), body)
	})
}

func (b *boltBackend) resume(_ context.Context, channelKey string) (bool, error) {
	var was bool
	err := b.db.Update(func(tx *bolt.Tx) error {
		bk := tx.Bucket(bucketPaused)
		was = bk.Get([]byte(channelKey)) != nil
		return bk.Delete([]byte(channelKey))
	})
	return was, err
}

func (b *boltBackend) paused(context.Context) (map[string]PauseInfo, error) {
	out := map[string]PauseInfo{}
	err := b.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketPaused).ForEach(func(k, v []byte) error {
			var p PauseInfo
			if err := json.Unmarshal(v, &p); err != nil {
				return fmt.Errorf("paused %q: %w", k, err)
			}
			out[string(k)] = p
			return nil
		})
	})
	return out, err
}

func (b *boltBackend) prune(_ context.Context, cutoff, now time.Time, lim turnLimits) (PruneStats, error) {
	var st PruneStats
	ck := timeKey(cutoff)
	err := b.db.Update(func(tx *bolt.Tx) error {
		var err error
		if st.Feedback, err = pruneFeedback(tx, ck); err != nil {
			return err
		}
		if st.Requests, err = pruneRequests(tx, ck); err != nil {
			return err
		}
		st.Threads, err = pruneThreads(tx, lim, now)
		return err
	})
	return st, err
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

func pruneThreads(tx *bolt.Tx, lim turnLimits, now time.Time) (int, error) {
	bk := tx.Bucket(bucketTurns)
	type live struct {
		key     []byte
		updated int64
	}
	var drop [][]byte
	var keep []live
	err := bk.ForEach(func(k, v []byte) error {
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
		if err := bk.Delete(k); err != nil {
			return 0, err
		}
	}
	return len(drop), nil
}
