package store

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/stylistbot/stylist/internal/pgtest"
)

func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }

// testDB is one test's database on one backend: every open returns another
// Store on the same data (for PostgreSQL: another replica), all on one clock.
type testDB struct {
	backend string // "bbolt" or "postgres"
	cfg     Config
	clk     *clock
}

// open opens a Store on the database with cfg edited by edit; the test closes it.
func (d *testDB) open(t *testing.T, edit ...func(*Config)) (*Store, *clock) {
	t.Helper()
	cfg := d.cfg
	for _, e := range edit {
		e(&cfg)
	}
	s, err := Open(ctx, cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	s.now = d.clk.now
	t.Cleanup(func() { _ = s.Close() })
	return s, d.clk
}

// replicas reports whether several Stores may be open on the database at once.
func (d *testDB) replicas() bool { return d.backend == "postgres" }

// contents returns everything the database holds, as bytes to search.
func (d *testDB) contents(t *testing.T, s *Store) []byte {
	t.Helper()
	if d.backend == "bbolt" {
		var b strings.Builder
		if _, err := s.Backup(&b); err != nil {
			t.Fatal(err)
		}
		return []byte(b.String())
	}
	c, err := pgx.Connect(ctx, d.cfg.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close(context.Background())
	var out string
	err = c.QueryRow(ctx, `SELECT string_agg(query_to_xml(format('SELECT * FROM %I', table_name), true, false, '')::text, E'\n')
FROM information_schema.tables WHERE table_schema = current_schema()`).Scan(&out)
	if err != nil {
		t.Fatal(err)
	}
	return []byte(out)
}

// behaviour is the store's behavioural suite: every case runs against bbolt and
// against PostgreSQL (a fresh database each), and must pass on both unchanged.
var behaviour = []struct {
	name string
	run  func(t *testing.T, db *testDB)
}{
	{"feedback needs a reply ref", caseFeedbackNeedsRef},
	{"bad keys are refused", caseBadKeys},
	{"latest vote wins", caseLatestVoteWins},
	{"the same vote twice counts once", caseSameVoteTwice},
	{"request record replaced", caseRequestRecordReplaced},
	{"raw user ids are not stored", caseRawUserIDsNotStored},
	{"reopen keeps everything", caseReopenKeepsEverything},
	{"prune", casePrune},
	{"turns", caseTurns},
	{"concurrent appends are not lost", caseConcurrentAppends},
	{"paused channels", casePausedChannels},
	{"report and its window", caseReportWindow},
	{"backup", caseBackup},
	{"replicas share votes and the report", caseReplicasShareVotes},
	{"replicas share threads", caseReplicasShareThreads},
	{"replicas prune together", caseReplicasPrune},
}

func TestBehaviour(t *testing.T) {
	for _, backend := range []string{"bbolt", "postgres"} {
		t.Run(backend, func(t *testing.T) {
			for _, tc := range behaviour {
				t.Run(tc.name, func(t *testing.T) {
					db := &testDB{backend: backend, cfg: DefaultConfig(), clk: &clock{t: time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)}}
					if backend == "bbolt" {
						db.cfg.Path = filepath.Join(t.TempDir(), "s.db")
					} else {
						db.cfg.URL = pgtest.New(t)
					}
					tc.run(t, db)
				})
			}
		})
	}
}

// needReplicas skips a multi-replica case on a backend that allows one process.
func needReplicas(t *testing.T, db *testDB) {
	t.Helper()
	if !db.replicas() {
		t.Skipf("%s: one process per database file (a second Open gets ErrLocked: TestSecondOpenIsLocked)", db.backend)
	}
}
