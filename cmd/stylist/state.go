package main

import (
	"context"
	"fmt"
	"strings"
	"sync/atomic"
	"time"

	"github.com/stylistbot/stylist/bot"
	"github.com/stylistbot/stylist/configs"
	"github.com/stylistbot/stylist/internal/confcheck"
	"github.com/stylistbot/stylist/internal/glue"
	"github.com/stylistbot/stylist/moderation"
	"github.com/stylistbot/stylist/outfit"
	"github.com/stylistbot/stylist/prompts"
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

// openState opens the store (PostgreSQL when store.url is set, else the bbolt
// file at store.path, a temporary one when it is empty), the A/B
// variants, the moderator and the config watcher, and returns the bot options that use them.
func (a *app) openState(ctx context.Context, rt *runtime) ([]bot.Option, *store.Store, error) {
	st, err := store.Open(ctx, a.cfg.Store, a.log.With("component", "store"))
	if err != nil {
		return nil, nil, confcheck.In("store", err) // names store.url or store.path
	}
	rt.closers = append(rt.closers, func() { st.Close() })
	s := &state{store: st}
	rt.state = s
	vs, err := a.cfg.VariantSet()
	if err != nil {
		return nil, nil, confcheck.Wrap("prompts.variants", err)
	}
	s.variants.Store(vs)
	if a.configFile != "" {
		s.watcher, err = configs.NewWatcher(configs.Options{File: a.configFile}, func(old, new *configs.Config, d configs.Diff) error {
			return a.applyConfig(rt, old, new, d)
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
	if s.mod, err = moderation.New(ctx, a.cfg.Moderation, deps); err != nil {
		return nil, nil, err
	}
	opts := []bot.Option{
		bot.WithFeedbackRecorder(glue.Store{St: st, Log: a.log}),
		bot.WithModerator(modAdapter{s.mod}),
		bot.WithAnswerRecorder(glue.Store{St: st, Log: a.log}),
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

// applyConfig puts a validated configuration into effect, all of it or nothing:
// it first builds and checks every component's new settings (prompt set,
// variants, core, retriever, chain, moderation), then swaps them all; only then
// does the watcher record the new version. A refusal names the key and leaves
// every component on the old settings. Requests in flight keep the settings they
// started with. Keys that need a restart are reported, not applied.
func (a *app) applyConfig(rt *runtime, old, cfg *configs.Config, d configs.Diff) error {
	// 1. Build and validate everything; nothing is touched yet.
	var v confcheck.Checker
	ps, err := prompts.Load(cfg.Prompts.Dir)
	if err != nil {
		v.Add("prompts.dir", err.Error())
	}
	vs, err := cfg.VariantSet()
	if err != nil {
		v.Nest("prompts.variants", err)
	}
	v.Nest("bot", cfg.Bot.Validate())
	v.Nest("retrieve", cfg.Retrieve.Validate())
	if ps != nil {
		v.Nest("llm", cfg.LLM.Validate())
		v.Nest("llm", cfg.LLM.CheckPrompt(ps))
		v.Nest("prompts.variants", variants.CheckTemplates(cfg.Prompts.Variants, ps.Has))
	}
	v.Nest("moderation", cfg.Moderation.Validate())
	v.Nest("store", cfg.Store.Validate())
	if err := v.Err(); err != nil {
		return err
	}
	// 2. Swap them all. Each step was checked above; should one still fail, the
	// steps already taken are undone so that no component keeps the new settings.
	oldPS, oldVS := rt.chain.Prompts(), rt.state.variants.Load()
	steps := []struct {
		name  string
		apply func() error
		undo  func()
	}{
		{"bot", func() error { return rt.core.SetConfig(cfg.Bot) }, func() { _ = rt.core.SetConfig(old.Bot) }},
		{"retrieve", func() error { return rt.retriever.SetConfig(cfg.Retrieve) }, func() { _ = rt.retriever.SetConfig(old.Retrieve) }},
		{"llm", func() error { return rt.chain.Swap(cfg.LLM, ps) }, func() { _ = rt.chain.Swap(old.LLM, oldPS) }},
		{"moderation", func() error { return rt.state.mod.SetConfig(cfg.Moderation) }, func() { _ = rt.state.mod.SetConfig(old.Moderation) }},
		{"prompts.variants", func() error { rt.state.variants.Store(vs); return nil }, func() { rt.state.variants.Store(oldVS) }},
		{"store.retention", func() error { rt.state.store.SetRetention(cfg.Store.Retention); return nil }, func() { rt.state.store.SetRetention(old.Store.Retention) }},
	}
	for i, st := range steps {
		if err := st.apply(); err != nil {
			for j := i - 1; j >= 0; j-- {
				steps[j].undo()
			}
			return confcheck.In(st.name, err)
		}
	}
	// 3. The watcher records the new version once this returns nil.
	if d.NeedsRestart() {
		r := append([]string(nil), d.Restart...)
		rt.state.pending.Store(&r)
		a.log.Warn("config changed; some keys need a restart", "restart", strings.Join(d.Restart, ","))
	}
	a.log.Info("config reloaded", "changed", d.String())
	return nil
}

// configError logs a refused config change and posts it to moderation.notify_channel.
func (a *app) configError(rt *runtime, err error) {
	a.log.Error("config change refused; the previous config stays in use", "err", err)
	target := a.currentConfig(rt).Moderation.NotifyChannel
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
				if err := rt.chain.SetPrompts(s); err != nil {
					a.configError(rt, fmt.Errorf("prompts.dir %s: %w", dir, err))
					return
				}
				a.log.Info("prompts reloaded", "dir", dir, "templates", strings.Join(s.Names(), ","))
			}, func(err error) { a.configError(rt, err) })
			if err != nil {
				a.log.Error("prompts watcher stopped", "err", err)
			}
		}()
	}
	if dir := a.cfg.Outfits.Dir; dir != "" && a.outfits != nil {
		go func() {
			vocab := outfit.NewVocabulary(rt.retriever.Articles())
			err := outfit.Watch(ctx, dir, vocab, func(k *outfit.Knowledge) {
				a.outfits.SetKnowledge(k)
				a.log.Info("outfit knowledge reloaded", "dir", dir, "occasions", len(k.Occasions), "ignored", len(k.Warnings))
			}, func(err error) { a.configError(rt, fmt.Errorf("outfits.dir: %w", err)) })
			if err != nil {
				a.log.Error("outfit knowledge watcher stopped", "err", err)
			}
		}()
	}
	go rt.state.store.RunPruner(ctx)
}
