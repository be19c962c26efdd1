package bot

import (
	"testing"

	"github.com/stylistbot/stylist/rag"
)

func TestFromAnswerChat(t *testing.T) {
	r := FromAnswer(&rag.Answer{Intro: "Hi! I'm your stylist.", Chat: "greeting"})
	if r.Text != "Hi! I'm your stylist." || r.Intro != "" || r.Feedback || len(r.Items) != 0 {
		t.Fatalf("chat reply: %+v", r)
	}
	r = FromAnswer(&rag.Answer{Intro: "Here are 1 picks.", Items: []rag.Item{{ArticleID: "0108775015"}}})
	if r.Text != "" || r.Intro == "" || !r.Feedback || len(r.Items) != 1 {
		t.Fatalf("product reply: %+v", r)
	}
}
