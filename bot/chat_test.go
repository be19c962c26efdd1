package bot_test

import (
	"strings"
	"testing"

	"github.com/stylistbot/stylist/bot"
)

// Chat gets a friendly reply from the core: the recommender is never asked,
// and "thanks" does not re-run the thread's last request.
func TestChatAnsweredByTheCore(t *testing.T) {
	rec := &fakeRec{}
	c := newCore(t, testConfig(), rec)
	for _, tc := range []struct {
		text, want string
	}{
		{"hi", "I'm your stylist"},
		{"Hello there!", "I'm your stylist"},
		{"thanks!", "You're welcome"},
		{"how are you?", "describe an outfit"},
		{"bye", "Bye for now"},
		{"help me", bot.HelpText},
		{"what can you do?", bot.HelpText},
	} {
		t.Run(tc.text, func(t *testing.T) {
			r := ask(t, c, slackReq(bot.KindMention, "U1", "C1", tc.text))
			if r.Error != nil || !strings.Contains(r.Text, tc.want) || len(r.Items) != 0 {
				t.Fatalf("reply %+v, want text with %q", r, tc.want)
			}
		})
	}
	if n := len(rec.requests()); n != 0 {
		t.Fatalf("the recommender was asked %d times for chat", n)
	}
	// A request in a greeting is a request.
	r := ask(t, c, slackReq(bot.KindMention, "U1", "C1", "hi, a black dress please"))
	if len(r.Items) == 0 || len(rec.requests()) != 1 {
		t.Fatalf("request after a greeting: %+v", r)
	}
}
