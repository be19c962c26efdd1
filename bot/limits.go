package bot

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// sweepEvery is how often idle buckets are looked for.
const sweepEvery = time.Minute

// buckets is a set of token buckets keyed by user or channel. Buckets idle long
// enough to have refilled completely are evicted: a fresh bucket behaves the same.
type buckets struct {
	mu        sync.Mutex
	limit     rate.Limit // tokens per second; 0 = unlimited
	perMinute float64
	burst     int
	byKey     map[string]*bucket
	lastSweep time.Time

	// shared, when set, holds the buckets instead (replicas on PostgreSQL),
	// under keys prefixed with prefix.
	shared SharedLimits
	prefix string
	log    *slog.Logger
}

// SharedLimits are token buckets that every replica of a deployment takes from
// (PostgreSQL): with them the rate limits hold across replicas. internal/glue
// adapts store/cluster's buckets.
type SharedLimits interface {
	// Take takes one token from key's bucket (refilled at perMinute, holding at
	// most burst); when none is there it returns ok=false and the wait.
	Take(ctx context.Context, key string, perMinute float64, burst int) (retry time.Duration, ok bool, err error)
	// Give puts back a token taken by Take.
	Give(ctx context.Context, key string, burst int) error
}

// sharedTimeout bounds one call to SharedLimits; a request is let through
// (logged) when the shared buckets cannot answer in time.
const sharedTimeout = time.Second

// share makes b keep its buckets in s under prefix.
func (b *buckets) share(s SharedLimits, prefix string, log *slog.Logger) *buckets {
	b.shared, b.prefix, b.log = s, prefix, log
	return b
}

// reserveShared is reserve on the shared buckets.
func (b *buckets) reserveShared(key string) (cancel func(), retry time.Duration, ok bool) {
	b.mu.Lock()
	perMinute, burst := b.perMinute, b.burst
	b.mu.Unlock()
	if perMinute == 0 {
		return func() {}, 0, true
	}
	ctx, stop := context.WithTimeout(context.Background(), sharedTimeout)
	defer stop()
	key = b.prefix + key
	retry, ok, err := b.shared.Take(ctx, key, perMinute, burst)
	if err != nil {
		b.log.Warn("shared rate limit unavailable; request let through", "key", key, "err", err)
		return func() {}, 0, true
	}
	if !ok {
		return nil, retry, false
	}
	return func() {
		ctx, stop := context.WithTimeout(context.Background(), sharedTimeout)
		defer stop()
		if err := b.shared.Give(ctx, key, burst); err != nil {
			b.log.Warn("shared rate limit: token not given back", "key", key, "err", err)
		}
	}, 0, true
}

type bucket struct {
	lim  *rate.Limiter
	last time.Time
}

func newBuckets(perMinute float64, burst int) *buckets {
	b := &buckets{byKey: map[string]*bucket{}}
	b.set(perMinute, burst)
	return b
}

// set changes rate and burst of every bucket, keeping their current levels.
func (b *buckets) set(perMinute float64, burst int) {
	b.mu.Lock()
	defer b.mu.Unlock()
	lim := rate.Limit(perMinute / 60)
	if lim == b.limit && burst == b.burst {
		return
	}
	b.limit, b.burst, b.perMinute = lim, burst, perMinute
	if lim == 0 {
		clear(b.byKey)
		return
	}
	now := time.Now()
	for _, k := range b.byKey {
		k.lim.SetLimitAt(now, lim)
		k.lim.SetBurstAt(now, burst)
	}
}

// reserve takes one token for key at now. When none is available it returns
// ok=false and how long until one is; a successful reservation can be undone
// with its Cancel func (used when a later check refuses the request).
func (b *buckets) reserve(key string, now time.Time) (cancel func(), retry time.Duration, ok bool) {
	if b.shared != nil {
		return b.reserveShared(key)
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.limit == 0 {
		return func() {}, 0, true
	}
	b.sweepLocked(now)
	k := b.byKey[key]
	if k == nil {
		k = &bucket{lim: rate.NewLimiter(b.limit, b.burst)}
		b.byKey[key] = k
	}
	k.last = now
	r := k.lim.ReserveN(now, 1)
	if !r.OK() {
		return nil, time.Minute, false
	}
	if d := r.DelayFrom(now); d > 0 {
		r.CancelAt(now)
		return nil, d, false
	}
	return func() { r.CancelAt(now) }, 0, true
}

// len returns the number of live buckets.
func (b *buckets) len() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return len(b.byKey)
}

// sweepLocked evicts buckets idle for longer than a full refill, at most once per sweepEvery.
func (b *buckets) sweepLocked(now time.Time) {
	if now.Sub(b.lastSweep) < sweepEvery {
		return
	}
	b.lastSweep = now
	idle := time.Duration(float64(b.burst) / float64(b.limit) * float64(time.Second))
	for key, k := range b.byKey {
		if now.Sub(k.last) > idle {
			delete(b.byKey, key)
		}
	}
}

// limiter applies the per-user and per-channel buckets together.
type limiter struct {
	users    *buckets
	channels *buckets
}

func newLimiter(c *Config) *limiter {
	return &limiter{users: newBuckets(c.UserRate, c.UserBurst), channels: newBuckets(c.ChannelRate, c.ChannelBurst)}
}

func (l *limiter) set(c *Config) {
	l.users.set(c.UserRate, c.UserBurst)
	l.channels.set(c.ChannelRate, c.ChannelBurst)
}

// allow takes a token from both the user's and the channel's bucket, or from
// neither; on refusal it names the scope ("user" or "channel") and the wait.
// On success undo gives both tokens back (used when the queue then refuses).
func (l *limiter) allow(user, channel string, now time.Time) (undo func(), scope string, retry time.Duration, ok bool) {
	undoUser, retry, ok := l.users.reserve(user, now)
	if !ok {
		return nil, "user", retry, false
	}
	undoChan, retry, ok := l.channels.reserve(channel, now)
	if !ok {
		undoUser()
		return nil, "channel", retry, false
	}
	return func() { undoUser(); undoChan() }, "", 0, true
}
