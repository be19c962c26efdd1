package discordadapter

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/stylistbot/stylist/adapters/discord/discordtest"
	"github.com/stylistbot/stylist/bot"
	"github.com/stylistbot/stylist/internal/ttlset"
)

func message(t *testing.T, name string) *discordgo.Message {
	t.Helper()
	var m discordgo.Message
	if err := json.Unmarshal(fixture(t, name), &m); err != nil {
		t.Fatal(err)
	}
	return &m
}

// botThread registers the fixture thread as one the bot started.
func botThread(srv *discordtest.Server) {
	srv.AddChannel(&discordgo.Channel{ID: fxThread, Type: discordgo.ChannelTypeGuildPublicThread,
		GuildID: fxGuild, ParentID: fxChannel, OwnerID: discordtest.BotID, Name: "Stylist: something cosy"})
}

func TestMentionStartsThread(t *testing.T) {
	core := newFakeCore(answerWith(bot.Reply{Partial: true, Intro: "…"}, fullReply))
	a, srv := newTestAdapter(t, core, nil)
	m := message(t, "message_mention.json")
	a.handleMessage(m)
	core.wait(t, 1)

	got := core.requests()[0]
	want := bot.Request{ID: m.ID, Kind: bot.KindMention, User: fxUser, UserRoles: []string{"1100000000000000100"},
		Text:         "something cosy for autumn, under 50",
		Conversation: bot.Conversation{Platform: bot.PlatformDiscord, Workspace: fxGuild, Channel: fxChannel, Thread: m.ID}}
	if !equalRequest(got, want) {
		t.Errorf("request = %+v\nwant      %+v", got, want)
	}
	reqs := srv.Requests()
	if len(reqs) != 4 || !reqs[0].Is("GET", "/channels/"+fxChannel) {
		t.Fatalf("requests (channel lookup, thread, partial, final): %v", paths(reqs))
	}
	reqs = reqs[1:]
	if !reqs[0].Is("POST", "/channels/"+fxChannel+"/messages/"+m.ID+"/threads") {
		t.Fatalf("first request %s %s, want a thread started from the mention", reqs[0].Method, reqs[0].Path)
	}
	th := body(t, reqs[0])
	if th["name"] != "Stylist: something cosy for autumn, under 50" || th["auto_archive_duration"] != float64(1440) {
		t.Errorf("thread start = %s", reqs[0].Body)
	}
	if !reqs[1].Is("POST", "/channels/"+m.ID+"/messages") {
		t.Errorf("partial posted as %s %s, want a message in the thread", reqs[1].Method, reqs[1].Path)
	}
	if !strings.HasPrefix(reqs[2].Path, "/api/v9/channels/"+m.ID+"/messages/") || reqs[2].Method != "PATCH" {
		t.Errorf("final posted as %s %s, want an edit of the partial", reqs[2].Method, reqs[2].Path)
	}
	if n := len(body(t, reqs[2])["embeds"].([]any)); n != 2 {
		t.Errorf("final has %d embeds", n)
	}
	assertNoMentions(t, reqs)

	// A later message in that thread mentioning the bot continues the conversation
	// without another thread and without a channel lookup (the thread is cached).
	srv.Reset()
	f := message(t, "message_thread_followup.json")
	f.ChannelID = m.ID
	a.handleMessage(f)
	core.wait(t, 1)
	got = core.requests()[1]
	if got.Kind != bot.KindFollowUp || got.Conversation != want.Conversation || got.Text != "and in navy?" {
		t.Errorf("follow-up request = %+v", got)
	}
	if reqs := srv.Requests(); len(reqs) != 2 || !reqs[0].Is("POST", "/channels/"+m.ID+"/messages") ||
		!strings.HasPrefix(reqs[1].Path, "/api/v9/channels/"+m.ID+"/messages/") {
		t.Errorf("follow-up requests: %v", paths(reqs))
	}
}

