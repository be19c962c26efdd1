package store

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stylistbot/stylist/history"

	"github.com/stylistbot/stylist/internal/confcheck"
)

var ctx = context.Background()

// clock is a settable time source for tests.
type clock struct{ t time.Time }

func (c *clock) now() time.Time          { return c.t }
func (c *clock) advance(d time.Duration) { c.t = c.t.Add(d) }

func testConfig(path string) Config {
	c := DefaultConfig()
	c.Path = path
	return c
}

// openAt opens a store at path with a fake clock starting at 2025-06-01 12:00 UTC.
func openAt(t *testing.T, path string, edit ...func(*Config)) (*Store, *clock) {
	t.Helper()
	cfg := testConfig(path)
	for _, e := range edit {
		e(&cfg)
	}
	s, err := Open(ctx, cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	clk := &clock{t: time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)}
	s.now = clk.now
	t.Cleanup(func() { _ = s.Close() })
	return s, clk
}

func TestConfigValidate(t *testing.T) {
	if err := DefaultConfig().Validate(); err != nil {
		t.Fatalf("defaults: %v", err)
	}
	for field, edit := range map[string]func(*Config){
		"retention":       func(c *Config) { c.Retention = 0 },
		"PruneInterval":   func(c *Config) { c.PruneInterval = -1 },
		"TurnTTL":         func(c *Config) { c.TurnTTL = 0 },
		"MaxTurns":        func(c *Config) { c.MaxTurns = 0 },
		"MaxThreads":      func(c *Config) { c.MaxThreads = -5 },
		"OpenTimeout":     func(c *Config) { c.OpenTimeout = -time.Second },
		"connect_timeout": func(c *Config) { c.ConnectTimeout = 0 },
		"url":             func(c *Config) { c.URL = "mysql://u:p@h/db" },
	} {
		t.Run(field, func(t *testing.T) {
			c := DefaultConfig()
			edit(&c)
			var ce *confcheck.ConfigError
			if err := c.Validate(); !errors.As(err, &ce) || ce.Key != field {
				t.Fatalf("err %v, want a ConfigError naming %s", err, field)
			}
			if _, err := Open(ctx, c, nil); err == nil {
				t.Fatal("Open accepted an invalid config")
			}
		})
	}
}

func TestSecondOpenIsLocked(t *testing.T) {
	path := filepath.Join(t.TempDir(), "s.db")
	openAt(t, path)
	cfg := testConfig(path)
	cfg.OpenTimeout = 50 * time.Millisecond
	if _, err := Open(ctx, cfg, nil); !errors.Is(err, ErrLocked) {
		t.Fatalf("second open: %v, want ErrLocked", err)
	}
}

func TestTemporaryStoreIsRemoved(t *testing.T) {
	s, err := Open(ctx, DefaultConfig(), nil)
	if err != nil {
		t.Fatal(err)
	}
	path := s.Path()
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("temporary file: %v", err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("temporary file left behind: %v", err)
	}
}

func caseReopenKeepsEverything(t *testing.T, db *testDB) {
	s, _ := db.open(t)
	conv := testConv{Platform: "slack", Workspace: "T1", Channel: "C1", Thread: "1.2"}
	must(t, s.RecordRequest(ctx, RequestRecord{ReplyRef: "r1", Variant: "short", Platform: "slack", Latency: time.Second}))
	must(t, s.RecordFeedback(ctx, Vote{ReplyRef: "r1", Platform: conv.Platform, Workspace: conv.Workspace, Channel: conv.Channel, User: "U1", Helpful: true}))
	must(t, s.Append(ctx, conv.Key(), history.Turn{Query: "red dress", ArticleIDs: []string{"0108775015"}}))
	must(t, s.Pause(ctx, "slack/T1/C9", PauseInfo{By: "slack/U7"}))
	hash := s.userHash("slack", "T1", "U1")
	must(t, s.Close())
	checkReopened(t, db, hash, conv)
}

