package discordadapter

import (
	"encoding/json"
	"strconv"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/stylistbot/stylist/adapters/discord/discordtest"
)

// TestHostileTextNormalisedAtTheEdge: slash-command options and messages reach
// the core normalised (control and bidi-control characters gone, whitespace
// collapsed), and so does the name of a thread started from a mention.
func TestHostileTextNormalisedAtTheEdge(t *testing.T) {
	_, priv := testKey()
	hostile := []struct{ name, in, want string }{
		{"NUL BEL ESC DEL", "red\x00 dress\x07\x1b[2J\x7f", "red dress[2J"},
		{"NEL and CR LF", "red\u0085dress\r\nfor a\rwedding", "red dress for a wedding"},
		{"unclosed RLO", "dress \u202eyltsoc", "dress yltsoc"},
		{"isolates and RLM", "\u2066coat\u2069\u2067 \u2068boots\u200f", "coat boots"},
		{"whitespace runs", "  linen\t\t shirt \u00a0 ", "linen shirt"},
	}
	for i, tc := range hostile {
		t.Run(tc.name, func(t *testing.T) {
			core := newFakeCore(answerWith(fullReply))
			a, srv := newHTTPAdapter(t, core, nil)
			id := "13000000000000000" + strconv.Itoa(10+i)
			serve(a, discordtest.SignedRequest(priv, time.Now(), discordtest.SlashCommand(id, "outfit", tc.in)))
			var m discordgo.Message
			if err := json.Unmarshal(discordtest.Mention("14000000000000000"+strconv.Itoa(10+i), tc.in), &m); err != nil {
				t.Fatal(err)
			}
			a.botID = discordtest.BotID
			a.handleMessage(&m)
			core.wait(t, 2)
			for _, req := range core.requests() {
				if req.Text != tc.want {
					t.Errorf("%s: core got %q, want %q", req.Kind, req.Text, tc.want)
				}
			}
			for _, r := range srv.Requests() {
				if r.Method == "POST" && r.Path != "" && len(r.Body) > 0 {
					var th struct {
						Name string `json:"name"`
					}
					if json.Unmarshal(r.Body, &th) == nil && th.Name != "" && th.Name != "Stylist: "+tc.want {
						t.Errorf("thread named %q", th.Name)
					}
				}
			}
		})
	}
}
