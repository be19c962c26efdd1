package bot

import (
	"fmt"
	"slices"
	"time"
)

// Config holds the core's tunables; the zero value is invalid, start from DefaultConfig.
type Config struct {
	// MaxQueryRunes is the longest accepted request text, in runes.
	MaxQueryRunes int
	// Workers is the number of recommendations generated concurrently.
	Workers int
	// QueueSize is how many accepted requests may wait for a worker; beyond it requests get "busy".
	QueueSize int
	// RequestTimeout bounds one request from acceptance to answer (queue wait included).
	RequestTimeout time.Duration
	// DrainTimeout is how long Shutdown lets in-flight requests finish before cancelling them.
	DrainTimeout time.Duration
	// ReplyTimeout bounds one call of an adapter's ReplyFunc.
	ReplyTimeout time.Duration
	// UserRate is the sustained requests per minute allowed per user; 0 disables the user limit.
	UserRate float64
	// UserBurst is the per-user bucket size.
	UserBurst int
	// ChannelRate is the sustained requests per minute allowed per channel; 0 disables the channel limit.
	ChannelRate float64
	// ChannelBurst is the per-channel bucket size.
	ChannelBurst int
	// DefaultCount is the number of items asked of the recommender.
	DefaultCount int
	// MaxCount caps the number of items shown in one reply.
	MaxCount int
	// HistoryTTL is how long a thread's turns are remembered after its last answer.
	HistoryTTL time.Duration
	// HistoryMaxThreads caps the number of remembered threads (least recently used are dropped).
	HistoryMaxThreads int
	// HistoryMaxTurns caps the turns kept per thread (oldest are dropped).
	HistoryMaxTurns int
	// StreamInterval is the minimum gap between streamed partial replies; 0 disables partials.
	StreamInterval time.Duration
	// AllowedChannels restricts mentions, slash commands and follow-ups to these channel ids;
	// empty allows every channel. Direct messages and the console are always allowed.
	AllowedChannels []string
}

// DefaultConfig returns the documented defaults.
func DefaultConfig() Config {
	return Config{
		MaxQueryRunes:     500,
		Workers:           4,
		QueueSize:         64,
		RequestTimeout:    60 * time.Second,
		DrainTimeout:      10 * time.Second,
		ReplyTimeout:      15 * time.Second,
		UserRate:          10,
		UserBurst:         3,
		ChannelRate:       60,
		ChannelBurst:      10,
		DefaultCount:      5,
		MaxCount:          10,
		HistoryTTL:        24 * time.Hour,
		HistoryMaxThreads: 10000,
		HistoryMaxTurns:   10,
		StreamInterval:    500 * time.Millisecond,
	}
}

// Validate reports the first invalid field by name.
func (c Config) Validate() error {
	type check struct {
		ok    bool
		field string
		msg   string
	}
	checks := []check{
		{c.MaxQueryRunes > 0, "MaxQueryRunes", "must be > 0"},
		{c.Workers > 0, "Workers", "must be > 0"},
		{c.QueueSize >= 0, "QueueSize", "must be >= 0"},
		{c.RequestTimeout > 0, "RequestTimeout", "must be > 0"},
		{c.DrainTimeout >= 0, "DrainTimeout", "must be >= 0"},
		{c.ReplyTimeout > 0, "ReplyTimeout", "must be > 0"},
		{c.UserRate >= 0, "UserRate", "must be >= 0 (0 disables)"},
		{c.UserRate == 0 || c.UserBurst > 0, "UserBurst", "must be > 0 when UserRate is set"},
		{c.ChannelRate >= 0, "ChannelRate", "must be >= 0 (0 disables)"},
		{c.ChannelRate == 0 || c.ChannelBurst > 0, "ChannelBurst", "must be > 0 when ChannelRate is set"},
		{c.MaxCount > 0, "MaxCount", "must be > 0"},
		{c.DefaultCount > 0 && c.DefaultCount <= c.MaxCount, "DefaultCount", "must be in 1..MaxCount"},
		{c.HistoryTTL > 0, "HistoryTTL", "must be > 0"},
		{c.HistoryMaxThreads > 0, "HistoryMaxThreads", "must be > 0"},
		{c.HistoryMaxTurns > 0, "HistoryMaxTurns", "must be > 0"},
		{c.StreamInterval >= 0, "StreamInterval", "must be >= 0 (0 disables partial replies)"},
	}
	for _, k := range checks {
		if !k.ok {
			return &ConfigError{Field: k.field, Msg: k.msg}
		}
	}
	for i, ch := range c.AllowedChannels {
		if ch == "" {
			return &ConfigError{Field: fmt.Sprintf("AllowedChannels[%d]", i), Msg: "must not be empty"}
		}
	}
	return nil
}

// channelAllowed reports whether requests from channel may be served.
func (c *Config) channelAllowed(channel string) bool {
	return len(c.AllowedChannels) == 0 || slices.Contains(c.AllowedChannels, channel)
}

// ConfigError names an invalid Config field.
type ConfigError struct {
	Field string
	Msg   string
}

// Error implements error.
func (e *ConfigError) Error() string { return "bot: config: " + e.Field + " " + e.Msg }
