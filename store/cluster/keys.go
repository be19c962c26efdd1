package cluster

import (
	"context"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
)

// keyTimeout bounds one de-duplication insert: it runs while a platform waits
// for its acknowledgement.
const keyTimeout = 2 * time.Second

// Keys is the de-duplication of platform deliveries shared by replicas: the
// replica that first adds a key handles the delivery, every other replica (and
// the same one, on a replay) sees it as seen. It has the Add method of the
// single-box internal/ttlset.Set. A delivery that becomes a job is claimed
// instead (Claim): its key is a fact only once the job is stored.
type Keys struct {
	db     *pgxpool.Pool
	prefix string
	ttl    time.Duration
	log    *slog.Logger
}

// NewKeys returns the key set of one platform (prefix keeps platforms apart);
// keys live for ttl (longer than a claim's second).
func NewKeys(db *pgxpool.Pool, prefix string, ttl time.Duration, logger *slog.Logger) *Keys {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	return &Keys{db: db, prefix: prefix, ttl: ttl, log: logger}
}

// Add inserts key and reports whether it was absent (or expired). When the
// database cannot answer it reports true, logged: a delivery handled twice is
// better than one lost.
func (k *Keys) Add(key string) bool {
	ctx, cancel := context.WithTimeout(context.Background(), keyTimeout)
	defer cancel()
	added, err := k.AddContext(ctx, key)
	if err != nil {
		k.log.Warn("cluster: de-duplication unavailable; delivery handled", "key", key, "err", err)
		return true
	}
	return added
}

// AddContext is Add with the caller's context and the database's error.
func (k *Keys) AddContext(ctx context.Context, key string) (bool, error) {
	return k.insert(ctx, key, k.ttl)
}

// Has reports whether key is present and unexpired; false when the database
// cannot answer (logged).
func (k *Keys) Has(key string) bool {
	ctx, cancel := context.WithTimeout(context.Background(), keyTimeout)
	defer cancel()
	var ok bool
	err := k.db.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM delivery_keys WHERE key = $1 AND expires_at > now())`, k.prefix+key).Scan(&ok)
	if err != nil {
		k.log.Warn("cluster: key lookup unavailable", "key", key, "err", err)
		return false
	}
	return ok
}
