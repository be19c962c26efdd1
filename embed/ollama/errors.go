package ollamaembed

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"syscall"
	"time"

	"github.com/ollama/ollama/api"
)

// Sentinels matched (errors.Is) by the typed errors below.
var (
	// ErrModelNotFound: the server does not have the model.
	ErrModelNotFound = errors.New("ollama model not found")
	// ErrUnreachable: no HTTP conversation with the server was possible.
	ErrUnreachable = errors.New("ollama server unreachable")
	// ErrDimensionMismatch: the model returned vectors of an unexpected length.
	ErrDimensionMismatch = errors.New("embedding dimension mismatch")
)

// ModelNotFoundError says the server lacks the model and how to get it.
type ModelNotFoundError struct {
	Model string
	URL   string
}

// Error names the model, the server and the pull command.
func (e *ModelNotFoundError) Error() string {
	return fmt.Sprintf("ollamaembed: model %q not found on the Ollama server at %s; pull it with: ollama pull %s", e.Model, e.URL, e.Model)
}

// Is matches ErrModelNotFound.
func (e *ModelNotFoundError) Is(target error) bool { return target == ErrModelNotFound }

// UnreachableError says the server could not be reached (refused, DNS, reset).
type UnreachableError struct {
	URL string
	Err error
}

// Error names the server URL and the transport error.
func (e *UnreachableError) Error() string {
	return fmt.Sprintf("ollamaembed: cannot reach the Ollama server at %s (is `ollama serve` running?): %v", e.URL, e.Err)
}

// Unwrap returns the transport error.
func (e *UnreachableError) Unwrap() error { return e.Err }

// Is matches ErrUnreachable.
func (e *UnreachableError) Is(target error) bool { return target == ErrUnreachable }

// DimensionError says a vector's length differs from the expected dimension.
type DimensionError struct {
	Model     string
	Want, Got int
}

// Error names both dimensions.
func (e *DimensionError) Error() string {
	return fmt.Sprintf("ollamaembed: model %q gives %d-dimensional vectors, expected %d", e.Model, e.Got, e.Want)
}

// Is matches ErrDimensionMismatch.
func (e *DimensionError) Is(target error) bool { return target == ErrDimensionMismatch }

// classify turns a client error into one of the typed errors, keeping context
// errors (errors.Is(err, context.DeadlineExceeded) stays true).
func (e *Embedder) classify(ctx context.Context, op string, err error) error {
	if ctxErr := ctx.Err(); ctxErr != nil {
		if errors.Is(ctxErr, context.DeadlineExceeded) && e.cfg.Timeout > 0 {
			return fmt.Errorf("ollamaembed: %s: no answer from %s within %s: %w", op, e.cfg.URL, e.cfg.Timeout, ctxErr)
		}
		return fmt.Errorf("ollamaembed: %s: %w", op, ctxErr)
	}
	var status api.StatusError
	if errors.As(err, &status) {
		if status.StatusCode == http.StatusNotFound {
			return &ModelNotFoundError{Model: e.cfg.Model, URL: e.cfg.URL}
		}
		return fmt.Errorf("ollamaembed: %s on %s: %w", op, e.cfg.URL, err)
	}
	var urlErr *url.Error
	var netErr net.Error
	if errors.As(err, &urlErr) || errors.As(err, &netErr) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, syscall.ECONNRESET) {
		return &UnreachableError{URL: e.cfg.URL, Err: err}
	}
	return fmt.Errorf("ollamaembed: %s on %s: %w", op, e.cfg.URL, err)
}

// requestContext applies the per-request timeout.
func (e *Embedder) requestContext(ctx context.Context) (context.Context, context.CancelFunc) {
	if e.cfg.Timeout > 0 {
		return context.WithTimeout(ctx, e.cfg.Timeout)
	}
	return context.WithCancel(ctx)
}

// since rounds a duration for logs.
func since(t time.Time) time.Duration { return time.Since(t).Round(time.Millisecond) }
