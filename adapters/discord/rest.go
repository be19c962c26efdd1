package discordadapter

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/bwmarrin/discordgo"
)

// Discord JSON error codes the adapter reacts to.
const (
	codeUnknownChannel      = 10003
	codeUnknownMessage      = 10008
	codeUnknownWebhook      = 10015
	codeUnknownInteraction  = 10062
	codeInvalidWebhookToken = 50027
)

// interactionTokenTTL is how long Discord accepts an interaction token; tokenUsable keeps a margin below it.
const (
	interactionTokenTTL = 15 * time.Minute
	tokenUsable         = interactionTokenTTL - 30*time.Second
)

// Sentinel errors.
var (
	// ErrInteractionGone means an interaction token is unknown or expired (older than 15 minutes).
	ErrInteractionGone = errors.New("discord: interaction unknown or expired")
	// ErrNoToken means a REST call needs the bot token, which is not configured.
	ErrNoToken = errors.New("discord: no bot token configured")
	// ErrNotStarted means the adapter received traffic before Start.
	ErrNotStarted = errors.New("discord: adapter not started")
	// ErrRetryTooLong means Discord asked to wait longer than MaxRetryWait or the context allows.
	ErrRetryTooLong = errors.New("discord: rate limit wait exceeds budget")
)

// APICode returns Discord's JSON error code of a REST error, or 0.
func APICode(err error) int {
	var re *discordgo.RESTError
	if errors.As(err, &re) && re.Message != nil {
		return re.Message.Code
	}
	return 0
}

// isInteractionGone reports whether err says the interaction token can no longer be used.
func isInteractionGone(err error) bool {
	if errors.Is(err, ErrInteractionGone) {
		return true
	}
	switch APICode(err) {
	case codeUnknownInteraction, codeUnknownWebhook, codeInvalidWebhookToken:
		return true
	}
	return false
}

// call runs one REST call bound to ctx. discordgo's own 429 retry sleeps without
// looking at ctx, so it is disabled and 429s are retried here after retry_after,
// at most MaxRetries times and never beyond MaxRetryWait or ctx's deadline.
func (a *Adapter) call(ctx context.Context, what string, f func(opts ...discordgo.RequestOption) error) error {
	opts := []discordgo.RequestOption{discordgo.WithContext(ctx), discordgo.WithRetryOnRatelimit(false)}
	for attempt := 0; ; attempt++ {
		err := f(opts...)
		var rl *discordgo.RateLimitError
		if err == nil || !errors.As(err, &rl) {
			if err != nil {
				return fmt.Errorf("discord: %s: %w", what, err)
			}
			return nil
		}
		if attempt >= a.cfg.MaxRetries {
			return fmt.Errorf("discord: %s: rate limited after %d retries: %w", what, attempt, err)
		}
		wait := rl.RetryAfter
		if wait <= 0 {
			wait = 50 * time.Millisecond
		}
		if dl, ok := ctx.Deadline(); wait > a.cfg.MaxRetryWait || (ok && time.Until(dl) < wait) {
			return fmt.Errorf("discord: %s: retry after %v: %w (%w)", what, wait, ErrRetryTooLong, err)
		}
		a.log.Warn("discord rate limited", "call", what, "retry_after", wait, "attempt", attempt+1)
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return fmt.Errorf("discord: %s: %w", what, ctx.Err())
		case <-t.C:
		}
	}
}

// callValue is call for REST calls that return a value.
func callValue[T any](ctx context.Context, a *Adapter, what string, f func(opts ...discordgo.RequestOption) (T, error)) (T, error) {
	var v T
	err := a.call(ctx, what, func(opts ...discordgo.RequestOption) error {
		var err error
		v, err = f(opts...)
		return err
	})
	return v, err
}
