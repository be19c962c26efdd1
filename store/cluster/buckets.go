package cluster

import (
	"context"
	"errors"
	"math"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// Buckets are token buckets shared by replicas: one row per key, refilled by
// the database's clock at perMinute/60 tokens per second up to burst. Each Take
// is one upsert, so concurrent replicas never take the same token twice.
type Buckets struct{ db *pgxpool.Pool }

// NewBuckets returns the shared buckets on db.
func NewBuckets(db *pgxpool.Pool) *Buckets { return &Buckets{db: db} }

// level is the bucket's tokens now, refilled since its last take.
const level = `LEAST($3::float8, b.tokens + EXTRACT(EPOCH FROM (now() - b.updated_at))::float8 * $2::float8)`

// Take takes one token from key's bucket. When none is there it returns
// ok=false and how long until one is. perMinute <= 0 always allows.
func (b *Buckets) Take(ctx context.Context, key string, perMinute float64, burst int) (retry time.Duration, ok bool, err error) {
	if perMinute <= 0 {
		return 0, true, nil
	}
	perSec := perMinute / 60
	var left float64
	err = b.db.QueryRow(ctx, `
INSERT INTO rate_buckets AS b (key, tokens, updated_at) VALUES ($1, $3::float8 - 1, now())
ON CONFLICT (key) DO UPDATE SET tokens = `+level+` - 1, updated_at = now()
WHERE `+level+` >= 1
RETURNING tokens`, key, perSec, burst).Scan(&left)
	if err == nil {
		return 0, true, nil
	}
	if !errors.Is(err, pgx.ErrNoRows) {
		return 0, false, err
	}
	var have float64
	if err := b.db.QueryRow(ctx, `SELECT `+level+` FROM rate_buckets b WHERE key = $1`, key, perSec, burst).Scan(&have); err != nil {
		if errors.Is(err, pgx.ErrNoRows) { // pruned meanwhile: the next take succeeds
			return 0, false, nil
		}
		return 0, false, err
	}
	wait := time.Duration(math.Ceil((1 - have) / perSec * float64(time.Second)))
	return max(wait, time.Millisecond), false, nil
}

// Give returns a token taken by Take (the request was refused by a later check).
func (b *Buckets) Give(ctx context.Context, key string, burst int) error {
	_, err := b.db.Exec(ctx, `UPDATE rate_buckets SET tokens = LEAST($2::float8, tokens + 1) WHERE key = $1`, key, burst)
	return err
}
