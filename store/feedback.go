package store

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
)

// ErrNoReplyRef is returned for feedback or request records without a reply ref.
var ErrNoReplyRef = errors.New("store: reply ref is required")

// FeedbackEvent is one stored helpful / not-helpful vote. Only a user's latest
// vote on a reply is kept.
type FeedbackEvent struct {
	RequestID string    `json:"request_id,omitempty"`
	ReplyRef  string    `json:"reply_ref"`
	Platform  string    `json:"platform"`
	Workspace string    `json:"workspace,omitempty"`
	Channel   string    `json:"channel,omitempty"`
	UserHash  string    `json:"user_hash,omitempty"` // pseudonymous: HMAC of the user id with a per-store key
	Variant   string    `json:"variant,omitempty"`   // from the request record, when it was known at vote time
	Helpful   bool      `json:"helpful"`
	At        time.Time `json:"at"`
}

// RequestRecord describes one answered request, keyed by the reply it produced.
type RequestRecord struct {
	ReplyRef  string        `json:"reply_ref"`
	RequestID string        `json:"request_id,omitempty"`
	Variant   string        `json:"variant"`
	Model     string        `json:"model,omitempty"`
	Platform  string        `json:"platform"`
	Workspace string        `json:"workspace,omitempty"`
	Channel   string        `json:"channel,omitempty"`
	User      string        `json:"-"`                   // raw user id; stored only as UserHash
	UserHash  string        `json:"user_hash,omitempty"` // filled by the store
	Latency   time.Duration `json:"latency"`
	FellBack  bool          `json:"fell_back"` // retrieval-only answer: the LLM was unreachable or failed
	Grounded  bool          `json:"grounded"`  // the model named no article outside the catalog (nothing dropped)
	Items     int           `json:"items"`
	At        time.Time     `json:"at"`
}

// Vote is one helpful / not-helpful vote as it reaches the store.
type Vote struct {
	RequestID string
	ReplyRef  string // the reply voted on (required)
	Platform  string
	Workspace string
	Channel   string
	User      string // raw user id; stored only as a pseudonymous hash
	Helpful   bool
	At        time.Time // zero = now
}

// RecordFeedback stores a vote. A later vote by the same user on the same reply
// replaces the earlier one. Concurrent calls are committed together (bbolt's
// Batch: one fsynced transaction for many votes); each call returns only once
// its vote is durable.
func (s *Store) RecordFeedback(ctx context.Context, f Vote) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if f.ReplyRef == "" {
		return ErrNoReplyRef
	}
	if f.At.IsZero() {
		f.At = s.now()
	}
	ev := FeedbackEvent{
		RequestID: f.RequestID, ReplyRef: f.ReplyRef, Platform: f.Platform, Workspace: f.Workspace,
		Channel: f.Channel, UserHash: s.userHash(f.Platform, f.Workspace, f.User), Helpful: f.Helpful, At: f.At.UTC(),
	}
	err := s.db.Batch(func(tx *bolt.Tx) error { // may run more than once: it only reads and overwrites
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
	if err != nil {
		return fmt.Errorf("store: record feedback: %w", err)
	}
	return nil
}

// RecordRequest stores (or replaces) the record of one answered request.
func (s *Store) RecordRequest(ctx context.Context, r RequestRecord) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if r.ReplyRef == "" {
		return ErrNoReplyRef
	}
	if r.At.IsZero() {
		r.At = s.now()
	}
	r.At = r.At.UTC()
	if r.User != "" {
		r.UserHash = s.userHash(r.Platform, r.Workspace, r.User)
	}
	body, err := json.Marshal(r)
	if err != nil {
		return err
	}
	err = s.db.Update(func(tx *bolt.Tx) error {
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
	if err != nil {
		return fmt.Errorf("store: record request: %w", err)
	}
	return nil
}

// Request returns the record of the reply ref, if stored.
func (s *Store) Request(ctx context.Context, ref string) (RequestRecord, bool, error) {
	var r RequestRecord
	var ok bool
	if err := ctx.Err(); err != nil {
		return r, false, err
	}
	err := s.db.View(func(tx *bolt.Tx) error {
		v := tx.Bucket(bucketRequests).Get([]byte(ref))
		if v == nil {
			return nil
		}
		ok = true
		return json.Unmarshal(v, &r)
	})
	return r, ok, err
}

// Feedback returns the stored votes cast at or after since, oldest first.
func (s *Store) Feedback(ctx context.Context, since time.Time) ([]FeedbackEvent, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var out []FeedbackEvent
	err := s.db.View(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketFeedback).Cursor()
		for k, v := c.Seek(timeKey(since)); k != nil; k, v = c.Next() {
			var ev FeedbackEvent
			if err := json.Unmarshal(v, &ev); err != nil {
				return fmt.Errorf("store: feedback %x: %w", k, err)
			}
			out = append(out, ev)
		}
		return nil
	})
	return out, err
}

// timeKey encodes t as an 8-byte big-endian key prefix that sorts by time.
func timeKey(t time.Time) []byte {
	n := t.UnixNano()
	if n < 0 {
		n = 0
	}
	return binary.BigEndian.AppendUint64(make([]byte, 0, 16), uint64(n))
}
