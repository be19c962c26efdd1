package bot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"
	"time"
)

// Target is where the replies of a request go, as data: the adapter that
// received the request fills Request.ReplyTo with it, and the adapter of any
// replica turns it back into delivery (Redeliverer). Data is the adapter's own
// format (a Slack channel, placeholder ts and response_url; a Discord
// interaction token).
type Target struct {
	Platform Platform        `json:"platform"`
	Data     json.RawMessage `json:"data"`
}

// NewTarget encodes platform p's delivery v (plain data: strings, bools,
// times, which cannot fail to encode) as a Target.
func NewTarget(p Platform, v any) *Target {
	b, err := json.Marshal(v)
	if err != nil {
		panic(fmt.Sprintf("bot: %s reply target: %v", p, err))
	}
	return &Target{Platform: p, Data: b}
}

// Decode checks that t is platform p's and decodes its data into v.
func (t Target) Decode(p Platform, v any) error {
	if t.Platform != p {
		return fmt.Errorf("%s: cannot deliver to platform %q", p, t.Platform)
	}
	if err := json.Unmarshal(t.Data, v); err != nil {
		return fmt.Errorf("%s: reply target: %w", p, err)
	}
	return nil
}

// Redeliverer is implemented by adapters whose replies any replica can deliver:
// Redeliver rebuilds the ReplyFunc of a request from its Target. Delivering the
// final reply again through a rebuilt ReplyFunc must update the same message
// (the placeholder, the interaction's original response), never post a second
// answer: a job whose replica died after answering is delivered again.
type Redeliverer interface {
	Name() Platform
	Redeliver(t Target) (ReplyFunc, error)
}

// Job is one durable request leased to this replica by a JobQueue.
type Job struct {
	ID       string
	Payload  []byte    // as the core enqueued it
	Attempt  int       // 1 on the first lease; more when a replica died holding it
	Enqueued time.Time // when it was stored
	Reply    []byte    // the final reply an earlier attempt claimed (then only redelivered), or nil
}

// JobQueue is the durable queue shared by the replicas of a deployment on
// PostgreSQL (internal/glue adapts store/cluster's queue). An acknowledged
// recommendation is a job in it; any replica's workers take jobs on a lease
// that the queue keeps extending while this replica lives.
type JobQueue interface {
	// Enqueue stores a job; ErrBusy when maxQueued jobs already wait. A known id
	// (a replayed request) is not an error and not a second job.
	Enqueue(ctx context.Context, id string, platform Platform, payload []byte, maxQueued int) error
	// Take waits for a free job of one of platforms and leases it; the returned
	// context ends when the lease is lost or the job is Done or Released.
	Take(ctx context.Context, platforms []Platform) (Job, context.Context, error)
	// Claim stores reply as the job's final reply unless one is stored or the
	// lease was lost: only the first caller wins and may deliver it.
	Claim(ctx context.Context, id string, reply []byte) (bool, error)
	// Done finishes a job whose final reply was delivered.
	Done(ctx context.Context, id string) error
	// Release gives a job back unfinished (shutdown): another replica takes it.
	Release(ctx context.Context, id string) error
}

// Shared is what one core shares with the other replicas of a deployment.
type Shared struct {
	// Queue makes accepted recommendations durable jobs that any replica runs
	// (requests whose adapter sets Request.ReplyTo and was given to RunJobs).
	Queue JobQueue
	// Limits hold the rate limits' buckets (user, channel, votes) for all replicas.
	Limits SharedLimits
}

// WithShared makes the core one replica of several: durable jobs, shared rate
// limits, and no per-process memory of votes (another replica may have changed
// a vote since: every vote is written, the store keeps the latest).
func WithShared(s Shared) Option { return func(c *Core) { c.shared = s } }

// maxJobAttempts is how many leases a job gets; a job whose replica died that
// often while running it (a request that crashes the process) gets an error reply.
const maxJobAttempts = 3

// jobPayload is what a job carries: the request (with its ReplyTo), the query
// the router cleaned, and its times.
type jobPayload struct {
	Request  Request   `json:"request"`
	Query    string    `json:"query"`
	Accepted time.Time `json:"accepted"`
	Deadline time.Time `json:"deadline"`
}

