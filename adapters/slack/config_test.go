package slackadapter

import (
	"errors"
	"strings"
	"testing"

	"github.com/stylistbot/stylist/internal/confcheck"
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
		{"bad mode", socket(func(c *Config) { c.Mode = "webhook" }), "mode"},
		{"socket without app token", socket(func(c *Config) { c.AppToken = "" }), "app_token"},
		{"socket with bot token as app token", socket(func(c *Config) { c.AppToken = testBotToken }), "app_token"},
		{"socket without bot token", socket(func(c *Config) { c.BotToken = "" }), "bot_token"},
		{"user token", socket(func(c *Config) { c.BotToken = "xoxp-123" }), "bot_token"},
		{"http without secret", httpCfg(func(c *Config) { c.SigningSecret = "" }), "signing_secret"},
		{"http without bot token", httpCfg(func(c *Config) { c.BotToken = "" }), "bot_token"},
		{"http bad path", httpCfg(func(c *Config) { c.HTTPPath = "slack" }), "http_path"},
		{"command without slash", socket(func(c *Config) { c.SlashCommand = "outfit" }), "slash_command"},
		{"command with space", socket(func(c *Config) { c.SlashCommand = "/out fit" }), "slash_command"},
		{"bad api url", socket(func(c *Config) { c.APIURL = "localhost:8080" }), "api_url"},
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
			var ce *confcheck.ConfigError
			if !errors.As(err, &ce) || ce.Key != tt.field {
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

// TestAPIURLTrustsItsResponseURLs: with slack.api_url set (GovSlack), response
// URLs on that host's subdomains are trusted; other hosts never are.
func TestAPIURLTrustsItsResponseURLs(t *testing.T) {
	cfg := DefaultConfig()
	cfg.BotToken, cfg.AppToken, cfg.APIURL = testBotToken, testAppToken, "https://slack-gov.com/api/"
	a, err := New(cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	for raw, want := range map[string]bool{
		"https://hooks.slack-gov.com/commands/T1/1/x": true,
		"https://hooks.slack.com/commands/T1/1/x":     true,
		"http://hooks.slack-gov.com/commands/T1/1/x":  false,
		"https://evil-slack-gov.com/x":                false,
		"https://slack-gov.com.evil.example/x":        false,
	} {
		if got := a.trustedResponseURL(raw); got != want {
			t.Errorf("trustedResponseURL(%s) = %v, want %v", raw, got, want)
		}
	}
}
