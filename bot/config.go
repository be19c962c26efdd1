package bot

import (
	"slices"
	"time"

	"github.com/stylistbot/stylist/internal/confcheck"
)

// Config holds the core's tunables, the "bot" section of the configuration file
// (koanf tags name the keys); the zero value is invalid, start from DefaultConfig.
type Config struct {
	// MaxQueryRunes is the longest accepted request text, in runes (at most MaxTextRunes).
	MaxQueryRunes int `koanf:"max_query_runes"`
	// Workers is the number of recommendations generated concurrently.
	Workers int `koanf:"workers"`
	// QueueSize is how many accepted requests may wait for a worker; beyond it requests get "busy".
	QueueSize int `koanf:"queue_size"`
	// RequestTimeout bounds one request from acceptance to answer (queue wait included).
	RequestTimeout time.Duration `koanf:"request_timeout"`
	// DrainTimeout is how long Shutdown lets in-flight requests finish before cancelling them.
	DrainTimeout time.Duration `koanf:"drain_timeout"`
	// ReplyTimeout bounds one call of an adapter's ReplyFunc.
	ReplyTimeout time.Duration `koanf:"reply_timeout"`
	// UserRate is the sustained requests per minute allowed per user; 0 disables the user limit.
	UserRate float64 `koanf:"user_rate_per_min"`
	// UserBurst is the per-user bucket size.
	UserBurst int `koanf:"user_burst"`
	// ChannelRate is the sustained requests per minute allowed per channel; 0 disables the channel limit.
	ChannelRate float64 `koanf:"channel_rate_per_min"`
	// ChannelBurst is the per-channel bucket size.
	ChannelBurst int `koanf:"channel_burst"`
	// HistoryTTL is how long a thread's turns are remembered after its last answer.
	HistoryTTL time.Duration `koanf:"history_ttl"`
	// HistoryMaxThreads caps the number of remembered threads (least recently used are dropped).
	HistoryMaxThreads int `koanf:"history_max_threads"`
	// HistoryMaxTurns caps the turns kept per thread (oldest are dropped).
	HistoryMaxTurns int `koanf:"history_max_turns"`
	// StreamInterval is the minimum gap between streamed partial replies; 0 disables partials.
	StreamInterval time.Duration `koanf:"stream_interval"`
	// AllowedChannels is the one channel allow-list, for every platform: mentions,
	// slash commands, follow-ups and buttons are answered only in these channel ids
	// (Slack "C…" ids and Discord snowflakes never collide, so one list serves both;
	// a Discord thread counts as its parent channel). Empty allows every channel.
	// Direct messages and the console are always allowed.
	AllowedChannels []string `koanf:"allowed_channels"`
}

// DefaultConfig returns the documented defaults (configs/default.yaml agrees).
func DefaultConfig() Config {
	return Config{
		MaxQueryRunes:     500,
		Workers:           4,
		QueueSize:         64,
		RequestTimeout:    90 * time.Second,
		DrainTimeout:      10 * time.Second,
		ReplyTimeout:      15 * time.Second,
		UserRate:          10,
		UserBurst:         3,
		ChannelRate:       60,
		ChannelBurst:      10,
		HistoryTTL:        24 * time.Hour,
		HistoryMaxThreads: 10000,
		HistoryMaxTurns:   10,
		StreamInterval:    500 * time.Millisecond,
	}
}

// Validate reports every invalid key (relative to the "bot" section) as a
// *confcheck.ConfigError.
func (c Config) Validate() error {
	var v confcheck.Checker
	v.Between("max_query_runes", c.MaxQueryRunes, 1, MaxTextRunes)
	v.Between("workers", c.Workers, 1, 1024)
	v.Between("queue_size", c.QueueSize, 0, 1<<20)
	v.Positive("request_timeout", c.RequestTimeout)
	v.NotNegative("drain_timeout", c.DrainTimeout)
	v.Positive("reply_timeout", c.ReplyTimeout)
	v.Check("user_rate_per_min", c.UserRate >= 0, "must be >= 0 (0 disables the per-user limit)")
	v.Check("user_burst", c.UserRate == 0 || c.UserBurst > 0, "must be >= 1 when user_rate_per_min is set")
	v.Check("channel_rate_per_min", c.ChannelRate >= 0, "must be >= 0 (0 disables the per-channel limit)")
	v.Check("channel_burst", c.ChannelRate == 0 || c.ChannelBurst > 0, "must be >= 1 when channel_rate_per_min is set")
	v.Positive("history_ttl", c.HistoryTTL)
	v.AtLeast("history_max_threads", c.HistoryMaxThreads, 1)
	v.AtLeast("history_max_turns", c.HistoryMaxTurns, 1)
	v.NotNegative("stream_interval", c.StreamInterval)
	v.NoEmptyEntries("allowed_channels", c.AllowedChannels)
	return v.Err()
}

// channelAllowed reports whether requests from channel may be served.
func (c *Config) channelAllowed(channel string) bool {
	return len(c.AllowedChannels) == 0 || slices.Contains(c.AllowedChannels, channel)
}
