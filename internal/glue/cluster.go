package glue

import (
	"context"
	"errors"

	"github.com/stylistbot/stylist/bot"
	"github.com/stylistbot/stylist/store/cluster"
)

// Queue adapts store/cluster's work queue to the core's JobQueue.
type Queue struct{ Q *cluster.Queue }

var (
	_ bot.JobQueue     = Queue{}
	_ bot.SharedLimits = (*cluster.Buckets)(nil)
)

// Enqueue implements bot.JobQueue; a full queue is bot.ErrBusy.
func (q Queue) Enqueue(ctx context.Context, id string, platform bot.Platform, payload []byte, maxQueued int) error {
	err := q.Q.Enqueue(ctx, id, string(platform), payload, maxQueued)
	if errors.Is(err, cluster.ErrFull) {
		return bot.ErrBusy
	}
	return err
}

// Take implements bot.JobQueue.
func (q Queue) Take(ctx context.Context, platforms []bot.Platform) (bot.Job, context.Context, error) {
	ps := make([]string, len(platforms))
	for i, p := range platforms {
		ps[i] = string(p)
	}
	j, jctx, err := q.Q.Take(ctx, ps)
	if err != nil {
		return bot.Job{}, nil, err
	}
	return bot.Job{ID: j.ID, Payload: j.Payload, Attempt: j.Attempt, Enqueued: j.Enqueued, Reply: j.Reply}, jctx, nil
}

// Claim implements bot.JobQueue.
func (q Queue) Claim(ctx context.Context, id string, reply []byte) (bool, error) {
	return q.Q.Claim(ctx, id, reply)
}

// Done implements bot.JobQueue.
func (q Queue) Done(ctx context.Context, id string) error { return q.Q.Done(ctx, id) }

// Release implements bot.JobQueue.
func (q Queue) Release(ctx context.Context, id string) error { return q.Q.Release(ctx, id) }
