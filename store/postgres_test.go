package store

import (
	"context"
	"errors"
	"io/fs"
	"net"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/pressly/goose/v3"

	"github.com/stylistbot/stylist/internal/confcheck"
	"github.com/stylistbot/stylist/internal/pgtest"
)

func pgConfig(url string) Config {
	c := DefaultConfig()
	c.URL = url
	return c
}

func TestRedact(t *testing.T) {
	for in, want := range map[string]string{
		"postgres://stylist:s3cret@db:5432/stylist":             "postgres://stylist:xxxxx@db:5432/stylist",
		"postgres://stylist@db/stylist?sslmode=disable":         "postgres://stylist@db/stylist?sslmode=disable",
		"postgresql://db/stylist?password=s3cret&user=stylist":  "postgresql://db/stylist?password=xxxxx&user=stylist",
		"postgres://stylist:s3cret@db/stylist?pool_max_conns=8": "postgres://stylist:xxxxx@db/stylist?pool_max_conns=8",
		"postgres://u:p%zz@db/x":                                "(unparsable URL)",
	} {
		if got := Redact(in); got != want {
			t.Errorf("Redact(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestURLValidation(t *testing.T) {
	for _, bad := range []string{"mysql://u:s3cret@h/db", "db.example:5432", "postgres://u:s3cret@h/db?pool_max_conns=lots", "postgres://u:s3cret%zz@h/db"} {
		err := pgConfig(bad).Validate()
		var ce *confcheck.ConfigError
		if !errors.As(err, &ce) || ce.Key != "url" {
			t.Errorf("%q: %v, want a ConfigError naming url", bad, err)
		} else if strings.Contains(err.Error(), "s3cret") {
			t.Errorf("%q: the error shows the password: %v", bad, err)
		}
	}
	if err := pgConfig("postgres://u:p@h:5432/db?sslmode=disable&pool_max_conns=8").Validate(); err != nil {
		t.Errorf("good URL: %v", err)
	}
}

// An unreachable server is a clear error that names store.url, without the password.
func TestPostgresUnreachable(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close() // nothing listens there now
	cfg := pgConfig("postgres://stylist:s3cret@127.0.0.1:" + strconv.Itoa(port) + "/stylist?connect_timeout=1")
	cfg.ConnectTimeout = 2 * time.Second
	start := time.Now()
	_, err = Open(ctx, cfg, nil)
	var ce *confcheck.ConfigError
	if !errors.As(err, &ce) || ce.Key != "url" {
		t.Fatalf("err %v, want a ConfigError naming url", err)
	}
	msg := confcheck.In("store", err).Error()
	for _, want := range []string{"store.url", "unreachable", "stylist:xxxxx@127.0.0.1"} {
		if !strings.Contains(msg, want) {
			t.Errorf("%q does not say %q", msg, want)
		}
	}
	t.Logf("operator sees: %s", msg)
	if strings.Contains(msg, "s3cret") {
		t.Errorf("the error shows the password: %s", msg)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("Open took %s to give up", d)
	}
}

// A database migrated by a newer stylist is refused, and nothing is written into it.
func TestPostgresSchemaNewer(t *testing.T) {
	url := pgtest.New(t)
	s, err := Open(ctx, pgConfig(url), nil)
	must(t, err)
	must(t, s.Close())
	c, err := pgx.Connect(ctx, url)
	must(t, err)
	defer c.Close(context.Background())
	_, err = c.Exec(ctx, `INSERT INTO goose_db_version (version_id, is_applied) VALUES (100042, true)`)
	must(t, err)

	_, err = Open(ctx, pgConfig(url), nil)
	var newer *SchemaNewerError
	var ce *confcheck.ConfigError
	if !errors.As(err, &newer) || !errors.As(err, &ce) || ce.Key != "url" {
		t.Fatalf("err %v, want a SchemaNewerError naming url", err)
	}
	bin := binaryVersion(t)
	if newer.DB != 100042 || newer.Binary != bin {
		t.Fatalf("versions %+v, want db 100042, binary %d", newer, bin)
	}
	want := "database schema version 100042 is newer than this stylist (" + strconv.FormatInt(bin, 10) + "): upgrade stylist"
	t.Logf("operator sees: %s", confcheck.In("store", err))
	if !strings.Contains(err.Error(), want) {
		t.Fatalf("message %q lacks %q", err, want)
	}
}

func binaryVersion(t *testing.T) int64 {
	t.Helper()
	names, err := fs.Glob(migrationFS, "migrations/*.sql")
	must(t, err)
	var v int64
	for _, n := range names {
		x, err := strconv.ParseInt(strings.SplitN(strings.TrimPrefix(n, "migrations/"), "_", 2)[0], 10, 64)
		must(t, err)
		v = max(v, x)
	}
	return v
}

// Replicas starting together on an empty database: the schema is created once
// (goose's advisory lock), every replica opens, and they share one user hash key.
func TestPostgresReplicasMigrateTogether(t *testing.T) {
	url := pgtest.New(t)
	stores := make([]*Store, 4)
	var wg sync.WaitGroup
	for i := range stores {
		wg.Go(func() {
			s, err := Open(ctx, pgConfig(url), nil)
			if err != nil {
				t.Error(err)
				return
			}
			stores[i] = s
		})
	}
	wg.Wait()
	for _, s := range stores {
		if s == nil {
			t.FailNow()
		}
		defer s.Close()
		if s.userHash("slack", "T", "U") != stores[0].userHash("slack", "T", "U") {
			t.Fatal("replicas disagree on the user hash key")
		}
	}
	c, err := pgx.Connect(ctx, url)
	must(t, err)
	defer c.Close(context.Background())
	var n int
	must(t, c.QueryRow(ctx, `SELECT count(*) FROM goose_db_version WHERE version_id > 0`).Scan(&n))
	if want := len(mustGlob(t)); n != want {
		t.Fatalf("%d migrations recorded, want %d (each once)", n, want)
	}
}

func mustGlob(t *testing.T) []string {
	names, err := fs.Glob(migrationFS, "migrations/*.sql")
	must(t, err)
	return names
}

// Every migration's Down undoes its Up: up, down to zero, up again.
func TestMigrationsUpDownUp(t *testing.T) {
	url := pgtest.New(t)
	pc, err := pgx.ParseConfig(url)
	must(t, err)
	db := stdlib.OpenDB(*pc)
	defer db.Close()
	sub, err := fs.Sub(migrationFS, "migrations")
	must(t, err)
	p, err := goose.NewProvider(goose.DialectPostgres, db, sub, goose.WithAllowOutofOrder(true), goose.WithDisableGlobalRegistry(true))
	must(t, err)
	for _, step := range []func(context.Context) error{
		func(c context.Context) error { _, err := p.Up(c); return err },
		func(c context.Context) error { _, err := p.DownTo(c, 0); return err },
		func(c context.Context) error { _, err := p.Up(c); return err },
	} {
		must(t, step(ctx))
	}
	s, err := Open(ctx, pgConfig(url), nil)
	must(t, err)
	defer s.Close()
	must(t, s.RecordRequest(ctx, RequestRecord{ReplyRef: "r1"}))
}
