package moderation

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stylistbot/stylist/bot"
	"github.com/stylistbot/stylist/internal/confcheck"
	"github.com/stylistbot/stylist/internal/golden"
	"github.com/stylistbot/stylist/store"
)

var ctx = context.Background()

var now = time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)

// Requests as the adapters build them.
func slackSlash(user, text string, groups ...string) bot.Request {
	// The Slack adapter's slash command: Kind slash, the command's text, no thread yet.
	return bot.Request{Kind: bot.KindSlash, User: user, UserRoles: groups, Text: text,
		Conversation: bot.Conversation{Platform: bot.PlatformSlack, Workspace: "T0001", Channel: "C0GENERAL"}}
}

func discordSlash(user, text string, roles ...string) bot.Request {
	// The Discord adapter's /outfit interaction: member id, member role ids, the "request" option.
	return bot.Request{ID: "1190000000000000001", Kind: bot.KindSlash, User: user, UserRoles: roles, Text: text,
		Conversation: bot.Conversation{Platform: bot.PlatformDiscord, Workspace: "880000000000000001", Channel: "990000000000000001"}}
}

func testConfig() Config {
	c := DefaultConfig()
	c.SlackUserIDs = []string{"U0MOD"}
	c.SlackGroupIDs = []string{"S0STYLEMODS"}
	c.DiscordRoleIDs = []string{"770000000000000007"}
	return c
}

type rig struct {
	m      *Moderator
	st     *store.Store
	path   string
	logs   *bytes.Buffer
	reload func(context.Context) (string, error)
}

func newRig(t *testing.T, path string) *rig {
	t.Helper()
	if path == "" {
		path = filepath.Join(t.TempDir(), "s.db")
	}
	cfg := store.DefaultConfig()
	cfg.Path = path
	st, err := store.Open(ctx, cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = st.Close() })
	r := &rig{st: st, path: path, logs: &bytes.Buffer{}}
	r.reload = func(context.Context) (string, error) { return "live: llm.model", nil }
	m, err := New(ctx, testConfig(), Deps{
		Store:  st,
		Reload: func(ctx context.Context) (string, error) { return r.reload(ctx) },
		Status: func() Status {
			return Status{ConfigHash: "3f2a9c1b0d4e", LoadedAt: now.Add(-time.Hour), Seq: 2, PendingRestart: []string{"server.listen"},
				Variants: []VariantInfo{{Name: "long", Template: "category", Share: 0.75}, {Name: "short", Template: "short", Model: "llama3.2:1b", Share: 0.25}}}
		},
		Logger: slog.New(slog.NewJSONHandler(r.logs, nil)),
		Now:    func() time.Time { return now },
	})
	if err != nil {
		t.Fatal(err)
	}
	r.m = m
	return r
}

// lastLog returns the last log record.
func (r *rig) lastLog(t *testing.T) map[string]any {
	t.Helper()
	lines := strings.Split(strings.TrimSpace(r.logs.String()), "\n")
	var rec map[string]any
	if err := json.Unmarshal([]byte(lines[len(lines)-1]), &rec); err != nil {
		t.Fatalf("log %q: %v", lines[len(lines)-1], err)
	}
	return rec
}

