package e2e

import (
	"crypto/ed25519"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/slack-go/slack"

	"github.com/stylistbot/stylist/adapters/discord/discordtest"
	slackadapter "github.com/stylistbot/stylist/adapters/slack"
	"github.com/stylistbot/stylist/adapters/slack/slackfake"
)

// delivery is one signed platform request: a retry or a replay sends exactly
// these bytes again.
type delivery struct {
	path   string
	header http.Header
	body   []byte
}

const replicaSecret = "multi-replica-secret"

func slackSigned(contentType string, body []byte) delivery {
	h := http.Header{"Content-Type": {contentType}}
	slackfake.Sign(h, replicaSecret, time.Now(), body)
	return delivery{path: "/slack/", header: h, body: body}
}

// slackSlash is a signed /outfit invocation with its own trigger_id (Slack's
// de-duplication key of a delivery) and response_url.
func slackSlash(srv *slackfake.Server, user, channel, text string) delivery {
	v := url.Values{"token": {"legacy"}, "team_id": {slackfake.TeamID}, "team_domain": {"fake"}, "channel_id": {channel},
		"channel_name": {"fashion"}, "user_id": {user}, "user_name": {"shopper"}, "command": {"/outfit"}, "text": {text},
		"api_app_id": {"A00000001"}, "response_url": {srv.ResponseURL(user)}, "trigger_id": {"trigger-" + user}}
	return slackSigned(slackfake.FormContentType, []byte(v.Encode()))
}

// slackVote is a signed click on a feedback button of message ts.
func slackVote(srv *slackfake.Server, user, channel, ts, ref string, helpful bool) delivery {
	action := slackadapter.ActionFeedbackNo
	if helpful {
		action = slackadapter.ActionFeedbackYes
	}
	payload, _ := json.Marshal(map[string]any{
		"type": "block_actions", "trigger_id": "vote-" + user, "api_app_id": "A00000001",
		"user": map[string]any{"id": user, "team_id": slackfake.TeamID}, "team": map[string]any{"id": slackfake.TeamID},
		"container":    map[string]any{"type": "message", "channel_id": channel, "message_ts": ts},
		"channel":      map[string]any{"id": channel},
		"response_url": srv.ResponseURL("vote-" + user),
		"actions": []map[string]any{{"type": "button", "action_id": action, "block_id": "stylist_feedback", "value": ref,
			"action_ts": strconv.FormatInt(time.Now().UnixNano(), 10)}},
	})
	return slackSigned(slackfake.FormContentType, slackfake.InteractionForm(payload))
}

// slackThreadMessage is a signed Events API message in the thread threadTS.
func slackThreadMessage(eventID, user, channel, threadTS, text string) delivery {
	ts := fmt.Sprintf("%d.000100", time.Now().Unix())
	body := slackfake.EventCallback(eventID, map[string]any{"type": "message", "channel": channel, "user": user,
		"text": text, "ts": ts, "thread_ts": threadTS, "channel_type": "channel", "event_ts": ts})
	return slackSigned(slackfake.JSONContentType, body)
}

func discordSigned(priv ed25519.PrivateKey, body []byte) delivery {
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	h := http.Header{"Content-Type": {"application/json"}, "X-Signature-Ed25519": {discordtest.Sign(priv, ts, body)},
		"X-Signature-Timestamp": {ts}}
	return delivery{path: "/discord/interactions", header: h, body: body}
}

var (
	slackUserRe     = regexp.MustCompile(`<@(U[0-9A-Z]+)>`)
	discordTokenRe  = regexp.MustCompile(`/webhooks/[0-9]+/token-([0-9]+)(/messages/@original)?$`)
	discordFeedback = regexp.MustCompile(`stylist_feedback:(?:yes|no):([^"\\]+)`)
)

// final is one delivery of a final reply to the platform.
type final struct {
	kind   string // "update" (Slack placeholder), "ephemeral", "edit" (Discord original response), "followup"
	body   string // what the user sees (compared between deliveries)
	blocks string // Slack blocks JSON
	at     time.Time
}

// tracked is one request of the load as the platforms saw it.
type tracked struct {
	key, platform, user, channel, query string
	dlv                                 delivery
	sent                                time.Time // first attempt
	ack                                 time.Duration
	acked                               bool
	failedOver                          bool // its first attempt got no acknowledgement (the replica died)

	// Filled by the ledger from the fakes' records.
	placeholders []string // Slack "looking for…" ts
	finals       []final
	answered     chan struct{} // closed at the first final
	answeredAt   time.Time
}

// ledger maps every call the replicas made to the fake Slack and the fake
// Discord back to the request it belongs to.
type ledger struct {
	slack   *slackfake.Server
	discord *discordtest.Server

	mu          sync.Mutex
	reqs        map[string]*tracked
	byTS        map[string]*tracked
	threadPosts map[string][]slackfake.Call // thread_ts → posts in that thread
	updates     map[string][]slackfake.Call // ts → chat.update calls of that message
	deletes     int
	slackN      int
	discordN    int
}

