package store

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/stylistbot/stylist/internal/confcheck"
)

// Bucket names of the bbolt backend.
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

// boltBackend keeps the store in one bbolt file. Every write is one fsynced
// transaction, so an acknowledged write survives a crash of the process.
type boltBackend struct {
	db   *bolt.DB
	key  []byte // HMAC key for pseudonymous user ids
	temp string // file to remove on close ("" when Path was set)
}

// openBolt opens (creating if needed) the file at cfg.Path, or a temporary file.
// Its errors name store.path ("path").
func openBolt(cfg Config) (*boltBackend, error) {
	b := &boltBackend{}
	path := cfg.Path
	if path == "" {
		f, err := os.CreateTemp("", "stylist-store-*.db")
		if err != nil {
			return nil, fmt.Errorf("store: temporary file: %w", err)
		}
		path, b.temp = f.Name(), f.Name()
		_ = f.Close()
	} else if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
		return nil, confcheck.Wrap("path", fmt.Errorf("store: %w", err))
	}
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: max(cfg.OpenTimeout, time.Millisecond)})
	if errors.Is(err, bolt.ErrTimeout) {
		return nil, confcheck.Wrap("path", fmt.Errorf("%w: %s", ErrLocked, path))
	}
	if err != nil {
		b.removeTemp()
		return nil, confcheck.Wrap("path", fmt.Errorf("store: open %s: %w", path, err))
	}
	b.db = db
	if err := b.init(); err != nil {
		_ = db.Close()
		b.removeTemp()
		return nil, confcheck.Wrap("path", fmt.Errorf("%s: %w", path, err))
	}
	return b, nil
}

func (b *boltBackend) init() error {
	return b.db.Update(func(tx *bolt.Tx) error {
		for _, name := range allBuckets {
			if _, err := tx.CreateBucketIfNotExists(name); err != nil {
				return fmt.Errorf("store: bucket %s: %w", name, err)
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
			b.key = append([]byte(nil), k...)
			return nil
		}
		b.key = make([]byte, 32)
		if _, err := rand.Read(b.key); err != nil {
			return err
		}
		return meta.Put(keyUserHashKey, b.key)
	})
}

func (b *boltBackend) userKey(context.Context) ([]byte, error) { return b.key, nil }

func (b *boltBackend) close() error {
	err := b.db.Close()
	b.removeTemp()
	return err
}

func (b *boltBackend) removeTemp() {
	if b.temp != "" {
		_ = os.Remove(b.temp)
	}
}

// check runs bbolt's page consistency checks.
func (b *boltBackend) check(context.Context) error {
	return b.db.View(func(tx *bolt.Tx) error {
		var errs []error
		for err := range tx.Check() {
			errs = append(errs, err)
		}
		return errors.Join(errs...)
	})
}

// backup writes a consistent copy of the live file (writers are not blocked).
func (b *boltBackend) backup(w io.Writer) (int64, error) {
	var n int64
	err := b.db.View(func(tx *bolt.Tx) error {
		var err error
		n, err = tx.WriteTo(w)
		return err
	})
	return n, err
}
