package cluster

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"sync"
	"time"
)

// Run extends the leases of the jobs this replica holds (every third of the
// lease), listens for new jobs to wake idle workers, and prunes finished jobs,
// expired delivery keys and idle rate buckets, until ctx ends.
func (q *Queue) Run(ctx context.Context) {
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { defer wg.Done(); q.listen(ctx) }()
	go func() { defer wg.Done(); q.prune(ctx) }()
	t := time.NewTicker(q.opt.Lease / 3)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			wg.Wait()
			return
		case <-t.C:
			q.extend(ctx)
		}
	}
}

// extend renews the leases of held jobs; a job whose lease is gone has its
// context cancelled with ErrLeaseLost.
func (q *Queue) extend(ctx context.Context) {
	q.mu.Lock()
	ids := make([]string, 0, len(q.held))
	for id := range q.held {
		ids = append(ids, id)
	}
	q.mu.Unlock()
	if len(ids) == 0 {
		return
	}
	rows, err := q.db.Query(ctx, `
UPDATE work_jobs SET lease_until = now() + make_interval(secs => $3)
WHERE id = ANY($1) AND owner = $2 AND state = 'running'
RETURNING id`, ids, q.opt.Owner, q.opt.Lease.Seconds())
	if err != nil {
		q.opt.Logger.Warn("cluster: could not extend job leases", "jobs", len(ids), "err", err)
		return
	}
	kept := map[string]bool{}
	for rows.Next() {
		var id string
		if rows.Scan(&id) == nil {
			kept[id] = true
		}
	}
	if err := rows.Err(); err != nil {
		q.opt.Logger.Warn("cluster: could not extend job leases", "jobs", len(ids), "err", err)
		return
	}
	q.mu.Lock()
	var lost []context.CancelCauseFunc
	for _, id := range ids {
		if cancel, ok := q.held[id]; ok && !kept[id] {
			delete(q.held, id)
			lost = append(lost, cancel)
			q.opt.Logger.Warn("cluster: job lease lost", "job", id)
		}
	}
	q.mu.Unlock()
	for _, cancel := range lost {
		cancel(ErrLeaseLost)
	}
}

// listen wakes idle workers on each notification of a new job; it reconnects
// after errors (workers poll meanwhile).
func (q *Queue) listen(ctx context.Context) {
	for ctx.Err() == nil {
		err := q.listenOnce(ctx)
		if ctx.Err() != nil {
			return
		}
		q.opt.Logger.Debug("cluster: job notifications interrupted; workers poll", "err", err)
		select {
		case <-ctx.Done():
			return
		case <-time.After(q.opt.Poll):
		}
	}
}

func (q *Queue) listenOnce(ctx context.Context) error {
	conn, err := q.db.Acquire(ctx)
	if err != nil {
		return err
	}
	defer conn.Release()
	if _, err := conn.Exec(ctx, "LISTEN "+notifyChannel); err != nil {
		return err
	}
	defer func() {
		// Do not hand a listening connection back to the pool.
		_ = conn.Conn().Close(context.Background())
	}()
	for {
		if _, err := conn.Conn().WaitForNotification(ctx); err != nil {
			return err
		}
		q.wakeAll()
	}
}

// prune deletes what nobody needs any more, every KeepDone/4 (at most every minute).
func (q *Queue) prune(ctx context.Context) {
	t := time.NewTicker(min(q.opt.KeepDone/4, time.Minute))
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		if err := q.Prune(ctx, time.Now()); err != nil && ctx.Err() == nil {
			q.opt.Logger.Warn("cluster: prune failed", "err", err)
		}
	}
}

// bucketIdle is how long an untouched rate bucket is kept: any configured
// bucket refills completely well within it, and a fresh bucket is a full one.
const bucketIdle = time.Hour

// Prune deletes jobs finished more than KeepDone before now, expired delivery
// keys and rate buckets idle for an hour.
func (q *Queue) Prune(ctx context.Context, now time.Time) error {
	for _, s := range []struct {
		sql string
		arg any
	}{
		{`DELETE FROM work_jobs WHERE state = 'done' AND done_at < $1`, now.Add(-q.opt.KeepDone)},
		{`DELETE FROM delivery_keys WHERE expires_at < $1`, now},
		{`DELETE FROM rate_buckets WHERE updated_at < $1`, now.Add(-bucketIdle)},
	} {
		if _, err := q.db.Exec(ctx, s.sql, s.arg); err != nil {
			return err
		}
	}
	return nil
}

func randomID() string {
	var b [6]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}
