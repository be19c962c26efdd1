package configs

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// waitFor bounds how long a test waits for a file event to be noticed.
const waitFor = 10 * time.Second

type change struct {
	old, new *Config
	diff     Diff
}

type watchRig struct {
	path    string
	w       *Watcher
	changes chan change
	errs    chan error
}

// startWatch writes body to a fresh config file and runs a watcher on it.
func startWatch(t *testing.T, body string, opts ...WatchOption) *watchRig {
	t.Helper()
	path := filepath.Join(t.TempDir(), "stylist.yaml")
	writeFile(t, path, body)
	r := &watchRig{path: path, changes: make(chan change, 64), errs: make(chan error, 64)}
	w, err := NewWatcher(Options{File: path, Environ: []string{}},
		func(o, n *Config, d Diff) error { r.changes <- change{o, n, d}; return nil },
		func(err error) { r.errs <- err },
		append([]WatchOption{WithDebounce(50 * time.Millisecond)}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	r.w = w
	started := make(chan struct{})
	w.started = func() { close(started) }
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- w.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Run: %v", err)
		}
	})
	select {
	case <-started:
	case err := <-done:
		t.Fatalf("Run ended early: %v", err)
	}
	return r
}

func writeFile(t *testing.T, path, body string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}

// replaceFile writes body the way many editors and config tools do: a temporary
// file in the same directory renamed over the target (a new inode).
func replaceFile(t *testing.T, path, body string) {
	t.Helper()
	tmp := path + ".tmp~"
	writeFile(t, tmp, body)
	if err := os.Rename(tmp, path); err != nil {
		t.Fatal(err)
	}
}

func (r *watchRig) nextChange(t *testing.T) change {
	t.Helper()
	select {
	case c := <-r.changes:
		// The watcher records the version once apply has returned.
		for deadline := time.Now().Add(waitFor); r.w.Current() != c.new && time.Now().Before(deadline); {
			time.Sleep(time.Millisecond)
		}
		return c
	case err := <-r.errs:
		t.Fatalf("want a change, got error %v", err)
	case <-time.After(waitFor):
		t.Fatal("no change reported")
	}
	return change{}
}

func (r *watchRig) nextError(t *testing.T) error {
	t.Helper()
	select {
	case err := <-r.errs:
		return err
	case c := <-r.changes:
		t.Fatalf("want an error, got change %s", c.diff)
	case <-time.After(waitFor):
		t.Fatal("no error reported")
	}
	return nil
}

func TestWatchValidEdit(t *testing.T) {
	r := startWatch(t, "llm:\n  model: a\n")
	if got := r.w.Current().LLM.Model; got != "a" {
		t.Fatalf("initial model %q", got)
	}
	writeFile(t, r.path, "llm:\n  model: b\nretrieve:\n  k: 7\n")
	c := r.nextChange(t)
	if want := []string{"llm.model", "retrieve.k"}; !slices.Equal(c.diff.Changed, want) {
		t.Fatalf("changed %v, want %v", c.diff.Changed, want)
	}
	if c.diff.NeedsRestart() {
		t.Fatalf("restart keys %v, want none", c.diff.Restart)
	}
	if c.old.LLM.Model != "a" || c.new.LLM.Model != "b" || c.new.Retrieve.K != 7 {
		t.Fatalf("old %q new %q k %d", c.old.LLM.Model, c.new.LLM.Model, c.new.Retrieve.K)
	}
	// The new version is recorded only after apply returned.
	for deadline := time.Now().Add(waitFor); r.w.Current() != c.new && time.Now().Before(deadline); {
		time.Sleep(time.Millisecond)
	}
	if r.w.Current() != c.new {
		t.Fatal("Current is not the new config")
	}
	if v := r.w.Version(); v.Seq != 2 || v.Hash != Fingerprint(c.new) || v.Hash == Fingerprint(c.old) {
		t.Fatalf("version %+v", v)
	}
}