func newLedger(s *slackfake.Server, d *discordtest.Server) *ledger {
	return &ledger{slack: s, discord: d, reqs: map[string]*tracked{}, byTS: map[string]*tracked{}, threadPosts: map[string][]slackfake.Call{},
		updates: map[string][]slackfake.Call{}}
}

func (l *ledger) add(tr *tracked) {
	tr.answered = make(chan struct{})
	l.mu.Lock()
	l.reqs[tr.key] = tr
	l.mu.Unlock()
}

// run polls the fakes' records until stop is closed.
func (l *ledger) run(stop <-chan struct{}) {
	t := time.NewTicker(20 * time.Millisecond)
	defer t.Stop()
	for {
		l.poll()
		select {
		case <-stop:
			l.poll()
			return
		case <-t.C:
		}
	}
}

func (l *ledger) poll() {
	now := time.Now()
	sc, dc := l.slack.Calls(""), l.discord.Requests()
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, c := range sc[l.slackN:] {
		l.slackCall(c, now)
	}
	l.slackN = len(sc)
	for _, r := range dc[l.discordN:] {
		m := discordTokenRe.FindStringSubmatch(r.Path)
		if m == nil {
			continue
		}
		kind := "followup"
		if r.Method == http.MethodPatch && m[2] != "" {
			kind = "edit"
		} else if r.Method != http.MethodPost || m[2] != "" {
			continue
		}
		if tr := l.reqs["d:"+m[1]]; tr != nil {
			l.finalOf(tr, final{kind: kind, body: string(r.Body), at: r.At})
		}
	}
	l.discordN = len(dc)
}

func (l *ledger) slackCall(c slackfake.Call, now time.Time) {
	switch c.Method {
	case "chat.postMessage":
		if th := c.Values.Get("thread_ts"); th != "" {
			l.threadPosts[th] = append(l.threadPosts[th], c)
			return
		}
		if m := slackUserRe.FindStringSubmatch(c.Text()); m != nil && l.reqs["s:"+m[1]] != nil {
			tr := l.reqs["s:"+m[1]]
			tr.placeholders = append(tr.placeholders, c.TS)
			l.byTS[c.TS] = tr
		}
	case "chat.update":
		l.updates[c.Values.Get("ts")] = append(l.updates[c.Values.Get("ts")], c)
		if tr := l.byTS[c.Values.Get("ts")]; tr != nil {
			l.finalOf(tr, final{kind: "update", body: c.Values.Get("text") + c.Values.Get("blocks"), blocks: c.Values.Get("blocks"), at: now})
		}
	case slackfake.MethodResponseURL:
		if tr := l.reqs["s:"+strings.TrimPrefix(c.Path, "/response/")]; tr != nil {
			l.finalOf(tr, final{kind: "ephemeral", body: string(c.Body), at: now})
		}
	case "chat.postEphemeral":
		if tr := l.reqs["s:"+c.Values.Get("user")]; tr != nil {
			l.finalOf(tr, final{kind: "ephemeral", body: c.Values.Get("text") + c.Values.Get("blocks"), at: now})
		}
	case "chat.delete":
		l.deletes++
	}
}

func (l *ledger) finalOf(tr *tracked, f final) {
	tr.finals = append(tr.finals, f)
	if len(tr.finals) == 1 {
		tr.answeredAt = f.at
		close(tr.answered)
	}
}

// snapshot returns copies of the tracked requests.
func (l *ledger) snapshot() []tracked {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := make([]tracked, 0, len(l.reqs))
	for _, tr := range l.reqs {
		c := *tr
		c.finals = append([]final(nil), tr.finals...)
		c.placeholders = append([]string(nil), tr.placeholders...)
		out = append(out, c)
	}
	return out
}

// posts returns the messages posted in thread ts.
func (l *ledger) posts(ts string) []slackfake.Call {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]slackfake.Call(nil), l.threadPosts[ts]...)
}

// edits returns the chat.update calls of message ts.
func (l *ledger) edits(ts string) []slackfake.Call {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]slackfake.Call(nil), l.updates[ts]...)
}

// answer returns the first final reply of tr and its feedback reference.
func (l *ledger) answer(tr *tracked) (final, string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(tr.finals) == 0 {
		return final{}, ""
	}
	f := tr.finals[0]
	if tr.platform == "discord" {
		if m := discordFeedback.FindStringSubmatch(f.body); m != nil {
			return f, m[1]
		}
		return f, ""
	}
	var blocks slack.Blocks
	if f.blocks != "" && json.Unmarshal([]byte(f.blocks), &blocks) == nil {
		for _, b := range blocks.BlockSet {
			if ab, ok := b.(*slack.ActionBlock); ok && ab.Elements != nil {
				for _, e := range ab.Elements.ElementSet {
					if btn, ok := e.(*slack.ButtonBlockElement); ok && btn.ActionID == slackadapter.ActionFeedbackYes {
						return f, btn.Value
					}
				}
			}
		}
	}
	return f, ""
}
