package moderation

import (
	"fmt"
	"time"
)

// Config says who may run moderator commands.
type Config struct {
	// SlackUserIDs are Slack user ids allowed to moderate.
	SlackUserIDs []string
	// SlackGroupIDs are Slack user-group ids whose members may moderate (bot.Request.UserRoles).
	SlackGroupIDs []string
	// DiscordRoleIDs are Discord role ids whose members may moderate (bot.Request.UserRoles).
	DiscordRoleIDs []string
	// AllowConsole lets the local console user (the operator at the terminal) moderate.
	AllowConsole bool
	// ReportWindow is the default period covered by "report" and "status".
	ReportWindow time.Duration
}

// DefaultConfig returns the documented defaults: nobody on Slack or Discord, the console allowed.
func DefaultConfig() Config {
	return Config{AllowConsole: true, ReportWindow: 7 * 24 * time.Hour}
}

// ConfigError names an invalid Config field.
type ConfigError struct {
	Field string
	Msg   string
}

// Error implements error.
func (e *ConfigError) Error() string { return "moderation: config: " + e.Field + " " + e.Msg }

// Validate reports the first invalid field by name.
func (c Config) Validate() error {
	lists := []struct {
		name string
		ids  []string
	}{{"SlackUserIDs", c.SlackUserIDs}, {"SlackGroupIDs", c.SlackGroupIDs}, {"DiscordRoleIDs", c.DiscordRoleIDs}}
	for _, l := range lists {
		for i, id := range l.ids {
			if id == "" {
				return &ConfigError{Field: fmt.Sprintf("%s[%d]", l.name, i), Msg: "must not be empty"}
			}
		}
	}
	if c.ReportWindow <= 0 {
		return &ConfigError{Field: "ReportWindow", Msg: "must be > 0"}
	}
	return nil
}
