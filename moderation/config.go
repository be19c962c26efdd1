package moderation

import (
	"strings"
	"time"

	"github.com/stylistbot/stylist/internal/confcheck"
)

// Config says who may run moderator commands: the "moderation" section of the
// configuration file (koanf tags name the keys; fields tagged "-" keep DefaultConfig's value).
type Config struct {
	// SlackUserIDs are Slack user ids allowed to moderate.
	SlackUserIDs []string `koanf:"slack_user_ids"`
	// SlackGroupIDs are Slack user-group ids whose members may moderate (bot.Request.UserRoles).
	SlackGroupIDs []string `koanf:"slack_group_ids"`
	// DiscordRoleIDs are Discord role ids whose members may moderate (bot.Request.UserRoles).
	DiscordRoleIDs []string `koanf:"discord_role_ids"`
	// NotifyChannel is where refused config changes are posted, "slack:C0123" or
	// "discord:123456"; "" posts nothing (they are always logged).
	NotifyChannel string `koanf:"notify_channel"`
	// AllowConsole lets the local console user (the operator at the terminal) moderate.
	AllowConsole bool `koanf:"-"`
	// ReportWindow is the default period covered by "report" and "status".
	ReportWindow time.Duration `koanf:"-"`
}

// DefaultConfig returns the documented defaults: nobody on Slack or Discord, the console allowed.
func DefaultConfig() Config {
	return Config{AllowConsole: true, ReportWindow: 7 * 24 * time.Hour}
}

// Validate reports every invalid key (relative to the "moderation" section) as a
// *confcheck.ConfigError.
func (c Config) Validate() error {
	var v confcheck.Checker
	v.NoEmptyEntries("slack_user_ids", c.SlackUserIDs)
	v.NoEmptyEntries("slack_group_ids", c.SlackGroupIDs)
	v.NoEmptyEntries("discord_role_ids", c.DiscordRoleIDs)
	if c.NotifyChannel != "" {
		platform, channel, ok := strings.Cut(c.NotifyChannel, ":")
		v.Check("notify_channel", ok && (platform == "slack" || platform == "discord") && channel != "",
			`must look like "slack:C0123" or "discord:123456"`)
	}
	v.Positive("ReportWindow", c.ReportWindow)
	return v.Err()
}
