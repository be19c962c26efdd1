package slackadapter

import (
	"context"
	"errors"
	"time"

	"github.com/slack-go/slack"
)

// call runs one Web API call, retrying while Slack answers 429: it waits the
// RetryAfter Slack asked for (at least 1s, at most maxWait) and gives up after
// a.retries attempts or when ctx ends.
func (a *Adapter) call(ctx context.Context, method string, fn func(context.Context) error) error {
	for attempt := 1; ; attempt++ {
		err := fn(ctx)
		var rl *slack.RateLimitedError
		if err == nil || !errors.As(err, &rl) || attempt >= a.retries {
			return err
		}
		wait := min(max(rl.RetryAfter, time.Second), a.maxWait)
		a.log.Warn("slack: rate limited, retrying", "method", method, "attempt", attempt, "wait", wait)
		if serr := a.sleep(ctx, wait); serr != nil {
			return errors.Join(err, serr)
		}
	}
}

// sleepCtx waits for d or until ctx ends.
func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
