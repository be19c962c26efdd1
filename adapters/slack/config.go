// Package slackadapter connects the stylist core to Slack over Socket Mode or the
// HTTP Events API, renders neutral replies as Block Kit and maps Slack events,
// slash commands and button clicks to bot requests.
package slackadapter

import (
	"fmt"
	"net/url"
	"strings"
)

// Transport modes.
const (
	ModeSocket = "socket" // Socket Mode: outbound WebSocket, no public URL
	ModeHTTP   = "http"   // Events API, slash commands and interactivity over signed HTTP requests
)

// Config configures the Slack adapter; start from DefaultConfig.
type Config struct {
	// Mode is "socket" (default) or "http".
	Mode string
	// BotToken is the bot user OAuth token (xoxb-…), used for the Web API.
	BotToken string
	// AppToken is the app-level token (xapp-…) with connections:write; socket mode only.
	AppToken string
	// SigningSecret verifies HTTP requests from Slack; http mode only.
	SigningSecret string
	// SlashCommand is the command name the app registers, e.g. "/outfit".
	SlashCommand string
	// AllowedChannels limits the channels served; empty allows all. DMs are always allowed.
	AllowedChannels []string
	// ThreadOnly answers mentions in the mention's thread; false answers top-level
	// mentions at the channel's top level. Slash-command answers always go into the
	// thread of the "looking for…" message and DMs are answered in the DM.
	ThreadOnly bool
	// APIURL overrides the Slack Web API base URL (tests); empty = https://slack.com/api/.
	APIURL string
	// HTTPPath is where the caller mounts HTTPHandler (a subtree such as "/slack/").
	HTTPPath string
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

// ConfigError names an invalid Config field.
type ConfigError struct {
	Field string
	Msg   string
}

// Error implements error.
func (e *ConfigError) Error() string { return "slack: config: " + e.Field + " " + e.Msg }

// Validate reports the first invalid field by name. Token values never appear in errors.
func (c Config) Validate() error {
	bad := func(field, msg string) error { return &ConfigError{Field: field, Msg: msg} }
	switch c.Mode {
	case ModeSocket:
		if !strings.HasPrefix(c.AppToken, "xapp-") {
			return bad("AppToken", `must be an app-level token starting with "xapp-" in socket mode`)
		}
	case ModeHTTP:
		if c.SigningSecret == "" {
			return bad("SigningSecret", "is required in http mode")
		}
		if !strings.HasPrefix(c.HTTPPath, "/") {
			return bad("HTTPPath", `must start with "/" in http mode`)
		}
	default:
		return bad("Mode", fmt.Sprintf(`must be %q or %q`, ModeSocket, ModeHTTP))
	}
	if !strings.HasPrefix(c.BotToken, "xoxb-") {
		return bad("BotToken", `must be a bot token starting with "xoxb-"`)
	}
	if !strings.HasPrefix(c.SlashCommand, "/") || len(c.SlashCommand) < 2 || strings.ContainsAny(c.SlashCommand, " \t\n") {
		return bad("SlashCommand", `must look like "/outfit"`)
	}
	for i, ch := range c.AllowedChannels {
		if ch == "" {
			return bad(fmt.Sprintf("AllowedChannels[%d]", i), "must not be empty")
		}
	}
	if c.APIURL != "" {
		u, err := url.Parse(c.APIURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return bad("APIURL", "must be an absolute http(s) URL")
		}
	}
	return nil
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
