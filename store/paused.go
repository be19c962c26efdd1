package store

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
)

// PauseInfo records who paused a channel and when.
type PauseInfo struct {
	By string    `json:"by"` // moderator, as "platform/user"
	At time.Time `json:"at"`
}

// Pause marks the channel (a key such as "slack/T1/C1") as paused; a zero
// info.At is set to now.
func (s *Store) Pause(ctx context.Context, channelKey string, info PauseInfo) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if info.At.IsZero() {
		info.At = s.now()
	}
	info.At = info.At.UTC()
	body, err := json.Marshal(info)
	if err != nil {
		return err
	}
	err = s.db.Update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketPaused).Put([]byte(channelKey), body)
	})
	if err != nil {
		return fmt.Errorf("store: pause: %w", err)
	}
	return nil
}

// Resume clears the channel's pause; it reports whether the channel was paused.
func (s *Store) Resume(ctx context.Context, channelKey string) (bool, error) {
	if err := ctx.Err(); err != nil {
		return false, err
	}
	var was bool
	err := s.db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketPaused)
		was = b.Get([]byte(channelKey)) != nil
		return b.Delete([]byte(channelKey))
	})
	if err != nil {
		return false, fmt.Errorf("store: resume: %w", err)
	}
	return was, nil
}

// PausedChannels returns every paused channel key.
func (s *Store) PausedChannels(ctx context.Context) (map[string]PauseInfo, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	out := map[string]PauseInfo{}
	err := s.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketPaused).ForEach(func(k, v []byte) error {
			var p PauseInfo
			if err := json.Unmarshal(v, &p); err != nil {
				return fmt.Errorf("paused %q: %w", k, err)
			}
			out[string(k)] = p
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("store: paused channels: %w", err)
	}
	return out, nil
}
