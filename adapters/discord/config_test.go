package discordadapter

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stylistbot/stylist/adapters/discord/discordtest"
)

func TestConfigValidate(t *testing.T) {
	key := strings.Repeat("ab", 32)
	tests := []struct {
		name   string
		mutate func(*Config)
		field  string // "" = valid
	}{
		{"gateway ok", func(c *Config) { c.Token = "t" }, ""},
		{"http ok, token optional", func(c *Config) { c.Mode, c.ApplicationID, c.PublicKey = ModeHTTP, "123", key }, ""},
		{"http path", func(c *Config) {
			c.Mode, c.ApplicationID, c.PublicKey, c.HTTPPath = ModeHTTP, "123", key, "interactions"
		}, "http_path"},
		{"bad mode", func(c *Config) { c.Mode = "socket" }, "mode"},
		{"gateway without token", nil, "token"},
		{"http without app", func(c *Config) { c.Mode, c.PublicKey = ModeHTTP, key }, "application_id"},
		{"http without key", func(c *Config) { c.Mode, c.ApplicationID = ModeHTTP, "1" }, "public_key"},
		{"bad key", func(c *Config) { c.Token, c.PublicKey = "t", "xyz" }, "public_key"},
		{"short key", func(c *Config) { c.Token, c.PublicKey = "t", "abcd" }, "public_key"},
		{"bad app id", func(c *Config) { c.Token, c.ApplicationID = "t", "app" }, "application_id"},
		{"bad guild", func(c *Config) { c.Token, c.GuildIDs = "t", []string{"g1"} }, "guild_ids[0]"},
		{"shard count", func(c *Config) { c.Token, c.ShardCount = "t", 0 }, "shard_count"},
		{"shard ids ok", func(c *Config) { c.Token, c.ShardIDs, c.ShardCount = "t", []int{3, 1}, 4 }, ""},
		{"shard id too big", func(c *Config) { c.Token, c.ShardIDs, c.ShardCount = "t", []int{0, 2}, 2 }, "shard_ids[1]"},
		{"shard id negative", func(c *Config) { c.Token, c.ShardIDs, c.ShardCount = "t", []int{-1}, 2 }, "shard_ids[0]"},
		{"shard id twice", func(c *Config) { c.Token, c.ShardIDs, c.ShardCount = "t", []int{1, 0, 1}, 4 }, "shard_ids[2]"},
		{"identify interval", func(c *Config) { c.Token, c.IdentifyInterval = "t", -time.Second }, "IdentifyInterval"},
		{"command name", func(c *Config) { c.Token, c.CommandName = "t", "Outfit" }, "command_name"},
		{"ack timeout", func(c *Config) { c.Token, c.AckTimeout = "t", 4*time.Second }, "AckTimeout"},
		{"retries", func(c *Config) { c.Token, c.MaxRetries = "t", -1 }, "MaxRetries"},
		{"retry wait", func(c *Config) { c.Token, c.MaxRetryWait = "t", 0 }, "MaxRetryWait"},
		{"body", func(c *Config) { c.Token, c.MaxBodyBytes = "t", 10 }, "MaxBodyBytes"},
		{"skew", func(c *Config) { c.Token, c.MaxClockSkew = "t", 0 }, "MaxClockSkew"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := DefaultConfig()
			if tt.mutate != nil {
				tt.mutate(&c)
			}
			err := c.Validate()
			if tt.field == "" {
				if err != nil {
					t.Fatalf("unexpected error %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.field+": ") {
				t.Fatalf("err = %v, want one naming %s", err, tt.field)
			}
		})
	}
}

func TestShards(t *testing.T) {
	for _, tt := range []struct {
		count int
		ids   []int
		want  []int
	}{
		{1, nil, []int{0}},
		{3, nil, []int{0, 1, 2}},
		{4, []int{3, 1}, []int{3, 1}},
	} {
		c := DefaultConfig()
		c.ShardCount, c.ShardIDs = tt.count, tt.ids
		if got := c.Shards(); !slices.Equal(got, tt.want) {
			t.Errorf("count %d ids %v: Shards() = %v, want %v", tt.count, tt.ids, got, tt.want)
		}
	}
	// The error names the key, the value and the range.
	c := DefaultConfig()
	c.Token, c.ShardCount, c.ShardIDs = "t", 2, []int{0, 5, 0}
	err := c.Validate()
	for _, want := range []string{"shard_ids[1]: is 5, must be in [0, shard_count=2)", "shard_ids[2]: 0 is listed twice (also shard_ids[0])"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("err = %v, want %q", err, want)
		}
	}
}

func TestIntents(t *testing.T) {
	c := DefaultConfig()
	if got := Intents(c); got != 1|1<<9|1<<12 {
		t.Errorf("intents = %d, want GUILDS|GUILD_MESSAGES|DIRECT_MESSAGES", got)
	}
	c.MessageContentIntent = true
	if got := Intents(c); got&(1<<15) == 0 {
		t.Errorf("MESSAGE_CONTENT not requested")
	}
}

// TestAPIURLReachesTheConfiguredServer: with discord.api_url set, REST calls go
// to that base URL (no special HTTP client needed), API path kept.
func TestAPIURLReachesTheConfiguredServer(t *testing.T) {
	srv := discordtest.NewServer(t)
	cfg := DefaultConfig()
	cfg.Token, cfg.APIURL = "test-token", srv.URL()+"/"
	a, err := New(cfg, quietLogger())
	if err != nil {
		t.Fatal(err)
	}
	a.botID, a.appID = discordtest.BotID, discordtest.AppID
	core := newFakeCore(answerWith(fullReply))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	a.attach(core, ctx)
	a.handleGatewayInteraction(fixture(t, "interaction_slash_guild.json"))
	core.wait(t, 1)
	reqs := srv.Requests()
	if len(reqs) < 2 || !strings.HasPrefix(reqs[0].Path, "/api/v9/interactions/") || !reqs[len(reqs)-1].Is("PATCH", "/messages/@original") {
		t.Fatalf("requests at the configured server: %v", paths(reqs))
	}
}
