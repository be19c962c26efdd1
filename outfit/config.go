package outfit

import (
	"os"

	"github.com/stylistbot/stylist/internal/confcheck"
)

// Config is the "outfits" configuration section.
type Config struct {
	// Enabled answers outfit requests with assembled outfits; off, they are
	// answered as single-item requests.
	Enabled bool `koanf:"enabled"`
	// Dir overrides the embedded knowledge files (occasions.yaml, slots.yaml,
	// colours.yaml, anchors.yaml) with the files of the same name in it; hot-reloaded.
	Dir string `koanf:"dir"`
}

// DefaultConfig returns the defaults of configs/default.yaml.
func DefaultConfig() Config { return Config{Enabled: true} }

// Validate names the first bad key.
func (c Config) Validate() error {
	var v confcheck.Checker
	if c.Dir != "" {
		st, err := os.Stat(c.Dir)
		v.Check("dir", err == nil && st.IsDir(), "must be an existing directory")
	}
	return v.Err()
}
