package slackadapter

import (
	"encoding/json"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stylistbot/stylist/adapters/slack/slackfake"
	"github.com/stylistbot/stylist/bot"
)

// slashPayload turns the form fixture into the JSON Socket Mode delivers.
func slashPayload(t *testing.T, mut func(map[string]string)) json.RawMessage {
	t.Helper()
	form, err := url.ParseQuery(string(readFixture(t, "slash_command.form")))
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]string{}
	for k := range form {
		m[k] = form.Get(k)
	}
	if mut != nil {
		mut(m)
	}
	b, _ := json.Marshal(m)
	return b
}

// settled returns once the event loop handled every envelope sent on conn so
// far (started their work, counted by accepted): it sends one the loop ignores
// without starting any and waits for its acknowledgement, which the loop sends
// only after the envelopes before it.
func settled(t *testing.T, conn *slackfake.SocketConn) {
	t.Helper()
	conn.WaitAck(t, conn.Send(t, "interactive", json.RawMessage(`{"type":"view_closed"}`)))
}

func TestSocketModeEvents(t *testing.T) {
	core := newFakeCore(func(req bot.Request) []bot.Reply { return answer("rep-sock") })
	core.refuse = map[string]bool{"C0ELSEWHERE": true}
	h := start(t, ModeSocket, core, nil)
	conn := h.srv.NextSocket(t)

	// An app_mention envelope is acknowledged (without payload) and answered in the thread.
	var mention map[string]any
	_ = json.Unmarshal(readFixture(t, "app_mention.json"), &mention)
	raw, _ := json.Marshal(mention)
	id := conn.Send(t, "events_api", raw)
	if p := conn.WaitAck(t, id); len(p) != 0 && string(p) != "null" {
		t.Fatalf("event ack carried payload %s", p)
	}
	reqs := core.wait(t, 1)
	if reqs[0].Kind != bot.KindMention || reqs[0].Conversation.Thread != "1718000000.000100" {
		t.Fatalf("request %+v", reqs[0])
	}
	if got := h.srv.WaitCalls(t, "chat.postMessage", 1)[0].Values.Get("thread_ts"); got != "1718000000.000100" {
		t.Fatalf("answer thread_ts %q", got)
	}

	// A redelivery of the same event_id is acknowledged but not answered twice.
	id = conn.Send(t, "events_api", raw)
	conn.WaitAck(t, id)

	// A slash command is acknowledged, then gets the looking-for message and a threaded answer.
	id = conn.Send(t, "slash_commands", slashPayload(t, func(m map[string]string) { m["response_url"] = h.srv.ResponseURL("s") }))
	if p := conn.WaitAck(t, id); len(p) != 0 && string(p) != "null" {
		t.Fatalf("slash ack carried payload %s", p)
	}
	reqs = core.wait(t, 2)
	posts := h.srv.WaitCalls(t, "chat.postMessage", 3)
	if reqs[1].Kind != bot.KindSlash || reqs[1].Conversation.Thread != posts[1].TS || posts[2].Values.Get("thread_ts") != posts[1].TS {
		t.Fatalf("slash request %+v, posts %v / %v", reqs[1], posts[1].Values, posts[2].Values)
	}

	// A slash command the core's policy refuses (Screen) is refused in the ack itself.
	id = conn.Send(t, "slash_commands", slashPayload(t, func(m map[string]string) { m["channel_id"] = "C0ELSEWHERE" }))
	var refusal map[string]string
	if err := json.Unmarshal(conn.WaitAck(t, id), &refusal); err != nil || refusal["response_type"] != "ephemeral" ||
		!strings.Contains(refusal["text"], "not enabled") {
		t.Fatalf("refusal ack %v (%v)", refusal, err)
	}

	// A feedback click arrives as an interactive envelope.
	var fb map[string]any
	_ = json.Unmarshal(readFixture(t, "block_actions.json"), &fb)
	fb["response_url"] = h.srv.ResponseURL("fb")
	raw, _ = json.Marshal(fb)
	conn.WaitAck(t, conn.Send(t, "interactive", raw))
	reqs = core.wait(t, 3)
	if reqs[2].Kind != bot.KindFeedback || reqs[2].ReplyRef != "rep-42" {
		t.Fatalf("feedback %+v", reqs[2])
	}
	settled(t, conn)
	if n := h.accepted(); n != 3 {
		t.Fatalf("core got %d requests, want 3", n)
	}
}

