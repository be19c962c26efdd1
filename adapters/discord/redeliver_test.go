package discordadapter

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/stylistbot/stylist/adapters/discord/discordtest"
	"github.com/stylistbot/stylist/bot"
)

// An acknowledged interaction's reply target rebuilt on any replica edits the
// original response: the final reply delivered twice is one answer.
func TestRedeliverEditsTheOriginalResponse(t *testing.T) {
	_, priv := testKey()
	core := newFakeCore(answerWith()) // the core answers nothing here: a job does, later
	a, srv := newHTTPAdapter(t, core, nil)
	if w := serve(a, discordtest.SignedRequest(priv, time.Now(), fixture(t, "interaction_slash_guild.json"))); w.Code != 200 {
		t.Fatalf("ack %d", w.Code)
	}
	core.wait(t, 1)
	req := core.requests()[0]
	if req.ReplyTo == nil || req.ReplyTo.Platform != bot.PlatformDiscord {
		t.Fatalf("slash request without a reply target: %+v", req.ReplyTo)
	}
	srv.Reset()
	for range 2 {
		fn, err := a.Redeliver(*req.ReplyTo)
		if err != nil {
			t.Fatal(err)
		}
		if err := fn(context.Background(), bot.Reply{Ref: "r-1", Intro: "Two picks.", Items: []bot.Item{itemRed}}); err != nil {
			t.Fatal(err)
		}
	}
	reqs := srv.Requests()
	if len(reqs) != 2 {
		t.Fatalf("requests: %v", paths(reqs))
	}
	for _, r := range reqs {
		if !r.Is("PATCH", "/messages/@original") {
			t.Fatalf("a redelivery did %s %s, want an edit of the original response", r.Method, r.Path)
		}
	}
	if _, err := a.Redeliver(bot.Target{Platform: bot.PlatformDiscord, Data: []byte(`{"id":"1"}`)}); err == nil {
		t.Fatal("a target without a token was accepted")
	}
}

// durableCore is the fake core of a replica: its requests become durable jobs.
type durableCore struct{ *fakeCore }

// Durable implements the adapter's jobHandler like a core in replica mode:
// searches become jobs, help and chat do not.
func (durableCore) Durable(req bot.Request) bool {
	return req.Conversation.Platform == bot.PlatformDiscord && !bot.Unsearched(req)
}

// On a replica, a gateway mention, DM or thread reply first posts a "looking
// for…" placeholder where the answer goes; the request's reply target is that
// message, so the replica running the job, and any redelivery, edits it: one
// message, never a second answer.
func TestRedeliverMessagesEditThePlaceholder(t *testing.T) {
	final := bot.Reply{Ref: "r-1", Intro: "Two picks.", Items: []bot.Item{itemRed}}
	for _, tc := range []struct {
		name, fixture string
		owner         string // of the fixture thread
		startThread   bool   // the thread create fails: the placeholder answers the message in the channel
		in            string // the channel the placeholder and the answer are in
		kind          bot.Kind
	}{
		{"mention starts a thread", "message_mention.json", "", true, "", bot.KindMention},
		{"mention, thread refused", "message_mention.json", "", false, fxChannel, bot.KindMention},
		{"direct message", "message_dm.json", "", false, fxDM, bot.KindDirect},
		{"thread reply", "message_thread_followup.json", discordtest.BotID, false, fxThread, bot.KindFollowUp},
		{"mention in someone's thread", "message_thread_followup.json", fxUser, false, fxThread, bot.KindMention},
	} {
		t.Run(tc.name, func(t *testing.T) {
			core := newFakeCore(answerWith()) // the job answers, not Handle's ReplyFunc
			a, srv := newTestAdapter(t, durableCore{core}, nil)
			if tc.owner != "" {
				srv.AddChannel(&discordgo.Channel{ID: fxThread, Type: discordgo.ChannelTypeGuildPublicThread,
					GuildID: fxGuild, ParentID: fxChannel, OwnerID: tc.owner})
			}
			m := message(t, tc.fixture)
			in := tc.in
			if tc.startThread {
				in = m.ID // the fake names a thread started from a message after it
			} else if tc.fixture == "message_mention.json" {
				srv.Override("POST", "/api/v9/channels/"+fxChannel+"/messages/"+m.ID+"/threads", 1, func(w http.ResponseWriter, _ discordtest.Request) {
					http.Error(w, `{"message": "Missing Permissions", "code": 50013}`, http.StatusForbidden)
				})
			}
			a.handleMessage(m)
			core.wait(t, 1)
			req := core.requests()[0]
			if req.Kind != tc.kind || req.ReplyTo == nil || req.ID != m.ID {
				t.Fatalf("request %s %s with reply target %v", req.ID, req.Kind, req.ReplyTo)
			}
			var posts []discordtest.Request
			for _, r := range srv.Requests() {
				if r.Method == "POST" && strings.HasSuffix(r.Path, "/messages") {
					posts = append(posts, r)
				}
			}
			if len(posts) != 1 || !posts[0].Is("POST", "/channels/"+in+"/messages") {
				t.Fatalf("placeholder posts: %v", paths(posts))
			}
			ph := body(t, posts[0])
			if !strings.Contains(ph["content"].(string), "Looking for") {
				t.Fatalf("placeholder %s", posts[0].Body)
			}
			if _, ref := ph["message_reference"]; ref != (tc.fixture == "message_mention.json" && !tc.startThread) {
				t.Errorf("placeholder %s: a reply to the mention only when no thread was started", posts[0].Body)
			}
			srv.Reset()
			for _, rep := range []bot.Reply{{Partial: true, Intro: "…"}, final, final} { // the job, then a redelivery
				fn, err := a.Redeliver(*req.ReplyTo)
				if err != nil {
					t.Fatal(err)
				}
				if err := fn(context.Background(), rep); err != nil {
					t.Fatal(err)
				}
			}
			reqs := srv.Requests()
			if len(reqs) != 3 {
				t.Fatalf("requests: %v", paths(reqs))
			}
			for _, r := range reqs {
				if r.Method != "PATCH" || !strings.HasPrefix(r.Path, "/api/v9/channels/"+in+"/messages/") {
					t.Fatalf("a delivery did %s %s, want an edit of the placeholder", r.Method, r.Path)
				}
			}
			assertNoMentions(t, reqs)
		})
	}
	if _, err := (&Adapter{}).Redeliver(bot.Target{Platform: bot.PlatformDiscord, Data: []byte(`{"message":"1"}`)}); err == nil {
		t.Fatal("a message target without a channel was accepted")
	}
}

