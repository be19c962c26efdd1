// Package discordadapter connects the stylist to Discord: slash commands and feedback
// buttons (gateway or HTTP interactions endpoint), mentions answered in threads, DMs.
package discordadapter

import (
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/stylistbot/stylist/bot"
	"github.com/stylistbot/stylist/internal/replay"
	"github.com/stylistbot/stylist/internal/ttlset"
)

// Adapter is the Discord bot.Adapter.
type Adapter struct {
	cfg    Config
	log    *slog.Logger
	s      *discordgo.Session // REST calls (the first shard's session)
	shards []*shard           // gateway mode: one session per shard this process runs
	pubKey ed25519.PublicKey
	now    func() time.Time

	mu      sync.RWMutex
	h       bot.Handler
	baseCtx context.Context
	botID   string
	appID   string

	stopOnce sync.Once
	stopped  chan struct{}

	channels channelCache // channels and threads resolved or created
	seen     Deduper      // interaction and message ids already handled: replays are handled once
	// durableAck (replica mode, a shared Deduper): a slash command is handed to
	// the core, which stores it as a job, before it is acknowledged.
	durableAck bool
	openWait   time.Duration         // first wait after a failed gateway open (doubles up to maxOpenWait)
	status     atomic.Pointer[error] // adapter lifecycle ("starting", "stopped"); nil = see the shards
}

// Bounds of the record of handled interaction and message ids. Discord does not
// redeliver after 15 minutes (an interaction token's life); a replayed HTTP
// interaction also needs a signature timestamp within MaxClockSkew.
const (
	seenTTL = 20 * time.Minute
	seenMax = 50000
)

var (
	_ bot.Adapter = (*Adapter)(nil)
)

// Option customises an Adapter.
type Option func(*Adapter)

// WithHTTPClient sets the HTTP client of the discordgo sessions (all REST calls and
// every shard's gateway URL lookup go through it); tests point it at an httptest server.
func WithHTTPClient(c *http.Client) Option {
	return func(a *Adapter) {
		if c != nil {
			a.s.Client = c
		}
	}
}

// WithClock replaces time.Now (signature timestamps, token expiry).
func WithClock(now func() time.Time) Option {
	return func(a *Adapter) {
		if now != nil {
			a.now = now
		}
	}
}

// Deduper remembers the deliveries already handled: an internal/ttlset.Set in
// this process by default, keys in the database shared by every replica when
// several run (store/cluster.Keys).
type Deduper interface {
	// Add inserts key and reports whether it was absent.
	Add(key string) bool
}

// WithDeduper replaces the adapter's in-process record of handled interaction
// and message ids (a replayed interaction reaching another replica is then
// handled once too).
func WithDeduper(d Deduper) Option {
	return func(a *Adapter) {
		if d != nil {
			a.seen = d
			a.durableAck = true
		}
	}
}

// New builds an adapter; it does not connect until Start. In gateway mode it
// prepares one discordgo session per shard of cfg.Shards(); REST calls go through
// the first one.
func New(cfg Config, logger *slog.Logger, opts ...Option) (*Adapter, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if logger == nil {
		logger = slog.Default()
	}
	token := strings.TrimSpace(cfg.Token)
	if token != "" && !strings.HasPrefix(token, "Bot ") && !strings.HasPrefix(token, "Bearer ") {
		token = "Bot " + token
	}
	a := &Adapter{
		cfg: cfg, log: logger.With("adapter", "discord"), now: time.Now,
		appID: cfg.ApplicationID, stopped: make(chan struct{}),
		seen: ttlset.New(max(seenTTL, cfg.MaxClockSkew+time.Minute), seenMax), openWait: time.Second,
	}
	ids := []int{0} // http mode: one session for REST, no gateway
	if cfg.Mode == ModeGateway {
		ids = cfg.Shards()
	}
	for _, id := range ids {
		s, err := discordgo.New(token)
		if err != nil {
			return nil, fmt.Errorf("discord: session: %w", err)
		}
		s.ShouldReconnectOnError = true
		s.ShouldRetryOnRateLimit = false // retried in call(), bounded by ctx
		s.ShardID, s.ShardCount = id, cfg.ShardCount
		s.Identify.Intents = Intents(cfg)
		s.LogLevel = discordgo.LogError
		a.shards = append(a.shards, newShard(id, s))
	}
	a.s = a.shards[0].s
	if cfg.Mode != ModeGateway {
		a.shards = nil
	}
	a.setStatus(errors.New("starting"))
	if cfg.PublicKey != "" {
		k, _ := hex.DecodeString(cfg.PublicKey) // checked by Validate
		a.pubKey = ed25519.PublicKey(k)
	}
	for _, o := range opts {
		o(a)
	}
	if cfg.APIURL != "" {
		u, _ := url.Parse(cfg.APIURL) // checked by Validate
		a.s.Client = withBaseURL(a.s.Client, u)
	}
	for _, sh := range a.shards { // every shard looks up the gateway through the same client
		sh.s.Client = a.s.Client
	}
	return a, nil
}