func TestSocketModeReconnect(t *testing.T) {
	core := newFakeCore(func(bot.Request) []bot.Reply { return answer("rep-re") })
	h := start(t, ModeSocket, core, nil)
	first := h.srv.NextSocket(t)
	first.Disconnect(t)
	second := h.srv.NextSocket(t)
	if n := len(h.srv.Calls("apps.connections.open")); n < 2 {
		t.Fatalf("apps.connections.open called %d times", n)
	}
	id := second.Send(t, "events_api", readFixture(t, "message_im.json"))
	second.WaitAck(t, id)
	if reqs := core.wait(t, 1); reqs[0].Kind != bot.KindDirect {
		t.Fatalf("request after reconnect %+v", reqs[0])
	}
	if !strings.Contains(h.logs.String(), "socket mode connected") {
		t.Error("connection events not logged")
	}
	for _, secret := range []string{testBotToken, testAppToken} {
		if strings.Contains(h.logs.String(), secret) {
			t.Fatal("logs contain a token")
		}
	}
}

func TestSocketModeUnknownEventAcked(t *testing.T) {
	h := start(t, ModeSocket, newFakeCore(nil), nil)
	conn := h.srv.NextSocket(t)
	body := []byte(`{"token":"x","team_id":"T00000001","type":"event_callback","event_id":"Ev0UNKNOWN","event":{"type":"no_such_event_type"}}`)
	id := conn.Send(t, "events_api", body)
	conn.WaitAck(t, id)
	settled(t, conn)
	if n := h.accepted(); n != 0 {
		t.Fatal("unknown event reached the core")
	}
}

// Over Socket Mode a replica acknowledges a mention's envelope at once, then
// posts the placeholder the job edits; Slack's redelivery of the envelope is
// acknowledged and neither handled nor given a second placeholder.
func TestSocketModeDurableMention(t *testing.T) {
	core := newFakeCore(func(bot.Request) []bot.Reply { return nil })
	core.durable = true
	h := start(t, ModeSocket, core, nil)
	conn := h.srv.NextSocket(t)
	raw := json.RawMessage(readFixture(t, "app_mention.json"))
	for range 2 {
		id := conn.Send(t, "events_api", raw)
		if p := conn.WaitAck(t, id); len(p) != 0 && string(p) != "null" {
			t.Fatalf("event ack carried payload %s", p)
		}
	}
	req := core.wait(t, 1)[0]
	ph := h.srv.WaitCalls(t, "chat.postMessage", 1)[0]
	if req.ReplyTo == nil || ph.Values.Get("thread_ts") != "1718000000.000100" {
		t.Fatalf("reply target %v, placeholder %v", req.ReplyTo, ph.Values)
	}
	settled(t, conn)
	if n := h.accepted(); n != 1 {
		t.Fatalf("%d requests from one event delivered twice", n)
	}
	if n := len(h.srv.Calls("chat.postMessage")); n != 1 {
		t.Fatalf("%d placeholders", n)
	}
}

// In replica mode an event's claim may wait up to 1.5 s for another replica's:
// Socket Mode takes it off its event loop, so the next envelope is
// acknowledged and handled meanwhile.
func TestSocketModeClaimDoesNotStallTheLoop(t *testing.T) {
	core := newFakeCore(func(bot.Request) []bot.Reply { return nil })
	keys := &slowClaims{keys: map[string]bool{}, slow: "event:Ev0MENTION01", entered: make(chan struct{}), gate: make(chan struct{})}
	h := start(t, ModeSocket, core, nil, WithSharedMemory(keys, nil))
	var once sync.Once
	open := func() { once.Do(func() { close(keys.gate) }) }
	t.Cleanup(open)
	conn := h.srv.NextSocket(t)
	conn.WaitAck(t, conn.Send(t, "events_api", json.RawMessage(readFixture(t, "app_mention.json"))))
	select {
	case <-keys.entered:
	case <-time.After(10 * time.Second):
		t.Fatal("the mention was never claimed")
	}
	// The mention's claim is waiting; a slash command arrives meanwhile.
	conn.WaitAck(t, conn.Send(t, "slash_commands", slashPayload(t, func(m map[string]string) { m["response_url"] = h.srv.ResponseURL("s") })))
	if reqs := core.wait(t, 1); reqs[0].Kind != bot.KindSlash {
		t.Fatalf("first request %+v, want the slash command handled while the mention's claim waits", reqs[0])
	}
	open()
	if reqs := core.wait(t, 2); reqs[1].Kind != bot.KindMention || reqs[1].ID != "Ev0MENTION01" {
		t.Fatalf("second request %+v, want the mention, its ID the event_id", reqs[1])
	}
}
