package rag

import "github.com/stylistbot/stylist/query"

// chatExamples are the example requests a chat answer suggests.
const chatExamples = "For example:\n" +
	"• a warm black coat for winter walks\n" +
	"• a summer dress for a beach wedding, not white\n" +
	"• jeans that are not skinny, for men\n" +
	"Reply in the thread to refine: \"show me 2 more\", \"something warmer\", \"same in navy\"."

// chatReplies are the friendly replies to chat, by kind.
var chatReplies = map[query.ChatKind]string{
	query.ChatGreeting: "Hi! I'm your stylist: tell me what you're looking for and I'll pick real items from the catalog.\n" + chatExamples,
	query.ChatThanks:   "You're welcome! Ask me any time, or reply here to see more or something different.",
	query.ChatHelp:     "I pick real items from the H&M catalog for what you describe: the garment, colour, who it's for, the occasion, what to avoid.\n" + chatExamples,
	query.ChatSmallTalk: "I'm doing great, thanks for asking! I can't see photos, but describe an outfit or an occasion and I'll suggest pieces for it.\n" +
		chatExamples,
	query.ChatGoodbye: "Bye for now! Come back whenever you need an outfit idea.",
}

// chatAnswer answers a greeting, thanks, help or small talk without any
// product search; the thread's last request is not re-run.
func chatAnswer(kind query.ChatKind, variant string) *Answer {
	return &Answer{Intro: chatReplies[kind], Chat: string(kind), Variant: variant}
}

// isChat reports whether a message is chat rather than a product request.
func isChat(text string) bool { return query.Classify(text) != query.ChatNone }
