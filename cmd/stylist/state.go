package main

import (
	"context"
	"fmt"
	"strings"
	"sync/atomic"
	"time"

	"github.com/stylistbot/stylist/bot"
	"github.com/stylistbot/stylist/configs"
	"github.com/stylistbot/stylist/moderation"
	"github.com/stylistbot/stylist/prompts"
	"github.com/stylistbot/stylist/rag"
	"github.com/stylistbot/stylist/store"
	"github.com/stylistbot/stylist/variants"
)

// state is what a serving process persists and tunes live.
type state struct {
	store    *store.Store
	variants atomic.Pointer[variants.Set]
	mod      *moderation.Moderator
	watcher  *configs.Watcher
	pending  atomic.Pointer[[]string] // changed keys that need a restart
}

func (a *app) storeConfig() store.Config {
	c := store.DefaultConfig()
	c.Path, c.Retention = a.cfg.Store.Path, a.cfg.Store.Retention
	c.TurnTTL, c.MaxTurns, c.MaxThreads = a.cfg.Bot.HistoryTTL, a.cfg.Bot.HistoryMaxTurns, a.cfg.Bot.HistoryMaxThreads
	return c
}

func (a *app) variantSet() (*variants.Set, error) {
	vs := map[string]variants.Variant{}
	for name, v := range a.cfg.Prompts.Variants {
		vs[name] = variants.Variant{Name: name, Template: v.Template, Weight: v.Weight, Temperature: v.Temperature, Model: v.Model}
	}
	return variants.New(vs, a.cfg.LLM.Prompt, variants.WithSalt(a.cfg.Prompts.Salt))
}

func (a *app) moderationConfig() moderation.Config {
	c := moderation.DefaultConfig()
	m := a.cfg.Moderation
	c.SlackUserIDs, c.SlackGroupIDs, c.DiscordRoleIDs = m.SlackUserIDs, m.SlackGroupIDs, m.DiscordRoleIDs
	return c
}

// openState opens the store (a temporary one when store.path is empty), the A/B
// variants, the moderator and the config watcher, and returns the bot options that use them.
func (a *app) openState(ctx context.Context, rt *runtime) ([]bot.Option, *store.Store, error) {
	st, err := store.Open(ctx, a.storeConfig(), a.log.With("component", "store"))
	if err != nil {
		return nil, nil, fmt.Errorf("config key %q: %w", "store.path", err)
	}
	rt.closers = append(rt.closers, func() { st.Close() })
	s := &state{store: st}
	rt.state = s
	vs, err := a.variantSet()
	if err != nil {
		return nil, nil, fmt.Errorf("config key %q: %w", "prompts.variants", err)
	}
	s.variants.Store(vs)
	if a.configFile != "" {
		s.watcher, err = configs.NewWatcher(configs.Options{File: a.configFile}, func(old, new *configs.Config, d configs.Diff) {
			a.applyConfig(rt, new, d)
		}, func(err error) { a.configError(rt, err) }, configs.WithInitial(a.cfg))
		if err != nil {
			return nil, nil, err
		}
	}
	deps := moderation.Deps{Store: st, Logger: a.log.With("component", "moderation"), Status: func() moderation.Status { return a.modStatus(rt) }}
	if s.watcher != nil {
		deps.Reload = func(ctx context.Context) (string, error) {
			d, err := s.watcher.Reload(ctx)
			return d.String(), err
		}
	}
	if s.mod, err = moderation.New(ctx, a.moderationConfig(), deps); err != nil {
		return nil, nil, err
	}
	opts := []bot.Option{
		bot.WithFeedbackRecorder(st),
		bot.WithModerator(modAdapter{s.mod}),
		bot.WithAnswerRecorder(answerRecorder{st: st, log: a.log}),
		bot.WithVariants(func(r bot.Request) string {
			return s.variants.Load().Assign(variants.Key(string(r.Conversation.Platform), r.Conversation.Workspace, r.User)).Name
		}),
	}
	return opts, st, nil
}

// modAdapter lets the moderation package serve as the core's Moderator.
type modAdapter struct{ m *moderation.Moderator }

func (m modAdapter) IsCommand(req bot.Request) bool { return moderation.IsCommand(req) }
func (m modAdapter) Handle(ctx context.Context, req bot.Request) bot.Reply {
	return m.m.Handle(ctx, req)
}
func (m modAdapter) Paused(c bot.Conversation) bool { return m.m.Paused(moderation.ChannelKey(c)) }

// answerRecorder stores a record per answered request for the A/B report.
type answerRecorder struct {
	st  *store.Store
	log interface {
		Warn(string, ...any)
	}
}

