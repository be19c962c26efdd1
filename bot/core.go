package bot

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

// Core is the platform-neutral bot: it routes requests, enforces limits, runs
// recommendations on a bounded pool and delivers exactly one final reply per request.
type Core struct {
	cfg   atomic.Pointer[Config]
	cfgMu sync.Mutex // serializes SetConfig

	rec     Recommender
	turns   TurnStore
	log     *slog.Logger
	obs     Observer
	fb      FeedbackRecorder
	mod     Moderator
	answers AnswerRecorder
	variant VariantFunc
	lim     *limiter
	pool    *pool
	fbs     *feedbackState
	now     func() time.Time

	base       context.Context // cancelled (cause ErrStopped) when Shutdown gives up draining
	cancelBase context.CancelCauseFunc

	shared     Shared                   // replicas on PostgreSQL (WithShared); zero on a single box
	jobsMu     sync.Mutex               // guards redeliver
	redeliver  map[Platform]Redeliverer // adapters that rebuild a job's delivery (RunJobs)
	jobs       jobWorkers               // the workers taking durable jobs (RunJobs), bot.workers of them
	taking     context.Context          // ends when Shutdown begins: no more jobs are taken
	stopTaking context.CancelFunc

	trackMu  sync.Mutex
	stopping bool
	inflight int           // accepted requests whose final reply is not yet delivered
	allDone  chan struct{} // closed when stopping && inflight == 0
	stopOnce sync.Once
}

var _ Handler = (*Core)(nil)

// Option customises a Core.
type Option func(*Core)

// WithObserver sets the metrics observer (default NopObserver).
func WithObserver(o Observer) Option { return func(c *Core) { c.obs = o } }

// WithFeedbackRecorder sets where feedback votes go (default: logged only).
func WithFeedbackRecorder(f FeedbackRecorder) Option { return func(c *Core) { c.fb = f } }

// New returns a running core. An invalid cfg is replaced by DefaultConfig (and
// logged); validate it first. A nil turns uses an in-memory store sized by cfg,
// a nil logger discards logs.
func New(cfg Config, rec Recommender, turns TurnStore, logger *slog.Logger, opts ...Option) *Core {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	if err := cfg.Validate(); err != nil {
		logger.Error("invalid bot config, using defaults", "err", err)
		cfg = DefaultConfig()
	}
	cfg.AllowedChannels = slices.Clone(cfg.AllowedChannels)
	if turns == nil {
		turns = NewMemoryTurns(cfg.HistoryTTL, cfg.HistoryMaxThreads, cfg.HistoryMaxTurns)
	}
	c := &Core{rec: rec, turns: turns, log: logger, obs: NopObserver{}, now: time.Now, allDone: make(chan struct{})}
	for _, o := range opts {
		o(c)
	}
	if c.obs == nil {
		c.obs = NopObserver{}
	}
	c.cfg.Store(&cfg)
	c.lim = newLimiter(&cfg)
	c.pool = newPool(cfg.Workers, cfg.QueueSize, c.obs.QueueDepth)
	c.fbs = newFeedbackState()
	if s := c.shared.Limits; s != nil {
		c.lim.users.share(s, "user:", logger)
		c.lim.channels.share(s, "channel:", logger)
		c.fbs.users.share(s, "vote:", logger)
	}
	if c.shared.Queue != nil || c.shared.Limits != nil {
		c.fbs.votes = nil // another replica may have changed a vote: always write
	}
	c.redeliver = map[Platform]Redeliverer{}
	c.base, c.cancelBase = context.WithCancelCause(context.Background())
	c.taking, c.stopTaking = context.WithCancel(context.Background())
	return c
}

// Config returns a copy of the current configuration.
func (c *Core) Config() Config {
	cfg := *c.cfg.Load()
	cfg.AllowedChannels = slices.Clone(cfg.AllowedChannels)
	return cfg
}

// SetConfig atomically replaces the configuration; requests already accepted keep
// the one they started with. Limits, pool size, the number of durable-job workers
// and (for MemoryTurns) history caps follow.
func (c *Core) SetConfig(cfg Config) error {
	if err := cfg.Validate(); err != nil {
		return err
	}
	cfg.AllowedChannels = slices.Clone(cfg.AllowedChannels)
	c.cfgMu.Lock()
	defer c.cfgMu.Unlock()
	c.cfg.Store(&cfg)
	c.lim.set(&cfg)
	c.pool.resize(cfg.Workers, cfg.QueueSize)
	c.jobs.resize(cfg.Workers)
	if tl, ok := c.turns.(turnLimiter); ok {
		tl.SetLimits(cfg.HistoryTTL, cfg.HistoryMaxThreads, cfg.HistoryMaxTurns)
	}
	c.log.Info("bot config replaced", "workers", cfg.Workers, "queue", cfg.QueueSize, "timeout", cfg.RequestTimeout)
	return nil
}

// Ready reports whether the core accepts requests (ErrStopped once Shutdown began).
func (c *Core) Ready(context.Context) error {
	c.trackMu.Lock()
	defer c.trackMu.Unlock()
	if c.stopping {
		return ErrStopped
	}
	return nil
}

// Shutdown stops accepting requests (they get code "stopped"), lets accepted ones
// finish for up to DrainTimeout, then cancels the rest and waits until each has
// had its final reply, or until ctx ends (then it returns ctx's error).
func (c *Core) Shutdown(ctx context.Context) error {
	c.stopOnce.Do(func() { go c.stop() })
	select {
	case <-c.allDone:
		return nil
	case <-ctx.Done():
		return fmt.Errorf("bot: shutdown: %w", ctx.Err())
	}
}

func (c *Core) stop() {
	start := c.now()
	drain := c.cfg.Load().DrainTimeout
	c.trackMu.Lock()
	c.stopping = true
	pending := c.inflight
	c.checkDoneLocked()
	c.trackMu.Unlock()
	running, queued := c.pool.stats()
	c.log.Info("bot shutting down", "pending", pending, "running", running, "queued", queued, "drain", drain)

	c.stopTaking()
	idle := c.pool.close()
	drained := make(chan struct{})
	go func() { // the local pool, then durable jobs and everything else in flight
		<-idle
		<-c.allDone
		close(drained)
	}()
	timer := time.NewTimer(drain)
	defer timer.Stop()
	select {
	case <-drained:
		c.log.Info("bot drained", "took", c.now().Sub(start))
	case <-timer.C:
		dropped := c.pool.dropQueued()
		running, _ := c.pool.stats()
		c.cancelBase(ErrStopped)
		c.log.Warn("bot drain timeout, cancelling", "cancelled_running", running, "dropped_queued", dropped)
	}
	<-c.allDone
	c.cancelBase(ErrStopped)
	c.log.Info("bot stopped", "took", c.now().Sub(start))
}

// track registers an accepted request; it fails once Shutdown began.
func (c *Core) track() bool {
	c.trackMu.Lock()
	defer c.trackMu.Unlock()
	if c.stopping {
		return false
	}
	c.inflight++
	return true
}

// untrack marks an accepted request as fully answered.
func (c *Core) untrack() {
	c.trackMu.Lock()
	defer c.trackMu.Unlock()
	c.inflight--
	c.checkDoneLocked()
}

func (c *Core) checkDoneLocked() {
	if c.stopping && c.inflight == 0 {
		select {
		case <-c.allDone:
		default:
			close(c.allDone)
		}
	}
}

// newID returns a short random request id.
func newID() string {
	var b [6]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}
