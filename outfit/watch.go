package outfit

import (
	"context"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Watch reloads the knowledge files whenever a file in dir changes
// (debounced) and calls onChange with the new knowledge; knowledge that fails
// to load or validate is reported to onError (naming file, line and value)
// and the old one stays in use. It returns when ctx ends.
func Watch(ctx context.Context, dir string, vocab Vocabulary, onChange func(*Knowledge), onError func(error)) error {
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
				timer = time.After(200 * time.Millisecond)
			}
		case err, ok := <-w.Errors:
			if !ok {
				return nil
			}
			onError(err)
		case <-timer:
			timer = nil
			k, err := Load(dir, vocab)
			if err != nil {
				onError(err)
				continue
			}
			onChange(k)
		}
	}
}