func (r answerRecorder) RecordAnswer(ctx context.Context, req bot.Request, rep bot.Reply, ans *rag.Answer, latency time.Duration) {
	if err := r.st.RecordRequest(ctx, store.NewRequestRecord(req, rep, ans, latency, time.Now())); err != nil {
		r.log.Warn("request record not saved", "err", err)
	}
}

func (a *app) modStatus(rt *runtime) moderation.Status {
	s := rt.state
	st := moderation.Status{ConfigHash: configs.Fingerprint(a.currentConfig(rt)), LoadedAt: rt.started, Seq: 1}
	if s.watcher != nil {
		v := s.watcher.Version()
		st.ConfigHash, st.LoadedAt, st.Seq = v.Hash, v.LoadedAt, v.Seq
	}
	if p := s.pending.Load(); p != nil {
		st.PendingRestart = *p
	}
	vs := s.variants.Load()
	for _, v := range vs.Variants() {
		st.Variants = append(st.Variants, moderation.VariantInfo{Name: v.Name, Template: v.Template, Model: v.Model, Share: vs.Share(v.Name)})
	}
	return st
}

func (a *app) currentConfig(rt *runtime) *configs.Config {
	if w := rt.state.watcher; w != nil {
		return w.Current()
	}
	return a.cfg
}

// applyConfig swaps every live setting atomically per component; requests in
// flight keep the settings they started with. Keys that need a restart are logged.
func (a *app) applyConfig(rt *runtime, cfg *configs.Config, d configs.Diff) {
	b := *a
	b.cfg = cfg
	var errs []string
	if err := rt.core.SetConfig(b.botConfig()); err != nil {
		errs = append(errs, err.Error())
	}
	if err := rt.retriever.SetConfig(b.retrieveConfig()); err != nil {
		errs = append(errs, err.Error())
	}
	if ps, err := prompts.Load(cfg.Prompts.Dir); err != nil {
		errs = append(errs, err.Error())
	} else {
		rt.chain.SetPrompts(ps)
	}
	if err := rt.chain.SetConfig(b.ragConfig()); err != nil {
		errs = append(errs, err.Error())
	}
	if vs, err := b.variantSet(); err != nil {
		errs = append(errs, err.Error())
	} else {
		rt.state.variants.Store(vs)
	}
	if err := rt.state.mod.SetConfig(b.moderationConfig()); err != nil {
		errs = append(errs, err.Error())
	}
	rt.state.store.SetRetention(cfg.Store.Retention)
	if d.NeedsRestart() {
		r := append([]string(nil), d.Restart...)
		rt.state.pending.Store(&r)
		a.log.Warn("config changed; some keys need a restart", "restart", strings.Join(d.Restart, ","))
	}
	if len(errs) > 0 {
		a.configError(rt, fmt.Errorf("config reload partly refused: %s", strings.Join(errs, "; ")))
		return
	}
	a.log.Info("config reloaded", "changed", d.String())
}

// configError logs a refused config change and posts it to moderation.notify_channel.
func (a *app) configError(rt *runtime, err error) {
	a.log.Error("config change refused; the previous config stays in use", "err", err)
	target := a.cfg.Moderation.NotifyChannel
	platform, channel, ok := strings.Cut(target, ":")
	if !ok {
		return
	}
	for _, ad := range rt.adapters {
		if string(ad.Name()) == platform {
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			_, _, serr := ad.Send(ctx, bot.Conversation{Platform: ad.Name(), Channel: channel}, bot.Reply{Text: "stylist: config change refused: " + err.Error()})
			cancel()
			if serr != nil {
				a.log.Warn("could not notify moderators", "channel", target, "err", serr)
			}
		}
	}
}

// watchConfig runs the config file watcher and the prompts directory watcher until ctx ends.
func (rt *runtime) watchConfig(ctx context.Context, a *app) {
	if w := rt.state.watcher; w != nil {
		go func() {
			if err := w.Run(ctx); err != nil {
				a.log.Error("config watcher stopped", "err", err)
			}
		}()
	}
	if dir := a.cfg.Prompts.Dir; dir != "" {
		go func() {
			err := prompts.Watch(ctx, dir, func(s *prompts.Set) {
				rt.chain.SetPrompts(s)
				a.log.Info("prompts reloaded", "dir", dir, "templates", strings.Join(s.Names(), ","))
			}, func(err error) { a.configError(rt, err) })
			if err != nil {
				a.log.Error("prompts watcher stopped", "err", err)
			}
		}()
	}
	go rt.state.store.RunPruner(ctx)
}
