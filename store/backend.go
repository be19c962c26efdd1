package store

import (
	"context"
	"io"
	"time"

	"github.com/stylistbot/stylist/history"
)

// backend is where a Store keeps its data: the embedded bbolt file (boltBackend)
// or PostgreSQL (pgBackend). The Store does everything that does not depend on
// where data lives (validation, defaults, user hashing, limits, statistics), so
// both backends behave the same; backend_test.go runs one suite against both.
// Times reach a backend in UTC, truncated to microseconds.
type backend interface {
	// userKey returns the database's HMAC key for user ids, creating it once.
	userKey(ctx context.Context) ([]byte, error)
	// putVote stores ev, replacing the vote of the same user on the same reply,
	// and sets its Variant from the reply's request record when there is one.
	putVote(ctx context.Context, ev FeedbackEvent) error
	// putRequest stores or replaces the record of r.ReplyRef.
	putRequest(ctx context.Context, r RequestRecord) error
	request(ctx context.Context, ref string) (RequestRecord, bool, error)
	// votes returns the votes cast at or after since, oldest first.
	votes(ctx context.Context, since time.Time) ([]FeedbackEvent, error)
	// reportData returns the request records and votes at or after since; votes
	// stored without a variant are attributed with attribute.
	reportData(ctx context.Context, since time.Time) ([]RequestRecord, []FeedbackEvent, error)
	// thread returns the stored thread (zero when unknown).
	thread(ctx context.Context, key string) (threadRecord, error)
	// appendTurn applies appendTrim to the stored thread atomically.
	appendTurn(ctx context.Context, key string, t history.Turn, now time.Time, lim turnLimits) error
	pause(ctx context.Context, channelKey string, info PauseInfo) error
	resume(ctx context.Context, channelKey string) (bool, error)
	paused(ctx context.Context) (map[string]PauseInfo, error)
	// prune deletes votes and request records older than cutoff, threads expired
	// at now, and the least recently answered threads over lim.maxThreads.
	prune(ctx context.Context, cutoff, now time.Time, lim turnLimits) (PruneStats, error)
	check(ctx context.Context) error
	backup(w io.Writer) (int64, error)
	close() error
}

// appendTrim is one Append on a stored thread: an expired thread starts afresh,
// the turn goes at the end, the oldest turns over lim.maxTurns are dropped.
func appendTrim(th threadRecord, t history.Turn, now time.Time, lim turnLimits) threadRecord {
	if expired(th, lim.ttl, now) {
		th = threadRecord{}
	}
	th.Turns = append(th.Turns, t)
	if over := len(th.Turns) - lim.maxTurns; over > 0 {
		th.Turns = th.Turns[over:]
	}
	th.Updated = now.UnixNano()
	return th
}

// attribute labels a vote stored without a variant: the variant of the reply's
// request record when one exists now, else LabelNoRecord.
func attribute(ev *FeedbackEvent, recVariant string, hasRecord bool) {
	if ev.Variant != "" {
		return
	}
	ev.Variant = LabelNoRecord
	if hasRecord {
		ev.Variant = label(recVariant)
	}
}

// storeTime is how every time is kept: UTC, microseconds (PostgreSQL's resolution).
func storeTime(t time.Time) time.Time { return t.UTC().Truncate(time.Microsecond) }