func TestThreadMessages(t *testing.T) {
	tests := []struct {
		name     string
		fixture  string
		intent   bool
		owner    string
		wantKind bot.Kind // "" = ignored
	}{
		{"mention in bot thread", "message_thread_followup.json", false, discordtest.BotID, bot.KindFollowUp},
		{"no mention, no intent", "message_thread_nomention.json", false, discordtest.BotID, ""},
		{"no mention, content intent", "message_thread_nomention.json", true, discordtest.BotID, bot.KindFollowUp},
		{"mention in someone else's thread", "message_thread_followup.json", false, fxUser, bot.KindMention},
		{"no mention in someone else's thread", "message_thread_nomention.json", true, fxUser, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			core := newFakeCore(answerWith(bot.Reply{Text: "ok"}))
			a, srv := newTestAdapter(t, core, func(c *Config) { c.MessageContentIntent = tt.intent })
			srv.AddChannel(&discordgo.Channel{ID: fxThread, Type: discordgo.ChannelTypeGuildPublicThread,
				GuildID: fxGuild, ParentID: fxChannel, OwnerID: tt.owner})
			a.handleMessage(message(t, tt.fixture))
			if tt.wantKind == "" {
				if n := len(core.requests()); n != 0 {
					t.Fatalf("core got %d requests", n)
				}
				return
			}
			core.wait(t, 1)
			got := core.requests()[0]
			wantConv := bot.Conversation{Platform: bot.PlatformDiscord, Workspace: fxGuild, Channel: fxChannel, Thread: fxThread}
			if got.Kind != tt.wantKind || got.Conversation != wantConv {
				t.Errorf("request = %+v", got)
			}
			reqs := srv.Requests()
			if len(reqs) != 2 || !reqs[0].Is("GET", "/channels/"+fxThread) || !reqs[1].Is("POST", "/channels/"+fxThread+"/messages") {
				t.Errorf("requests: %v", paths(reqs))
			}
			assertNoMentions(t, reqs)
		})
	}
}

func TestDirectMessage(t *testing.T) {
	core := newFakeCore(answerWith(fullReply))
	a, srv := newTestAdapter(t, core, nil)
	a.handleMessage(message(t, "message_dm.json"))
	core.wait(t, 1)
	got := core.requests()[0]
	want := bot.Request{ID: "1600000000000000100", Kind: bot.KindDirect, User: fxUser, Text: "ideas for a beach day?",
		Conversation: bot.Conversation{Platform: bot.PlatformDiscord, Channel: fxDM}}
	if !equalRequest(got, want) {
		t.Errorf("request = %+v\nwant      %+v", got, want)
	}
	reqs := srv.Requests()
	if len(reqs) != 1 || !reqs[0].Is("POST", "/channels/"+fxDM+"/messages") {
		t.Fatalf("requests: %v", paths(reqs))
	}
	assertNoMentions(t, reqs)
}

func TestIgnoredMessages(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(*discordgo.Message)
		cfg    func(*Config)
	}{
		{"from a bot", func(m *discordgo.Message) { m.Author.Bot = true }, nil},
		{"from itself", func(m *discordgo.Message) { m.Author.ID = discordtest.BotID }, nil},
		{"webhook", func(m *discordgo.Message) { m.WebhookID = "1" }, nil},
		{"system message", func(m *discordgo.Message) { m.Type = discordgo.MessageTypeChannelPinnedMessage }, nil},
		{"no mention", func(m *discordgo.Message) { m.Mentions = nil; m.Content = "just chatting" }, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			core := newFakeCore(answerWith(fullReply))
			a, srv := newTestAdapter(t, core, tt.cfg)
			m := message(t, "message_mention.json")
			if tt.mutate != nil {
				tt.mutate(m)
			}
			a.handleMessage(m)
			if n := len(core.requests()); n != 0 {
				t.Errorf("core got %d requests", n)
			}
			for _, r := range srv.Requests() {
				if r.Method != "GET" {
					t.Errorf("unexpected write %s %s", r.Method, r.Path)
				}
			}
		})
	}
}

func TestThreadStartFailureRepliesInChannel(t *testing.T) {
	core := newFakeCore(answerWith(fullReply))
	a, srv := newTestAdapter(t, core, nil)
	srv.Override("POST", "/api/v9/channels/"+fxChannel+"/messages/", -1, func(w http.ResponseWriter, _ discordtest.Request) {
		discordtest.WriteError(w, 403, 50013, "Missing Permissions")
	})
	m := message(t, "message_mention.json")
	a.handleMessage(m)
	core.wait(t, 1)
	if c := core.requests()[0].Conversation; c.Thread != "" || c.Channel != fxChannel {
		t.Errorf("conversation = %+v, want the unthreaded channel", c)
	}
	reqs := srv.Requests()
	if len(reqs) != 3 || !reqs[2].Is("POST", "/channels/"+fxChannel+"/messages") {
		t.Fatalf("requests: %v", paths(reqs))
	}
	ref, _ := body(t, reqs[2])["message_reference"].(map[string]any)
	if ref["message_id"] != m.ID {
		t.Errorf("reply does not reference the mention: %s", reqs[2].Body)
	}
	assertNoMentions(t, reqs)
}

