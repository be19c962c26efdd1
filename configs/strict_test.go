package configs

import (
	"errors"
	"reflect"
	"slices"
	"testing"

	"github.com/stylistbot/stylist/internal/confcheck"
)

// TestErrorsNameTheKey checks the exact error of each refused value: the dotted
// key path as written in the file, then the reason, whichever package validated it.
func TestErrorsNameTheKey(t *testing.T) {
	tests := []struct {
		name, yaml string
		want       string // one of the joined errors, exactly
	}{
		{"strict int", "bot:\n  workers: 2.7\n", "bot.workers: is 2.7, must be a whole number"},
		{"strict list", "bot:\n  allowed_channels: 5\n", "bot.allowed_channels: is 5, must be a list, e.g. [a, b]"},
		{"strict list entry", "discord:\n  guild_ids: [12]\n", "discord.guild_ids: entry 0 is 12, must be a string (quote it)"},
		{"strict string", "llm:\n  model: 7\n", "llm.model: is 7, must be a string (quote it)"},
		{"strict bool", "slack:\n  thread_only: maybe\n", `slack.thread_only: is "maybe", must be true or false`},
		{"duration without unit", "bot:\n  request_timeout: 30\n", "bot.request_timeout: 30 must be a duration with a unit, e.g. 30s, 5m, 24h"},
		{"slack http path (package Validate)", "slack:\n  enabled: true\n  mode: http\n  bot_token: xoxb-1\n  signing_secret: s\n  http_path: slack\n",
			"slack.http_path: must start with /"},
		{"unknown prompt (cross-check)", "llm:\n  prompt: nosuchprompt\n", `llm.prompt: no template "nosuchprompt"`},
		{"unknown variant template (cross-check)", "prompts:\n  variants:\n    a:\n      template: nope\n      weight: 1\n", `prompts.variants.a.template: no template "nope"`},
		{"discord gateway token (package Validate)", "discord:\n  enabled: true\n", "discord.token: is required in gateway mode"},
		{"bot rate (package Validate)", "bot:\n  user_rate_per_min: -1\n", "bot.user_rate_per_min: must be >= 0 (0 disables the per-user limit)"},
		{"notify channel on a disabled platform", "moderation:\n  notify_channel: slack:C1\n", "moderation.notify_channel: names slack, which is not enabled (slack.enabled)"},
		{"slack api url (package Validate)", "slack:\n  enabled: true\n  bot_token: xoxb-1\n  app_token: xapp-1\n  api_url: \"ftp://slack.example/api\"\n", "slack.api_url: must be an absolute http(s) URL"},
		{"discord api url (package Validate)", "discord:\n  enabled: true\n  token: t\n  api_url: \"discord-proxy:8080\"\n", "discord.api_url: must be an absolute http(s) URL without query, e.g. https://discord-proxy.example/"},
		{"discord shard id out of range (package Validate)", "discord:\n  enabled: true\n  token: t\n  shard_count: 2\n  shard_ids: [0, 2]\n", "discord.shard_ids[1]: is 2, must be in [0, shard_count=2)"},
		{"discord shard listed twice (package Validate)", "discord:\n  enabled: true\n  token: t\n  shard_count: 4\n  shard_ids: [1, 1]\n", "discord.shard_ids[1]: 1 is listed twice (also shard_ids[0]); each shard runs in exactly one process"},
		{"discord shard ids strict", "discord:\n  shard_ids: [\"x\"]\n", `discord.shard_ids: entry 0 is "x", must be a whole number`},
		{"moved shard_id", "discord:\n  shard_id: 1\n", "discord.shard_id: no longer exists: set discord.shard_ids, the list of shards this process runs (e.g. [1]; empty = every shard of discord.shard_count)"},
		{"moved key", "slack:\n  allowed_channels: [C1]\n", "slack.allowed_channels: no longer exists: set bot.allowed_channels (one allow-list for every platform, enforced by the core)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(Options{File: writeYAML(t, tt.yaml), Environ: []string{}})
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("err = %v, want ErrInvalid", err)
			}
			if !slices.Contains(leafMessages(err), tt.want) {
				t.Fatalf("errors %q\nwant one to be %q", leafMessages(err), tt.want)
			}
		})
	}
}