// Intents returns the gateway intents the configuration needs: guilds, guild messages and
// DMs, plus the privileged MESSAGE_CONTENT intent when MessageContentIntent is set.
func Intents(cfg Config) discordgo.Intent {
	i := discordgo.IntentsGuilds | discordgo.IntentsGuildMessages | discordgo.IntentsDirectMessages
	if cfg.MessageContentIntent {
		i |= discordgo.IntentsMessageContent
	}
	return i
}

// Name implements bot.Adapter.
func (a *Adapter) Name() bot.Platform { return bot.PlatformDiscord }

// Session exposes the discordgo session REST calls go through (in gateway mode the
// first shard's; for diagnostics).
func (a *Adapter) Session() *discordgo.Session { return a.s }

// Start implements bot.Adapter: in gateway mode it opens the websocket (retried with
// backoff while Discord cannot be reached; Start does not fail for it); in both modes
// it registers the slash commands when they differ, then serves until ctx ends or Stop.
func (a *Adapter) Start(ctx context.Context, h bot.Handler) error {
	if h == nil {
		return fmt.Errorf("discord: Start: nil handler")
	}
	base, cancel := context.WithCancel(context.WithoutCancel(ctx))
	defer cancel()
	a.attach(h, base)
	if a.cfg.Mode != ModeGateway {
		a.setStatus(nil) // interactions are served from here on
	}

	if a.cfg.Mode == ModeGateway {
		a.setStatus(nil) // from here on Status reports the shards
		if !a.openShards(ctx) {
			a.setStatus(errors.New("stopped"))
			a.closeShards()
			return nil // stopped before every shard opened
		}
		defer a.closeShards()
	}
	if a.cfg.RegisterCommands && a.cfg.Token != "" && a.runsShardZero() { // one process registers for all
		rctx, rcancel := context.WithTimeout(ctx, 30*time.Second)
		if err := a.RegisterCommands(rctx); err != nil {
			a.log.Error("slash command registration failed; existing commands stay as they are", "err", err)
		}
		rcancel()
	}
	select {
	case <-ctx.Done():
	case <-a.stopped:
	}
	a.setStatus(errors.New("stopped"))
	a.stopOnce.Do(func() { close(a.stopped) }) // the deferred Close is not a failure
	return nil
}

// Stop implements bot.Adapter; it closes the gateway and ends Start, waiting at most until ctx ends.
func (a *Adapter) Stop(ctx context.Context) error {
	a.stopOnce.Do(func() { close(a.stopped) })
	if a.cfg.Mode != ModeGateway {
		return nil
	}
	done := make(chan error, 1)
	go func() { done <- a.closeShards() }() // discordgo waits up to 1 s for each close handshake
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (a *Adapter) isStopped() bool {
	select {
	case <-a.stopped:
		return true
	default:
		return false
	}
}

// attach installs the core handler and the context inbound requests are handled under.
func (a *Adapter) attach(h bot.Handler, base context.Context) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.h, a.baseCtx = h, base
}

