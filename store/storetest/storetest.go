// Package storetest gives tests a PostgreSQL store's database as the server
// has it after start-up.
package storetest

import (
	"context"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/stylistbot/stylist/internal/pgtest"
	"github.com/stylistbot/stylist/store"
)

// Pool opens a PostgreSQL store on a fresh database of the test cluster
// (pgtest.New: skipped without a PostgreSQL server unless STYLIST_REQUIRE_PG
// is set), with every migration of the store applied as at start-up (the work
// queue's tables among them), and returns its pool. The store closes when
// the test ends.
func Pool(t testing.TB) *pgxpool.Pool {
	t.Helper()
	cfg := store.DefaultConfig()
	cfg.URL = pgtest.New(t)
	st, err := store.Open(context.Background(), cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = st.Close() })
	return st.Pool()
}
