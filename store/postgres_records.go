package store

import (
	"context"
	"errors"
	"time"

	"github.com/jackc/pgx/v5"
)

// putVote upserts the vote of (reply, user); the variant comes from the reply's
// request record in the same statement, and a replaced vote takes a new seq so
// that votes read back in the order they were last cast.
func (b *pgBackend) putVote(ctx context.Context, ev FeedbackEvent) error {
	_, err := b.pool.Exec(ctx, `
INSERT INTO feedback (reply_ref, user_hash, request_id, platform, workspace, channel, variant, helpful, at)
VALUES ($1, $2, $3, $4, $5, $6, COALESCE((SELECT variant FROM requests WHERE reply_ref = $1), ''), $7, $8)
ON CONFLICT (reply_ref, user_hash) DO UPDATE SET
	request_id = EXCLUDED.request_id, platform = EXCLUDED.platform, workspace = EXCLUDED.workspace,
	channel = EXCLUDED.channel, variant = EXCLUDED.variant, helpful = EXCLUDED.helpful, at = EXCLUDED.at,
	seq = nextval('feedback_seq')`,
		ev.ReplyRef, ev.UserHash, ev.RequestID, ev.Platform, ev.Workspace, ev.Channel, ev.Helpful, ev.At)
	return err
}

func (b *pgBackend) putRequest(ctx context.Context, r RequestRecord) error {
	_, err := b.pool.Exec(ctx, `
INSERT INTO requests (reply_ref, request_id, variant, model, platform, workspace, channel, user_hash, latency_ns, fell_back, grounded, items, at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
ON CONFLICT (reply_ref) DO UPDATE SET
	request_id = EXCLUDED.request_id, variant = EXCLUDED.variant, model = EXCLUDED.model, platform = EXCLUDED.platform,
	workspace = EXCLUDED.workspace, channel = EXCLUDED.channel, user_hash = EXCLUDED.user_hash,
	latency_ns = EXCLUDED.latency_ns, fell_back = EXCLUDED.fell_back, grounded = EXCLUDED.grounded,
	items = EXCLUDED.items, at = EXCLUDED.at`,
		r.ReplyRef, r.RequestID, r.Variant, r.Model, r.Platform, r.Workspace, r.Channel, r.UserHash,
		int64(r.Latency), r.FellBack, r.Grounded, r.Items, r.At)
	return err
}

const requestCols = `reply_ref, request_id, variant, model, platform, workspace, channel, user_hash, latency_ns, fell_back, grounded, items, at`

func scanRequest(row pgx.Row) (RequestRecord, error) {
	var r RequestRecord
	var lat int64
	err := row.Scan(&r.ReplyRef, &r.RequestID, &r.Variant, &r.Model, &r.Platform, &r.Workspace, &r.Channel,
		&r.UserHash, &lat, &r.FellBack, &r.Grounded, &r.Items, &r.At)
	r.Latency, r.At = time.Duration(lat), r.At.UTC()
	return r, err
}

func (b *pgBackend) request(ctx context.Context, ref string) (RequestRecord, bool, error) {
	r, err := scanRequest(b.pool.QueryRow(ctx, `SELECT `+requestCols+` FROM requests WHERE reply_ref = $1`, ref))
	if errors.Is(err, pgx.ErrNoRows) {
		return RequestRecord{}, false, nil
	}
	return r, err == nil, err
}

const voteCols = `f.reply_ref, f.user_hash, f.request_id, f.platform, f.workspace, f.channel, f.variant, f.helpful, f.at`

func scanVote(row pgx.Row, extra ...any) (FeedbackEvent, error) {
	var ev FeedbackEvent
	err := row.Scan(append([]any{&ev.ReplyRef, &ev.UserHash, &ev.RequestID, &ev.Platform, &ev.Workspace,
		&ev.Channel, &ev.Variant, &ev.Helpful, &ev.At}, extra...)...)
	ev.At = ev.At.UTC()
	return ev, err
}

func (b *pgBackend) votes(ctx context.Context, since time.Time) ([]FeedbackEvent, error) {
	rows, err := b.pool.Query(ctx, `SELECT `+voteCols+` FROM feedback f WHERE f.at >= $1 ORDER BY f.at, f.seq`, since)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []FeedbackEvent
	for rows.Next() {
		ev, err := scanVote(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, ev)
	}
	return out, rows.Err()
}

// reportData reads both sets in one REPEATABLE READ transaction: one snapshot,
// as bbolt's read transaction gives.
func (b *pgBackend) reportData(ctx context.Context, since time.Time) (reqs []RequestRecord, votes []FeedbackEvent, err error) {
	err = pgx.BeginTxFunc(ctx, b.pool, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly}, func(tx pgx.Tx) error {
		rows, err := tx.Query(ctx, `SELECT `+requestCols+` FROM requests WHERE at >= $1 ORDER BY at, reply_ref`, since)
		if err != nil {
			return err
		}
		for rows.Next() {
			r, err := scanRequest(rows)
			if err != nil {
				rows.Close()
				return err
			}
			reqs = append(reqs, r)
		}
		if rows.Err() != nil {
			return rows.Err()
		}
		rows, err = tx.Query(ctx, `SELECT `+voteCols+`, r.variant, r.reply_ref IS NOT NULL
FROM feedback f LEFT JOIN requests r ON r.reply_ref = f.reply_ref WHERE f.at >= $1 ORDER BY f.at, f.seq`, since)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var recVariant *string
			var has bool
			ev, err := scanVote(rows, &recVariant, &has)
			if err != nil {
				return err
			}
			attribute(&ev, deref(recVariant), has)
			votes = append(votes, ev)
		}
		return rows.Err()
	})
	return reqs, votes, err
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
