package store

import (
	"context"
	"fmt"
	"time"
)

// PauseInfo records who paused a channel and when.
type PauseInfo struct {
	By string    `json:"by"` // moderator, as "platform/user"
	At time.Time `json:"at"`
}

// Pause marks the channel (a key such as "slack/T1/C1") as paused; a zero
// info.At is set to now. Pausing a paused channel replaces its PauseInfo.
func (s *Store) Pause(ctx context.Context, channelKey string, info PauseInfo) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := checkKey(channelKey); err != nil {
		return err
	}
	if info.At.IsZero() {
		info.At = s.now()
	}
	info.At = storeTime(info.At)
	if err := s.be.pause(ctx, channelKey, info); err != nil {
		return fmt.Errorf("store: pause: %w", err)
	}
	return nil
}

// Resume clears the channel's pause; it reports whether the channel was paused.
func (s *Store) Resume(ctx context.Context, channelKey string) (bool, error) {
	if err := ctx.Err(); err != nil {
		return false, err
	}
	was, err := s.be.resume(ctx, channelKey)
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
	out, err := s.be.paused(ctx)
	if err != nil {
		return nil, fmt.Errorf("store: paused channels: %w", err)
	}
	return out, nil
}
