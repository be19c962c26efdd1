package cluster

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
)

// A delivery that becomes a job (a slash command) must not be remembered as
// handled before its job is stored: a replica that died between the two steps
// would make the platform's retry a duplicate on every other replica, and the
// request would never be answered. So its key is first a claim, not a fact:
// the claim lasts claimLease and the replica that holds it extends it while it
// handles the delivery (a dead replica stops extending it); the job, whose id
// the delivery names, is the fact, and the key becomes one for the key set's
// ttl once the delivery was handled (with or without a job: help, refusals).
const (
	// claimLease is how long a claim lasts without an extension: how long a
	// retry waits for a replica that died holding it.
	claimLease = time.Second
	// claimWait bounds how long Claim waits for the claim of another replica;
	// a claim still extended after it belongs to a live replica.
	claimWait = claimLease + claimLease/2
	// claimMax bounds how long a claim is extended (a handling that hangs).
	claimMax = 30 * time.Second
	// claimPoll is how often a waiting Claim looks again.
	claimPoll = 100 * time.Millisecond
)

// Claim is Add for a delivery that becomes job (the id of its job in the work
// queue). It reports false for a retry or a replay: the job exists, the
// delivery was handled, or another replica that is alive is handling it (Claim
// waits up to 1.5 s for that replica to store the job or to let its claim lapse
// because it died, and then claims it). It reports true when this replica
// claimed the delivery and must handle it, then call handled once the job is
// stored or the delivery was answered otherwise; until then the claim is
// extended (at most 30 s). When the database cannot answer it reports true,
// logged: a delivery handled twice is better than one lost.
func (k *Keys) Claim(key, job string) (claimed bool, handled func()) {
	ok, handled, err := k.ClaimContext(context.Background(), key, job)
	if err != nil {
		k.log.Warn("cluster: de-duplication unavailable; delivery handled", "key", key, "err", err)
		return true, func() {}
	}
	return ok, handled
}

// ClaimContext is Claim with the caller's context and the database's error;
// the claim is extended until handled is called or ctx ends (handled is nil
// when the delivery is not claimed).
func (k *Keys) ClaimContext(ctx context.Context, key, job string) (claimed bool, handled func(), err error) {
	deadline := time.Now().Add(claimWait)
	for {
		var queued bool
		var left *float64 // seconds until the key expires; nil when there is none
		qctx, cancel := context.WithTimeout(ctx, keyTimeout)
		err := k.db.QueryRow(qctx, `
SELECT EXISTS (SELECT 1 FROM work_jobs WHERE id = $2),
       (SELECT extract(epoch FROM expires_at - now())::float8 FROM delivery_keys WHERE key = $1)`,
			k.prefix+key, job).Scan(&queued, &left)
		cancel()
		switch {
		case err != nil:
			return false, nil, err
		case queued:
			return false, nil, nil
		case left != nil && *left > claimLease.Seconds():
			return false, nil, nil // handled: a claim never reaches that far
		case left == nil || *left <= 0:
			qctx, cancel := context.WithTimeout(ctx, keyTimeout)
			added, err := k.insert(qctx, key, claimLease)
			cancel()
			if err != nil {
				return false, nil, err
			}
			if added {
				return true, k.hold(ctx, key), nil
			}
			continue // another replica claimed it first: look again
		}
		if time.Now().After(deadline) {
			return false, nil, nil // its replica still extends the claim: it is alive
		}
		t := time.NewTimer(min(claimPoll, time.Duration(*left*float64(time.Second))+time.Millisecond))
		select {
		case <-ctx.Done():
			t.Stop()
			return false, nil, ctx.Err()
		case <-t.C:
		}
	}
}

// insert adds key for ttl unless it is present and unexpired.
func (k *Keys) insert(ctx context.Context, key string, ttl time.Duration) (bool, error) {
	var one int
	err := k.db.QueryRow(ctx, `
INSERT INTO delivery_keys AS d (key, expires_at) VALUES ($1, now() + make_interval(secs => $2))
ON CONFLICT (key) DO UPDATE SET expires_at = EXCLUDED.expires_at WHERE d.expires_at <= now()
RETURNING 1`, k.prefix+key, ttl.Seconds()).Scan(&one)
	if errors.Is(err, pgx.ErrNoRows) {
		return false, nil
	}
	return err == nil, err
}

// hold extends the claim on key every third of claimLease until the returned
// handled is called (which makes the key last the set's ttl), ctx ends or
// claimMax passed.
func (k *Keys) hold(ctx context.Context, key string) func() {
	hctx, stop := context.WithTimeout(ctx, claimMax)
	stopped := make(chan struct{})
	go func() {
		defer close(stopped)
		t := time.NewTicker(claimLease / 3)
		defer t.Stop()
		for {
			select {
			case <-hctx.Done():
				return
			case <-t.C:
			}
			qctx, cancel := context.WithTimeout(hctx, claimLease/3)
			// Only a claim is extended: a key already handled keeps its ttl.
			_, err := k.db.Exec(qctx, `
UPDATE delivery_keys SET expires_at = now() + make_interval(secs => $2)
WHERE key = $1 AND expires_at <= now() + make_interval(secs => $2)`, k.prefix+key, claimLease.Seconds())
			cancel()
			if err != nil && hctx.Err() == nil {
				k.log.Debug("cluster: delivery claim not extended", "key", key, "err", err)
			}
		}
	}()
	var once sync.Once
	return func() {
		once.Do(func() {
			stop()
			<-stopped
			cctx, cancel := context.WithTimeout(context.Background(), keyTimeout)
			defer cancel()
			_, err := k.db.Exec(cctx, `
INSERT INTO delivery_keys (key, expires_at) VALUES ($1, now() + make_interval(secs => $2))
ON CONFLICT (key) DO UPDATE SET expires_at = EXCLUDED.expires_at`, k.prefix+key, k.ttl.Seconds())
			if err != nil {
				k.log.Warn("cluster: handled delivery not recorded; a replay may be handled again", "key", key, "err", err)
			}
		})
	}
}
