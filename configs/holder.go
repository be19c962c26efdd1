package configs

import "sync/atomic"

// Holder publishes the current configuration to concurrent readers. A stored
// *Config must never be modified afterwards: readers share it without locks, so
// every reader sees either the whole old or the whole new configuration.
type Holder struct{ p atomic.Pointer[Config] }

// NewHolder returns a holder publishing c.
func NewHolder(c *Config) *Holder {
	h := &Holder{}
	h.p.Store(c)
	return h
}

// Load returns the current configuration (nil before the first Store).
func (h *Holder) Load() *Config { return h.p.Load() }

// Store publishes c; c must not be modified afterwards.
func (h *Holder) Store(c *Config) { h.p.Store(c) }
