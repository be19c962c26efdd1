package slackadapter

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"go.yaml.in/yaml/v3"
)

// TestAppManifest checks deploy/slack-app-manifest.yaml against what the adapter needs.
func TestAppManifest(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("..", "..", "deploy", "slack-app-manifest.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var m struct {
		Metadata struct {
			MajorVersion int `yaml:"major_version"`
		} `yaml:"_metadata"`
		Display struct {
			Name            string `yaml:"name"`
			LongDescription string `yaml:"long_description"`
		} `yaml:"display_information"`
		Features struct {
			AppHome struct {
				MessagesTab bool `yaml:"messages_tab_enabled"`
				ReadOnly    bool `yaml:"messages_tab_read_only_enabled"`
			} `yaml:"app_home"`
			BotUser struct {
				DisplayName string `yaml:"display_name"`
			} `yaml:"bot_user"`
			SlashCommands []struct {
				Command     string `yaml:"command"`
				Description string `yaml:"description"`
			} `yaml:"slash_commands"`
		} `yaml:"features"`
		OAuth struct {
			Scopes struct {
				Bot []string `yaml:"bot"`
			} `yaml:"scopes"`
		} `yaml:"oauth_config"`
		Settings struct {
			Events struct {
				BotEvents []string `yaml:"bot_events"`
			} `yaml:"event_subscriptions"`
			Interactivity struct {
				Enabled bool `yaml:"is_enabled"`
			} `yaml:"interactivity"`
			SocketMode bool `yaml:"socket_mode_enabled"`
		} `yaml:"settings"`
	}
	if err := yaml.Unmarshal(raw, &m); err != nil {
		t.Fatal(err)
	}
	if m.Metadata.MajorVersion != 1 || m.Display.Name == "" || m.Features.BotUser.DisplayName == "" {
		t.Fatalf("manifest metadata incomplete: %+v", m)
	}
	if n := len(m.Display.LongDescription); n != 0 && (n < 175 || n > 4000) {
		t.Errorf("long_description is %d chars; Slack wants 175–4000", n)
	}
	if len(m.Features.SlashCommands) != 1 || m.Features.SlashCommands[0].Command != DefaultConfig().SlashCommand ||
		m.Features.SlashCommands[0].Description == "" {
		t.Errorf("slash command %+v, want %s", m.Features.SlashCommands, DefaultConfig().SlashCommand)
	}
	for _, s := range []string{"commands", "chat:write", "app_mentions:read", "im:history", "im:read", "im:write", "channels:history", "groups:history"} {
		if !slices.Contains(m.OAuth.Scopes.Bot, s) {
			t.Errorf("missing bot scope %s", s)
		}
	}
	for _, e := range []string{"app_mention", "message.im", "message.channels", "message.groups"} {
		if !slices.Contains(m.Settings.Events.BotEvents, e) {
			t.Errorf("missing bot event %s", e)
		}
	}
	if !m.Settings.Interactivity.Enabled || !m.Settings.SocketMode || !m.Features.AppHome.MessagesTab || m.Features.AppHome.ReadOnly {
		t.Errorf("interactivity, socket mode and a writable messages tab are required: %+v %+v", m.Settings, m.Features.AppHome)
	}
}