func TestWatchInvalidEditKeepsOld(t *testing.T) {
	r := startWatch(t, "llm:\n  model: a\n")
	before := r.w.Current()
	cases := []struct{ name, body, key, hint string }{
		{"unknown key", "llm:\n  modle: b\n", "llm.modle", `did you mean "llm.model"`},
		{"bad value", "llm:\n  model: b\nretrieve:\n  k: 201\n", "retrieve.k", "between 0 and 200"},
		{"bad duration", "llm:\n  timeout: soon\n", "llm.timeout", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			writeFile(t, r.path, tc.body)
			err := r.nextError(t)
			if !strings.Contains(err.Error(), tc.key) || !strings.Contains(err.Error(), tc.hint) {
				t.Fatalf("error %q does not name %q (%q)", err, tc.key, tc.hint)
			}
			if r.w.Current() != before || r.w.Version().Seq != 1 {
				t.Fatal("the running config was replaced by an invalid one")
			}
		})
	}
	var ke *ConfigError
	writeFile(t, r.path, "bot:\n  workers: -1\n")
	if err := r.nextError(t); !errors.As(err, &ke) || ke.Key != "bot.workers" || !errors.Is(err, ErrInvalid) {
		t.Fatalf("error %v: want a *ConfigError for bot.workers wrapping ErrInvalid", err)
	}
	writeFile(t, r.path, "llm:\n  model: fixed\n")
	c := r.nextChange(t)
	if c.old != before || !slices.Equal(c.diff.Changed, []string{"llm.model"}) {
		t.Fatalf("after the fix: old is the last valid config: %v, diff %v", c.old == before, c.diff.Changed)
	}
}

func TestWatchAtomicRenameReplace(t *testing.T) {
	r := startWatch(t, "llm:\n  model: a\n")
	for i, model := range []string{"b", "c", "d"} {
		replaceFile(t, r.path, "llm:\n  model: "+model+"\n")
		c := r.nextChange(t)
		if c.new.LLM.Model != model || r.w.Version().Seq != i+2 {
			t.Fatalf("replace %d: model %q seq %d", i, c.new.LLM.Model, r.w.Version().Seq)
		}
	}
}

func TestWatchDeleteThenRecreate(t *testing.T) {
	r := startWatch(t, "llm:\n  model: a\n")
	if err := os.Remove(r.path); err != nil {
		t.Fatal(err)
	}
	if err := r.nextError(t); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("error %v, want not-exist", err)
	}
	if r.w.Current().LLM.Model != "a" {
		t.Fatal("config lost when the file vanished")
	}
	writeFile(t, r.path, "llm:\n  model: back\n")
	if c := r.nextChange(t); c.new.LLM.Model != "back" {
		t.Fatalf("model %q", c.new.LLM.Model)
	}
}

func TestWatchBurstIsOneReload(t *testing.T) {
	r := startWatch(t, "llm:\n  model: a\n", WithDebounce(500*time.Millisecond))
	for i := range 5 {
		writeFile(t, r.path, fmt.Sprintf("llm:\n  model: m%d\n", i))
	}
	if c := r.nextChange(t); c.new.LLM.Model != "m4" {
		t.Fatalf("model %q, want the last write m4", c.new.LLM.Model)
	}
	// Rewriting identical bytes (touch, chmod, save without edits) reloads nothing.
	writeFile(t, r.path, "llm:\n  model: m4\n")
	if err := os.Chmod(r.path, 0o600); err != nil {
		t.Fatal(err)
	}
	select {
	case c := <-r.changes:
		t.Fatalf("unexpected change %s", c.diff)
	case err := <-r.errs:
		t.Fatalf("unexpected error %v", err)
	case <-time.After(time.Second):
	}
	if seq := r.w.Version().Seq; seq != 2 {
		t.Fatalf("seq %d, want 2", seq)
	}
}

