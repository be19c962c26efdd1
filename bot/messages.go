package bot

import (
	"fmt"
	"math"
	"time"

	understand "github.com/stylistbot/stylist/query"
)

// Error codes of replies the core produces.
const (
	CodeEmpty       = "empty"        // nothing to look for
	CodeTooLong     = "too_long"     // request text over MaxQueryRunes
	CodeNonText     = "non_text"     // files or stickers only
	CodeRateLimited = "rate_limited" // user or channel bucket empty
	CodeBusy        = "busy"         // queue full
	CodeTimeout     = "timeout"      // RequestTimeout passed
	CodeUnavailable = "unavailable"  // the recommender returned an error
	CodeInternal    = "internal"     // a panic or a bug
	CodeStopped     = "stopped"      // shutting down
	CodeNotAllowed  = "not_allowed"  // channel not in AllowedChannels
	CodeUnsupported = "unsupported"  // a request kind the core does not serve
	CodeFeedback    = "feedback"     // feedback could not be recorded
)

// HelpText is the usage message shown for "help", "/outfit help" and empty mentions.
const HelpText = `I'm your stylist: tell me what you need and I'll pick items from the catalog.

Ask me with /outfit, by mentioning me, or in a direct message:
  /outfit a warm black coat for winter walks
  /outfit summer dress for a beach wedding, not white
  /outfit top 3 running shoes for men

Reply in the thread to refine the picks:
  the same idea but in blue
  show me trousers to go with it

Rate each answer with the helpful / not helpful buttons — it helps me get better.`

// errorReply builds a final reply carrying a user-facing error.
func errorReply(code, msg string) Reply {
	return Reply{Text: msg, Error: &Error{Code: code, Message: msg}}
}

func emptyReply() Reply {
	return errorReply(CodeEmpty, "I didn't catch what you're looking for. Try something like \"/outfit a warm coat for winter walks\".")
}

func tooLongReply(got, max int) Reply {
	if got > MaxTextRunes { // cut at the edge by NormalizeText
		return errorReply(CodeTooLong, fmt.Sprintf("That request is over %d characters long; please keep it under %d and I'll take a look.", MaxTextRunes, max))
	}
	return errorReply(CodeTooLong, fmt.Sprintf("That request is %d characters long; please keep it under %d and I'll take a look.", got, max))
}

func nonTextReply() Reply {
	return errorReply(CodeNonText, "I can only read text for now. Describe what you're looking for in words, e.g. \"linen shirt for a summer party\".")
}

func rateLimitedReply(scope string, retry time.Duration) Reply {
	wait := humanWait(retry)
	msg := "You're sending requests a little fast. Please try again in " + wait + "."
	if scope == "channel" {
		msg = "This channel is asking me a lot right now. Please try again in " + wait + "."
	}
	r := errorReply(CodeRateLimited, msg)
	r.Ephemeral = true
	return r
}

func busyReply() Reply {
	r := errorReply(CodeBusy, "I'm busy with other requests right now, try again in a moment.")
	r.Ephemeral = true
	return r
}

func timeoutReply() Reply {
	return errorReply(CodeTimeout, "Sorry, that took too long and I had to give up. Please try again, perhaps with a simpler request.")
}

func unavailableReply() Reply {
	return errorReply(CodeUnavailable, "Sorry, I couldn't look through the catalog just now. Please try again in a little while.")
}

func internalReply() Reply {
	return errorReply(CodeInternal, "Sorry, something went wrong on my side. Please try again.")
}

func stoppedReply() Reply {
	return errorReply(CodeStopped, "I'm restarting right now, please ask me again in a minute.")
}

func notAllowedReply() Reply {
	r := errorReply(CodeNotAllowed, "I'm not enabled in this channel. Ask me in a direct message or in one of the channels I'm set up for.")
	r.Ephemeral = true
	return r
}

func unsupportedReply(k Kind) Reply {
	r := errorReply(CodeUnsupported, fmt.Sprintf("I can't handle %q requests yet.", string(k)))
	r.Ephemeral = true
	return r
}

func helpReply() Reply { return Reply{Text: HelpText} }

// chatExamples are the example requests a chat reply suggests.
const chatExamples = "For example:\n" +
	"  /outfit a warm black coat for winter walks\n" +
	"  /outfit a summer dress for a beach wedding, not white\n" +
	"  /outfit jeans that are not skinny, for men\n" +
	"Reply in the thread to refine: \"show me 2 more\", \"something warmer\", \"same in navy\"."

// chatReplies answer greetings, thanks, small talk and goodbyes (understand.Classify)
// without a search; the thread's last request is not re-run.
var chatReplies = map[understand.ChatKind]string{
	understand.ChatGreeting: "Hi! I'm your stylist: tell me what you're looking for and I'll pick real items from the catalog.\n" + chatExamples,
	understand.ChatThanks:   "You're welcome! Ask me any time, or reply in the thread to see more or something different.",
	understand.ChatSmallTalk: "I'm doing great, thanks! I can't see photos, but describe an outfit or an occasion and I'll suggest pieces for it.\n" +
		chatExamples,
	understand.ChatGoodbye: "Bye for now! Come back whenever you need an outfit idea.",
}

// chatReply is the core's answer to a chat message of the given kind.
func chatReply(kind understand.ChatKind) Reply {
	if t, ok := chatReplies[kind]; ok {
		return Reply{Text: t}
	}
	return helpReply()
}

func noItemsText() string {
	return "I couldn't find anything in the catalog that matches. Try describing it differently, e.g. with a colour or a garment type."
}

// humanWait rounds d up to whole seconds, at least one.
func humanWait(d time.Duration) string {
	s := int(math.Ceil(d.Seconds()))
	if s <= 1 {
		return "a second"
	}
	if s < 120 {
		return fmt.Sprintf("%d seconds", s)
	}
	return fmt.Sprintf("%d minutes", (s+59)/60)
}
