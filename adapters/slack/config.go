// Package slackadapter connects the stylist core to Slack over Socket Mode or the
// HTTP Events API, renders neutral replies as Block Kit and maps Slack events,
// slash commands and button clicks to bot requests.
package slackadapter

import (
	"net/url"
	"strings"

	"github.com/stylistbot/stylist/internal/confcheck"
)

// Transport modes.
const (
	ModeSocket = "socket" // Socket Mode: outbound WebSocket, no public URL
	ModeHTTP   = "http"   // Events API, slash commands and interactivity over signed HTTP requests
)

// Config configures the Slack adapter: the "slack" section of the configuration
// file (koanf tags name the keys); start from DefaultConfig. The channel
// allow-list is the core's (bot.Config.AllowedChannels), not the adapter's.
type Config struct {
	// Enabled makes `stylist serve` start the adapter; the adapter itself ignores it.
	Enabled bool `koanf:"enabled"`
	// Mode is "socket" (default) or "http".
	Mode string `koanf:"mode"`
	// BotToken is the bot user OAuth token (xoxb-…), used for the Web API.
	BotToken string `koanf:"bot_token"`
	// AppToken is the app-level token (xapp-…) with connections:write; socket mode only.
	AppToken string `koanf:"app_token"`
	// SigningSecret verifies HTTP requests from Slack; http mode only.
	SigningSecret string `koanf:"signing_secret"`
	// SlashCommand is the command name the app registers, e.g. "/outfit".
	SlashCommand string `koanf:"slash_command"`
	// ThreadOnly answers mentions in the mention's thread; false answers top-level
	// mentions at the channel's top level. Slash-command answers always go into the
	// thread of the "looking for…" message and DMs are answered in the DM.
	ThreadOnly bool `koanf:"thread_only"`
	// HTTPPath is where the caller mounts HTTPHandler (a subtree such as "/slack/").
	HTTPPath string `koanf:"http_path"`
	// APIURL is the Slack Web API base URL; empty = https://slack.com/api/. Set it
	// for GovSlack (https://slack-gov.com/api/), a regional endpoint or a proxy.
	// response_url callbacks are trusted on this host and its subdomains too.
	APIURL string `koanf:"api_url"`
}

// DefaultConfig returns the documented defaults (socket mode, /outfit, threads only).
func DefaultConfig() Config {
	return Config{
		Mode:         ModeSocket,
		SlashCommand: "/outfit",
		ThreadOnly:   true,
		HTTPPath:     "/slack/",
	}
}

// Validate reports every invalid key (relative to the "slack" section) as a
// *confcheck.ConfigError. Token values never appear in errors.
func (c Config) Validate() error {
	var v confcheck.Checker
	v.OneOf("mode", c.Mode, ModeSocket, ModeHTTP)
	v.Prefix("bot_token", c.BotToken, "xoxb-")
	switch c.Mode {
	case ModeSocket:
		v.Prefix("app_token", c.AppToken, "xapp-")
	case ModeHTTP:
		v.Check("signing_secret", c.SigningSecret != "", "is required in http mode")
		v.Check("http_path", strings.HasPrefix(c.HTTPPath, "/"), "must start with /")
	}
	v.Check("slash_command", strings.HasPrefix(c.SlashCommand, "/") && len(c.SlashCommand) >= 2 && !strings.ContainsAny(c.SlashCommand, " \t\n"),
		`must look like "/outfit"`)
	if c.APIURL != "" {
		u, err := url.Parse(c.APIURL)
		v.Check("api_url", err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "", "must be an absolute http(s) URL")
	}
	return v.Err()
}

// apiURL returns the Web API base URL with a trailing slash.
func (c Config) apiURL() string {
	if c.APIURL == "" {
		return ""
	}
	if strings.HasSuffix(c.APIURL, "/") {
		return c.APIURL
	}
	return c.APIURL + "/"
}
