package configs

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/fsnotify/fsnotify"
)

// DefaultDebounce is how long the watcher waits after the last file event
// before reloading, so an editor's write-rename-chmod burst is one reload.
const DefaultDebounce = 200 * time.Millisecond

// ErrNoFile is returned when hot reload is asked for without a config file.
var ErrNoFile = errors.New("config watch: no config file to watch")

// Version identifies one applied configuration.
type Version struct {
	Hash     string    // Fingerprint of the configuration
	LoadedAt time.Time // when it was loaded
	Seq      int       // 1 for the initial configuration, +1 per applied change
}

// ApplyFunc puts a changed configuration into effect: all of it or nothing. It
// returns an error (naming the refused key) when it applied nothing; the
// watcher then keeps the old configuration and version.
type ApplyFunc func(old, new *Config, d Diff) error

// Watcher reloads the config file when it changes. A change becomes the current
// configuration, with a new Version, only after it loaded, validated and was
// applied (ApplyFunc returned nil).
type Watcher struct {
	opts     Options
	path     string
	apply    ApplyFunc
	onError  func(error)
	debounce time.Duration
	initial  *Config
	started  func() // test hook: called once the directory is watched

	mu       sync.Mutex // serializes reloads and callbacks
	cur      atomic.Pointer[watchState]
	fileHash [sha256.Size]byte
}

type watchState struct {
	cfg *Config
	ver Version
}

// WatchOption customises a Watcher.
type WatchOption func(*Watcher)

// WithDebounce sets the quiet period after the last file event (default 200 ms).
func WithDebounce(d time.Duration) WatchOption { return func(w *Watcher) { w.debounce = d } }

// WithInitial makes c the starting configuration instead of loading the file again.
func WithInitial(c *Config) WatchOption { return func(w *Watcher) { w.initial = c } }

// NewWatcher loads the starting configuration (unless WithInitial) and returns a
// watcher; call Run to start watching. A changed file that loads and validates
// goes to apply; a file that does not, or a change apply refuses, goes to onError
// and the old configuration stays current. Callbacks run one at a time; they must
// not call the watcher's Reload. nil callbacks are ignored.
func NewWatcher(opts Options, apply ApplyFunc, onError func(error), o ...WatchOption) (*Watcher, error) {
	if opts.File == "" {
		return nil, ErrNoFile
	}
	path, err := filepath.Abs(opts.File)
	if err != nil {
		return nil, fmt.Errorf("config watch: %w", err)
	}
	w := &Watcher{opts: opts, path: path, apply: apply, onError: onError, debounce: DefaultDebounce}
	for _, f := range o {
		f(w)
	}
	if w.apply == nil {
		w.apply = func(*Config, *Config, Diff) error { return nil }
	}
	if w.onError == nil {
		w.onError = func(error) {}
	}
	w.fileHash, _ = hashFile(path)
	cfg := w.initial
	if cfg == nil {
		if cfg, err = Load(opts); err != nil {
			return nil, err
		}
	}
	w.cur.Store(&watchState{cfg: cfg, ver: Version{Hash: Fingerprint(cfg), LoadedAt: time.Now(), Seq: 1}})
	return w, nil
}

// Current returns the configuration last applied.
func (w *Watcher) Current() *Config { return w.cur.Load().cfg }

// Version returns the identity of the configuration last applied.
func (w *Watcher) Version() Version { return w.cur.Load().ver }

// Path returns the absolute path of the watched file.
func (w *Watcher) Path() string { return w.path }

// Run watches the file's directory (so editors that replace the file by rename
// are seen) until ctx ends; it returns nil then, or an error if watching cannot start.
func (w *Watcher) Run(ctx context.Context) error {
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		return fmt.Errorf("config watch: %w", err)
	}
	defer fw.Close()
	dir, base := filepath.Split(w.path)
	if err := fw.Add(filepath.Clean(dir)); err != nil {
		return fmt.Errorf("config watch %s: %w", dir, err)
	}
	if w.started != nil {
		w.started()
	}
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	defer timer.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case ev, ok := <-fw.Events:
			if !ok {
				return nil
			}
			// Kubernetes ConfigMap volumes swap a "..data" symlink instead of the file.
			if name := filepath.Base(ev.Name); name == base || strings.HasPrefix(name, "..") {
				timer.Reset(w.debounce)
			}
		case err, ok := <-fw.Errors:
			if !ok {
				return nil
			}
			w.onError(fmt.Errorf("config watch: %w", err))
		case <-timer.C:
			w.check()
		}
	}
}

// check reloads the file if its bytes changed since the last attempt.
func (w *Watcher) check() {
	w.mu.Lock()
	defer w.mu.Unlock()
	sum, err := hashFile(w.path)
	if err != nil {
		if w.fileHash != ([sha256.Size]byte{}) {
			w.fileHash = [sha256.Size]byte{}
			w.onError(fmt.Errorf("config file %s: %w (keeping the running configuration)", w.path, err))
		}
		return
	}
	if sum == w.fileHash {
		return
	}
	w.fileHash = sum
	cfg, err := Load(w.opts)
	if err == nil {
		_, err = w.applyLocked(cfg)
	}
	if err != nil {
		w.onError(err)
	}
}

// Reload loads and applies the file now, whether or not it changed. An invalid or
// refused file is returned as the error (onError is not called) and the old config
// stays current, so a later Reload reports the same change again.
func (w *Watcher) Reload(ctx context.Context) (Diff, error) {
	if err := ctx.Err(); err != nil {
		return Diff{}, err
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if sum, err := hashFile(w.path); err == nil {
		w.fileHash = sum
	}
	cfg, err := Load(w.opts)
	if err != nil {
		return Diff{}, err
	}
	return w.applyLocked(cfg)
}

// applyLocked applies cfg and only then records it as the current version.
func (w *Watcher) applyLocked(cfg *Config) (Diff, error) {
	old := w.cur.Load()
	d := Compare(old.cfg, cfg)
	if d.Empty() {
		return d, nil
	}
	if err := w.apply(old.cfg, cfg, d); err != nil {
		return d, fmt.Errorf("config change refused (%s): %w", d, err)
	}
	w.cur.Store(&watchState{cfg: cfg, ver: Version{Hash: Fingerprint(cfg), LoadedAt: time.Now(), Seq: old.ver.Seq + 1}})
	return d, nil
}

func hashFile(path string) ([sha256.Size]byte, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return [sha256.Size]byte{}, err
	}
	return sha256.Sum256(b), nil
}
