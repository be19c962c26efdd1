package bot_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stylistbot/stylist/bot"
)

type fakeMod struct {
	mu     sync.Mutex
	paused map[string]bool
	cmds   []string
}

func (m *fakeMod) IsCommand(req bot.Request) bool { return strings.HasPrefix(req.Text, "admin ") }
func (m *fakeMod) Handle(_ context.Context, req bot.Request) bot.Reply {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.cmds = append(m.cmds, req.Text)
	if req.Text == "admin pause" {
		m.paused[req.Conversation.Channel] = true
	}
	return bot.Reply{Ephemeral: true, Text: "done: " + req.Text}
}
func (m *fakeMod) Paused(c bot.Conversation) bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.paused[c.Channel]
}

type answerLog struct {
	mu   sync.Mutex
	recs []string
}

func (a *answerLog) RecordAnswer(_ context.Context, req bot.Request, rep bot.Reply, ans *bot.Answer, _ time.Duration) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.recs = append(a.recs, req.ID+"|"+rep.Ref+"|"+ans.Variant)
}

func TestModeratorVariantsAndAnswerRecords(t *testing.T) {
	rec := &fakeRec{fn: func(_ context.Context, req bot.Ask, _ bot.StreamFunc) (*bot.Answer, error) {
		a := answerFor(req)
		a.Variant = req.Variant
		return a, nil
	}}
	mod := &fakeMod{paused: map[string]bool{}}
	log := &answerLog{}
	cfg := bot.DefaultConfig()
	cfg.UserRate, cfg.ChannelRate = 0, 0
	core := bot.New(cfg, rec, nil, nil, bot.WithModerator(mod), bot.WithAnswerRecorder(log),
		bot.WithVariants(func(r bot.Request) string { return "v-" + r.User }))
	defer core.Shutdown(context.Background())
	ask := func(text string) bot.Reply {
		r := newRecorder()
		core.Handle(context.Background(), bot.Request{ID: "req-" + text, Kind: bot.KindSlash, User: "U1", Text: text,
			Conversation: bot.Conversation{Platform: bot.PlatformSlack, Channel: "C1"}}, r.reply)
		return r.wait(t, 5*time.Second)
	}
	if rep := ask("black dress"); len(rep.Items) == 0 || rep.Ref != "req-black dress" {
		t.Fatalf("answer: %+v", rep)
	}
	if got := rec.requests()[0].Variant; got != "v-U1" {
		t.Fatalf("variant %q", got)
	}
	if len(log.recs) != 1 || log.recs[0] != "req-black dress|req-black dress|v-U1" {
		t.Fatalf("answer records %v", log.recs)
	}
	if rep := ask("admin pause"); rep.Text != "done: admin pause" || !rep.Ephemeral {
		t.Fatalf("admin reply %+v", rep)
	}
	rep := ask("red dress")
	if rep.Error == nil || rep.Error.Code != bot.CodePaused || len(rec.requests()) != 1 {
		t.Fatalf("paused channel must not reach the recommender: %+v (%d calls)", rep, len(rec.requests()))
	}
	if len(mod.cmds) != 1 {
		t.Fatalf("moderator calls %v", mod.cmds)
	}
}