func TestPermissions(t *testing.T) {
	r := newRig(t, "")
	tests := []struct {
		name    string
		req     bot.Request
		allowed bool
	}{
		{"slack user id listed", slackSlash("U0MOD", "admin status"), true},
		{"slack user in a listed group", slackSlash("U0ALICE", "admin status", "S0OTHER", "S0STYLEMODS"), true},
		{"slack user not listed", slackSlash("U0ALICE", "admin status", "S0OTHER"), false},
		{"slack group id used as user id", slackSlash("S0STYLEMODS", "admin status"), false},
		{"discord member with the role", discordSlash("123456789012345678", "admin status", "770000000000000001", "770000000000000007"), true},
		{"discord member without it", discordSlash("123456789012345678", "admin status", "770000000000000001"), false},
		{"discord user whose id is a slack moderator id", discordSlash("U0MOD", "admin status"), false},
		{"discord dm (no roles)", discordSlash("123456789012345678", "admin status"), false},
		{"console operator", bot.Request{Kind: bot.KindDirect, User: "local", Text: "/outfit-admin status",
			Conversation: bot.Conversation{Platform: bot.PlatformConsole}}, true},
		{"unknown platform", bot.Request{User: "U0MOD", Text: "/outfit-admin status",
			Conversation: bot.Conversation{Platform: "irc"}}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rep := r.m.Handle(ctx, tc.req)
			refused := rep.Error != nil && rep.Error.Code == CodeRefused
			if refused == tc.allowed || !rep.Ephemeral {
				t.Fatalf("allowed=%v, reply %+v", tc.allowed, rep)
			}
			rec := r.lastLog(t)
			wantOutcome := "ok"
			if !tc.allowed {
				wantOutcome = "refused"
			}
			if rec["msg"] != "moderator action" || rec["user"] != tc.req.User || rec["action"] != "status" ||
				rec["outcome"] != wantOutcome || rec["platform"] != string(tc.req.Conversation.Platform) ||
				rec["channel"] != tc.req.Conversation.Channel {
				t.Fatalf("audit log %v", rec)
			}
		})
	}

	t.Run("live config change", func(t *testing.T) {
		cfg := testConfig()
		cfg.SlackUserIDs = nil
		cfg.AllowConsole = false
		if err := r.m.SetConfig(cfg); err != nil {
			t.Fatal(err)
		}
		if r.m.Allowed(slackSlash("U0MOD", "")) || r.m.Allowed(bot.Request{Conversation: bot.Conversation{Platform: bot.PlatformConsole}}) {
			t.Fatal("removed moderator still allowed")
		}
		cfg.SlackUserIDs = []string{""}
		var ce *confcheck.ConfigError
		if err := r.m.SetConfig(cfg); !errors.As(err, &ce) || ce.Key != "slack_user_ids[0]" {
			t.Fatalf("err %v", err)
		}
	})
}

func TestPauseResumePersisted(t *testing.T) {
	path := filepath.Join(t.TempDir(), "s.db")
	r := newRig(t, path)
	here := ChannelKey(slackSlash("", "").Conversation)
	if r.m.Paused(here) {
		t.Fatal("paused from the start")
	}
	rep := r.m.Handle(ctx, slackSlash("U0MOD", "admin pause"))
	if !r.m.Paused(here) || rep.Error != nil || !strings.Contains(rep.Text, "Paused") {
		t.Fatalf("pause: %+v", rep)
	}
	// Pause another channel by mention, from Discord, by role.
	rep = r.m.Handle(ctx, discordSlash("42", "admin pause <#990000000000000002>", "770000000000000007"))
	other := "discord/880000000000000001/990000000000000002"
	if !r.m.Paused(other) || r.m.Paused(ChannelKey(discordSlash("", "").Conversation)) {
		t.Fatalf("pause by mention: %+v", rep)
	}
	if rec := r.lastLog(t); rec["target"] != other || rec["outcome"] != "ok" {
		t.Fatalf("audit %v", rec)
	}
	// A refused user cannot resume.
	r.m.Handle(ctx, slackSlash("U0ALICE", "admin resume"))
	if !r.m.Paused(here) {
		t.Fatal("refused user resumed the channel")
	}

	// Restart: close the store, reopen it, build a new moderator.
	if err := r.st.Close(); err != nil {
		t.Fatal(err)
	}
	r2 := newRig(t, path)
	if !r2.m.Paused(here) || !r2.m.Paused(other) {
		t.Fatal("paused channels lost across a restart")
	}
	rep = r2.m.Handle(ctx, slackSlash("U0MOD", "/outfit admin resume <#C0GENERAL|general>"))
	if r2.m.Paused(here) || !strings.Contains(rep.Text, "Resumed") {
		t.Fatalf("resume: %+v", rep)
	}
	rep = r2.m.Handle(ctx, slackSlash("U0MOD", "admin resume"))
	if !strings.Contains(rep.Text, "was not paused") || r2.lastLog(t)["outcome"] != "noop" {
		t.Fatalf("second resume: %+v", rep)
	}
	if err := r2.st.Close(); err != nil {
		t.Fatal(err)
	}
	r3 := newRig(t, path)
	if r3.m.Paused(here) || !r3.m.Paused(other) {
		t.Fatal("resume not persisted")
	}
}

