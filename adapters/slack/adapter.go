package slackadapter

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/slack-go/slack"

	"github.com/stylistbot/stylist/bot"
	"github.com/stylistbot/stylist/internal/ttlset"
)

// Interface checks.
var _ bot.Adapter = (*Adapter)(nil)

// Sentinel errors.
var (
	// ErrAlreadyStarted is returned by a second call to Start.
	ErrAlreadyStarted = errors.New("slack: adapter already started")
	// ErrNoUser is returned when an ephemeral message has no user to show it to.
	ErrNoUser = errors.New("slack: ephemeral message needs a user")
)

// Defaults of the adapter's bounded memories.
const (
	defaultEventTTL    = 15 * time.Minute // Slack retries an event after ~0s, 1 min and 5 min; signatures expire after 5 min
	defaultEventMax    = 50000
	defaultThreadTTL   = 24 * time.Hour
	defaultThreadMax   = 10000
	defaultMaxBody     = 1 << 20 // HTTP request bodies (interactivity payloads carry the whole message)
	defaultRetries     = 4       // attempts per Web API call when Slack answers 429
	defaultMaxWait     = 30 * time.Second
	defaultAuthTimeout = 15 * time.Second
	defaultAuthBackoff = time.Second // first wait after a failed auth.test
	maxAuthBackoff     = time.Minute
)

// Adapter is the Slack platform adapter. Create it with New, then Start it; in
// http mode also mount HTTPHandler on the caller's listener.
type Adapter struct {
	cfg         Config
	log         *slog.Logger
	api         *slack.Client
	httpClient  *http.Client
	seen        KeySet // inbound deliveries already accepted (event_id, trigger_id): replays are handled once
	threads     KeySet // channel/thread_ts of threads the bot takes part in
	durableAck  bool   // replica mode: a slash command or (http mode) an event is a stored job before it is acknowledged
	ident       atomic.Pointer[identity]
	authErr     atomic.Pointer[error] // last auth.test failure while not ready
	authBackoff time.Duration
	retries     int
	maxWait     time.Duration
	sleep       func(ctx context.Context, d time.Duration) error
	maxBody     int64

	mu      sync.Mutex
	handler bot.Handler // set once Start identified the bot
	ctx     context.Context
	cancel  context.CancelFunc
	started bool
	stopped bool
	done    chan struct{}
	ready   chan struct{}  // closed once Start identified the bot and accepts requests
	work    sync.WaitGroup // inbound processing goroutines
}

// identity is who the bot is in the workspace (from auth.test).
type identity struct {
	UserID string // bot user id, e.g. U0123 (mentions look like <@U0123>)
	BotID  string // bot id, e.g. B0123 (set on messages the bot posts)
	TeamID string
}

// Option customises an Adapter.
type Option func(*Adapter)

// WithHTTPClient sets the HTTP client for Web API and response_url calls.
func WithHTTPClient(c *http.Client) Option { return func(a *Adapter) { a.httpClient = c } }

// WithRetry sets how many attempts a Web API call gets when Slack answers 429 and
// the longest single wait; attempts < 1 means 1.
func WithRetry(attempts int, maxWait time.Duration) Option {
	return func(a *Adapter) { a.retries, a.maxWait = max(attempts, 1), maxWait }
}

// WithThreadMemory bounds the record of threads the bot started (used to recognise
// follow-ups); match it to the core's history TTL.
func WithThreadMemory(ttl time.Duration, maxThreads int) Option {
	return func(a *Adapter) {
		if ttl > 0 && maxThreads > 0 {
			a.threads = ttlset.New(ttl, maxThreads)
		}
	}
}

// KeySet is the adapter's memory of accepted deliveries and of the threads the
// bot takes part in: an internal/ttlset.Set in this process by default, keys in
// the database shared by every replica when several run (store/cluster.Keys).
type KeySet interface {
	// Add inserts key and reports whether it was absent.
	Add(key string) bool
	// Has reports whether key is present.
	Has(key string) bool
}

// WithSharedMemory replaces the adapter's in-process memories with sets shared
// by the replicas of a deployment: seen de-duplicates Slack's retries and
// replays whichever replica receives them, threads lets any replica recognise a
// follow-up in a thread another replica started.
func WithSharedMemory(seen, threads KeySet) Option {
	return func(a *Adapter) {
		if seen != nil {
			a.seen = seen
			a.durableAck = true
		}
		if threads != nil {
			a.threads = threads
		}
	}
}

// WithAuthBackoff sets the first wait after a failed auth.test at start (it
// doubles up to a minute); d <= 0 keeps the default of one second.
func WithAuthBackoff(d time.Duration) Option {
	return func(a *Adapter) {
		if d > 0 {
			a.authBackoff = d
		}
	}
}

// WithMaxBodyBytes caps the size of HTTP request bodies accepted in http mode.
func WithMaxBodyBytes(n int64) Option {
	return func(a *Adapter) {
		if n > 0 {
			a.maxBody = n
		}
	}
}

// New validates cfg and builds an adapter; it does not touch the network.
func New(cfg Config, logger *slog.Logger, opts ...Option) (*Adapter, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	a := &Adapter{
		cfg:         cfg,
		log:         logger,
		httpClient:  &http.Client{Timeout: 30 * time.Second},
		seen:        ttlset.New(defaultEventTTL, defaultEventMax),
		threads:     ttlset.New(defaultThreadTTL, defaultThreadMax),
		retries:     defaultRetries,
		maxWait:     defaultMaxWait,
		sleep:       sleepCtx,
		maxBody:     defaultMaxBody,
		authBackoff: defaultAuthBackoff,
		done:        make(chan struct{}),
		ready:       make(chan struct{}),
	}
	for _, o := range opts {
		o(a)
	}
	apiOpts := []slack.Option{slack.OptionHTTPClient(a.httpClient)}
	if u := cfg.apiURL(); u != "" {
		apiOpts = append(apiOpts, slack.OptionAPIURL(u))
	}
	if cfg.Mode == ModeSocket {
		apiOpts = append(apiOpts, slack.OptionAppLevelToken(cfg.AppToken))
	}
	a.api = slack.New(cfg.BotToken, apiOpts...)
	return a, nil
}

