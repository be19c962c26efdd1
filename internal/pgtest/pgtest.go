package pgtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

var (
	shared struct {
		once    sync.Once
		url     string
		err     error
		cluster *Cluster
		dir     string
	}
)

// Main runs the tests of a package and stops the cluster New started, if any.
func Main(m *testing.M) int {
	code := m.Run()
	Stop()
	return code
}

// Stop stops the cluster New started, if any, and removes its files. Call it
// after m.Run in a TestMain that cannot use Main (one that already wraps m.Run
// in another harness's Main).
func Stop() {
	if shared.cluster != nil {
		shared.cluster.Stop()
		shared.cluster = nil
	}
	if shared.dir != "" {
		_ = os.RemoveAll(shared.dir)
		shared.dir = ""
	}
}

// ServerURL returns the superuser URL of the process's cluster: URLEnv if set,
// else a cluster started on first use. Without server binaries it skips the
// test, or fails it when RequireEnv is "1".
func ServerURL(tb testing.TB) string {
	tb.Helper()
	shared.once.Do(func() {
		if u := os.Getenv(URLEnv); u != "" {
			shared.url = u
			return
		}
		dir, err := os.MkdirTemp("", "stylist-pgtest-")
		if err != nil {
			shared.err = err
			return
		}
		shared.dir = dir
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		c, err := Start(ctx, dir)
		if err != nil {
			shared.err = err
			return
		}
		shared.cluster, shared.url = c, c.URL
	})
	if shared.err != nil {
		if shared.err == ErrNoServer && os.Getenv(RequireEnv) != "1" {
			tb.Skipf("%v; install it with: %s (or set %s)", shared.err, InstallHint, URLEnv)
		}
		tb.Fatalf("pgtest: %v", shared.err)
	}
	return shared.url
}

// New creates a fresh, empty database for this test on the process's cluster,
// drops it when the test ends, and returns its URL.
func New(tb testing.TB) string {
	tb.Helper()
	base := ServerURL(tb)
	name := dbName(tb.Name())
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := runSQL(ctx, base, "CREATE DATABASE "+pgx.Identifier{name}.Sanitize()); err != nil {
		tb.Fatalf("pgtest: create database %s: %v", name, err)
	}
	tb.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		if err := runSQL(ctx, base, "DROP DATABASE IF EXISTS "+pgx.Identifier{name}.Sanitize()+" WITH (FORCE)"); err != nil {
			tb.Logf("pgtest: drop database %s: %v", name, err)
		}
	})
	u, err := WithDatabase(base, name)
	if err != nil {
		tb.Fatal(err)
	}
	return u
}

// WithDatabase returns base with its database replaced by name.
func WithDatabase(base, name string) (string, error) {
	u, err := url.Parse(base)
	if err != nil {
		return "", fmt.Errorf("pgtest: parse %s: %w", URLEnv, err)
	}
	u.Path = "/" + name
	return u.String(), nil
}

var unsafeChars = regexp.MustCompile(`[^a-z0-9_]+`)

// dbName is a unique, readable database name for a test (at most 63 bytes).
func dbName(test string) string {
	var b [4]byte
	_, _ = rand.Read(b[:])
	s := unsafeChars.ReplaceAllString(strings.ToLower(test), "_")
	if len(s) > 40 {
		s = s[:40]
	}
	return "t_" + s + "_" + hex.EncodeToString(b[:])
}

func ping(ctx context.Context, u string) error {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	c, err := pgx.Connect(ctx, u)
	if err != nil {
		return err
	}
	defer c.Close(context.Background())
	return c.Ping(ctx)
}

func runSQL(ctx context.Context, u, sql string) error {
	c, err := pgx.Connect(ctx, u)
	if err != nil {
		return err
	}
	defer c.Close(context.Background())
	_, err = c.Exec(ctx, sql)
	return err
}
