package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stylistbot/stylist/bot"
	"github.com/stylistbot/stylist/configs"
	"github.com/stylistbot/stylist/variants"
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

// TestReloadIsAllOrNothing is the hot-reload contract: a change that raises the
// user rate limit and names an unknown prompt is refused as a whole, names the
// refused key, and no component sees any of its values; status and reload keep
// telling the truth.
func TestReloadIsAllOrNothing(t *testing.T) {
	store := filepath.Join(t.TempDir(), "state.db")
	a, rt, file := newTestRuntime(t, "store:\n  path: "+store+"\n")
	old := rt.state.watcher.Current()
	snapshot := func() string {
		return fmt.Sprintf("bot=%+v retrieve=%+v llm=%+v variants=%p mod=%+v retention=%s servers=%v",
			rt.core.Config(), rt.retriever.Config(), rt.chain.Config(), rt.state.variants.Load(), rt.state.mod.Config(), rt.state.store.Retention(), rt.pool.Backends())
	}
	before, seq := snapshot(), rt.state.watcher.Version()

	// Through the file, as an operator edits it: refused when it is loaded.
	bad := "store:\n  path: " + store + "\n  retention: 1h\nbot:\n  user_rate_per_min: 99\nretrieve:\n  candidates: 77\nllm:\n  prompt: nosuchprompt\n" +
		"prompts:\n  variants:\n    b:\n      template: short\n      weight: 1\n"
	if err := os.WriteFile(file, []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	for i := range 2 { // a second reload reports the same refusal, never "no changes"
		_, err := rt.state.watcher.Reload(context.Background())
		if err == nil || !strings.Contains(err.Error(), `llm.prompt: no template "nosuchprompt"`) {
			t.Fatalf("reload %d: %v, want the refusal naming llm.prompt", i, err)
		}
	}
	conv := bot.Conversation{Platform: bot.PlatformConsole, Channel: "console"}
	if r := ask(t, rt.core, bot.Request{Kind: bot.KindSlash, User: "me", Text: "/outfit admin reload", Conversation: conv}); !strings.Contains(r.Text+errText(r), "nosuchprompt") {
		t.Fatalf("admin reload does not say what was refused: %+v", r)
	}

	// Directly at the apply step, with a config that skipped loading: the same.
	next := *old
	next.Bot.UserRate, next.Retrieve.Candidates, next.Store.Retention = 99, 77, time.Hour
	next.LLM.Prompt = "nosuchprompt"
	next.LLM.URL, next.LLM.URLs = "", []string{"http://127.0.0.1:2", "http://127.0.0.1:3"}
	next.Prompts.Variants = map[string]variants.Variant{"b": {Template: "short", Weight: 1}}
	next.LLM.Variants = next.Prompts.Variants
	err := a.applyConfig(rt, old, &next, configs.Compare(old, &next))
	var ce *configs.ConfigError
	if !errors.As(err, &ce) || ce.Key != "llm.prompt" {
		t.Fatalf("apply: %v, want a ConfigError for llm.prompt", err)
	}

	if after := snapshot(); after != before {
		t.Fatalf("a refused change reached the components:\nbefore %s\nafter  %s", before, after)
	}
	if v := rt.state.watcher.Version(); v != seq || rt.state.watcher.Current() != old {
		t.Fatalf("the refused version was recorded: %+v", v)
	}
	st := a.modStatus(rt)
	if st.Seq != 1 || st.ConfigHash != configs.Fingerprint(old) {
		t.Fatalf("status reports %+v, want the running config", st)
	}
	for _, v := range st.Variants {
		if v.Name == "b" {
			t.Fatalf("status credits the refused variant: %+v", st.Variants)
		}
	}
	if got := rt.state.variants.Load().Assign("slack/T1/U1").Name; got != old.LLM.Prompt {
		t.Fatalf("users are assigned to %q, want the running default %q", got, old.LLM.Prompt)
	}
}

func errText(r bot.Reply) string {
	if r.Error == nil {
		return ""
	}
	return r.Error.Message
}
