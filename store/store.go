// Package store keeps stylist's persistent state: feedback votes, request
// records (which variant answered, how), conversation turns and the set of paused
// channels. It lives in one embedded bbolt file by default (store.path; one
// process), or in PostgreSQL when store.url is set (several replicas share it).
// Both backends behave the same; a write returns once it is durable.
package store

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"os"
	"strings"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/stylistbot/stylist/internal/confcheck"
)

// Config configures the store.
type Config struct {
	// Path is the bbolt database file; "" = a temporary file removed on Close
	// (nothing survives a restart). Ignored when URL is set.
	Path string `koanf:"path"`
	// URL, when set, selects PostgreSQL ("postgres://user:password@host:5432/db"):
	// the store for several replicas. The pool size is the URL's pool_max_conns
	// parameter (pgxpool's default: the larger of 4 and the number of CPUs).
	URL string `koanf:"url"`
	// ConnectTimeout is how long Open waits for PostgreSQL to answer.
	ConnectTimeout time.Duration `koanf:"connect_timeout"`
	// Retention is how long feedback votes and request records are kept.
	Retention time.Duration `koanf:"retention"`
	// PruneInterval is how often RunPruner deletes expired data.
	PruneInterval time.Duration `koanf:"-"`
	// TurnTTL is how long a thread's turns are kept after its last answer (bot.history_ttl).
	TurnTTL time.Duration `koanf:"-"`
	// MaxTurns caps the turns kept per thread, oldest dropped (bot.history_max_turns).
	MaxTurns int `koanf:"-"`
	// MaxThreads caps the threads kept; the least recently answered are dropped when pruning (bot.history_max_threads).
	MaxThreads int `koanf:"-"`
	// OpenTimeout is how long Open waits for another process to release the bbolt file lock.
	OpenTimeout time.Duration `koanf:"-"`
}

// DefaultConfig returns the documented defaults (an in-memory-only store).
func DefaultConfig() Config {
	return Config{
		ConnectTimeout: 10 * time.Second,
		Retention:      30 * 24 * time.Hour,
		PruneInterval:  time.Hour,
		TurnTTL:        24 * time.Hour,
		MaxTurns:       10,
		MaxThreads:     10000,
		OpenTimeout:    time.Second,
	}
}

// Validate reports every invalid key (relative to the "store" section; fields
// filled from other sections are named by their Go name) as a *confcheck.ConfigError.
func (c Config) Validate() error {
	var v confcheck.Checker
	if c.URL != "" {
		if err := checkURL(c.URL); err != nil {
			v.Add("url", err.Error())
		}
	}
	v.Positive("connect_timeout", c.ConnectTimeout)
	v.Positive("retention", c.Retention)
	v.Positive("PruneInterval", c.PruneInterval)
	v.Positive("TurnTTL", c.TurnTTL)
	v.AtLeast("MaxTurns", c.MaxTurns, 1)
	v.AtLeast("MaxThreads", c.MaxThreads, 1)
	v.NotNegative("OpenTimeout", c.OpenTimeout)
	return v.Err()
}

// checkURL accepts a postgres:// or postgresql:// URL pgx can use. Its message
// never contains the password.
func checkURL(raw string) error {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") || u.Host == "" && u.Query().Get("host") == "" {
		return errors.New(`must be a PostgreSQL URL such as "postgres://stylist:PASSWORD@db:5432/stylist"`)
	}
	if _, err := pgxpool.ParseConfig(raw); err != nil {
		return fmt.Errorf("%s: %v", Redact(raw), err) // pgx redacts the password in its errors
	}
	return nil
}

// Redact returns a PostgreSQL URL with its password replaced by "xxxxx", for
// logs and error messages.
func Redact(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "(unparsable URL)"
	}
	if q := u.Query(); q.Has("password") {
		q.Set("password", "xxxxx")
		u.RawQuery = q.Encode()
	}
	return u.Redacted()
}

// ErrLocked is returned by Open when another process holds the database file.
var ErrLocked = errors.New("store: database file is in use by another process")

