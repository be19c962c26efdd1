package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stylistbot/stylist/bot"
)

// newTestRuntime builds the serving runtime from a config file, as `serve` does.
func newTestRuntime(t *testing.T, yaml string) (*app, *runtime, string) {
	t.Helper()
	file := filepath.Join(t.TempDir(), "stylist.yaml")
	if err := os.WriteFile(file, []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	a := &app{configFile: file, flagMap: map[string]string{}}
	cmd := newRootCmd()
	if err := cmd.ParseFlags(nil); err != nil {
		t.Fatal(err)
	}
	if err := a.load(cmd); err != nil {
		t.Fatal(err)
	}
	rt, err := a.newRuntime(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = rt.core.Shutdown(context.Background()); rt.close() })
	return a, rt, file
}

func ask(t *testing.T, core *bot.Core, req bot.Request) bot.Reply {
	t.Helper()
	got := make(chan bot.Reply, 8)
	core.Handle(context.Background(), req, func(_ context.Context, r bot.Reply) error {
		if !r.Partial {
			got <- r
		}
		return nil
	})
	select {
	case r := <-got:
		return r
	case <-time.After(30 * time.Second):
		t.Fatal("no final reply")
		return bot.Reply{}
	}
}

func TestServeHotReload(t *testing.T) {
	store := filepath.Join(t.TempDir(), "state.db")
	a, rt, file := newTestRuntime(t, "bot:\n  max_query_runes: 300\nstore:\n  path: "+store+"\n")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	rt.watchConfig(ctx, a)
	time.Sleep(200 * time.Millisecond)

	write := func(body string) {
		if err := os.WriteFile(file+".tmp", []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Rename(file+".tmp", file); err != nil { // editors replace files atomically
			t.Fatal(err)
		}
	}
	write("bot:\n  max_query_runes: 42\nstore:\n  path: " + store + "\nprompts:\n  variants:\n    short:\n      template: short\n      weight: 1\n")
	deadline := time.Now().Add(10 * time.Second)
	for rt.core.Config().MaxQueryRunes != 42 || rt.state.variants.Load().Assign("slack/T1/U1").Name != "short" {
		if time.Now().After(deadline) {
			t.Fatalf("valid change not applied: max_query_runes %d", rt.core.Config().MaxQueryRunes)
		}
		time.Sleep(50 * time.Millisecond)
	}
	if v := rt.state.variants.Load().Assign("slack/T1/U1"); v.Name != "short" {
		t.Fatalf("variants not reloaded: %+v", v)
	}
	long := bot.Request{Kind: bot.KindSlash, User: "U1", Text: strings.Repeat("dress ", 10), Conversation: bot.Conversation{Platform: bot.PlatformConsole, Channel: "c"}}
	if r := ask(t, rt.core, long); r.Error == nil || r.Error.Code != bot.CodeTooLong {
		t.Fatalf("the new limit must apply to new requests: %+v", r)
	}

	write("bot:\n  max_query_runes: 7\n  workerz: 3\nstore:\n  path: " + store + "\n")
	time.Sleep(1500 * time.Millisecond)
	if got := rt.core.Config().MaxQueryRunes; got != 42 {
		t.Fatalf("an invalid file must leave the running config alone, got max_query_runes %d", got)
	}
}

func TestServeModeratorCommands(t *testing.T) {
	_, rt, _ := newTestRuntime(t, "store:\n  path: "+filepath.Join(t.TempDir(), "state.db")+"\n")
	conv := bot.Conversation{Platform: bot.PlatformConsole, Channel: "console"}
	r := ask(t, rt.core, bot.Request{Kind: bot.KindSlash, User: "me", Text: "/outfit admin pause", Conversation: conv})
	if r.Error != nil || !r.Ephemeral {
		t.Fatalf("pause: %+v", r)
	}
	r = ask(t, rt.core, bot.Request{Kind: bot.KindSlash, User: "me", Text: "black dress", Conversation: conv})
	if r.Error == nil || r.Error.Code != bot.CodePaused {
		t.Fatalf("paused channel answered: %+v", r)
	}
	ask(t, rt.core, bot.Request{Kind: bot.KindSlash, User: "me", Text: "/outfit admin resume", Conversation: conv})
	r = ask(t, rt.core, bot.Request{Kind: bot.KindSlash, User: "me", Text: "black dress", Conversation: conv})
	if len(r.Items) == 0 {
		t.Fatalf("resumed channel should answer: %+v", r)
	}
	slack := bot.Conversation{Platform: bot.PlatformSlack, Workspace: "T1", Channel: "C1"}
	r = ask(t, rt.core, bot.Request{Kind: bot.KindSlash, User: "U-not-a-mod", Text: "/outfit admin pause", Conversation: slack})
	if r.Error == nil || r.Error.Code != "refused" {
		t.Fatalf("a non-moderator must be refused: %+v", r)
	}
}
