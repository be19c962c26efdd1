// Package cluster is the state that stylist replicas share through PostgreSQL
// besides the store: a durable work queue (acknowledged requests as jobs that
// any replica's workers take on a lease), the de-duplication keys of platform
// deliveries, and rate-limit token buckets. Its tables are migration 00100 of
// store/migrations, applied when the PostgreSQL store opens. It imports neither
// bot nor rag; internal/glue adapts it to the core's interfaces.
//
// The queue is a table taken with FOR UPDATE SKIP LOCKED rather than a queue
// library: a job needs a lease that a live replica extends (so the job of a
// dead replica is taken again within seconds, not after a whole job timeout),
// and a final reply stored with compare-and-swap in the job's own row before it
// is delivered, so that a second attempt re-delivers the stored reply instead
// of answering again. Both are one UPDATE each on the job row; the library the
// project could use (River) needs a pgx driver module that is not approved and
// a second migration system beside goose.
package cluster

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// Errors of the queue.
var (
	// ErrFull is returned by Enqueue when maxQueued jobs already wait.
	ErrFull = errors.New("cluster: work queue full")
	// ErrLeaseLost is the cancellation cause of a job's context when this
	// replica no longer holds its lease (another replica may be running it).
	ErrLeaseLost = errors.New("cluster: job lease lost")
)

// notifyChannel is the LISTEN/NOTIFY channel that wakes idle workers.
const notifyChannel = "stylist_work_jobs"

// Options tune a Queue; zero values take the defaults.
type Options struct {
	// Owner names this replica in job leases (default: a random id).
	Owner string
	// Lease is how long a job stays leased without an extension (default 15 s);
	// a job whose replica died is taken again about this long after its last extension.
	Lease time.Duration
	// Poll is how often idle workers look for jobs when no notification came (default 1 s).
	Poll time.Duration
	// KeepDone is how long finished jobs are kept before Run prunes them (default 1 h).
	KeepDone time.Duration
	// Logger receives the queue's warnings (nil discards).
	Logger *slog.Logger
}