func TestReload(t *testing.T) {
	r := newRig(t, "")
	rep := r.m.Handle(ctx, bot.Request{Kind: bot.KindAdmin, Text: "reload", User: "U0MOD",
		Conversation: bot.Conversation{Platform: bot.PlatformSlack, Workspace: "T0001", Channel: "C1"}})
	if rep.Text != "Configuration reloaded: live: llm.model." {
		t.Fatalf("reload: %+v", rep)
	}
	r.reload = func(context.Context) (string, error) {
		return "", errors.New(`invalid configuration: config key "retrieve.k": is 0, must be between 1 and 200`)
	}
	rep = r.m.Handle(ctx, slackSlash("U0MOD", "admin reload"))
	if rep.Error == nil || !strings.Contains(rep.Text, "retrieve.k") || !strings.Contains(rep.Text, "unchanged") {
		t.Fatalf("failed reload: %+v", rep)
	}
	if rec := r.lastLog(t); rec["outcome"] != "error" || rec["level"] != "WARN" || !strings.Contains(rec["err"].(string), "retrieve.k") {
		t.Fatalf("audit %v", rec)
	}
}

func seed(t *testing.T, st *store.Store) {
	t.Helper()
	conv := bot.Conversation{Platform: bot.PlatformSlack, Workspace: "T0001", Channel: "C1"}
	for i, v := range []string{"long", "long", "long", "short"} {
		ref := "r" + string(rune('a'+i))
		lat := time.Duration(i+1) * 700 * time.Millisecond
		if err := st.RecordRequest(ctx, store.RequestRecord{ReplyRef: ref, Variant: v, Latency: lat, Grounded: true, At: now.Add(-time.Hour)}); err != nil {
			t.Fatal(err)
		}
		if err := st.RecordFeedback(ctx, store.Vote{ReplyRef: ref, Platform: string(conv.Platform), Workspace: conv.Workspace, Channel: conv.Channel, User: "U" + ref, Helpful: i != 1, At: now.Add(-time.Hour)}); err != nil {
			t.Fatal(err)
		}
	}
	// Outside a 7-day window.
	if err := st.RecordRequest(ctx, store.RequestRecord{ReplyRef: "old", Variant: "retired", At: now.Add(-10 * 24 * time.Hour)}); err != nil {
		t.Fatal(err)
	}
}

func TestRenderedRepliesGolden(t *testing.T) {
	r := newRig(t, "")
	seed(t, r.st)
	mod := func(text string) bot.Request { return slackSlash("U0MOD", text) }
	steps := []struct {
		name string
		req  bot.Request
	}{
		{"help", mod("admin")},
		{"help_explicit", mod("/outfit-admin help")},
		{"unknown", mod("/outfit-admin dance")},
		{"refused", slackSlash("U0ALICE", "/outfit-admin status")},
		{"pause", mod("admin pause")},
		{"status", mod("admin status")},
		{"report", mod("admin report")},
		{"report_30d", mod("/outfit-admin report 30d")},
		{"report_bad_window", mod("/outfit-admin report forever")},
		{"resume", mod("admin resume")},
		{"reload", mod("admin reload")},
	}
	for _, s := range steps {
		t.Run(s.name, func(t *testing.T) {
			rep := r.m.Handle(ctx, s.req)
			if !rep.Ephemeral {
				t.Fatal("moderator replies must be ephemeral")
			}
			b, err := json.MarshalIndent(rep, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			golden.Check(t, s.name+".golden", append(append(b, "\n---\n"...), rep.Text+"\n"...))
		})
	}
	if rec := r.lastLog(t); rec["action"] != "reload" {
		t.Fatalf("last audit %v", rec)
	}
}

func TestNewNeedsStore(t *testing.T) {
	if _, err := New(ctx, DefaultConfig(), Deps{}); !errors.Is(err, ErrNoStore) {
		t.Fatalf("err %v", err)
	}
	c := DefaultConfig()
	c.ReportWindow = 0
	if _, err := New(ctx, c, Deps{}); err == nil {
		t.Fatal("invalid config accepted")
	}
}
