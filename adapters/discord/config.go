package discordadapter

import (
	"encoding/hex"
	"fmt"
	"regexp"
	"time"
)

// Mode selects how interactions reach the adapter.
type Mode string

// Supported modes.
const (
	ModeGateway Mode = "gateway" // websocket gateway: slash commands, buttons, mentions, DMs, threads
	ModeHTTP    Mode = "http"    // HTTP interactions endpoint: slash commands and buttons only
)

// Config configures the Discord adapter; start from DefaultConfig.
type Config struct {
	// Mode is "gateway" (default) or "http".
	Mode Mode
	// Token is the bot token (with or without the "Bot " prefix); required in gateway mode,
	// optional in http mode (needed there only for command registration and channel fallbacks).
	Token string
	// ApplicationID is the application (client) id; required in http mode, learned from READY in gateway mode when empty.
	ApplicationID string
	// PublicKey is the application's hex Ed25519 public key; required in http mode.
	PublicKey string
	// GuildIDs lists guilds to register the commands in; empty registers them globally.
	GuildIDs []string
	// ShardID is this process's gateway shard.
	ShardID int
	// ShardCount is the total number of gateway shards (1 = no sharding).
	ShardCount int
	// CommandName is the slash command name; "<name>-help" is registered alongside it.
	CommandName string
	// AllowedChannels restricts guild channels (threads count as their parent); empty allows all. DMs are always allowed.
	AllowedChannels []string
	// MessageContentIntent requests the privileged MESSAGE_CONTENT intent so thread follow-ups need no mention.
	MessageContentIntent bool
	// RegisterCommands creates or updates the slash commands on Start when they differ (shard 0 only; needs Token).
	RegisterCommands bool
	// AckTimeout bounds the deferred acknowledgement of an interaction (Discord allows 3 s).
	AckTimeout time.Duration
	// MaxRetries is how many times a rate-limited (429) REST call is retried.
	MaxRetries int
	// MaxRetryWait caps one retry_after wait; longer waits fail the call instead.
	MaxRetryWait time.Duration
	// MaxBodyBytes caps the size of an HTTP interaction request body.
	MaxBodyBytes int64
	// MaxClockSkew is the largest accepted age (or future offset) of X-Signature-Timestamp.
	MaxClockSkew time.Duration
}

// DefaultConfig returns the documented defaults.
func DefaultConfig() Config {
	return Config{
		Mode:             ModeGateway,
		ShardCount:       1,
		CommandName:      "outfit",
		RegisterCommands: true,
		AckTimeout:       2500 * time.Millisecond,
		MaxRetries:       3,
		MaxRetryWait:     10 * time.Second,
		MaxBodyBytes:     1 << 20,
		MaxClockSkew:     5 * time.Minute,
	}
}

var (
	snowflakeRE   = regexp.MustCompile(`^[0-9]{1,20}$`)
	commandNameRE = regexp.MustCompile(`^[-_\p{Ll}\p{N}]{1,27}$`) // leaves room for "-help" within Discord's 32
)

// Validate reports the first invalid field by name.
func (c Config) Validate() error {
	bad := func(field, msg string) error { return fmt.Errorf("discord: %s %s", field, msg) }
	switch c.Mode {
	case ModeGateway:
		if c.Token == "" {
			return bad("Token", "is required in gateway mode")
		}
	case ModeHTTP:
		if c.ApplicationID == "" {
			return bad("ApplicationID", "is required in http mode")
		}
		if c.PublicKey == "" {
			return bad("PublicKey", "is required in http mode")
		}
	default:
		return bad("Mode", fmt.Sprintf("must be %q or %q, got %q", ModeGateway, ModeHTTP, c.Mode))
	}
	if c.PublicKey != "" {
		if k, err := hex.DecodeString(c.PublicKey); err != nil || len(k) != 32 {
			return bad("PublicKey", "must be 64 hex characters (an Ed25519 public key)")
		}
	}
	if c.ApplicationID != "" && !snowflakeRE.MatchString(c.ApplicationID) {
		return bad("ApplicationID", "must be a numeric snowflake")
	}
	for _, g := range c.GuildIDs {
		if !snowflakeRE.MatchString(g) {
			return bad("GuildIDs", fmt.Sprintf("entry %q must be a numeric snowflake", g))
		}
	}
	for _, ch := range c.AllowedChannels {
		if !snowflakeRE.MatchString(ch) {
			return bad("AllowedChannels", fmt.Sprintf("entry %q must be a numeric snowflake", ch))
		}
	}
	if c.ShardCount < 1 {
		return bad("ShardCount", "must be >= 1")
	}
	if c.ShardID < 0 || c.ShardID >= c.ShardCount {
		return bad("ShardID", fmt.Sprintf("must be in [0, ShardCount=%d)", c.ShardCount))
	}
	if !commandNameRE.MatchString(c.CommandName) {
		return bad("CommandName", "must be 1-27 lowercase letters, digits, '-' or '_'")
	}
	if c.AckTimeout <= 0 || c.AckTimeout > 3*time.Second {
		return bad("AckTimeout", "must be in (0, 3s]")
	}
	if c.MaxRetries < 0 {
		return bad("MaxRetries", "must be >= 0")
	}
	if c.MaxRetryWait <= 0 {
		return bad("MaxRetryWait", "must be > 0")
	}
	if c.MaxBodyBytes < 1024 {
		return bad("MaxBodyBytes", "must be >= 1024")
	}
	if c.MaxClockSkew <= 0 {
		return bad("MaxClockSkew", "must be > 0")
	}
	return nil
}
