// Package moderation implements the moderator commands (/outfit-admin status,
// reload, pause, resume, report), their permission check and the paused-channel
// set the core consults before answering.
package moderation

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/stylistbot/stylist/bot"
	"github.com/stylistbot/stylist/store"
)

// Store persists paused channels and reports feedback; *store.Store implements it.
type Store interface {
	Pause(ctx context.Context, channelKey string, info store.PauseInfo) error
	Resume(ctx context.Context, channelKey string) (bool, error)
	PausedChannels(ctx context.Context) (map[string]store.PauseInfo, error)
	Report(ctx context.Context, since time.Time) ([]store.VariantStats, error)
}

var _ Store = (*store.Store)(nil)

// VariantInfo describes one configured prompt variant for "status".
type VariantInfo struct {
	Name     string
	Template string
	Model    string  // "" = the default model
	Share    float64 // expected share of users, 0..1
}

// Status is what the running service says about its configuration.
type Status struct {
	ConfigHash     string    // configs.Fingerprint of the running config
	LoadedAt       time.Time // when it was loaded
	Seq            int       // 1 = the startup config, +1 per applied reload
	PendingRestart []string  // changed keys that take effect only after a restart
	Variants       []VariantInfo
}

// Deps are the moderator's collaborators; Store is required.
type Deps struct {
	Store Store
	// Reload re-reads the configuration and returns a one-line summary of what
	// changed (e.g. configs.Diff.String()); nil when there is no config file.
	Reload func(ctx context.Context) (string, error)
	// Status describes the running configuration; nil shows statistics only.
	Status func() Status
	Logger *slog.Logger
	Now    func() time.Time
}

// ErrNoStore is returned by New without a Store.
var ErrNoStore = errors.New("moderation: a Store is required")

// Moderator handles moderator commands; it is safe for concurrent use.
type Moderator struct {
	cfg  atomic.Pointer[Config]
	deps Deps
	log  *slog.Logger

	mu     sync.RWMutex
	paused map[string]bool
}

// New loads the paused channels from the store and returns a moderator.
func New(ctx context.Context, cfg Config, deps Deps) (*Moderator, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if deps.Store == nil {
		return nil, ErrNoStore
	}
	if deps.Logger == nil {
		deps.Logger = slog.New(slog.DiscardHandler)
	}
	if deps.Now == nil {
		deps.Now = time.Now
	}
	ps, err := deps.Store.PausedChannels(ctx)
	if err != nil {
		return nil, fmt.Errorf("moderation: %w", err)
	}
	m := &Moderator{deps: deps, log: deps.Logger, paused: map[string]bool{}}
	for k := range ps {
		m.paused[k] = true
	}
	m.cfg.Store(&cfg)
	return m, nil
}

// SetConfig replaces who may moderate (live config reload).
func (m *Moderator) SetConfig(cfg Config) error {
	if err := cfg.Validate(); err != nil {
		return err
	}
	m.cfg.Store(&cfg)
	return nil
}

// Config returns the current configuration.
func (m *Moderator) Config() Config { return *m.cfg.Load() }

// Paused reports whether the bot must stay silent in the channel (see ChannelKey).
func (m *Moderator) Paused(channelKey string) bool {
	m.mu.RLock()
	defer m.mu.RUnlock()
	return m.paused[channelKey]
}

// Allowed reports whether the request's user may run moderator commands.
func (m *Moderator) Allowed(req bot.Request) bool {
	cfg := m.cfg.Load()
	switch req.Conversation.Platform {
	case bot.PlatformConsole:
		return cfg.AllowConsole
	case bot.PlatformSlack:
		return slices.Contains(cfg.SlackUserIDs, req.User) || intersects(cfg.SlackGroupIDs, req.UserRoles)
	case bot.PlatformDiscord:
		return intersects(cfg.DiscordRoleIDs, req.UserRoles)
	}
	return false
}

func intersects(a, b []string) bool {
	for _, x := range b {
		if x != "" && slices.Contains(a, x) {
			return true
		}
	}
	return false
}

