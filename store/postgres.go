package store

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"log/slog"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/stylistbot/stylist/internal/confcheck"
)

// pgBackend keeps the store in PostgreSQL through a pgx connection pool. Every
// write is one statement or one transaction; it returns once committed.
type pgBackend struct {
	pool *pgxpool.Pool
	url  string // redacted, for messages
}

// openPostgres connects to cfg.URL, waits up to cfg.ConnectTimeout for the
// server, and brings the schema up to date (migrate.go). Its errors name
// store.url ("url") with the password redacted.
func openPostgres(ctx context.Context, cfg Config, log *slog.Logger) (*pgBackend, error) {
	red := Redact(cfg.URL)
	fail := func(format string, args ...any) error {
		return confcheck.Wrap("url", fmt.Errorf("store: PostgreSQL at %s: "+format, append([]any{red}, args...)...))
	}
	pc, err := pgxpool.ParseConfig(cfg.URL)
	if err != nil {
		return nil, fail("%v", err)
	}
	pool, err := pgxpool.NewWithConfig(ctx, pc)
	if err != nil {
		return nil, fail("%v", err)
	}
	pctx, cancel := context.WithTimeout(ctx, cfg.ConnectTimeout)
	err = pool.Ping(pctx)
	cancel()
	if err != nil {
		pool.Close()
		return nil, fail("database unreachable within %s: %v (is the server running, and are store.url's host, port, user, password and database right?)", cfg.ConnectTimeout, err)
	}
	b := &pgBackend{pool: pool, url: red}
	if err := migrate(ctx, pool, log); err != nil {
		pool.Close()
		var newer *SchemaNewerError
		if errors.As(err, &newer) {
			return nil, confcheck.Wrap("url", err)
		}
		return nil, fail("schema migration: %v", err)
	}
	log.Info("store opened", "backend", "postgres", "url", red, "max_conns", pc.MaxConns)
	return b, nil
}

// userKey returns the per-database HMAC key, creating it on first use; replicas
// starting together agree on one key (the first insert wins).
func (b *pgBackend) userKey(ctx context.Context) ([]byte, error) {
	k := make([]byte, 32)
	if _, err := rand.Read(k); err != nil {
		return nil, err
	}
	_, err := b.pool.Exec(ctx, `INSERT INTO stylist_meta (key, value) VALUES ('user_hash_key', $1) ON CONFLICT (key) DO NOTHING`, k)
	if err != nil {
		return nil, err
	}
	err = b.pool.QueryRow(ctx, `SELECT value FROM stylist_meta WHERE key = 'user_hash_key'`).Scan(&k)
	return k, err
}

func (b *pgBackend) close() error {
	b.pool.Close()
	return nil
}

// check verifies that the server answers.
func (b *pgBackend) check(ctx context.Context) error {
	if err := b.pool.Ping(ctx); err != nil {
		return fmt.Errorf("store: PostgreSQL at %s: %w", b.url, err)
	}
	return nil
}

func (b *pgBackend) backup(io.Writer) (int64, error) { return 0, ErrBackupUnsupported }