// checkReopened opens db again and checks what caseReopenKeepsEverything wrote.
func checkReopened(t *testing.T, db *testDB, hash string, conv testConv) {
	t.Helper()
	s2, _ := db.open(t)
	if err := s2.Check(); err != nil {
		t.Fatalf("check: %v", err)
	}
	if h := s2.userHash("slack", "T1", "U1"); h != hash {
		t.Fatalf("user hash changed across reopen: %s vs %s", h, hash)
	}
	r, ok, err := s2.Request(ctx, "r1")
	if err != nil || !ok || r.Variant != "short" || r.Latency != time.Second {
		t.Fatalf("request: %+v %v %v", r, ok, err)
	}
	fb, err := s2.Feedback(ctx, time.Time{})
	if err != nil || len(fb) != 1 || fb[0].Variant != "short" || !fb[0].Helpful || fb[0].UserHash != hash {
		t.Fatalf("feedback: %+v %v", fb, err)
	}
	turns, err := s2.Get(ctx, conv.Key())
	if err != nil || len(turns) != 1 || turns[0].ArticleIDs[0] != "0108775015" {
		t.Fatalf("turns: %+v %v", turns, err)
	}
	paused, err := s2.PausedChannels(ctx)
	if err != nil || paused["slack/T1/C9"].By != "slack/U7" || len(paused) != 1 {
		t.Fatalf("paused: %+v %v", paused, err)
	}
}

// caseBackup: bbolt takes hot backups that open as stores; PostgreSQL says to use pg_dump.
func caseBackup(t *testing.T, db *testDB) {
	s, _ := db.open(t)
	must(t, s.RecordRequest(ctx, RequestRecord{ReplyRef: "r1", Variant: "short"}))
	path := filepath.Join(t.TempDir(), "backup.db")
	err := s.BackupFile(path)
	if db.backend == "postgres" {
		if _, berr := s.Backup(io.Discard); !errors.Is(err, ErrBackupUnsupported) || !errors.Is(berr, ErrBackupUnsupported) ||
			!strings.Contains(err.Error(), "pg_dump") {
			t.Fatalf("backup of a PostgreSQL store: %v / %v, want ErrBackupUnsupported naming pg_dump", err, berr)
		}
		if _, serr := os.Stat(path); !errors.Is(serr, os.ErrNotExist) {
			t.Fatal("a backup file was written")
		}
		return
	}
	must(t, err)
	b, _ := openAt(t, path)
	must(t, b.Check())
	if r, ok, err := b.Request(ctx, "r1"); !ok || err != nil || r.Variant != "short" {
		t.Fatalf("backup holds %+v %v %v", r, ok, err)
	}
}

func casePausedChannels(t *testing.T, db *testDB) {
	s, clk := db.open(t)
	if p, err := s.PausedChannels(ctx); err != nil || len(p) != 0 {
		t.Fatalf("new store: %v %v", p, err)
	}
	must(t, s.Pause(ctx, "slack/T1/C1", PauseInfo{By: "slack/U7"}))
	at := clk.t.Add(-time.Hour)
	must(t, s.Pause(ctx, "discord/G1/C2", PauseInfo{By: "discord/U8", At: at}))
	clk.advance(time.Minute)
	must(t, s.Pause(ctx, "slack/T1/C1", PauseInfo{By: "slack/U9"})) // paused again: the latest moderator and time
	p, err := s.PausedChannels(ctx)
	if err != nil || len(p) != 2 || p["slack/T1/C1"].By != "slack/U9" || !p["slack/T1/C1"].At.Equal(clk.t) ||
		p["discord/G1/C2"].By != "discord/U8" || !p["discord/G1/C2"].At.Equal(at) {
		t.Fatalf("paused: %+v %v", p, err)
	}
	if was, err := s.Resume(ctx, "slack/T1/C1"); !was || err != nil {
		t.Fatalf("resume a paused channel: %v %v", was, err)
	}
	if was, err := s.Resume(ctx, "slack/T1/C1"); was || err != nil {
		t.Fatalf("resume again: %v %v", was, err)
	}
	if p, _ := s.PausedChannels(ctx); len(p) != 1 || p["discord/G1/C2"].By != "discord/U8" {
		t.Fatalf("after resume: %+v", p)
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
