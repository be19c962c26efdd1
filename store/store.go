// Package store keeps stylist's persistent state in one bbolt file: feedback
// votes, request records (which variant answered, how), conversation turns and
// the set of paused channels. Every write is one fsynced bbolt transaction, so an
// acknowledged write survives a crash of the process.
package store

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"sync/atomic"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/stylistbot/stylist/internal/confcheck"
)

// Config configures the store.
type Config struct {
	// Path is the database file; "" = a temporary file removed on Close (nothing survives a restart).
	Path string `koanf:"path"`
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
	// OpenTimeout is how long Open waits for another process to release the file lock.
	OpenTimeout time.Duration `koanf:"-"`
}

// DefaultConfig returns the documented defaults (an in-memory-only store).
func DefaultConfig() Config {
	return Config{
		Retention:     30 * 24 * time.Hour,
		PruneInterval: time.Hour,
		TurnTTL:       24 * time.Hour,
		MaxTurns:      10,
		MaxThreads:    10000,
		OpenTimeout:   time.Second,
	}
}

// Validate reports every invalid key (relative to the "store" section; fields
// filled from other sections are named by their Go name) as a *confcheck.ConfigError.
func (c Config) Validate() error {
	var v confcheck.Checker
	v.Positive("retention", c.Retention)
	v.Positive("PruneInterval", c.PruneInterval)
	v.Positive("TurnTTL", c.TurnTTL)
	v.AtLeast("MaxTurns", c.MaxTurns, 1)
	v.AtLeast("MaxThreads", c.MaxThreads, 1)
	v.NotNegative("OpenTimeout", c.OpenTimeout)
	return v.Err()
}

// ErrLocked is returned by Open when another process holds the database file.
var ErrLocked = errors.New("store: database file is in use by another process")

// Bucket names.
var (
	bucketMeta      = []byte("meta")
	bucketFeedback  = []byte("feedback")         // time+seq → feedbackEvent
	bucketVotes     = []byte("votes")            // replyRef \x00 userHash → feedback key (latest vote)
	bucketRequests  = []byte("requests")         // replyRef → RequestRecord
	bucketReqByTime = []byte("requests_by_time") // time+replyRef → nil
	bucketTurns     = []byte("turns")            // thread key → threadRecord
	bucketPaused    = []byte("paused")           // channel key → PauseInfo
	allBuckets      = [][]byte{bucketMeta, bucketFeedback, bucketVotes, bucketRequests, bucketReqByTime, bucketTurns, bucketPaused}
	keySchema       = []byte("schema")
	keyUserHashKey  = []byte("user_hash_key")
	schemaVersion   = []byte("1")
)

// Store is the bbolt-backed state; it is safe for concurrent use.
type Store struct {
	db        *bolt.DB
	cfg       Config
	lim       atomic.Pointer[turnLimits]
	retention atomic.Int64 // time.Duration
	userKey   []byte       // HMAC key for pseudonymous user ids
	temp      string       // file to remove on Close ("" when Path was set)
	log       *slog.Logger
	now       func() time.Time
}

// Open opens (creating if needed) the database at cfg.Path. A nil logger discards logs.
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
	path := cfg.Path
	if path == "" {
		f, err := os.CreateTemp("", "stylist-store-*.db")
		if err != nil {
			return nil, fmt.Errorf("store: temporary file: %w", err)
		}
		path, s.temp = f.Name(), f.Name()
		_ = f.Close()
	} else if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: max(cfg.OpenTimeout, time.Millisecond)})
	if errors.Is(err, bolt.ErrTimeout) {
		return nil, fmt.Errorf("%w: %s", ErrLocked, path)
	}
	if err != nil {
		s.removeTemp()
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	s.db = db
	if err := s.init(); err != nil {
		_ = db.Close()
		s.removeTemp()
		return nil, err
	}
	s.SetLimits(cfg.TurnTTL, cfg.MaxThreads, cfg.MaxTurns)
	s.SetRetention(cfg.Retention)
	return s, nil
}

func (s *Store) init() error {
	return s.db.Update(func(tx *bolt.Tx) error {
		for _, b := range allBuckets {
			if _, err := tx.CreateBucketIfNotExists(b); err != nil {
				return fmt.Errorf("store: bucket %s: %w", b, err)
			}
		}
		meta := tx.Bucket(bucketMeta)
		if v := meta.Get(keySchema); v != nil && string(v) != string(schemaVersion) {
			return fmt.Errorf("store: schema version %s, this build understands %s", v, schemaVersion)
		}
		if err := meta.Put(keySchema, schemaVersion); err != nil {
			return err
		}
		if k := meta.Get(keyUserHashKey); k != nil {
			s.userKey = append([]byte(nil), k...)
			return nil
		}
		s.userKey = make([]byte, 32)
		if _, err := rand.Read(s.userKey); err != nil {
			return err
		}
		return meta.Put(keyUserHashKey, s.userKey)
	})
}

// Path returns the database file.
func (s *Store) Path() string { return s.db.Path() }

// Close closes the database (and removes it when it was temporary).
func (s *Store) Close() error {
	err := s.db.Close()
	s.removeTemp()
	return err
}

func (s *Store) removeTemp() {
	if s.temp != "" {
		_ = os.Remove(s.temp)
	}
}

// Check verifies the database's internal consistency (bbolt's page checks).
func (s *Store) Check() error {
	return s.db.View(func(tx *bolt.Tx) error {
		var errs []error
		for err := range tx.Check() {
			errs = append(errs, err)
		}
		return errors.Join(errs...)
	})
}

// Backup writes a consistent copy of the live database to w (a hot backup; writers
// are not blocked) and returns the bytes written.
func (s *Store) Backup(w io.Writer) (int64, error) {
	var n int64
	err := s.db.View(func(tx *bolt.Tx) error {
		var err error
		n, err = tx.WriteTo(w)
		return err
	})
	return n, err
}

// BackupFile writes a hot backup to path atomically (temporary file, fsync, rename).
func (s *Store) BackupFile(path string) error {
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

// userHash returns a pseudonymous, store-stable id for a platform user.
func (s *Store) userHash(platform, workspace, user string) string {
	if user == "" {
		return ""
	}
	m := hmac.New(sha256.New, s.userKey)
	_, _ = io.WriteString(m, platform+"/"+workspace+"/"+user)
	return hex.EncodeToString(m.Sum(nil)[:8])
}
