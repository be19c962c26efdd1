package slackadapter

import (
	"errors"
	"strings"
	"testing"
)

func TestConfigValidate(t *testing.T) {
	socket := func(mut func(*Config)) Config {
		c := DefaultConfig()
		c.BotToken, c.AppToken = testBotToken, testAppToken
		if mut != nil {
			mut(&c)
		}
		return c
	}
	httpCfg := func(mut func(*Config)) Config {
		c := DefaultConfig()
		c.Mode, c.BotToken, c.SigningSecret = ModeHTTP, testBotToken, testSecret
		if mut != nil {
			mut(&c)
		}
		return c
	}
	tests := []struct {
		name  string
		cfg   Config
		field string // "" = valid
	}{
		{"socket ok", socket(nil), ""},
		{"http ok", httpCfg(nil), ""},
		{"http ok without app token", httpCfg(func(c *Config) { c.AppToken = "" }), ""},
		{"bad mode", socket(func(c *Config) { c.Mode = "webhook" }), "Mode"},
		{"socket without app token", socket(func(c *Config) { c.AppToken = "" }), "AppToken"},
		{"socket with bot token as app token", socket(func(c *Config) { c.AppToken = testBotToken }), "AppToken"},
		{"socket without bot token", socket(func(c *Config) { c.BotToken = "" }), "BotToken"},
		{"user token", socket(func(c *Config) { c.BotToken = "xoxp-123" }), "BotToken"},
		{"http without secret", httpCfg(func(c *Config) { c.SigningSecret = "" }), "SigningSecret"},
		{"http without bot token", httpCfg(func(c *Config) { c.BotToken = "" }), "BotToken"},
		{"http bad path", httpCfg(func(c *Config) { c.HTTPPath = "slack" }), "HTTPPath"},
		{"command without slash", socket(func(c *Config) { c.SlashCommand = "outfit" }), "SlashCommand"},
		{"command with space", socket(func(c *Config) { c.SlashCommand = "/out fit" }), "SlashCommand"},
		{"empty allowed channel", socket(func(c *Config) { c.AllowedChannels = []string{"C1", ""} }), "AllowedChannels[1]"},
		{"bad api url", socket(func(c *Config) { c.APIURL = "localhost:8080" }), "APIURL"},
		{"api url ok", socket(func(c *Config) { c.APIURL = "http://127.0.0.1:9/api" }), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.cfg.Validate()
			if tt.field == "" {
				if err != nil {
					t.Fatalf("unexpected error: %v", err)
				}
				return
			}
			var ce *ConfigError
			if !errors.As(err, &ce) || ce.Field != tt.field {
				t.Fatalf("got %v, want a ConfigError for %s", err, tt.field)
			}
			for _, secret := range []string{testBotToken, testAppToken, testSecret} {
				if strings.Contains(err.Error(), secret) {
					t.Fatalf("error leaks a secret: %v", err)
				}
			}
		})
	}
}

func TestDefaultConfig(t *testing.T) {
	c := DefaultConfig()
	if c.Mode != ModeSocket || c.SlashCommand != "/outfit" || !c.ThreadOnly || c.HTTPPath != "/slack/" {
		t.Fatalf("unexpected defaults %+v", c)
	}
	if _, err := New(c, nil); err == nil {
		t.Fatal("New accepted a config without tokens")
	}
}
