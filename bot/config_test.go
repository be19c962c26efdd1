package bot

import (
	"errors"
	"testing"
	"time"

	"github.com/stylistbot/stylist/internal/confcheck"
)

func TestConfigValidate(t *testing.T) {
	if err := DefaultConfig().Validate(); err != nil {
		t.Fatalf("defaults invalid: %v", err)
	}
	// Keys are the config file's, relative to the "bot" section.
	for _, tc := range []struct {
		field string
		mod   func(*Config)
	}{
		{"max_query_runes", func(c *Config) { c.MaxQueryRunes = 0 }},
		{"workers", func(c *Config) { c.Workers = 0 }},
		{"queue_size", func(c *Config) { c.QueueSize = -1 }},
		{"request_timeout", func(c *Config) { c.RequestTimeout = 0 }},
		{"drain_timeout", func(c *Config) { c.DrainTimeout = -time.Second }},
		{"reply_timeout", func(c *Config) { c.ReplyTimeout = 0 }},
		{"user_rate_per_min", func(c *Config) { c.UserRate = -1 }},
		{"user_burst", func(c *Config) { c.UserBurst = 0 }},
		{"channel_rate_per_min", func(c *Config) { c.ChannelRate = -1 }},
		{"channel_burst", func(c *Config) { c.ChannelBurst = 0 }},
		{"history_ttl", func(c *Config) { c.HistoryTTL = 0 }},
		{"history_max_threads", func(c *Config) { c.HistoryMaxThreads = 0 }},
		{"history_max_turns", func(c *Config) { c.HistoryMaxTurns = 0 }},
		{"stream_interval", func(c *Config) { c.StreamInterval = -1 }},
		{"allowed_channels[1]", func(c *Config) { c.AllowedChannels = []string{"C1", ""} }},
	} {
		t.Run(tc.field, func(t *testing.T) {
			c := DefaultConfig()
			tc.mod(&c)
			var ce *confcheck.ConfigError
			if err := c.Validate(); !errors.As(err, &ce) || ce.Key != tc.field {
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

// TestIsHelp is the one help policy; the Slack adapter asks it too (not to post a
// public "looking for…" message for help).
func TestIsHelp(t *testing.T) {
	for _, tc := range []struct {
		kind    Kind
		text    string
		nonText bool
		want    bool
	}{
		{KindSlash, "", false, true},
		{KindMention, "  ", false, true},
		{KindSlash, " HELP ", false, true},
		{KindDirect, "?", false, true},
		{KindSlash, "/outfit --help", false, true},
		{KindMention, "-h", false, true},
		{KindDirect, "", false, false}, // an empty DM is "empty", not help
		{KindMention, "", true, false}, // a file without text is "non_text"
		{KindSlash, "helpful coat", false, false},
		{KindMention, "help me", false, true},
		{KindDirect, "what can you do?", false, true},
		{KindSlash, "help me find a coat", false, false},
		{KindMention, "hi", false, false}, // a greeting: chat, not help
		{KindFollowUp, "", false, false},
	} {
		if got := IsHelp(Request{Kind: tc.kind, Text: tc.text, NonText: tc.nonText}); got != tc.want {
			t.Errorf("IsHelp(%s %q nonText=%v) = %v, want %v", tc.kind, tc.text, tc.nonText, got, tc.want)
		}
	}
}

// TestUnsearched: help and chat are answered without a search (the Slack adapter
// posts no public "looking for…" for them); product requests are searched.
func TestUnsearched(t *testing.T) {
	for _, tc := range []struct {
		text string
		want bool
	}{
		{"", true},
		{"help", true},
		{"hi", true},
		{"thanks!", true},
		{"/outfit hello there", true},
		{"a black coat", false},
		{"hi-top sneakers", false},
		{"what should I wear to a wedding", false},
	} {
		if got := Unsearched(Request{Kind: KindSlash, Text: tc.text}); got != tc.want {
			t.Errorf("Unsearched(%q) = %v, want %v", tc.text, got, tc.want)
		}
	}
}
