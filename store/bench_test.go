package store

import (
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/stylistbot/stylist/history"
)

// BenchmarkAppend is one fsynced write transaction (a turn appended to a thread).
func BenchmarkAppend(b *testing.B) {
	s, err := Open(ctx, testConfig(filepath.Join(b.TempDir(), "s.db")), nil)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	for i := 0; b.Loop(); i++ {
		if err := s.Append(ctx, "thread-"+strconv.Itoa(i%1000), history.Turn{Query: "red dress", ArticleIDs: []string{"0108775015"}}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkGet reads a thread's turns.
func BenchmarkGet(b *testing.B) {
	s, err := Open(ctx, testConfig(filepath.Join(b.TempDir(), "s.db")), nil)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
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
}

// BenchmarkReport summarises 10,000 requests and 3,000 votes.
func BenchmarkReport(b *testing.B) {
	s, err := Open(ctx, testConfig(filepath.Join(b.TempDir(), "s.db")), nil)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	at := time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
	conv := testConv{Platform: "slack", Workspace: "T", Channel: "C"}
	s.be.(*boltBackend).db.NoSync = true // setup only: skip 13,000 fsyncs
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
	s.be.(*boltBackend).db.NoSync = false
	for b.Loop() {
		if _, err := s.Report(ctx, time.Time{}); err != nil {
			b.Fatal(err)
		}
	}
}