// Durable reports whether req, given a reply target of its platform
// (Request.ReplyTo), becomes a durable job that any replica may answer: replica
// mode, RunJobs was given the adapter of req's platform, and req asks for a
// search (not help, chat, a moderator command, a paused channel or a request
// the policy refuses). Rate limits and the shared queue's size are decided only
// when req is handled. An adapter asks it to decide whether to post a
// placeholder first that the job's final reply then edits; it never answers.
func (c *Core) Durable(req Request) bool {
	if !c.takesJobs(req.Conversation.Platform) {
		return false
	}
	if c.mod != nil && (c.mod.IsCommand(req) || c.mod.Paused(req.Conversation)) {
		return false
	}
	act, _, _, _ := route(c.cfg.Load(), req)
	return act == actRecommend
}

// takesJobs reports whether requests of platform p can become jobs here.
func (c *Core) takesJobs(p Platform) bool {
	if c.shared.Queue == nil {
		return false
	}
	c.jobsMu.Lock()
	defer c.jobsMu.Unlock()
	_, ok := c.redeliver[p]
	return ok
}

// durable reports whether req becomes a job rather than a task of the local pool.
func (c *Core) durable(req Request) bool {
	return req.ReplyTo != nil && req.ReplyTo.Platform == req.Conversation.Platform && c.takesJobs(req.ReplyTo.Platform)
}

// enqueue stores an accepted recommendation as a job; it reports false when the
// queue could not be reached (the caller then runs it on the local pool).
func (c *Core) enqueue(ctx context.Context, cl *call, query string, refund func()) bool {
	p := jobPayload{Request: cl.req, Query: query, Accepted: cl.started, Deadline: cl.started.Add(cl.cfg.RequestTimeout)}
	b, err := json.Marshal(p)
	if err != nil {
		cl.log.Error("request not queued: encode", "err", err)
		return false
	}
	ectx, cancel := context.WithTimeout(context.WithoutCancel(ctx), cl.cfg.ReplyTimeout)
	defer cancel()
	switch err := c.shared.Queue.Enqueue(ectx, cl.req.ID, cl.req.Conversation.Platform, b, cl.cfg.QueueSize+cl.cfg.Workers); {
	case err == nil:
		cl.log.Debug("request queued")
		c.release(cl) // the job, not this process, now owes the final reply
		return true
	case errors.Is(err, ErrBusy):
		refund()
		go c.finish(cl, busyReply(), CodeBusy)
		return true
	default:
		cl.log.Warn("work queue unavailable; answering from this replica", "err", err)
		return false
	}
}

// RunJobs makes this replica take durable jobs of the platforms of rds (their
// adapters rebuild the delivery) on bot.workers workers (SetConfig resizes
// them), until ctx ends or Shutdown begins. Call it once. Without WithShared it
// does nothing.
func (c *Core) RunJobs(ctx context.Context, rds ...Redeliverer) {
	if c.shared.Queue == nil || len(rds) == 0 {
		return
	}
	var platforms []Platform
	c.jobsMu.Lock()
	for _, rd := range rds {
		c.redeliver[rd.Name()] = rd
		platforms = append(platforms, rd.Name())
	}
	c.jobsMu.Unlock()
	ctx, cancel := context.WithCancel(ctx)
	context.AfterFunc(c.taking, cancel)
	c.cfgMu.Lock() // a concurrent SetConfig resizes the workers started here
	defer c.cfgMu.Unlock()
	c.jobs.start(ctx, c.cfg.Load().Workers, func(wctx context.Context) { c.jobLoop(wctx, platforms) })
}

// jobLoop takes and runs jobs until ctx ends (RunJobs ends, or SetConfig
// retires this worker: a job it is running is finished first).
func (c *Core) jobLoop(ctx context.Context, platforms []Platform) {
	for {
		j, jctx, err := c.shared.Queue.Take(ctx, platforms)
		if err != nil {
			return
		}
		if !c.track() {
			c.settle(j.ID, "release", c.shared.Queue.Release)
			return
		}
		c.runJob(j, jctx)
	}
}

// settle calls Done or Release for job id, logging a failure (the lease then
// runs out and another replica delivers the stored reply again).
func (c *Core) settle(id, what string, f func(context.Context, string) error) {
	ctx, cancel := context.WithTimeout(context.Background(), c.cfg.Load().ReplyTimeout)
	defer cancel()
	if err := f(ctx, id); err != nil {
		c.log.Warn("job not settled", "job", id, "what", what, "err", err)
	}
}