// Help and chat are answered at once with no placeholder, even on a replica;
// on a single box nothing changes.
func TestNoPlaceholderWithoutAJob(t *testing.T) {
	for _, tc := range []struct {
		name    string
		durable bool
		text    string
	}{
		{"help on a replica", true, "help"},
		{"greeting on a replica", true, "hi there"},
		{"single box", false, "black dress"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			core := newFakeCore(answerWith(bot.Reply{Text: "ok"}))
			var h bot.Handler = core
			if tc.durable {
				h = durableCore{core}
			}
			a, srv := newTestAdapter(t, h, nil)
			m := message(t, "message_dm.json")
			m.Content = tc.text
			a.handleMessage(m)
			core.wait(t, 1)
			if req := core.requests()[0]; req.ReplyTo != nil {
				t.Fatalf("reply target %s", req.ReplyTo.Data)
			}
			if reqs := srv.Requests(); len(reqs) != 1 || body(t, reqs[0])["content"] != "ok" {
				t.Fatalf("requests: %v", paths(reqs))
			}
		})
	}
}

// A placeholder someone deleted cannot be edited: the final answer is posted
// instead (a partial is dropped), so the user still gets it.
func TestDeletedPlaceholderPostsTheAnswer(t *testing.T) {
	a, srv := newTestAdapter(t, newFakeCore(answerWith()), nil)
	fn, err := a.Redeliver(bot.Target{Platform: bot.PlatformDiscord, Data: []byte(`{"message":"1700000000000000009","channel_id":"` + fxThread + `"}`)})
	if err != nil {
		t.Fatal(err)
	}
	srv.Override("PATCH", "/api/v9/channels/"+fxThread+"/messages/1700000000000000009", 2, func(w http.ResponseWriter, _ discordtest.Request) {
		discordtest.WriteError(w, 404, 10008, "Unknown Message")
	})
	if err := fn(context.Background(), bot.Reply{Partial: true, Intro: "…"}); err == nil {
		t.Fatal("a partial edit of a deleted message succeeded")
	}
	if err := fn(context.Background(), bot.Reply{Ref: "r-1", Intro: "Two picks.", Items: []bot.Item{itemRed}}); err != nil {
		t.Fatal(err)
	}
	var posts []discordtest.Request
	for _, r := range srv.Requests() {
		if r.Method == "POST" {
			posts = append(posts, r)
		}
	}
	if len(posts) != 1 || !posts[0].Is("POST", "/channels/"+fxThread+"/messages") || !strings.Contains(string(posts[0].Body), "Two picks.") {
		t.Fatalf("requests: %v", paths(srv.Requests()))
	}
}
