package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stylistbot/stylist/store"
)

func TestFeedbackReport(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.db")
	cfg := store.DefaultConfig()
	cfg.Path = path
	st, err := store.Open(context.Background(), cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if err := st.RecordRequest(ctx, store.RequestRecord{ReplyRef: "r1", Variant: "short", Latency: time.Second}); err != nil {
		t.Fatal(err)
	}
	if err := st.RecordFeedback(ctx, store.Vote{ReplyRef: "r1", Platform: "slack", User: "U1", Helpful: true}); err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}

	t.Run("bbolt file", func(t *testing.T) {
		out, _, err := run(t, "", "feedback", "report", "--store", path)
		if err != nil || !strings.Contains(out, "short") || !strings.Contains(out, "1 (100%)") {
			t.Fatalf("%v\n%s", err, out)
		}
	})
	t.Run("no store", func(t *testing.T) {
		_, _, err := run(t, "", "feedback", "report")
		if err == nil || !strings.Contains(err.Error(), "--store-url") {
			t.Fatalf("err %v", err)
		}
	})
	t.Run("unreachable PostgreSQL", func(t *testing.T) {
		t.Setenv("STYLIST_STORE__CONNECT_TIMEOUT", "1s")
		_, _, err := run(t, "", "feedback", "report", "--store", path, "--store-url", "postgres://stylist:s3cret@127.0.0.1:1/stylist")
		if err == nil {
			t.Fatal("no error")
		}
		msg := err.Error()
		if !strings.Contains(msg, "store.url") || !strings.Contains(msg, "stylist:xxxxx@127.0.0.1:1") || strings.Contains(msg, "s3cret") {
			t.Fatalf("err %q: want store.url named, the password redacted", msg)
		}
	})
}