func TestWatchRestartKeysReported(t *testing.T) {
	r := startWatch(t, "llm:\n  model: a\n")
	writeFile(t, r.path, `llm:
  model: b
server:
  listen: "0.0.0.0:9090"
index:
  ef_search: 64
  embedder: ollama
slack:
  bot_token: "xoxb-very-secret"
`)
	c := r.nextChange(t)
	if want := []string{"index.embedder", "server.listen", "slack.bot_token"}; !slices.Equal(c.diff.Restart, want) {
		t.Fatalf("restart %v, want %v", c.diff.Restart, want)
	}
	if want := []string{"index.ef_search", "llm.model"}; !slices.Equal(c.diff.Live(), want) {
		t.Fatalf("live %v, want %v", c.diff.Live(), want)
	}
	if s := c.diff.String(); strings.Contains(s, "very-secret") || !strings.Contains(s, "restart needed: index.embedder") {
		t.Fatalf("diff string %q", s)
	}
}

func TestReloadOnDemand(t *testing.T) {
	path := filepath.Join(t.TempDir(), "stylist.yaml")
	writeFile(t, path, "llm:\n  model: a\n")
	var calls atomic.Int32
	w, err := NewWatcher(Options{File: path, Environ: []string{}}, func(*Config, *Config, Diff) error { calls.Add(1); return nil }, nil)
	if err != nil {
		t.Fatal(err)
	}
	d, err := w.Reload(context.Background())
	if err != nil || !d.Empty() || calls.Load() != 0 {
		t.Fatalf("unchanged reload: diff %v err %v calls %d", d, err, calls.Load())
	}
	writeFile(t, path, "llm:\n  model: b\n")
	if d, err = w.Reload(context.Background()); err != nil || !slices.Equal(d.Changed, []string{"llm.model"}) || calls.Load() != 1 {
		t.Fatalf("reload: diff %v err %v calls %d", d, err, calls.Load())
	}
	writeFile(t, path, "llm:\n  model: \"\"\n")
	if _, err = w.Reload(context.Background()); err == nil || !strings.Contains(err.Error(), "llm.model") {
		t.Fatalf("invalid reload: %v", err)
	}
	if w.Current().LLM.Model != "b" {
		t.Fatalf("model %q after a failed reload", w.Current().LLM.Model)
	}
	if _, err := NewWatcher(Options{}, nil, nil); !errors.Is(err, ErrNoFile) {
		t.Fatalf("no file: %v", err)
	}
}

// TestRefusedApplyKeepsVersion: when the apply step refuses a valid-looking change,
// the watcher keeps the old config and version, reports the refusal with the diff,
// and a later Reload sees (and refuses) the same change again instead of "no changes".
func TestRefusedApplyKeepsVersion(t *testing.T) {
	path := filepath.Join(t.TempDir(), "stylist.yaml")
	writeFile(t, path, "llm:\n  model: a\n")
	refuse := errors.New("llm.model: refused by the test")
	var calls atomic.Int32
	w, err := NewWatcher(Options{File: path, Environ: []string{}}, func(o, n *Config, d Diff) error {
		calls.Add(1)
		if n.LLM.Model == "bad" {
			return refuse
		}
		return nil
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	before, v1 := w.Current(), w.Version()
	writeFile(t, path, "llm:\n  model: bad\n")
	for i := range 2 {
		_, err := w.Reload(context.Background())
		if !errors.Is(err, refuse) || !strings.Contains(err.Error(), "llm.model") {
			t.Fatalf("reload %d: %v, want the refusal naming llm.model", i, err)
		}
		if w.Current() != before || w.Version() != v1 {
			t.Fatalf("reload %d: a refused change became current (seq %d)", i, w.Version().Seq)
		}
	}
	if calls.Load() != 2 {
		t.Fatalf("apply called %d times, want 2 (the refused change is retried, not forgotten)", calls.Load())
	}
	writeFile(t, path, "llm:\n  model: good\n")
	if _, err := w.Reload(context.Background()); err != nil || w.Version().Seq != 2 || w.Current().LLM.Model != "good" {
		t.Fatalf("good reload: %v seq %d", err, w.Version().Seq)
	}
}
