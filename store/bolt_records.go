package store

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
)

// putVote stores ev. Concurrent calls are committed together (bbolt's Batch: one
// fsynced transaction for many votes); each returns once its vote is durable.
func (b *boltBackend) putVote(_ context.Context, ev FeedbackEvent) error {
	return b.db.Batch(func(tx *bolt.Tx) error { // may run more than once: it only reads and overwrites
		ev := ev
		if v := tx.Bucket(bucketRequests).Get([]byte(ev.ReplyRef)); v != nil {
			var rr RequestRecord
			if err := json.Unmarshal(v, &rr); err == nil {
				ev.Variant = rr.Variant
			}
		}
		fb, votes := tx.Bucket(bucketFeedback), tx.Bucket(bucketVotes)
		vk := []byte(ev.ReplyRef + "\x00" + ev.UserHash)
		if old := votes.Get(vk); old != nil {
			if err := fb.Delete(old); err != nil {
				return err
			}
		}
		seq, err := fb.NextSequence()
		if err != nil {
			return err
		}
		fk := binary.BigEndian.AppendUint64(timeKey(ev.At), seq)
		body, err := json.Marshal(ev)
		if err != nil {
			return err
		}
		if err := fb.Put(fk, body); err != nil {
			return err
		}
		return votes.Put(vk, fk)
	})
}

func (b *boltBackend) putRequest(_ context.Context, r RequestRecord) error {
	body, err := json.Marshal(r)
	if err != nil {
		return err
	}
	return b.db.Update(func(tx *bolt.Tx) error {
		reqs, byTime := tx.Bucket(bucketRequests), tx.Bucket(bucketReqByTime)
		ref := []byte(r.ReplyRef)
		if v := reqs.Get(ref); v != nil {
			var old RequestRecord
			if json.Unmarshal(v, &old) == nil {
				if err := byTime.Delete(append(timeKey(old.At), ref...)); err != nil {
					return err
				}
			}
		}
		if err := reqs.Put(ref, body); err != nil {
			return err
		}
		return byTime.Put(append(timeKey(r.At), ref...), nil)
	})
}

func (b *boltBackend) request(_ context.Context, ref string) (RequestRecord, bool, error) {
	var r RequestRecord
	var ok bool
	err := b.db.View(func(tx *bolt.Tx) error {
		v := tx.Bucket(bucketRequests).Get([]byte(ref))
		if v == nil {
			return nil
		}
		ok = true
		return json.Unmarshal(v, &r)
	})
	return r, ok, err
}

func (b *boltBackend) votes(_ context.Context, since time.Time) ([]FeedbackEvent, error) {
	var out []FeedbackEvent
	err := b.db.View(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketFeedback).Cursor()
		for k, v := c.Seek(timeKey(since)); k != nil; k, v = c.Next() {
			var ev FeedbackEvent
			if err := json.Unmarshal(v, &ev); err != nil {
				return fmt.Errorf("feedback %x: %w", k, err)
			}
			out = append(out, ev)
		}
		return nil
	})
	return out, err
}

func (b *boltBackend) reportData(_ context.Context, since time.Time) ([]RequestRecord, []FeedbackEvent, error) {
	var reqs []RequestRecord
	var votes []FeedbackEvent
	err := b.db.View(func(tx *bolt.Tx) error {
		reqB := tx.Bucket(bucketRequests)
		c := tx.Bucket(bucketReqByTime).Cursor()
		for k, _ := c.Seek(timeKey(since)); k != nil; k, _ = c.Next() {
			var r RequestRecord
			if err := json.Unmarshal(reqB.Get(k[8:]), &r); err != nil {
				return fmt.Errorf("request %q: %w", k[8:], err)
			}
			reqs = append(reqs, r)
		}
		c = tx.Bucket(bucketFeedback).Cursor()
		for k, v := c.Seek(timeKey(since)); k != nil; k, v = c.Next() {
			var ev FeedbackEvent
			if err := json.Unmarshal(v, &ev); err != nil {
				return fmt.Errorf("feedback %x: %w", k, err)
			}
			var r RequestRecord
			rv := reqB.Get([]byte(ev.ReplyRef))
			has := rv != nil && json.Unmarshal(rv, &r) == nil
			attribute(&ev, r.Variant, has)
			votes = append(votes, ev)
		}
		return nil
	})
	return reqs, votes, err
}

// timeKey encodes t as an 8-byte big-endian key prefix that sorts by time.
func timeKey(t time.Time) []byte {
	n := t.UnixNano()
	if n < 0 {
		n = 0
	}
	return binary.BigEndian.AppendUint64(make([]byte, 0, 16), uint64(n))
}
