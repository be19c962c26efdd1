package e2e

import (
	"context"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"

	discordadapter "github.com/stylistbot/stylist/adapters/discord"
	"github.com/stylistbot/stylist/adapters/discord/discordtest"
	slackadapter "github.com/stylistbot/stylist/adapters/slack"
	"github.com/stylistbot/stylist/adapters/slack/slackfake"
)

var articleID = regexp.MustCompile(`\b\d{10}\b`)

// ids returns the article ids mentioned in s (Slack context lines, Discord footers).
func ids(s string) []string { return articleID.FindAllString(s, -1) }

// A slash command is acknowledged inside the HTTP handler, then answered in the
// thread of the "looking for…" message with catalog articles only.
func TestSlackSlashCommandEndToEnd(t *testing.T) {
	core, _ := realCore(t)
	srv := slackfake.New(t)
	cfg := slackadapter.DefaultConfig()
	cfg.Mode, cfg.BotToken, cfg.SigningSecret, cfg.APIURL = slackadapter.ModeHTTP, "xoxb-test", "secret", srv.APIURL()
	a, err := slackadapter.New(cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() { _ = a.Start(ctx, core) }()
	<-a.Ready()

	rec := httptest.NewRecorder()
	t0 := time.Now()
	a.HTTPHandler().ServeHTTP(rec, slackfake.SignedRequest("secret", "/slack/commands", slackfake.FormContentType,
		slackfake.SlashForm("/outfit", "a light yellow summer dress", "C1", "U1", srv.ResponseURL("r1"))))
	if rec.Code != 200 || time.Since(t0) > 3*time.Second {
		t.Fatalf("ack: %d after %s", rec.Code, time.Since(t0))
	}
	posts := srv.WaitCalls(t, "chat.postMessage", 2)
	looking, answer := posts[0], posts[len(posts)-1]
	if !strings.Contains(strings.ToLower(looking.Text()), "looking") {
		t.Fatalf("first post should say what we look for: %q", looking.Text())
	}
	if answer.Values.Get("thread_ts") != looking.TS {
		t.Fatalf("answer not in the thread of %s: %v", looking.TS, answer.Values)
	}
	blocks := answer.Values.Get("blocks")
	found := ids(blocks)
	if len(found) < 3 {
		t.Fatalf("want the recommended article ids in the blocks, got %v in %s", found, blocks)
	}
	for _, id := range found {
		inCatalog(t, id)
	}
	if !strings.Contains(blocks, "Dress") {
		t.Fatalf("the answer should show dresses: %s", blocks)
	}

	// A bad signature never reaches the core.
	bad := slackfake.SignedRequest("wrong-secret", "/slack/commands", slackfake.FormContentType,
		slackfake.SlashForm("/outfit", "a coat", "C1", "U1", srv.ResponseURL("r2")))
	rec = httptest.NewRecorder()
	a.HTTPHandler().ServeHTTP(rec, bad)
	if rec.Code != 401 {
		t.Fatalf("bad signature: %d", rec.Code)
	}
}

// A Discord slash command gets a deferred response within the deadline, then the
// original response is edited with one embed per catalog article.
func TestDiscordSlashCommandEndToEnd(t *testing.T) {
	core, _ := realCore(t)
	srv := discordtest.NewServer(t)
	cfg := discordadapter.DefaultConfig()
	cfg.Token = "test"
	a, err := discordadapter.New(cfg, nil, discordadapter.WithHTTPClient(srv.Client()))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() { _ = a.Start(ctx, core) }()
	defer a.Stop(context.Background())
	srv.Hellos(t, 1, 10*time.Second)

	const id = "1300000000000000777"
	srv.Dispatch(t, "INTERACTION_CREATE", discordtest.SlashCommand(id, "outfit", "black sweater for men"))
	ack := srv.Wait(t, 1, 3*time.Second, func(r discordtest.Request) bool {
		return r.Is("POST", "/interactions/"+id+"/"+discordtest.Token(id)+"/callback")
	})[0]
	var cb struct {
		Type int `json:"type"`
	}
	if err := ack.Decode(&cb); err != nil || cb.Type != 5 {
		t.Fatalf("want a deferred response (type 5), got %s", ack.Body)
	}
	edit := srv.Wait(t, 1, 30*time.Second, func(r discordtest.Request) bool {
		return r.Is("PATCH", "/webhooks/"+discordtest.AppID+"/"+discordtest.Token(id)+"/messages/@original")
	})[0]
	var msg struct {
		Embeds []struct {
			Title  string `json:"title"`
			Footer struct {
				Text string `json:"text"`
			} `json:"footer"`
		} `json:"embeds"`
		AllowedMentions *struct {
			Parse []string `json:"parse"`
		} `json:"allowed_mentions"`
	}
	if err := edit.Decode(&msg); err != nil {
		t.Fatal(err)
	}
	if len(msg.Embeds) < 3 || msg.AllowedMentions == nil || len(msg.AllowedMentions.Parse) != 0 {
		t.Fatalf("want ≥3 embeds and allowed_mentions with no parse, got %s", edit.Body)
	}
	for _, e := range msg.Embeds {
		found := ids(e.Footer.Text)
		if len(found) != 1 {
			t.Fatalf("embed footer without an article id: %q", e.Footer.Text)
		}
		inCatalog(t, found[0])
		art, _ := demo.cat.ByID(found[0])
		if art.ProdName != e.Title {
			t.Fatalf("embed title %q is not the article's name %q", e.Title, art.ProdName)
		}
	}
}
