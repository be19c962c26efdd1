package query

import "strings"

// ChatKind says what a message is when it is not a product request.
type ChatKind string

// The kinds of chat Classify recognises; ChatNone is a product request.
const (
	ChatNone      ChatKind = ""
	ChatGreeting  ChatKind = "greeting"   // "hi", "good morning"
	ChatThanks    ChatKind = "thanks"     // "thanks!", "thank you so much"
	ChatHelp      ChatKind = "help"       // "help", "what can you do?", "help me"
	ChatSmallTalk ChatKind = "small_talk" // "how are you", "lol", "fit check?", "you're great"
	ChatGoodbye   ChatKind = "goodbye"    // "bye", "see you"
)

// chatPhrases are the phrases of each kind, normalised as Parse reads them.
var chatPhrases = []struct {
	kind    ChatKind
	phrases []string
}{
	{ChatHelp, []string{"help", "help me", "help please", "can you help", "can you help me", "could you help me",
		"what can you do", "what do you do", "how does this work", "how do i use this", "how do you work",
		"what are you", "who are you", "what is this", "how to use", "commands", "instructions", "usage",
		"what should i ask", "what can i ask", "i need help", "need help", "i dont know what to ask", "menu"}},
	{ChatThanks, []string{"thanks", "thank you", "thank u", "thx", "ty", "tysm", "thanks a lot", "many thanks",
		"cheers", "much appreciated", "appreciate it", "i appreciate it", "that helps", "that helped",
		"thats helpful", "very helpful", "perfect thanks", "great thanks", "love it", "love them", "i love it",
		"i love them", "ill take it", "ill take them", "got it", "brilliant", "awesome", "perfect"}},
	{ChatGoodbye, []string{"bye", "goodbye", "bye bye", "see you", "see ya", "later", "good night", "goodnight",
		"talk later", "ttyl", "have a nice day", "have a good day", "thats all", "thats it", "im done", "done"}},
	{ChatGreeting, []string{"hi", "hello", "hey", "hiya", "heya", "hey ya", "howdy", "yo", "hii", "hiii", "heyy", "heyyy", "hallo",
		"good morning", "good afternoon", "good evening", "morning", "greetings", "hey there", "hi there",
		"hello there", "sup", "wassup", "whats up", "hola", "bonjour", "hej"}},
	{ChatSmallTalk, []string{"how are you", "how are you doing", "how r u", "how is it going", "hows it going",
		"whats new", "lol", "haha", "hahaha", "lmao", "omg", "ok", "okay", "okey", "kk", "k", "cool", "nice",
		"great", "good", "wow", "yay", "sure", "alright", "fine", "youre great", "youre awesome", "you rock",
		"good bot", "bad bot", "are you a bot", "are you human", "are you real", "i love you", "fit check",
		"rate my fit", "rate my outfit", "how do i look", "is this drip", "drip", "drip check", "vibe check",
		"what do you think", "tell me a joke", "nice to meet you", "i am bored", "im bored", "whats your name"}},
}

// chatFill are words that may surround chat phrases without making the
// message a request: "hi there stylist", "thanks so much for that!".
var chatFill = set("a", "an", "the", "so", "very", "much", "lot", "again", "there", "stylist", "bot", "you",
	"u", "for", "that", "this", "it", "its", "is", "was", "all", "really", "just", "oh", "ah", "well", "and",
	"my", "friend", "dear", "everyone", "guys", "please", "pls", "plz", "mate", "buddy", "today", "tonight",
	"stylistbot", "outfit", "i", "im", "am", "me", "we", "super", "too", "ever", "indeed", "yes", "yeah", "yep")

// chatIndex maps the first word of each chat phrase to its phrases, longest first.
var chatIndex = func() map[string][]chatEntry {
	m := map[string][]chatEntry{}
	for _, g := range chatPhrases {
		for _, p := range g.phrases {
			toks := normPhrase(p)
			m[toks[0]] = append(m[toks[0]], chatEntry{toks, g.kind})
		}
	}
	for k, l := range m {
		for i := 1; i < len(l); i++ { // insertion sort, longest first
			for j := i; j > 0 && len(l[j].toks) > len(l[j-1].toks); j-- {
				l[j], l[j-1] = l[j-1], l[j]
			}
		}
		m[k] = l
	}
	return m
}()

type chatEntry struct {
	toks []string
	kind ChatKind
}

// chatRank orders kinds when a message has several: "hi, can you help me?" is
// help; "thanks, bye" is thanks.
var chatRank = map[ChatKind]int{ChatHelp: 5, ChatThanks: 4, ChatGoodbye: 3, ChatGreeting: 2, ChatSmallTalk: 1}

// Classify tells chat from a product request. A message is chat when it is
// made only of greeting, thanks, help, goodbye and small-talk phrases and
// filler words ("hi there!", "thanks so much", "help me", "how are you?");
// any other word makes it a request ("hi, I need a black dress", "help me
// find jeans", "thanks, now in red", "show me more"). It is pure: no
// vocabulary, no I/O.
func Classify(text string) ChatKind {
	toks := tokenize(strings.TrimSpace(text))
	if len(toks) == 0 || len(toks) > 12 {
		return ChatNone
	}
	kind, matched := ChatNone, false
	for i := 0; i < len(toks); {
		n, k := 0, ChatNone
		for _, e := range chatIndex[toks[i].norm] {
			if tokSpans(toks, i, e.toks) {
				n, k = len(e.toks), e.kind
				break
			}
		}
		switch {
		case n > 0:
			matched = true
			if chatRank[k] > chatRank[kind] {
				kind = k
			}
			i += n
		case chatFill[toks[i].norm] || chatFill[toks[i].raw]:
			i++
		default:
			return ChatNone
		}
	}
	if !matched {
		return ChatNone
	}
	return kind
}