func TestNonTextMention(t *testing.T) {
	core := newFakeCore(answerWith(bot.Reply{Text: "I can only read text."}))
	a, _ := newTestAdapter(t, core, nil)
	m := message(t, "message_mention.json")
	m.Content = "<@" + discordtest.BotID + ">"
	m.Attachments = []*discordgo.MessageAttachment{{ID: "1", Filename: "look.jpg"}}
	a.handleMessage(m)
	core.wait(t, 1)
	if got := core.requests()[0]; !got.NonText || got.Text != "" {
		t.Errorf("request = %+v, want NonText with empty text", got)
	}
}

func TestManagedRoleMention(t *testing.T) {
	core := newFakeCore(answerWith(bot.Reply{Text: "ok"}))
	a, _ := newTestAdapter(t, core, nil)
	const role = "1100000000000000777"
	if err := a.s.State.GuildAdd(&discordgo.Guild{ID: fxGuild,
		Roles:   []*discordgo.Role{{ID: role, Name: "Stylist", Managed: true}, {ID: "1100000000000000778", Name: "staff"}},
		Members: []*discordgo.Member{{GuildID: fxGuild, User: &discordgo.User{ID: discordtest.BotID}, Roles: []string{role}}},
	}); err != nil {
		t.Fatal(err)
	}
	m := message(t, "message_mention.json")
	m.Mentions, m.MentionRoles, m.Content = nil, []string{role}, "<@&"+role+"> a red dress"
	a.handleMessage(m)
	core.wait(t, 1)
	if got := core.requests()[0]; got.Kind != bot.KindMention || got.Text != "a red dress" {
		t.Errorf("request = %+v", got)
	}

	// Mentioning another role is not a mention of the bot.
	m.MentionRoles, m.Content = []string{"1100000000000000778"}, "<@&1100000000000000778> a red dress"
	a.handleMessage(m)
	if n := len(core.requests()); n != 1 {
		t.Errorf("a staff-role mention reached the core")
	}
}

// claimKeys is a shared Deduper that records the keys it added and the claims
// made (key and job id).
type claimKeys struct {
	mu     sync.Mutex
	keys   map[string]bool
	claims []string
}

func (c *claimKeys) Add(key string) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.keys[key] {
		return false
	}
	c.keys[key] = true
	return true
}

func (c *claimKeys) Claim(key, job string) (bool, func()) {
	c.mu.Lock()
	c.claims = append(c.claims, key+" job "+job)
	c.mu.Unlock()
	return c.Add(key), func() {}
}

// In replica mode a gateway message that may be a request is claimed under
// its id, also its job id; channel chatter that never is records no key.
func TestMessageClaims(t *testing.T) {
	keys := &claimKeys{keys: map[string]bool{}}
	core := newFakeCore(answerWith(fullReply))
	a, _ := newTestAdapter(t, core, nil, WithDeduper(keys))
	chatter := message(t, "message_mention.json")
	chatter.ID, chatter.Content, chatter.Mentions = "1300000000000000077", "lunch anyone?", nil
	a.handleMessage(chatter)
	m := message(t, "message_mention.json")
	a.handleMessage(m)
	core.wait(t, 1)
	keys.mu.Lock()
	defer keys.mu.Unlock()
	if want := []string{"message:" + m.ID + " job " + m.ID}; !slices.Equal(keys.claims, want) || len(keys.keys) != 1 {
		t.Errorf("claims %v, keys %v; want only %v", keys.claims, keys.keys, want)
	}
}

// A mention handled again (a replica that handled it first died before its
// job) is answered in the thread already started from it: Discord refuses a
// second thread from one message (160004), and that thread has its id.
func TestMentionHandledAgainReusesItsThread(t *testing.T) {
	core := newFakeCore(answerWith(fullReply))
	a, srv := newTestAdapter(t, core, nil)
	m := message(t, "message_mention.json")
	a.handleMessage(m)
	core.wait(t, 1)
	a.seen = ttlset.New(time.Minute, 10) // another replica: the delivery is new to it
	a.channels = channelCache{}
	a.handleMessage(m)
	core.wait(t, 1)
	if got := core.requests()[1].Conversation.Thread; got != m.ID {
		t.Errorf("second handling in thread %q, want the mention's thread %s", got, m.ID)
	}
	for _, r := range srv.Requests() {
		if r.Is("POST", "/channels/"+fxChannel+"/messages") {
			t.Errorf("answered in the channel: %s %s", r.Method, r.Path)
		}
	}
}
