package outfit

import (
	"context"

	"github.com/stylistbot/stylist/internal/dirwatch"
)

// Watch reloads the knowledge files whenever a file in dir changes
// (debounced) and calls onChange with the new knowledge; knowledge that fails
// to load or validate is reported to onError (naming file, line and value)
// and the old one stays in use. It returns when ctx ends.
func Watch(ctx context.Context, dir string, vocab Vocabulary, onChange func(*Knowledge), onError func(error)) error {
	return dirwatch.Run(ctx, dir, func() {
		k, err := Load(dir, vocab)
		if err != nil {
			onError(err)
			return
		}
		onChange(k)
	}, onError)
}