// ErrBackupUnsupported is returned by Backup and BackupFile for a PostgreSQL store.
var ErrBackupUnsupported = errors.New("store: the store is in PostgreSQL (store.url): back it up with pg_dump " +
	"(e.g. pg_dump --format=custom --file=stylist.dump DBURL; restore with pg_restore); Backup copies only the embedded bbolt file")

// ErrBadKey is returned for a reply ref, thread key or channel key that is not
// valid UTF-8 or contains a NUL byte (neither backend could keep it faithfully).
var ErrBadKey = errors.New("store: key must be valid UTF-8 without NUL bytes")

// Store is stylist's persistent state, kept in the embedded bbolt file
// (store.path) or in PostgreSQL (store.url); it is safe for concurrent use.
// Several Stores, one per replica, may share one PostgreSQL database.
type Store struct {
	be        backend
	cfg       Config
	lim       atomic.Pointer[turnLimits]
	retention atomic.Int64 // time.Duration
	userKey   []byte       // HMAC key for pseudonymous user ids
	path      string       // the bbolt file; "" for PostgreSQL
	log       *slog.Logger
	now       func() time.Time
}

// Open opens the store: PostgreSQL when cfg.URL is set (applying the schema
// migrations first), else the bbolt file at cfg.Path (created if needed; a
// temporary file when Path is empty). A nil logger discards logs. Errors about
// the database are *confcheck.ConfigError naming "url" or "path".
func Open(ctx context.Context, cfg Config, logger *slog.Logger) (*Store, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	s := &Store{cfg: cfg, log: logger, now: time.Now}
	if cfg.URL != "" {
		if cfg.Path != "" {
			logger.Info("store.url is set: the PostgreSQL store is used and store.path is ignored", "path", cfg.Path)
		}
		pg, err := openPostgres(ctx, cfg, logger)
		if err != nil {
			return nil, err
		}
		s.be = pg
	} else {
		b, err := openBolt(cfg)
		if err != nil {
			return nil, err
		}
		s.be, s.path = b, b.db.Path()
	}
	key, err := s.be.userKey(ctx)
	if err != nil {
		_ = s.be.close()
		return nil, fmt.Errorf("store: user hash key: %w", err)
	}
	s.userKey = key
	s.SetLimits(cfg.TurnTTL, cfg.MaxThreads, cfg.MaxTurns)
	s.SetRetention(cfg.Retention)
	return s, nil
}

// Path returns the bbolt database file, or "" for a PostgreSQL store.
func (s *Store) Path() string { return s.path }

// Close closes the database (and removes a temporary bbolt file).
func (s *Store) Close() error { return s.be.close() }

// Check verifies the database: bbolt's page consistency checks, or that
// PostgreSQL answers.
func (s *Store) Check() error { return s.be.check(context.Background()) }

// Backup writes a consistent copy of the live bbolt database to w (a hot backup;
// writers are not blocked) and returns the bytes written. A PostgreSQL store
// returns ErrBackupUnsupported: use pg_dump.
func (s *Store) Backup(w io.Writer) (int64, error) { return s.be.backup(w) }

// BackupFile writes a hot backup to path atomically (temporary file, fsync,
// rename); ErrBackupUnsupported for a PostgreSQL store.
func (s *Store) BackupFile(path string) error {
	if s.cfg.URL != "" {
		return ErrBackupUnsupported
	}
	tmp := path + ".tmp"
	f, err := os.OpenFile(tmp, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o600)
	if err != nil {
		return fmt.Errorf("store: backup: %w", err)
	}
	_, err = s.Backup(f)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		_ = os.Remove(tmp)
		return fmt.Errorf("store: backup: %w", err)
	}
	return nil
}

// checkKey rejects keys neither backend can keep faithfully.
func checkKey(k string) error {
	if !utf8.ValidString(k) || strings.IndexByte(k, 0) >= 0 {
		return fmt.Errorf("%w: %q", ErrBadKey, k)
	}
	return nil
}

// userHash returns a pseudonymous, store-stable id for a platform user.
func (s *Store) userHash(platform, workspace, user string) string {
	if user == "" {
		return ""
	}
	m := hmac.New(sha256.New, s.userKey)
	_, _ = io.WriteString(m, platform+"/"+workspace+"/"+user)
	return hex.EncodeToString(m.Sum(nil)[:8])
}
