package store

import (
	"path/filepath"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stylistbot/stylist/history"
	"github.com/stylistbot/stylist/internal/pgtest"
)

// benchStores runs fn on a fresh bbolt store and a fresh PostgreSQL store.
func benchStores(b *testing.B, fn func(b *testing.B, s *Store)) {
	for _, backend := range []string{"bbolt", "postgres"} {
		b.Run(backend, func(b *testing.B) {
			cfg := DefaultConfig()
			if backend == "bbolt" {
				cfg.Path = filepath.Join(b.TempDir(), "s.db")
			} else {
				cfg.URL = pgtest.New(b)
			}
			s, err := Open(ctx, cfg, nil)
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			fn(b, s)
		})
	}
}

// BenchmarkAppend is one durable write (a turn appended to a thread): an
// fsynced bbolt transaction, or a PostgreSQL transaction with a row lock.
func BenchmarkAppend(b *testing.B) {
	benchStores(b, func(b *testing.B, s *Store) {
		for i := 0; b.Loop(); i++ {
			if err := s.Append(ctx, "thread-"+strconv.Itoa(i%1000), history.Turn{Query: "red dress", ArticleIDs: []string{"0108775015"}}); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkGet reads a thread's turns.
func BenchmarkGet(b *testing.B) {
	benchStores(b, func(b *testing.B, s *Store) {
		for i := range 10 {
			if err := s.Append(ctx, "t", history.Turn{Query: strconv.Itoa(i), ArticleIDs: []string{"0108775015", "0108775044"}}); err != nil {
				b.Fatal(err)
			}
		}
		for b.Loop() {
			if _, err := s.Get(ctx, "t"); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkReport summarises 10,000 requests and 3,000 votes.
func BenchmarkReport(b *testing.B) {
	benchStores(b, func(b *testing.B, s *Store) {
		at := time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
		conv := testConv{Platform: "slack", Workspace: "T", Channel: "C"}
		if bb, ok := s.be.(*boltBackend); ok {
			bb.db.NoSync = true // setup only: skip 13,000 fsyncs
			defer func() { bb.db.NoSync = false }()
		}
		for i := range 10000 {
			ref := "r" + strconv.Itoa(i)
			if err := s.RecordRequest(ctx, RequestRecord{ReplyRef: ref, Variant: "v" + strconv.Itoa(i%3), Latency: time.Duration(i) * time.Millisecond, At: at.Add(time.Duration(i) * time.Second)}); err != nil {
				b.Fatal(err)
			}
			if i%10 < 3 {
				if err := s.RecordFeedback(ctx, Vote{ReplyRef: ref, Platform: conv.Platform, Workspace: conv.Workspace, Channel: conv.Channel, User: "U" + strconv.Itoa(i), Helpful: i%2 == 0, At: at.Add(time.Duration(i) * time.Second)}); err != nil {
					b.Fatal(err)
				}
			}
		}
		if bb, ok := s.be.(*boltBackend); ok {
			bb.db.NoSync = false
		}
		for b.Loop() {
			if _, err := s.Report(ctx, time.Time{}); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkRecordFeedback is one durable vote, 8 voters at once (bbolt batches
// concurrent votes into one fsync; PostgreSQL commits each upsert).
func BenchmarkRecordFeedback(b *testing.B) {
	benchStores(b, func(b *testing.B, s *Store) {
		b.SetParallelism(8)
		var n atomic.Int64
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				i := n.Add(1)
				if err := s.RecordFeedback(ctx, Vote{ReplyRef: "r" + strconv.FormatInt(i%5000, 10), Platform: "slack", User: "U" + strconv.FormatInt(i, 10), Helpful: true}); err != nil {
					b.Error(err)
					return
				}
			}
		})
	})
}