// Handle runs one moderator command and returns its (ephemeral) reply. Every
// call is logged with who ran what and the outcome.
func (m *Moderator) Handle(ctx context.Context, req bot.Request) bot.Reply {
	cmd, ok := ParseRequest(req)
	if !ok {
		cmd = Command{Sub: SubHelp}
	}
	action := cmd.Sub
	if action == "" {
		action = SubHelp
	}
	if !m.Allowed(req) {
		m.audit(req, action, "", "refused", nil)
		return refusedReply()
	}
	var (
		rep    bot.Reply
		target string
		err    error
		result = "ok"
	)
	switch action {
	case SubStatus:
		rep, err = m.status(ctx)
	case SubReload:
		rep, err = m.reload(ctx)
	case SubPause, SubResume:
		target = m.target(req, cmd)
		rep, result, err = m.pauseResume(ctx, req, action, target)
	case SubReport:
		rep, err = m.report(ctx, cmd.Args)
	case SubHelp:
		rep = helpReply("")
	default:
		rep, result = helpReply(action), "unknown"
	}
	var ue *usageError
	switch {
	case errors.As(err, &ue):
		result, rep, err = "usage", textReply(ue.msg), nil
	case err != nil:
		result = "error"
		rep = errorReply(action, err)
	}
	m.audit(req, action, target, result, err)
	rep.Ephemeral = true
	return rep
}

func (m *Moderator) audit(req bot.Request, action, target, outcome string, err error) {
	attrs := []any{
		"platform", string(req.Conversation.Platform), "workspace", req.Conversation.Workspace,
		"user", req.User, "channel", req.Conversation.Channel, "action", action, "outcome", outcome,
	}
	if target != "" {
		attrs = append(attrs, "target", target)
	}
	if err != nil {
		attrs = append(attrs, "err", err.Error())
	}
	lvl := slog.LevelInfo
	if outcome == "refused" || outcome == "error" {
		lvl = slog.LevelWarn
	}
	m.log.Log(context.Background(), lvl, "moderator action", attrs...)
}

// target is the channel key a pause/resume applies to: the channel named in the
// first argument (same platform and workspace) or the request's own channel.
func (m *Moderator) target(req bot.Request, cmd Command) string {
	conv := req.Conversation
	if len(cmd.Args) > 0 {
		conv.Channel = channelArg(cmd.Args[0])
	}
	return ChannelKey(conv)
}

func (m *Moderator) pauseResume(ctx context.Context, req bot.Request, action, key string) (bot.Reply, string, error) {
	if action == SubPause {
		if err := m.deps.Store.Pause(ctx, key, store.PauseInfo{By: string(req.Conversation.Platform) + "/" + req.User, At: m.deps.Now()}); err != nil {
			return bot.Reply{}, "", err
		}
		m.setPaused(key, true)
		return textReply(pausedText(key)), "ok", nil
	}
	was, err := m.deps.Store.Resume(ctx, key)
	if err != nil {
		return bot.Reply{}, "", err
	}
	m.setPaused(key, false)
	if !was {
		return textReply(notPausedText(key)), "noop", nil
	}
	return textReply(resumedText(key)), "ok", nil
}

func (m *Moderator) setPaused(key string, on bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if on {
		m.paused[key] = true
	} else {
		delete(m.paused, key)
	}
}

func (m *Moderator) reload(ctx context.Context) (bot.Reply, error) {
	if m.deps.Reload == nil {
		return textReply("Reload is not available: stylist was started without a --config file."), nil
	}
	summary, err := m.deps.Reload(ctx)
	if err != nil {
		return bot.Reply{}, fmt.Errorf("the running configuration is unchanged: %w", err)
	}
	return textReply("Configuration reloaded: " + summary + "."), nil
}

func (m *Moderator) report(ctx context.Context, args []string) (bot.Reply, error) {
	window := m.cfg.Load().ReportWindow
	if len(args) > 0 {
		w, err := parseWindow(args[0])
		if err != nil {
			return bot.Reply{}, err
		}
		window = w
	}
	since := m.deps.Now().Add(-window)
	stats, err := m.deps.Store.Report(ctx, since)
	if err != nil {
		return bot.Reply{}, err
	}
	return textReply(reportText(window, stats)), nil
}

func (m *Moderator) status(ctx context.Context) (bot.Reply, error) {
	window := m.cfg.Load().ReportWindow
	stats, err := m.deps.Store.Report(ctx, m.deps.Now().Add(-window))
	if err != nil {
		return bot.Reply{}, err
	}
	paused, err := m.deps.Store.PausedChannels(ctx)
	if err != nil {
		return bot.Reply{}, err
	}
	var st *Status
	if m.deps.Status != nil {
		s := m.deps.Status()
		st = &s
	}
	return textReply(statusText(st, window, stats, paused)), nil
}