// learnIdentity reads the bot user and application ids from a shard's READY payload.
func (a *Adapter) learnIdentity(s *discordgo.Session) {
	s.State.RLock()
	r := s.State.Ready
	s.State.RUnlock()
	a.mu.Lock()
	defer a.mu.Unlock()
	if r.User != nil {
		a.botID = r.User.ID
	}
	if a.appID == "" && r.Application != nil {
		a.appID = r.Application.ID
	}
	if a.appID == "" {
		a.appID = a.botID // for bot applications the ids coincide
	}
}

func (a *Adapter) botUserID() string {
	a.mu.RLock()
	defer a.mu.RUnlock()
	return a.botID
}

func (a *Adapter) applicationID() string {
	a.mu.RLock()
	defer a.mu.RUnlock()
	return a.appID
}

// handler returns the core handler and the adapter's lifetime context, or ErrNotStarted.
func (a *Adapter) handler() (bot.Handler, context.Context, error) {
	a.mu.RLock()
	defer a.mu.RUnlock()
	if a.h == nil {
		return nil, nil, ErrNotStarted
	}
	return a.h, a.baseCtx, nil
}

// firstDelivery reports whether kind/id is handled for the first time; a replay
// (the same interaction or message id again) is acknowledged and otherwise ignored.
func (a *Adapter) firstDelivery(kind, id string) bool {
	if replay.First(a.seen, kind, id) {
		return true
	}
	a.log.Debug("replayed delivery ignored", "kind", kind, "id", id)
	return false
}

// claimDelivery is firstDelivery for a delivery that becomes a job whose id is
// the delivery's id (the request's ID): handled must be called once the core
// took the request (Handle returned); see replay.Claim.
func (a *Adapter) claimDelivery(kind, id string) (first bool, handled func()) {
	if first, handled = replay.Claim(a.seen, kind, id); !first {
		a.log.Debug("replayed delivery ignored", "kind", kind, "id", id)
	}
	return first, handled
}

// maxOpenWait caps the wait between attempts to open the gateway.
const maxOpenWait = time.Minute

// openGateway opens one shard's gateway connection, retrying with backoff while it
// fails (Discord down, a network outage): the service and the other platforms keep
// running, and Status says why Discord is not ready. It reports false when ctx
// ended or Stop was called first.
func (a *Adapter) openGateway(ctx context.Context, sh *shard) bool {
	wait := a.openWait
	for attempt := 1; ; attempt++ {
		err := sh.s.Open()
		if err == nil {
			if attempt > 1 {
				a.log.Info("gateway opened", "shard", sh.id, "attempt", attempt)
			}
			return true
		}
		sh.setStatus(fmt.Errorf("open gateway: %w (attempt %d, retrying in %s)", err, attempt, wait))
		a.log.Error("not ready: could not open the gateway; retrying", "shard", sh.id, "err", err, "attempt", attempt, "retry_in", wait)
		if !a.sleep(ctx, wait) {
			return false
		}
		wait = min(2*wait, maxOpenWait)
	}
}

// sleep waits d; it reports false when ctx ended or Stop was called first.
func (a *Adapter) sleep(ctx context.Context, d time.Duration) bool {
	if d <= 0 {
		return !a.isStopped() && ctx.Err() == nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-a.stopped:
		return false
	case <-t.C:
		return true
	}
}

// Status reports whether the adapter serves: nil once started (in gateway mode:
// every shard of this process connected), else why not ("starting", "gateway
// disconnected; reconnecting", prefixed with "shard N: " when there are several).
// It never blocks; `stylist serve` shows it in /readyz.
func (a *Adapter) Status() error {
	if p := a.status.Load(); p != nil {
		return *p
	}
	return a.shardStatus()
}

func (a *Adapter) setStatus(err error) {
	if err == nil {
		a.status.Store(nil)
		return
	}
	a.status.Store(&err)
}
