package moderation

import (
	"slices"
	"testing"

	"github.com/stylistbot/stylist/bot"
)

func TestParse(t *testing.T) {
	tests := []struct {
		text string
		ok   bool
		sub  string
		args []string
	}{
		{"/outfit-admin status", true, "status", nil},
		{"  /OUTFIT-ADMIN   Pause  <#C1|general> ", true, "pause", []string{"<#C1|general>"}},
		{"/outfit-admin", true, "", nil},
		{"/outfit-admin dance", true, "dance", nil}, // explicit command: unknown subcommands reach help
		{"/outfit admin report 30d", true, "report", []string{"30d"}},
		{"/outfit admin", true, "", nil},
		{"admin resume", true, "resume", nil},
		{"Admin HELP", true, "help", nil},
		// Stylist requests that merely start with "admin" are not commands.
		{"/outfit admin assistant outfit for work", false, "", nil},
		{"admin assistant interview look", false, "", nil},
		{"red dress for a wedding", false, "", nil},
		{"status report dress", false, "", nil},
		{"", false, "", nil},
	}
	for _, tc := range tests {
		t.Run(tc.text, func(t *testing.T) {
			c, ok := Parse(tc.text)
			if ok != tc.ok || c.Sub != tc.sub || !slices.Equal(c.Args, tc.args) {
				t.Fatalf("Parse(%q) = %+v, %v; want %q %v, %v", tc.text, c, ok, tc.sub, tc.args, tc.ok)
			}
		})
	}
}

func TestParseRequestAndIsCommand(t *testing.T) {
	admin := bot.Request{Kind: bot.KindAdmin, Text: "pause C2"}
	if c, ok := ParseRequest(admin); !ok || c.Sub != "pause" || !slices.Equal(c.Args, []string{"C2"}) {
		t.Fatalf("admin kind: %+v %v", c, ok)
	}
	if c, ok := ParseRequest(bot.Request{Kind: bot.KindAdmin, Text: "/outfit-admin report 1d"}); !ok || c.Sub != "report" {
		t.Fatalf("admin kind with prefix: %+v %v", c, ok)
	}
	for _, tc := range []struct {
		req  bot.Request
		want bool
	}{
		{admin, true},
		{bot.Request{Kind: bot.KindSlash, Text: "admin status"}, true},
		{bot.Request{Kind: bot.KindMention, Text: "/outfit-admin pause"}, true},
		{bot.Request{Kind: bot.KindSlash, Text: "linen trousers"}, false},
		{bot.Request{Kind: bot.KindFeedback, Text: "admin status"}, false},
	} {
		if got := IsCommand(tc.req); got != tc.want {
			t.Errorf("IsCommand(%+v) = %v", tc.req, got)
		}
	}
}

func TestChannelArgAndKey(t *testing.T) {
	for in, want := range map[string]string{"<#C0123|general>": "C0123", "<#990000000000000002>": "990000000000000002", "#C9": "C9", "C7": "C7"} {
		if got := channelArg(in); got != want {
			t.Errorf("channelArg(%q) = %q, want %q", in, got, want)
		}
	}
	if k := ChannelKey(bot.Conversation{Platform: bot.PlatformSlack, Workspace: "T1", Channel: "C1", Thread: "1.2"}); k != "slack/T1/C1" {
		t.Fatalf("key %q", k)
	}
}

func TestParseWindow(t *testing.T) {
	for in, want := range map[string]string{"7d": "168h0m0s", "30D": "720h0m0s", "36h": "36h0m0s", "90m": "1h30m0s"} {
		d, err := parseWindow(in)
		if err != nil || d.String() != want {
			t.Errorf("parseWindow(%q) = %v, %v", in, d, err)
		}
	}
	for _, bad := range []string{"forever", "0d", "-1h", "99999d", ""} {
		if _, err := parseWindow(bad); err == nil {
			t.Errorf("parseWindow(%q) accepted", bad)
		}
	}
}
