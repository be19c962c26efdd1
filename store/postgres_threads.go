package store

import (
	"context"
	"encoding/json"
	"errors"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/stylistbot/stylist/history"
)

func (b *pgBackend) thread(ctx context.Context, key string) (threadRecord, error) {
	var th threadRecord
	var body []byte
	err := b.pool.QueryRow(ctx, `SELECT turns, updated_ns FROM threads WHERE key = $1`, key).Scan(&body, &th.Updated)
	if errors.Is(err, pgx.ErrNoRows) {
		return threadRecord{}, nil
	}
	if err != nil {
		return threadRecord{}, err
	}
	return th, json.Unmarshal(body, &th.Turns)
}

// appendTurn locks the thread's row for the transaction, so appends to one
// thread from several replicas are applied one after the other.
func (b *pgBackend) appendTurn(ctx context.Context, key string, t history.Turn, now time.Time, lim turnLimits) error {
	return pgx.BeginFunc(ctx, b.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `INSERT INTO threads (key, turns, updated_ns) VALUES ($1, '[]', 0) ON CONFLICT (key) DO NOTHING`, key); err != nil {
			return err
		}
		var th threadRecord
		var body []byte
		if err := tx.QueryRow(ctx, `SELECT turns, updated_ns FROM threads WHERE key = $1 FOR UPDATE`, key).Scan(&body, &th.Updated); err != nil {
			return err
		}
		if err := json.Unmarshal(body, &th.Turns); err != nil {
			return err
		}
		th = appendTrim(th, t, now, lim)
		body, err := json.Marshal(th.Turns)
		if err != nil {
			return err
		}
		_, err = tx.Exec(ctx, `UPDATE threads SET turns = $2, updated_ns = $3 WHERE key = $1`, key, string(body), th.Updated)
		return err
	})
}

func (b *pgBackend) pause(ctx context.Context, channelKey string, info PauseInfo) error {
	_, err := b.pool.Exec(ctx, `INSERT INTO paused_channels (channel_key, paused_by, at) VALUES ($1, $2, $3)
ON CONFLICT (channel_key) DO UPDATE SET paused_by = EXCLUDED.paused_by, at = EXCLUDED.at`, channelKey, info.By, info.At)
	return err
}

func (b *pgBackend) resume(ctx context.Context, channelKey string) (bool, error) {
	tag, err := b.pool.Exec(ctx, `DELETE FROM paused_channels WHERE channel_key = $1`, channelKey)
	return tag.RowsAffected() > 0, err
}

func (b *pgBackend) paused(ctx context.Context) (map[string]PauseInfo, error) {
	rows, err := b.pool.Query(ctx, `SELECT channel_key, paused_by, at FROM paused_channels`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]PauseInfo{}
	for rows.Next() {
		var k string
		var p PauseInfo
		if err := rows.Scan(&k, &p.By, &p.At); err != nil {
			return nil, err
		}
		p.At = p.At.UTC()
		out[k] = p
	}
	return out, rows.Err()
}

// prune deletes in one transaction, as bbolt's backend does. Threads over the
// cap are the oldest by last answer after the expired ones are gone.
func (b *pgBackend) prune(ctx context.Context, cutoff, now time.Time, lim turnLimits) (PruneStats, error) {
	var st PruneStats
	err := pgx.BeginFunc(ctx, b.pool, func(tx pgx.Tx) error {
		// One pruner at a time across replicas (a transaction-scoped advisory lock).
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(hashtext('stylist.store.prune'))`); err != nil {
			return err
		}
		tag, err := tx.Exec(ctx, `DELETE FROM feedback WHERE at < $1`, cutoff)
		if err != nil {
			return err
		}
		st.Feedback = int(tag.RowsAffected())
		if tag, err = tx.Exec(ctx, `DELETE FROM requests WHERE at < $1`, cutoff); err != nil {
			return err
		}
		st.Requests = int(tag.RowsAffected())
		// Expired: now is not before updated + ttl.
		if tag, err = tx.Exec(ctx, `DELETE FROM threads WHERE updated_ns <= $1`, now.UnixNano()-int64(lim.ttl)); err != nil {
			return err
		}
		st.Threads = int(tag.RowsAffected())
		tag, err = tx.Exec(ctx, `DELETE FROM threads WHERE key IN (
	SELECT key FROM threads ORDER BY updated_ns DESC, key DESC OFFSET $1)`, lim.maxThreads)
		if err != nil {
			return err
		}
		st.Threads += int(tag.RowsAffected())
		return nil
	})
	if err != nil {
		return PruneStats{}, err
	}
	return st, nil
}