// Name returns bot.PlatformSlack.
func (a *Adapter) Name() bot.Platform { return bot.PlatformSlack }

// Start identifies the bot (auth.test, retried with backoff while it fails: Slack
// being down or the token being refused never ends Start, and Status reports
// why the adapter is not ready yet), then delivers inbound requests to h until
// ctx ends or Stop is called. In socket mode it runs the Socket Mode connection
// (slack-go reconnects on its own); in http mode it only enables HTTPHandler and
// waits. It returns nil on a normal stop.
func (a *Adapter) Start(ctx context.Context, h bot.Handler) error {
	if h == nil {
		return errors.New("slack: Start: nil handler")
	}
	a.mu.Lock()
	switch {
	case a.stopped:
		a.mu.Unlock()
		return bot.ErrStopped
	case a.started:
		a.mu.Unlock()
		return ErrAlreadyStarted
	}
	a.started = true
	runCtx, cancel := context.WithCancel(ctx)
	a.ctx, a.cancel = runCtx, cancel
	a.mu.Unlock()
	defer close(a.done)
	defer cancel()

	if err := a.identifyWithRetry(runCtx); err != nil {
		return nil // only ends when the adapter stops
	}
	a.mu.Lock()
	a.handler = h
	a.mu.Unlock()
	close(a.ready)
	id := a.ident.Load()
	a.log.Info("slack adapter started", "mode", a.cfg.Mode, "bot_user", id.UserID, "team", id.TeamID)
	if a.cfg.Mode == ModeHTTP {
		<-runCtx.Done()
		return nil
	}
	return a.runSocket(runCtx)
}

// Ready is closed once Start has identified the bot and inbound requests are
// handled (in socket mode the WebSocket may still be connecting).
func (a *Adapter) Ready() <-chan struct{} { return a.ready }

// Stop disconnects and waits (bounded by ctx) for inbound processing to finish.
func (a *Adapter) Stop(ctx context.Context) error {
	a.mu.Lock()
	a.stopped = true
	started, cancel := a.started, a.cancel
	a.handler = nil
	a.mu.Unlock()
	if !started {
		return nil
	}
	cancel()
	idle := make(chan struct{})
	go func() {
		<-a.done
		a.work.Wait()
		close(idle)
	}()
	select {
	case <-idle:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Status reports whether the adapter serves: nil once auth.test identified the
// bot, else why not (still starting, or the last auth.test error and when it is
// retried). It never blocks; `stylist serve` shows it in /readyz.
func (a *Adapter) Status() error {
	select {
	case <-a.ready:
		return nil
	default:
	}
	if err := a.authErr.Load(); err != nil {
		return *err
	}
	return errors.New("starting: auth.test pending")
}

// identifyWithRetry calls identify until it succeeds, waiting between attempts
// (authBackoff, doubling up to maxAuthBackoff); it returns only ctx's error.
func (a *Adapter) identifyWithRetry(ctx context.Context) error {
	wait := a.authBackoff
	for attempt := 1; ; attempt++ {
		err := a.identify(ctx)
		if err == nil {
			a.authErr.Store(nil)
			if attempt > 1 {
				a.log.Info("slack: auth.test succeeded", "attempt", attempt)
			}
			return nil
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		werr := fmt.Errorf("%w (attempt %d, retrying in %s)", err, attempt, wait)
		a.authErr.Store(&werr)
		a.log.Error("slack: not ready: auth.test failed; Slack requests are refused until it succeeds", "err", err, "attempt", attempt, "retry_in", wait)
		if err := a.sleep(ctx, wait); err != nil {
			return err
		}
		wait = min(2*wait, maxAuthBackoff)
	}
}

// identify calls auth.test to learn the bot's user id, bot id and team.
func (a *Adapter) identify(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, defaultAuthTimeout)
	defer cancel()
	var resp *slack.AuthTestResponse
	err := a.call(ctx, "auth.test", func(ctx context.Context) (err error) {
		resp, err = a.api.AuthTestContext(ctx)
		return err
	})
	if err != nil {
		return fmt.Errorf("slack: auth.test: %w", err)
	}
	a.ident.Store(&identity{UserID: resp.UserID, BotID: resp.BotID, TeamID: resp.TeamID})
	return nil
}

// running returns the handler and base context, or ok=false before Start
// identified the bot or after Stop.
func (a *Adapter) running() (bot.Handler, context.Context, bool) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.handler == nil || a.ctx.Err() != nil {
		return nil, nil, false
	}
	return a.handler, a.ctx, true
}

// identity returns the bot's identity (zero before Start).
func (a *Adapter) identity() identity {
	if id := a.ident.Load(); id != nil {
		return *id
	}
	return identity{}
}

// goWork runs fn in a tracked goroutine that cannot crash the process; after
// Stop it does nothing and reports false.
func (a *Adapter) goWork(name string, fn func()) bool {
	a.mu.Lock()
	if a.stopped {
		a.mu.Unlock()
		return false
	}
	a.work.Add(1)
	a.mu.Unlock()
	go func() {
		defer a.work.Done()
		defer func() {
			if p := recover(); p != nil {
				a.log.Error("slack: panic while handling inbound request", "what", name, "panic", p)
			}
		}()
		fn()
	}()
	return true
}