func (o *Options) defaults() {
	if o.Owner == "" {
		o.Owner = randomID()
	}
	if o.Lease <= 0 {
		o.Lease = 15 * time.Second
	}
	if o.Poll <= 0 {
		o.Poll = time.Second
	}
	if o.KeepDone <= 0 {
		o.KeepDone = time.Hour
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
}

// Queue is the durable work queue. Create it with NewQueue and keep Run going
// while this replica holds jobs (it extends their leases).
type Queue struct {
	db  *pgxpool.Pool
	opt Options

	mu   sync.Mutex
	held map[string]context.CancelCauseFunc // jobs leased by this replica
	wake chan struct{}                      // closed (and replaced) when a job may be waiting
}

// Job is one leased job.
type Job struct {
	ID       string
	Platform string
	Payload  []byte    // as enqueued
	Attempt  int       // 1 on the first lease, counting leases that expired
	Enqueued time.Time // when Enqueue stored it
	Reply    []byte    // the final reply stored by an earlier attempt (Claim), or nil
}

// NewQueue returns a queue on db, whose schema must be migrated.
func NewQueue(db *pgxpool.Pool, opt Options) *Queue {
	opt.defaults()
	return &Queue{db: db, opt: opt, held: map[string]context.CancelCauseFunc{}, wake: make(chan struct{})}
}

// Owner returns the name of this replica in leases.
func (q *Queue) Owner() string { return q.opt.Owner }

// Enqueue stores a job unless maxQueued jobs already wait (ErrFull; maxQueued
// <= 0 means no bound). An id that is already queued or done is not an error:
// a replayed request is one job.
func (q *Queue) Enqueue(ctx context.Context, id, platform string, payload []byte, maxQueued int) error {
	tag, err := q.db.Exec(ctx, `
INSERT INTO work_jobs (id, platform, payload)
SELECT $1, $2, $3
WHERE $4 <= 0 OR (SELECT count(*) FROM work_jobs WHERE state = 'queued') < $4
ON CONFLICT (id) DO NOTHING`, id, platform, payload, maxQueued)
	if err != nil {
		return fmt.Errorf("cluster: enqueue %s: %w", id, err)
	}
	if tag.RowsAffected() == 0 {
		var exists bool
		if err := q.db.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM work_jobs WHERE id = $1)`, id).Scan(&exists); err != nil {
			return fmt.Errorf("cluster: enqueue %s: %w", id, err)
		}
		if !exists {
			return ErrFull
		}
		return nil
	}
	if _, err := q.db.Exec(ctx, `SELECT pg_notify($1, '')`, notifyChannel); err != nil {
		q.opt.Logger.Debug("cluster: notify failed; workers poll", "err", err)
	}
	return nil
}

// Take waits until a job of one of platforms is free (queued, or leased by a
// replica whose lease ran out), leases it to this replica and returns it with a
// context that is cancelled with cause ErrLeaseLost if the lease is lost. It
// returns ctx's error when ctx ends first. Every Take must be followed by Done
// or Release.
func (q *Queue) Take(ctx context.Context, platforms []string) (Job, context.Context, error) {
	for {
		wake := q.wakeChan()
		j, ok, err := q.claim(ctx, platforms)
		if err != nil && ctx.Err() == nil {
			q.opt.Logger.Warn("cluster: could not take a job", "err", err)
		}
		if ok {
			jctx, cancel := context.WithCancelCause(context.WithoutCancel(ctx))
			q.mu.Lock()
			q.held[j.ID] = cancel
			q.mu.Unlock()
			return j, jctx, nil
		}
		t := time.NewTimer(q.opt.Poll)
		select {
		case <-ctx.Done():
			t.Stop()
			return Job{}, nil, ctx.Err()
		case <-wake:
		case <-t.C:
		}
		t.Stop()
	}
}

// claim leases the oldest free job, if any.
func (q *Queue) claim(ctx context.Context, platforms []string) (Job, bool, error) {
	var j Job
	err := q.db.QueryRow(ctx, `
UPDATE work_jobs SET state = 'running', owner = $1, attempts = attempts + 1,
       lease_until = now() + make_interval(secs => $2)
WHERE id = (SELECT id FROM work_jobs
            WHERE platform = ANY($3) AND (state = 'queued' OR (state = 'running' AND lease_until < now()))
            ORDER BY enqueued_at FOR UPDATE SKIP LOCKED LIMIT 1)
RETURNING id, platform, payload, attempts, enqueued_at, reply`,
		q.opt.Owner, q.opt.Lease.Seconds(), platforms).Scan(&j.ID, &j.Platform, &j.Payload, &j.Attempt, &j.Enqueued, &j.Reply)
	if errors.Is(err, pgx.ErrNoRows) {
		return Job{}, false, nil
	}
	if err != nil {
		return Job{}, false, err
	}
	return j, true, nil
}

// Claim stores reply as the final reply of job id unless one is stored already
// or this replica lost the job's lease; only the first caller wins. A winner
// delivers reply; a loser must not deliver anything.
func (q *Queue) Claim(ctx context.Context, id string, reply []byte) (bool, error) {
	tag, err := q.db.Exec(ctx, `
UPDATE work_jobs SET reply = $3
WHERE id = $1 AND owner = $2 AND state = 'running' AND reply IS NULL`, id, q.opt.Owner, reply)
	if err != nil {
		return false, fmt.Errorf("cluster: claim %s: %w", id, err)
	}
	return tag.RowsAffected() == 1, nil
}

// Done marks job id finished (its final reply was delivered) and stops
// extending its lease. It does nothing once another replica took the job over
// (this one's lease ran out): that replica delivers the stored reply again and
// finishes it.
func (q *Queue) Done(ctx context.Context, id string) error {
	q.forget(id)
	_, err := q.db.Exec(ctx, `
UPDATE work_jobs SET state = 'done', done_at = now(), owner = NULL, lease_until = NULL
WHERE id = $1 AND owner = $2 AND state <> 'done'`, id, q.opt.Owner)
	if err != nil {
		return fmt.Errorf("cluster: done %s: %w", id, err)
	}
	return nil
}

// Release gives job id back to the queue unfinished (this replica is shutting
// down): another replica takes it at once, and the attempt does not count.
func (q *Queue) Release(ctx context.Context, id string) error {
	q.forget(id)
	_, err := q.db.Exec(ctx, `
UPDATE work_jobs SET state = 'queued', owner = NULL, lease_until = NULL, attempts = greatest(attempts - 1, 0)
WHERE id = $1 AND owner = $2 AND state = 'running'`, id, q.opt.Owner)
	if err != nil {
		return fmt.Errorf("cluster: release %s: %w", id, err)
	}
	if _, err := q.db.Exec(ctx, `SELECT pg_notify($1, '')`, notifyChannel); err != nil {
		q.opt.Logger.Debug("cluster: notify failed; workers poll", "err", err)
	}
	return nil
}

func (q *Queue) forget(id string) {
	q.mu.Lock()
	cancel := q.held[id]
	delete(q.held, id)
	q.mu.Unlock()
	if cancel != nil {
		cancel(nil)
	}
}

// wakeChan returns the channel closed by the next notification.
func (q *Queue) wakeChan() <-chan struct{} {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.wake
}

// wakeAll wakes every waiting Take.
func (q *Queue) wakeAll() {
	q.mu.Lock()
	close(q.wake)
	q.wake = make(chan struct{})
	q.mu.Unlock()
}
