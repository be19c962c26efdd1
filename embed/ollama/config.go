// Package ollamaembed embeds text with an embedding model served by Ollama (/api/embed).
package ollamaembed

import (
	"fmt"
	"net/url"
	"time"
)

// MaxBatchSize bounds Config.BatchSize.
const MaxBatchSize = 4096

// Config configures the Ollama embedder.
type Config struct {
	// URL is the Ollama server's base URL (OLLAMA_HOST handling is the caller's job).
	URL string
	// Model is the embedding model, e.g. "nomic-embed-text".
	Model string
	// BatchSize is the number of texts per /api/embed request.
	BatchSize int
	// Timeout bounds each request; 0 leaves it to the caller's context.
	Timeout time.Duration
	// KeepAlive is how long the server keeps the model loaded after a request;
	// 0 uses the server's default, negative keeps it loaded indefinitely.
	KeepAlive time.Duration
	// Truncate lets the server cut inputs longer than the model's context; when
	// false such inputs fail the request.
	Truncate bool
}

// DefaultConfig returns the defaults: a local server and nomic-embed-text.
func DefaultConfig() Config {
	return Config{
		URL:       "http://127.0.0.1:11434",
		Model:     "nomic-embed-text",
		BatchSize: 32,
		Timeout:   2 * time.Minute,
		KeepAlive: 5 * time.Minute,
		Truncate:  true,
	}
}

// Validate reports the first invalid field.
func (c Config) Validate() error {
	u, err := url.Parse(c.URL)
	switch {
	case err != nil:
		return fmt.Errorf("ollamaembed: URL %q: %w", c.URL, err)
	case u.Scheme != "http" && u.Scheme != "https", u.Host == "":
		return fmt.Errorf("ollamaembed: URL %q must be http(s)://host:port", c.URL)
	case c.Model == "":
		return fmt.Errorf("ollamaembed: Model is empty")
	case c.BatchSize < 1 || c.BatchSize > MaxBatchSize:
		return fmt.Errorf("ollamaembed: BatchSize %d must be between 1 and %d", c.BatchSize, MaxBatchSize)
	case c.Timeout < 0:
		return fmt.Errorf("ollamaembed: Timeout %s must not be negative", c.Timeout)
	}
	return nil
}
