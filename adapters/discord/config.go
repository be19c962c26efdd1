package discordadapter

import (
	"encoding/hex"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/stylistbot/stylist/internal/confcheck"
)

// Mode selects how interactions reach the adapter.
type Mode string

// Supported modes.
const (
	ModeGateway Mode = "gateway" // websocket gateway: slash commands, buttons, mentions, DMs, threads
	ModeHTTP    Mode = "http"    // HTTP interactions endpoint: slash commands and buttons only
)

// Config configures the Discord adapter: the "discord" section of the
// configuration file (koanf tags name the keys; fields tagged "-" are not in the
// file and keep DefaultConfig's value); start from DefaultConfig. The channel
// allow-list is the core's (bot.Config.AllowedChannels), not the adapter's.
type Config struct {
	// Enabled makes `stylist serve` start the adapter; the adapter itself ignores it.
	Enabled bool `koanf:"enabled"`
	// Mode is "gateway" (default) or "http".
	Mode Mode `koanf:"mode"`
	// Token is the bot token (with or without the "Bot " prefix); required in gateway
	// mode, optional in http mode (needed there only for command registration and
	// channel fallbacks: without it those fail with ErrNoToken).
	Token string `koanf:"token"`
	// ApplicationID is the application (client) id; required in http mode, learned from READY in gateway mode when empty.
	ApplicationID string `koanf:"application_id"`
	// PublicKey is the application's hex Ed25519 public key; required in http mode.
	PublicKey string `koanf:"public_key"`
	// GuildIDs lists guilds to register the commands in; empty registers them globally.
	GuildIDs []string `koanf:"guild_ids"`
	// ShardCount is the total number of gateway shards across every replica (1 = no sharding).
	ShardCount int `koanf:"shard_count"`
	// ShardIDs are the gateway shards this process runs, one session each; empty =
	// every shard 0..ShardCount-1. Replicas split the ids between them (gateway mode only).
	ShardIDs []int `koanf:"shard_ids"`
	// CommandName is the slash command name; "<name>-help" is registered alongside it.
	CommandName string `koanf:"command_name"`
	// MessageContentIntent requests the privileged MESSAGE_CONTENT intent so thread follow-ups need no mention.
	MessageContentIntent bool `koanf:"message_content_intent"`
	// HTTPPath is where `stylist serve` mounts HTTPHandler in http mode.
	HTTPPath string `koanf:"http_path"`
	// APIURL is the base URL that takes the place of https://discord.com/ for REST
	// calls (the API path /api/v9/… is kept); empty = Discord itself. Set it for a
	// proxy or a stand-in of Discord.
	APIURL string `koanf:"api_url"`
	// RegisterCommands creates or updates the slash commands on Start when they differ
	// (in gateway mode only the process running shard 0; needs Token).
	RegisterCommands bool `koanf:"-"`
	// AckTimeout bounds the deferred acknowledgement of an interaction (Discord allows 3 s).
	AckTimeout time.Duration `koanf:"-"`
	// MaxRetries is how many times a rate-limited (429) REST call is retried.
	MaxRetries int `koanf:"-"`
	// MaxRetryWait caps one retry_after wait; longer waits fail the call instead.
	MaxRetryWait time.Duration `koanf:"-"`
	// MaxBodyBytes caps the size of an HTTP interaction request body.
	MaxBodyBytes int64 `koanf:"-"`
	// MaxClockSkew is the largest accepted age (or future offset) of X-Signature-Timestamp.
	MaxClockSkew time.Duration `koanf:"-"`
	// IdentifyInterval spaces the first connection of this process's shards: Discord
	// accepts one IDENTIFY per 5 s per application (max_concurrency 1).
	IdentifyInterval time.Duration `koanf:"-"`
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
		IdentifyInterval: 5 * time.Second,
		HTTPPath:         "/discord/interactions",
	}
}

var (
	snowflakeRE   = regexp.MustCompile(`^[0-9]{1,20}$`)
	commandNameRE = regexp.MustCompile(`^[-_\p{Ll}\p{N}]{1,27}$`) // leaves room for "-help" within Discord's 32
)

// Validate reports every invalid key (relative to the "discord" section) as a
// *confcheck.ConfigError; fields not in the file are named by their Go name.
func (c Config) Validate() error {
	var v confcheck.Checker
	v.OneOf("mode", string(c.Mode), string(ModeGateway), string(ModeHTTP))
	v.Check("token", c.Mode != ModeGateway || c.Token != "", "is required in gateway mode")
	if c.Mode == ModeHTTP {
		v.Check("application_id", c.ApplicationID != "", "is required in http mode")
		k, err := hex.DecodeString(c.PublicKey)
		v.Check("public_key", err == nil && len(k) == 32, "must be the application's 64-hex-digit Ed25519 public key (required in http mode)")
		v.Check("http_path", strings.HasPrefix(c.HTTPPath, "/"), "must start with /")
	} else if c.PublicKey != "" {
		k, err := hex.DecodeString(c.PublicKey)
		v.Check("public_key", err == nil && len(k) == 32, "must be the application's 64-hex-digit Ed25519 public key")
	}
	v.Check("application_id", c.ApplicationID == "" || snowflakeRE.MatchString(c.ApplicationID), "must be a numeric snowflake")
	for i, g := range c.GuildIDs {
		v.Check(fmt.Sprintf("guild_ids[%d]", i), snowflakeRE.MatchString(g), fmt.Sprintf("%q must be a numeric snowflake", g))
	}
	if c.APIURL != "" {
		u, err := url.Parse(c.APIURL)
		v.Check("api_url", err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" && u.RawQuery == "" && u.Fragment == "",
			"must be an absolute http(s) URL without query, e.g. https://discord-proxy.example/")
	}
	v.AtLeast("shard_count", c.ShardCount, 1)
	seen := map[int]int{}
	for i, id := range c.ShardIDs {
		key := fmt.Sprintf("shard_ids[%d]", i)
		if j, dup := seen[id]; dup {
			v.Add(key, fmt.Sprintf("%d is listed twice (also shard_ids[%d]); each shard runs in exactly one process", id, j))
			continue
		}
		seen[id] = i
		v.Check(key, id >= 0 && id < c.ShardCount, fmt.Sprintf("is %d, must be in [0, shard_count=%d)", id, c.ShardCount))
	}
	v.Check("command_name", commandNameRE.MatchString(c.CommandName), "must be 1-27 lowercase letters, digits, '-' or '_'")
	v.Check("AckTimeout", c.AckTimeout > 0 && c.AckTimeout <= 3*time.Second, "must be in (0, 3s]")
	v.Check("MaxRetries", c.MaxRetries >= 0, "must be >= 0")
	v.Check("MaxRetryWait", c.MaxRetryWait > 0, "must be > 0")
	v.Check("MaxBodyBytes", c.MaxBodyBytes >= 1024, "must be >= 1024")
	v.Check("MaxClockSkew", c.MaxClockSkew > 0, "must be > 0")
	v.Check("IdentifyInterval", c.IdentifyInterval >= 0, "must be >= 0")
	return v.Err()
}

// Shards returns the gateway shard ids this process runs: ShardIDs, or every
// shard 0..ShardCount-1 when it is empty.
func (c Config) Shards() []int {
	if len(c.ShardIDs) > 0 {
		return slices.Clone(c.ShardIDs)
	}
	ids := make([]int, max(c.ShardCount, 1))
	for i := range ids {
		ids[i] = i
	}
	return ids
}
