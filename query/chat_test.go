package query

import "testing"

func TestClassify(t *testing.T) {
	cases := []struct {
		text string
		want ChatKind
	}{
		{"hi", ChatGreeting},
		{"Hi!", ChatGreeting},
		{"hello there", ChatGreeting},
		{"hey stylist", ChatGreeting},
		{"good morning :)", ChatGreeting},
		{"thanks!", ChatThanks},
		{"Thank you so much!", ChatThanks},
		{"thx", ChatThanks},
		{"perfect, thanks", ChatThanks},
		{"cheers mate", ChatThanks},
		{"love it, thank you", ChatThanks},
		{"help", ChatHelp},
		{"help me", ChatHelp},
		{"can you help me?", ChatHelp},
		{"what can you do?", ChatHelp},
		{"hi, what can you do?", ChatHelp},
		{"who are you", ChatHelp},
		{"how are you?", ChatSmallTalk},
		{"lol", ChatSmallTalk},
		{"ok", ChatSmallTalk},
		{"fit check", ChatSmallTalk},
		{"fit check… is this drip?", ChatSmallTalk},
		{"you're awesome", ChatSmallTalk},
		{"bye", ChatGoodbye},
		{"thanks, bye!", ChatThanks},
		{"see you later", ChatGoodbye},
		// requests
		{"hi, I need a black dress", ChatNone},
		{"help me find jeans", ChatNone},
		{"thanks, now in red", ChatNone},
		{"show me more", ChatNone},
		{"more", ChatNone},
		{"no", ChatNone},
		{"something else", ChatNone},
		{"a hi-top sneaker", ChatNone},
		{"nursing top", ChatNone},
		{"black tie event", ChatNone},
		{"what should I wear to a wedding", ChatNone},
		{"good shoes for running", ChatNone},
		{"", ChatNone},
		{"warmer", ChatNone},
		{"cheaper", ChatNone},
	}
	for _, c := range cases {
		t.Run(c.text, func(t *testing.T) {
			if got := Classify(c.text); got != c.want {
				t.Errorf("Classify(%q) = %q, want %q", c.text, got, c.want)
			}
		})
	}
}
