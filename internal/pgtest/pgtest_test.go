package pgtest

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
)

func TestMain(m *testing.M) { os.Exit(Main(m)) }

func TestNewGivesEachTestItsOwnDatabase(t *testing.T) {
	ctx := context.Background()
	var names []string
	for _, sub := range []string{"a", "b"} {
		t.Run(sub, func(t *testing.T) {
			u := New(t)
			c, err := pgx.Connect(ctx, u)
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close(ctx)
			var db string
			if err := c.QueryRow(ctx, "select current_database()").Scan(&db); err != nil {
				t.Fatal(err)
			}
			if !strings.HasPrefix(db, "t_testnewgiveseachtestitsowndatabase_") {
				t.Errorf("database %q: want a per-test name", db)
			}
			if _, err := c.Exec(ctx, "create table x (id int primary key)"); err != nil {
				t.Fatalf("a fresh database must not hold table x yet: %v", err)
			}
			names = append(names, db)
		})
	}
	if len(names) != 2 || names[0] == names[1] {
		t.Fatalf("databases %v: want two distinct", names)
	}
	// Dropped after the subtests.
	c, err := pgx.Connect(ctx, ServerURL(t))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close(ctx)
	var n int
	if err := c.QueryRow(ctx, "select count(*) from pg_database where datname = any($1)", names).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 0 {
		t.Errorf("%d of %v still exist after their tests", n, names)
	}
}

func TestDBNameIsSafeAndBounded(t *testing.T) {
	for _, in := range []string{"TestX", "TestX/sub case/with 'quotes\"", strings.Repeat("Long", 40)} {
		got := dbName(in)
		if len(got) > 63 || strings.ContainsAny(got, " '\"/") || got != strings.ToLower(got) {
			t.Errorf("dbName(%q) = %q", in, got)
		}
	}
}
