package discordadapter

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/stylistbot/stylist/adapters/discord/discordtest"
	"github.com/stylistbot/stylist/bot"
)

// slowCore answers every request after delay, from its own goroutine.
type slowCore struct {
	delay time.Duration
	at    chan time.Time // when the final reply was given
}

func (c slowCore) Handle(ctx context.Context, req bot.Request, reply bot.ReplyFunc) {
	go func() {
		if c.delay > 0 {
			time.Sleep(c.delay)
		}
		c.at <- time.Now()
		_ = reply(ctx, bot.Reply{Text: "Thanks for the feedback!", Ephemeral: true})
	}()
}

// TestHTTPFeedbackAckedAfterTheVote: a feedback click's acknowledgement (HTTP
// mode) is written only once the core decided the vote, and never later than
// the acknowledgement budget when the core is slow.
func TestHTTPFeedbackAckedAfterTheVote(t *testing.T) {
	_, priv := testKey()
	for _, tc := range []struct {
		name  string
		delay time.Duration
	}{{"decided in time", 300 * time.Millisecond}, {"core too slow", 5 * time.Second}} {
		t.Run(tc.name, func(t *testing.T) {
			core := slowCore{delay: tc.delay, at: make(chan time.Time, 1)}
			a, _ := newHTTPAdapter(t, core, nil)
			t0 := time.Now()
			w := serve(a, discordtest.SignedRequest(priv, time.Now(), fixture(t, "interaction_button.json")))
			acked := time.Now()
			var resp struct {
				Type int `json:"type"`
			}
			if err := json.Unmarshal(w.Body.Bytes(), &resp); err != nil || w.Code != 200 || resp.Type != 6 {
				t.Fatalf("ack %d %s, want 200 type 6", w.Code, w.Body)
			}
			if d := acked.Sub(t0); d > a.cfg.AckTimeout {
				t.Fatalf("ack after %v, budget %v", d, a.cfg.AckTimeout)
			}
			if tc.delay < a.cfg.AckTimeout {
				select {
				case at := <-core.at:
					if acked.Before(at) {
						t.Errorf("acknowledged %v before the core decided", at.Sub(acked))
					}
				default:
					t.Error("acknowledged before the core decided")
				}
			}
		})
	}
}
