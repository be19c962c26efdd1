package bot

import (
	"errors"
	"testing"
	"time"
)

func TestConfigValidate(t *testing.T) {
	if err := DefaultConfig().Validate(); err != nil {
		t.Fatalf("defaults invalid: %v", err)
	}
	for _, tc := range []struct {
		field string
		mod   func(*Config)
	}{
		{"MaxQueryRunes", func(c *Config) { c.MaxQueryRunes = 0 }},
		{"Workers", func(c *Config) { c.Workers = 0 }},
		{"QueueSize", func(c *Config) { c.QueueSize = -1 }},
		{"RequestTimeout", func(c *Config) { c.RequestTimeout = 0 }},
		{"DrainTimeout", func(c *Config) { c.DrainTimeout = -time.Second }},
		{"ReplyTimeout", func(c *Config) { c.ReplyTimeout = 0 }},
		{"UserRate", func(c *Config) { c.UserRate = -1 }},
		{"UserBurst", func(c *Config) { c.UserBurst = 0 }},
		{"ChannelRate", func(c *Config) { c.ChannelRate = -1 }},
		{"ChannelBurst", func(c *Config) { c.ChannelBurst = 0 }},
		{"MaxCount", func(c *Config) { c.MaxCount = 0 }},
		{"DefaultCount", func(c *Config) { c.DefaultCount = 11 }},
		{"HistoryTTL", func(c *Config) { c.HistoryTTL = 0 }},
		{"HistoryMaxThreads", func(c *Config) { c.HistoryMaxThreads = 0 }},
		{"HistoryMaxTurns", func(c *Config) { c.HistoryMaxTurns = 0 }},
		{"StreamInterval", func(c *Config) { c.StreamInterval = -1 }},
		{"AllowedChannels[1]", func(c *Config) { c.AllowedChannels = []string{"C1", ""} }},
	} {
		t.Run(tc.field, func(t *testing.T) {
			c := DefaultConfig()
			tc.mod(&c)
			var ce *ConfigError
			if err := c.Validate(); !errors.As(err, &ce) || ce.Field != tc.field {
				t.Fatalf("Validate() = %v, want an error naming %s", err, tc.field)
			}
		})
	}
	c := DefaultConfig()
	c.UserRate, c.UserBurst, c.ChannelRate, c.ChannelBurst = 0, 0, 0, 0
	if err := c.Validate(); err != nil {
		t.Errorf("disabled limits need no burst: %v", err)
	}
}

func TestRoute(t *testing.T) {
	cfg := DefaultConfig()
	for _, tc := range []struct {
		kind  Kind
		text  string
		act   action
		query string
	}{
		{KindSlash, "/outfit  red coat ", actRecommend, "red coat"},
		{KindSlash, "/OUTFIT red coat", actRecommend, "red coat"},
		{KindSlash, "/outfitter", actRecommend, "/outfitter"},
		{KindMention, "HELP", actReply, ""},
		{KindFeedback, "", actFeedback, ""},
		{KindDirect, "jeans", actRecommend, "jeans"},
	} {
		act, q, _, _ := route(&cfg, Request{Kind: tc.kind, Text: tc.text})
		if act != tc.act || q != tc.query {
			t.Errorf("route(%s, %q) = %v %q, want %v %q", tc.kind, tc.text, act, q, tc.act, tc.query)
		}
	}
}
