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

// Watcher reloads the config file when it changes and reports what changed.
type Watcher struct {
	opts     Options
	path     string
	onChange func(old, new *Config, d Diff)
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

// Watch reloads opts.File whenever it changes until ctx ends. Valid changes go to
// onChange with the old and new configuration and their Diff; a change that does not
// load or validate goes to onError (naming the bad key) and the old config stays.
// Callbacks run one at a time; they must not call the watcher's Reload.
func Watch(ctx context.Context, opts Options, onChange func(old, new *Config, diff Diff), onError func(error)) error {
	w, err := NewWatcher(opts, onChange, onError)
	if err != nil {
		return err
	}
	return w.Run(ctx)
}

// NewWatcher loads the starting configuration (unless WithInitial) and returns a
// watcher; call Run to start watching. nil callbacks are ignored.
func NewWatcher(opts Options, onChange func(old, new *Config, diff Diff), onError func(error), o ...WatchOption) (*Watcher, error) {
	if opts.File == "" {
		return nil, ErrNoFile
	}
	path, err := filepath.Abs(opts.File)
	if err != nil {
		return nil, fmt.Errorf("config watch: %w", err)
	}
	w := &Watcher{opts: opts, path: path, onChange: onChange, onError: onError, debounce: DefaultDebounce}
	for _, f := range o {
		f(w)
	}
	if w.onChange == nil {
		w.onChange = func(*Config, *Config, Diff) {}
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
	if err != nil {
		w.onError(err)
		return
	}
	w.applyLocked(cfg)
}

// Reload loads and applies the file now, whether or not it changed. An invalid
// file is returned as the error (onError is not called) and the old config stays.
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
	return w.applyLocked(cfg), nil
}

func (w *Watcher) applyLocked(cfg *Config) Diff {
	old := w.cur.Load()
	d := Compare(old.cfg, cfg)
	if d.Empty() {
		return d
	}
	w.cur.Store(&watchState{cfg: cfg, ver: Version{Hash: Fingerprint(cfg), LoadedAt: time.Now(), Seq: old.ver.Seq + 1}})
	w.onChange(old.cfg, cfg, d)
	return d
}

func hashFile(path string) ([sha256.Size]byte, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return [sha256.Size]byte{}, err
	}
	return sha256.Sum256(b), nil
}
