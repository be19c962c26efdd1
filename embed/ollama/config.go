// Package ollamaembed embeds text with an embedding model served by Ollama (/api/embed).
package ollamaembed

import (
	"fmt"
	"net/url"
	"time"

	"github.com/stylistbot/stylist/internal/confcheck"
)

// MaxBatchSize bounds Config.BatchSize.
const MaxBatchSize = 4096

// Config configures the Ollama embedder: the "index.ollama" section of the
// configuration file (koanf tags name the keys; URL is llm.url; fields tagged "-"
// keep DefaultConfig's value).
type Config struct {
	// URL is the Ollama server's base URL (OLLAMA_HOST handling is the caller's job).
	URL string `koanf:"-"`
	// Model is the embedding model, e.g. "nomic-embed-text".
	Model string `koanf:"model"`
	// BatchSize is the number of texts per /api/embed request.
	BatchSize int `koanf:"batch_size"`
	// Timeout bounds each request; 0 leaves it to the caller's context.
	Timeout time.Duration `koanf:"-"`
	// KeepAlive is how long the server keeps the model loaded after a request;
	// 0 uses the server's default, negative keeps it loaded indefinitely.
	KeepAlive time.Duration `koanf:"-"`
	// Truncate lets the server cut inputs longer than the model's context; when
	// false such inputs fail the request.
	Truncate bool `koanf:"-"`
}

// DefaultConfig returns the defaults (configs/default.yaml agrees): a local server
// and nomic-embed-text in batches of 64.
func DefaultConfig() Config {
	return Config{
		URL:       "http://127.0.0.1:11434",
		Model:     "nomic-embed-text",
		BatchSize: 64,
		Timeout:   2 * time.Minute,
		KeepAlive: 5 * time.Minute,
		Truncate:  true,
	}
}

// Validate reports every invalid field as a *confcheck.ConfigError, keyed like the
// configuration file ("batch_size") or, for fields not in it, by Go name ("URL").
func (c Config) Validate() error {
	var v confcheck.Checker
	u, err := url.Parse(c.URL)
	v.Check("URL", err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "", fmt.Sprintf("%q must be http(s)://host:port", c.URL))
	v.NonEmpty("model", c.Model)
	v.Between("batch_size", c.BatchSize, 1, MaxBatchSize)
	v.NotNegative("Timeout", c.Timeout)
	return v.Err()
}
