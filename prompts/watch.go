package prompts

import (
	"context"

	"github.com/stylistbot/stylist/internal/dirwatch"
)

// Watch reloads the templates whenever a file in dir changes (debounced) and
// calls onChange with the new set; a set that fails to load is reported to
// onError and the old one stays in use. It returns when ctx ends.
func Watch(ctx context.Context, dir string, onChange func(*Set), onError func(error)) error {
	return dirwatch.Run(ctx, dir, func() {
		s, err := Load(dir)
		if err != nil {
			onError(err)
			return
		}
		onChange(s)
	}, onError)
}
