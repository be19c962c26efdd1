package configs

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stylistbot/stylist/variants"
)

func mustDefaults(t *testing.T) *Config {
	t.Helper()
	c, err := Load(Options{Environ: []string{}})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestCompare(t *testing.T) {
	half := 0.5
	tests := []struct {
		name        string
		edit        func(c *Config)
		changed     []string
		restartKeys []string
	}{
		{"nothing", func(*Config) {}, nil, nil},
		{"nil and empty slices are equal", func(c *Config) { c.Bot.AllowedChannels = []string{} }, nil, nil},
		{"slice", func(c *Config) { c.Bot.AllowedChannels = []string{"C1"} }, []string{"bot.allowed_channels"}, nil},
		{"duration and float", func(c *Config) { c.LLM.Timeout = time.Minute + 1; c.LLM.Temperature = 0.9 },
			[]string{"llm.temperature", "llm.timeout"}, nil},
		{"variant added", func(c *Config) {
			c.Prompts.Variants = map[string]variants.Variant{"short": {Template: "short", Weight: 1}}
		}, []string{"prompts.variants.short"}, nil},
		{"nested restart section", func(c *Config) { c.Index.LSA.Dim = 64; c.Discord.GuildIDs = []string{"1"} },
			[]string{"discord.guild_ids", "index.lsa.dim"}, []string{"discord.guild_ids", "index.lsa.dim"}},
		{"store path restarts, retention is live", func(c *Config) { c.Store.Path = "x.db"; c.Store.Retention = time.Hour },
			[]string{"store.path", "store.retention"}, []string{"store.path"}},
		{"secret", func(c *Config) { c.Slack.SigningSecret = "s" }, []string{"slack.signing_secret"}, []string{"slack.signing_secret"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a, b := mustDefaults(t), mustDefaults(t)
			tc.edit(b)
			d := Compare(a, b)
			if !slices.Equal(d.Changed, tc.changed) || !slices.Equal(d.Restart, tc.restartKeys) {
				t.Fatalf("changed %v restart %v; want %v / %v", d.Changed, d.Restart, tc.changed, tc.restartKeys)
			}
			if rev := Compare(b, a); !slices.Equal(rev.Changed, d.Changed) {
				t.Fatalf("not symmetric: %v vs %v", rev.Changed, d.Changed)
			}
		})
	}

	t.Run("variant fields", func(t *testing.T) {
		a, b := mustDefaults(t), mustDefaults(t)
		a.Prompts.Variants = map[string]variants.Variant{"a": {Template: "x", Weight: 1}, "b": {Template: "y", Weight: 1}}
		b.Prompts.Variants = map[string]variants.Variant{"a": {Template: "x", Weight: 2}, "b": {Template: "y", Weight: 1, Temperature: &half}, "c": {Template: "z"}}
		want := []string{"prompts.variants.a.weight", "prompts.variants.b.temperature", "prompts.variants.c"}
		if d := Compare(a, b); !slices.Equal(d.Changed, want) || d.NeedsRestart() {
			t.Fatalf("changed %v restart %v", d.Changed, d.Restart)
		}
		same := 0.5
		a.Prompts.Variants = map[string]variants.Variant{"b": {Temperature: &half}}
		b.Prompts.Variants = map[string]variants.Variant{"b": {Temperature: &same}}
		if d := Compare(a, b); !d.Empty() {
			t.Fatalf("equal temperatures behind different pointers: %v", d.Changed)
		}
	})
}

func TestEveryKeyIsComparable(t *testing.T) {
	// Changing any single leaf key must show up as exactly that key; this catches
	// field kinds the reflection walk would miss when Config grows.
	base := mustDefaults(t)
	n := 0
	for key := range knownKeys() {
		if strings.Contains(key, "*") || key == "prompts.variants" {
			continue // map sections are covered by TestCompare
		}
		b := *base
		bumpKey(t, reflect.ValueOf(&b).Elem(), strings.Split(key, "."))
		if d := Compare(base, &b); !slices.Equal(d.Changed, []string{key}) {
			t.Errorf("changing %s: diff %v", key, d.Changed)
		}
		n++
	}
	if n < 50 {
		t.Fatalf("only %d keys walked", n)
	}
}

// bumpKey changes the field at path (koanf names) to a different value.
func bumpKey(t *testing.T, v reflect.Value, path []string) {
	t.Helper()
	for _, name := range path {
		found := false
		for i := 0; i < v.NumField(); i++ {
			if v.Type().Field(i).Tag.Get("koanf") == name {
				v, found = v.Field(i), true
				break
			}
		}
		if !found {
			t.Fatalf("no field %s", name)
		}
	}
	switch v.Kind() {
	case reflect.String:
		v.SetString(v.String() + "x")
	case reflect.Int, reflect.Int64:
		v.SetInt(v.Int() + 1)
	case reflect.Float64, reflect.Float32:
		v.SetFloat(v.Float() + 1)
	case reflect.Bool:
		v.SetBool(!v.Bool())
	case reflect.Slice:
		v.Set(reflect.Append(v.Slice3(0, v.Len(), v.Len()), reflect.New(v.Type().Elem()).Elem())) // one more entry; never writes into base's array
	default:
		t.Fatalf("unhandled kind %s at %v", v.Kind(), path)
	}
}

func TestNeedsRestart(t *testing.T) {
	for key, want := range map[string]bool{
		"slack.bot_token": true, "discord.token": true, "server.listen": true, "index.dir": true,
		"index.factory": true, "index.embedder": true, "store.path": true, "slack.enabled": true,
		"slack.mode": true, "discord.mode": true, "index.lsa.dim": true, "log.level": true, "catalog.image_url_template": true,
		"llm.model": false, "llm.temperature": false, "retrieve.k": false, "prompts.variants.a.weight": false,
		"bot.user_rate_per_min": false, "bot.allowed_channels": false, "index.ef_search": false,
		"moderation.slack_user_ids": false, "store.retention": false, "serverless": false,
	} {
		if got := NeedsRestart(key); got != want {
			t.Errorf("NeedsRestart(%q) = %v, want %v", key, got, want)
		}
	}
}

func TestFingerprint(t *testing.T) {
	a, b := mustDefaults(t), mustDefaults(t)
	if Fingerprint(a) != Fingerprint(b) || len(Fingerprint(a)) != 12 {
		t.Fatalf("equal configs: %s vs %s", Fingerprint(a), Fingerprint(b))
	}
	b.LLM.Model = "other"
	if Fingerprint(a) == Fingerprint(b) {
		t.Fatal("different configs share a fingerprint")
	}
	if Fingerprint(nil) != "" {
		t.Fatal("nil config")
	}
}
