// Package dirwatch runs a reload whenever the files of a directory change:
// the hot reload of the prompt templates and of the outfit knowledge.
package dirwatch

import (
	"context"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Debounce is how long Run waits after the last change before reloading, so
// that an editor's write-rename-chmod burst is one reload.
const Debounce = 200 * time.Millisecond

// Run calls reload after files in dir are written, created, renamed or
// removed (debounced), and reports watcher errors to onError, until ctx ends.
func Run(ctx context.Context, dir string, reload func(), onError func(error)) error {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return err
	}
	defer w.Close()
	if err := w.Add(dir); err != nil {
		return err
	}
	var timer <-chan time.Time
	for {
		select {
		case <-ctx.Done():
			return nil
		case ev, ok := <-w.Events:
			if !ok {
				return nil
			}
			if ev.Op&(fsnotify.Write|fsnotify.Create|fsnotify.Rename|fsnotify.Remove) != 0 {
				timer = time.After(Debounce)
			}
		case err, ok := <-w.Errors:
			if !ok {
				return nil
			}
			onError(err)
		case <-timer:
			timer = nil
			reload()
		}
	}
}
