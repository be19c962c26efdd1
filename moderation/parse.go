package moderation

import (
	"slices"
	"strings"

	"github.com/stylistbot/stylist/bot"
)

// Subcommands.
const (
	SubStatus = "status"
	SubReload = "reload"
	SubPause  = "pause"
	SubResume = "resume"
	SubReport = "report"
	SubHelp   = "help"
)

var subcommands = []string{SubStatus, SubReload, SubPause, SubResume, SubReport, SubHelp}

// Command is one parsed moderator command.
type Command struct {
	Sub  string   // lower-cased subcommand; "" when none was given
	Args []string // the remaining words
}

// Parse recognises a moderator command in a message text:
//
//	/outfit-admin <sub> [args]   (any subcommand, unknown ones included)
//	/outfit admin <sub> [args]   (only a known subcommand, or none)
//	admin <sub> [args]           (the same, when the adapter stripped "/outfit")
//	<sub> [args]                 (when the adapter already routed it as bot.KindAdmin; see ParseRequest)
//
// The "admin" forms require a known subcommand so that a stylist request such as
// "/outfit admin assistant outfit for work" is not mistaken for one.
func Parse(text string) (Command, bool) {
	words := strings.Fields(text)
	if len(words) == 0 {
		return Command{}, false
	}
	first := strings.ToLower(words[0])
	switch {
	case first == "/outfit-admin" || first == "outfit-admin":
		return command(words[1:]), true
	case first == "/outfit" && len(words) > 1 && strings.EqualFold(words[1], "admin"):
		return knownOnly(words[2:])
	case first == "admin":
		return knownOnly(words[1:])
	}
	return Command{}, false
}

// ParseRequest parses req as a moderator command: any text of a bot.KindAdmin
// request (its subcommand may come without a prefix), or a text Parse recognises.
func ParseRequest(req bot.Request) (Command, bool) {
	if c, ok := Parse(req.Text); ok {
		return c, true
	}
	if req.Kind == bot.KindAdmin {
		return command(strings.Fields(req.Text)), true
	}
	return Command{}, false
}

// IsCommand reports whether the core should hand req to the moderator instead of the stylist.
func IsCommand(req bot.Request) bool {
	if req.Kind == bot.KindFeedback {
		return false
	}
	_, ok := ParseRequest(req)
	return ok
}

func knownOnly(words []string) (Command, bool) {
	c := command(words)
	if c.Sub == "" || slices.Contains(subcommands, c.Sub) {
		return c, true
	}
	return Command{}, false
}

func command(words []string) Command {
	if len(words) == 0 {
		return Command{}
	}
	return Command{Sub: strings.ToLower(words[0]), Args: words[1:]}
}

// channelArg extracts a channel id from a Slack (<#C123|name>) or Discord (<#123>)
// mention, or returns the word as given.
func channelArg(s string) string {
	if strings.HasPrefix(s, "<#") && strings.HasSuffix(s, ">") {
		s = strings.TrimSuffix(strings.TrimPrefix(s, "<#"), ">")
		if i := strings.IndexByte(s, '|'); i >= 0 {
			s = s[:i]
		}
	}
	return strings.TrimPrefix(s, "#")
}

// ChannelKey is the key under which a channel's pause is stored: "platform/workspace/channel".
func ChannelKey(c bot.Conversation) string {
	return string(c.Platform) + "/" + c.Workspace + "/" + c.Channel
}
