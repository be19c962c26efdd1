package store

import (
	"context"
	"fmt"
	"io/fs"
	"log/slog"
	"slices"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"
)

// SchemaNewerError reports a database migrated by a newer stylist: this binary
// does not know its schema and refuses to write into it.
type SchemaNewerError struct {
	DB     int64 // the highest version applied to the database
	Binary int64 // the highest version this binary has
}

// Error implements error.
func (e *SchemaNewerError) Error() string {
	return fmt.Sprintf("store: database schema version %d is newer than this stylist (%d): upgrade stylist, "+
		"or point store.url at a database this version created", e.DB, e.Binary)
}

// migrate applies the embedded migrations (migrations/) that the database lacks,
// under a PostgreSQL advisory lock so that replicas starting together apply
// them once. A database with a version this binary does not have is refused.
func migrate(ctx context.Context, pool *pgxpool.Pool, log *slog.Logger) error {
	sub, err := fs.Sub(migrationFS, "migrations")
	if err != nil {
		return err
	}
	locker, err := lock.NewPostgresSessionLocker()
	if err != nil {
		return err
	}
	db := stdlib.OpenDBFromPool(pool)
	defer db.Close()
	p, err := goose.NewProvider(goose.DialectPostgres, db, sub,
		goose.WithSessionLocker(locker),
		goose.WithAllowOutofOrder(true), // version ranges per feature: migrations/README.md
		goose.WithDisableGlobalRegistry(true),
		goose.WithSlog(log.With("component", "migrate")),
	)
	if err != nil {
		return err
	}
	var known []int64
	for _, src := range p.ListSources() {
		known = append(known, src.Version)
	}
	binary := slices.Max(known)
	applied, err := appliedVersions(ctx, pool)
	if err != nil {
		return err
	}
	for _, v := range applied {
		if !slices.Contains(known, v) {
			return &SchemaNewerError{DB: slices.Max(applied), Binary: binary}
		}
	}
	res, err := p.Up(ctx)
	if err != nil {
		return err
	}
	for _, r := range res {
		log.Info("schema migration applied", "version", r.Source.Version, "file", r.Source.Path, "took", r.Duration)
	}
	return nil
}

// appliedVersions lists the versions goose recorded (none on a new database).
func appliedVersions(ctx context.Context, pool *pgxpool.Pool) ([]int64, error) {
	var exists bool
	if err := pool.QueryRow(ctx, `SELECT to_regclass('goose_db_version') IS NOT NULL`).Scan(&exists); err != nil || !exists {
		return nil, err
	}
	rows, err := pool.Query(ctx, `SELECT DISTINCT version_id FROM goose_db_version WHERE is_applied AND version_id > 0 ORDER BY 1`)
	if err != nil {
		return nil, err
	}
	var out []int64
	for rows.Next() {
		var v int64
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}