// leafMessages returns the messages of the ConfigErrors in err.
func leafMessages(err error) []string {
	var out []string
	var walk func(error)
	walk = func(e error) {
		if ce, ok := e.(*confcheck.ConfigError); ok {
			out = append(out, ce.Error())
			return
		}
		if j, ok := e.(interface{ Unwrap() []error }); ok {
			for _, x := range j.Unwrap() {
				walk(x)
			}
		} else if u := errors.Unwrap(e); u != nil {
			walk(u)
		}
	}
	walk(err)
	return out
}

// TestZeroDisables: the packages' "0 disables" rules are the only rules.
func TestZeroDisables(t *testing.T) {
	c, err := Load(Options{File: writeYAML(t, "bot:\n  user_rate_per_min: 0\n  channel_rate_per_min: 0\n  stream_interval: 0\n"), Environ: []string{}})
	if err != nil {
		t.Fatal(err)
	}
	if c.Bot.UserRate != 0 || c.Bot.ChannelRate != 0 || c.Bot.StreamInterval != 0 {
		t.Fatalf("%+v", c.Bot)
	}
}

// TestEnvStringsStillDecode: strictness does not break environment variables,
// which are always strings.
func TestEnvStringsStillDecode(t *testing.T) {
	c, err := Load(Options{Environ: []string{"STYLIST_BOT__WORKERS=8", "STYLIST_LLM__TEMPERATURE=0.5", "STYLIST_SLACK__THREAD_ONLY=false", "STYLIST_BOT__REQUEST_TIMEOUT=2m"}})
	if err != nil {
		t.Fatal(err)
	}
	if c.Bot.Workers != 8 || c.LLM.Temperature != 0.5 || c.Slack.ThreadOnly || c.Bot.RequestTimeout.Minutes() != 2 {
		t.Fatalf("%+v %+v", c.Bot, c.LLM)
	}
	// A list of numbers from one variable, as a StatefulSet gives each replica its shards.
	c, err = Load(Options{Environ: []string{"STYLIST_DISCORD__SHARD_COUNT=4", "STYLIST_DISCORD__SHARD_IDS=3, 1"}})
	if err != nil || !slices.Equal(c.Discord.ShardIDs, []int{3, 1}) || c.Discord.ShardCount != 4 {
		t.Fatalf("shard ids from the environment: %v %v", c.Discord.ShardIDs, err)
	}
	_, err = Load(Options{Environ: []string{"STYLIST_BOT__WORKERS=2.7"}})
	if !slices.Contains(leafMessages(err), `bot.workers: is "2.7", must be a whole number`) {
		t.Fatalf("env 2.7: %v", err)
	}
}

// TestDefaultYAMLAgreesWithPackages: the embedded default.yaml (the documented
// defaults) sets every key to the value of the packages' own DefaultConfig.
func TestDefaultYAMLAgreesWithPackages(t *testing.T) {
	c, err := Load(Options{Environ: []string{}})
	if err != nil {
		t.Fatal(err)
	}
	if d := Compare(Defaults(), c); !d.Empty() {
		t.Fatalf("default.yaml and the packages' DefaultConfig disagree on %v", d.Changed)
	}
	d := Defaults()
	if !reflect.DeepEqual(c.Store, d.Store) || c.Discord.AckTimeout != d.Discord.AckTimeout || !c.Discord.RegisterCommands ||
		!c.Moderation.AllowConsole || c.Retrieve.Params != d.Retrieve.Params {
		t.Fatalf("fields outside the file lost their defaults:\n%+v\n%+v", c, d)
	}
}
