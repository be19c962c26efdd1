// Command pgcluster runs a throwaway PostgreSQL cluster until it is interrupted:
// scripts/test.sh starts it once for the whole suite and exports its URL as
// STYLIST_TEST_PG_URL, so each test package does not start its own.
//
//	go run ./internal/pgtest/pgcluster -dir DIR -url-file FILE
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/stylistbot/stylist/internal/pgtest"
)

func main() {
	dir := flag.String("dir", "", "data directory (created; must be empty)")
	urlFile := flag.String("url-file", "", "write the superuser URL here once the server is ready")
	flag.Parse()
	if *dir == "" || *urlFile == "" {
		fmt.Fprintln(os.Stderr, "pgcluster: -dir and -url-file are required")
		os.Exit(2)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	c, err := pgtest.Start(ctx, *dir)
	cancel()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if err := os.WriteFile(*urlFile, []byte(c.URL+"\n"), 0o644); err != nil {
		c.Stop()
		fmt.Fprintln(os.Stderr, "pgcluster:", err)
		os.Exit(1)
	}
	fmt.Fprintln(os.Stderr, "pgcluster: ready:", c.Describe())
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	go func() { <-sig; c.Stop() }()
	if err := c.Wait(); err != nil {
		fmt.Fprintln(os.Stderr, "pgcluster: server exited:", err)
	}
}
