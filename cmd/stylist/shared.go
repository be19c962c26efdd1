package main

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	discordadapter "github.com/stylistbot/stylist/adapters/discord"
	slackadapter "github.com/stylistbot/stylist/adapters/slack"
	"github.com/stylistbot/stylist/bot"
	"github.com/stylistbot/stylist/internal/glue"
	"github.com/stylistbot/stylist/store/cluster"
)

// Lifetimes of the shared de-duplication keys: Slack retries an event for
// about 5 minutes and a signed request is valid for 5; a Discord interaction
// token lives 15 minutes.
const (
	slackKeyTTL   = 15 * time.Minute
	discordKeyTTL = 20 * time.Minute
)

// jobLease is how long a durable job stays with a replica that stopped
// extending its lease (it died): then another replica takes it over.
var jobLease = 15 * time.Second

// sharedState is what this replica shares with the others when the store is
// PostgreSQL (store.url): the durable work queue, rate buckets and the
// adapters' de-duplication keys. It is nil on a single box (bbolt).
type sharedState struct {
	pool  *pgxpool.Pool
	queue *cluster.Queue
}

// openShared starts the shared queue on the store's pool (nil pool: single box)
// and returns the core's option for it; the queue's lease keeper stops with rt.
func (a *app) openShared(rt *runtime, pool *pgxpool.Pool) []bot.Option {
	if pool == nil {
		return nil
	}
	host, _ := os.Hostname()
	q := cluster.NewQueue(pool, cluster.Options{Owner: fmt.Sprintf("%s/%d", host, os.Getpid()), Lease: jobLease,
		Logger: a.log.With("component", "queue")})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); q.Run(ctx) }()
	rt.closers = append(rt.closers, func() { cancel(); <-done })
	rt.shared = &sharedState{pool: pool, queue: q}
	a.log.Info("replica mode: durable work queue, shared rate limits and de-duplication on PostgreSQL", "replica", q.Owner(), "lease", jobLease)
	return []bot.Option{bot.WithShared(bot.Shared{Queue: glue.Queue{Q: q}, Limits: cluster.NewBuckets(pool)})}
}

// slackOptions are the Slack adapter's options for shared state.
func (s *sharedState) slackOptions(historyTTL time.Duration) []slackadapter.Option {
	if s == nil {
		return nil
	}
	return []slackadapter.Option{slackadapter.WithSharedMemory(
		cluster.NewKeys(s.pool, "slack:", slackKeyTTL, nil), cluster.NewKeys(s.pool, "slack-thread:", historyTTL, nil))}
}

// discordOptions are the Discord adapter's options for shared state.
func (s *sharedState) discordOptions() []discordadapter.Option {
	if s == nil {
		return nil
	}
	return []discordadapter.Option{discordadapter.WithDeduper(cluster.NewKeys(s.pool, "discord:", discordKeyTTL, nil))}
}

// runJobs makes this replica take durable jobs for the adapters that can
// rebuild a delivery (nothing on a single box).
func (rt *runtime) runJobs(ctx context.Context, adapters []bot.Adapter) {
	if rt.shared == nil {
		return
	}
	var rds []bot.Redeliverer
	for _, ad := range adapters {
		if rd, ok := ad.(bot.Redeliverer); ok {
			rds = append(rds, rd)
		}
	}
	rt.core.RunJobs(ctx, rds...)
}