// runJob answers one leased job, exactly once across replicas: the final reply
// is claimed in the queue before it is delivered; a job that already has one is
// only delivered again; a job cancelled by Shutdown is released, not answered.
func (c *Core) runJob(j Job, jctx context.Context) {
	var p jobPayload
	log := c.log.With("job", j.ID, "attempt", j.Attempt)
	fn, err := c.jobDelivery(j, &p)
	if err != nil {
		log.Error("job dropped", "err", err)
		c.settle(j.ID, "done", c.shared.Queue.Done)
		c.untrack()
		return
	}
	req := p.Request
	log = log.With("req", req.ID, "platform", string(req.Conversation.Platform), "kind", string(req.Kind))
	if j.Reply != nil {
		c.redeliverJob(j, req, fn, log)
		return
	}
	cfg := c.cfg.Load()
	cl := &call{req: req, cfg: cfg, rp: newReplier(context.Background(), fn, cfg.ReplyTimeout, log, req.ID), log: log,
		started: p.Accepted, deadline: p.Deadline}
	if j.Attempt > maxJobAttempts {
		log.Error("job failed on every attempt; answering with an error")
		c.finish(cl, internalReply(), CodeInternal)
		c.settle(j.ID, "done", c.shared.Queue.Done)
		return
	}
	t := newRecTask(context.Background(), c, cl, p.Query)
	stopLease := context.AfterFunc(jctx, func() { t.cancel(context.Cause(jctx)) })
	defer stopLease()
	claimed := false
	cl.rp.commit = func(rep Reply) bool {
		if errors.Is(context.Cause(t.ctx), ErrStopped) {
			return false // shutting down: another replica answers it
		}
		b, err := json.Marshal(rep)
		if err != nil {
			log.Error("final reply not stored: encode", "err", err)
			claimed = true
			return true
		}
		ctx, cancel := context.WithTimeout(context.Background(), cfg.ReplyTimeout)
		defer cancel()
		won, err := c.shared.Queue.Claim(ctx, j.ID, b)
		if err != nil {
			log.Warn("final reply not stored; delivered anyway", "err", err)
			won = true
		}
		claimed = won
		if !won {
			log.Info("another replica answered this job")
		}
		return won
	}
	if j.Attempt > 1 {
		log.Info("job taken over from a replica whose lease ran out")
	}
	t.run() // releases cl
	switch {
	case claimed:
		c.settle(j.ID, "done", c.shared.Queue.Done)
	case errors.Is(context.Cause(t.ctx), ErrStopped):
		c.settle(j.ID, "release", c.shared.Queue.Release)
	}
}

// jobDelivery decodes the job's payload into p and rebuilds its delivery.
func (c *Core) jobDelivery(j Job, p *jobPayload) (ReplyFunc, error) {
	if err := json.Unmarshal(j.Payload, p); err != nil {
		return nil, fmt.Errorf("decode job: %w", err)
	}
	if p.Request.ReplyTo == nil {
		return nil, errors.New("job without a reply target")
	}
	c.jobsMu.Lock()
	rd := c.redeliver[p.Request.ReplyTo.Platform]
	c.jobsMu.Unlock()
	if rd == nil {
		return nil, fmt.Errorf("no adapter for platform %q on this replica", p.Request.ReplyTo.Platform)
	}
	var fn ReplyFunc
	err := safeCall(func() (err error) { fn, err = rd.Redeliver(*p.Request.ReplyTo); return err })
	if err != nil {
		return nil, fmt.Errorf("rebuild delivery: %w", err)
	}
	return fn, nil
}

// redeliverJob delivers the final reply an earlier attempt stored (its replica
// may have died before or after delivering it: the delivery updates the same
// message either way) and finishes the job.
func (c *Core) redeliverJob(j Job, req Request, fn ReplyFunc, log *slog.Logger) {
	defer c.untrack()
	var rep Reply
	if err := json.Unmarshal(j.Reply, &rep); err != nil {
		log.Error("stored reply unreadable; job dropped", "err", err)
		c.settle(j.ID, "done", c.shared.Queue.Done)
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), c.cfg.Load().ReplyTimeout)
	defer cancel()
	func() {
		defer func() {
			if p := recover(); p != nil {
				log.Error("reply func panicked", "panic", p, "stack", string(debug.Stack()))
			}
		}()
		if err := fn(ctx, rep); err != nil {
			log.Warn("stored reply not delivered", "err", err)
		}
	}()
	log.Info("stored final reply delivered again")
	c.obs.Request(string(req.Conversation.Platform), string(req.Kind), "redelivered", c.now().Sub(j.Enqueued))
	c.settle(j.ID, "done", c.shared.Queue.Done)
}
