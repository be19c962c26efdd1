package configs

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
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
		func(o, n *Config, d Diff) { r.changes <- change{o, n, d} },
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
		{"bad value", "llm:\n  model: b\nretrieve:\n  k: 0\n", "retrieve.k", "between 1 and 200"},
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
	var ke *KeyError
	writeFile(t, r.path, "bot:\n  workers: -1\n")
	if err := r.nextError(t); !errors.As(err, &ke) || ke.Key != "bot.workers" || !errors.Is(err, ErrInvalid) {
		t.Fatalf("error %v: want a *KeyError for bot.workers wrapping ErrInvalid", err)
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
	w, err := NewWatcher(Options{File: path, Environ: []string{}}, func(*Config, *Config, Diff) { calls.Add(1) }, nil)
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

// TestHolderReadersNeverSeeHalfApplied runs readers against a Holder that the
// watcher's callback updates while the file is rewritten many times. Every config
// written keeps k == workers and model == "m<k>"; a reader seeing a mix of two
// versions would break that. Run with -race to also prove the sharing is race-free.
func TestHolderReadersNeverSeeHalfApplied(t *testing.T) {
	body := func(i int) string {
		return fmt.Sprintf("llm:\n  model: m%d\nretrieve:\n  k: %d\nbot:\n  workers: %d\n", i, i, i)
	}
	r := startWatch(t, body(1), WithDebounce(5*time.Millisecond))
	h := NewHolder(r.w.Current())
	var stop atomic.Bool
	var wg sync.WaitGroup
	var reads atomic.Int64
	bad := make(chan string, 1)
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for !stop.Load() {
				c := h.Load()
				k, workers, model := c.Retrieve.K, c.Bot.Workers, c.LLM.Model
				if k != workers || model != fmt.Sprintf("m%d", k) {
					select {
					case bad <- fmt.Sprintf("k=%d workers=%d model=%s", k, workers, model):
					default:
					}
					return
				}
				reads.Add(1)
				runtime.Gosched() // leave CPU to the watcher on small machines
			}
		}()
	}
	const last = 20
	for i := 2; i <= last; i++ {
		replaceFile(t, r.path, body(i))
		c := r.nextChange(t)
		h.Store(c.new)
	}
	stop.Store(true)
	wg.Wait()
	select {
	case s := <-bad:
		t.Fatalf("a reader saw a half-applied config: %s", s)
	default:
	}
	if got := h.Load(); got.Retrieve.K != last || reads.Load() == 0 {
		t.Fatalf("final k %d after %d reads", got.Retrieve.K, reads.Load())
	}
}
