package glue_test

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	discordadapter "github.com/stylistbot/stylist/adapters/discord"
	"github.com/stylistbot/stylist/adapters/discord/discordtest"
	slackadapter "github.com/stylistbot/stylist/adapters/slack"
	"github.com/stylistbot/stylist/adapters/slack/slackfake"
	"github.com/stylistbot/stylist/bot"
	"github.com/stylistbot/stylist/store/cluster"
	"github.com/stylistbot/stylist/store/storetest"
)

const claimSecret = "claim-test-secret"

// linenAnswer is replica b's answer in the claim tests.
var linenAnswer = bot.RecommenderFunc(func(context.Context, bot.Ask, bot.StreamFunc) (*bot.Answer, error) {
	return &bot.Answer{Intro: "Linen answer from replica b", Items: []bot.Item{{ArticleID: "0108775015", Name: "Linen shirt"}}}, nil
})

// slackReplica is a real Slack adapter (http mode) in replica mode: its
// de-duplication and thread keys in PostgreSQL through db.
func slackReplica(t *testing.T, db *pgxpool.Pool, fake *slackfake.Server, h bot.Handler) *slackadapter.Adapter {
	t.Helper()
	cfg := slackadapter.DefaultConfig()
	cfg.Mode, cfg.BotToken, cfg.SigningSecret, cfg.APIURL = slackadapter.ModeHTTP, "xoxb-claim", claimSecret, fake.APIURL()
	ad, err := slackadapter.New(cfg, nil, slackadapter.WithSharedMemory(
		cluster.NewKeys(db, "slack:", time.Minute, nil), cluster.NewKeys(db, "slack-thread:", time.Hour, nil)))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	go func() { _ = ad.Start(ctx, h) }()
	t.Cleanup(cancel)
	<-ad.Ready()
	return ad
}

// A replica stored the de-duplication key of a Slack slash command and died
// before the command was a job (here: its core never returns and its database
// connections are gone, as after kill -9). The platform's retry of the same
// delivery on another replica must be handled and answered exactly once, and a
// later replay must not be: the key of a delivery that becomes a job is a fact
// only together with its job.
func TestSlashRetryAfterAReplicaDiedBeforeItsJob(t *testing.T) {
	db := storetest.Pool(t)
	fake := slackfake.New(t)

	// Replica a takes the key, posts its "looking for…" message and dies.
	deadDB := ownPool(t, db)
	reached, hang := make(chan struct{}), make(chan struct{})
	t.Cleanup(func() { close(hang) })
	dead := slackReplica(t, deadDB, fake, bot.HandlerFunc(func(context.Context, bot.Request, bot.ReplyFunc) {
		close(reached)
		<-hang // a dead process: the job is never stored
	}))
	body := slackfake.SlashForm("/outfit", "linen shirt", "C1", "U1", fake.ResponseURL("r1"))
	send := func(ad *slackadapter.Adapter) int {
		w := httptest.NewRecorder()
		ad.HTTPHandler().ServeHTTP(w, slackfake.SignedRequest(claimSecret, "/slack/commands", slackfake.FormContentType, body))
		return w.Code
	}
	go send(dead) // its acknowledgement never reaches Slack
	select {
	case <-reached:
	case <-time.After(10 * time.Second):
		t.Fatal("the first replica never handled the command")
	}
	deadDB.Close()

	// Replica b: a real core on the shared queue.
	var live *slackadapter.Adapter
	b := startChatReplica(t, db, "b", linenAnswer, bot.NewMemoryTurns(time.Hour, 100, 10), func(core *bot.Core) bot.Redeliverer {
		live = slackReplica(t, db, fake, core)
		return live
	})

	// Slack retries the delivery on replica b.
	if code := send(live); code != http.StatusOK {
		t.Fatalf("retry on the live replica -> %d", code)
	}
	answers := func() int {
		n := 0
		for _, c := range fake.Calls("") {
			if strings.Contains(string(c.Body)+c.Values.Encode(), "Linen+answer+from+replica+b") ||
				strings.Contains(string(c.Body), "Linen answer from replica b") {
				n++
			}
		}
		return n
	}
	waitFor(t, "the answer to the retry of a command whose replica died before storing its job (not seen as a duplicate)",
		func() bool { return answers() > 0 })

	// A later replay is a duplicate: acknowledged, not handled again.
	if code := send(live); code != http.StatusOK {
		t.Fatalf("replay -> %d", code)
	}
	time.Sleep(300 * time.Millisecond)
	if n, a := answers(), b.asked.Load(); n != 1 || a != 1 {
		t.Fatalf("%d final answers delivered and %d recommendations made, want exactly one each", n, a)
	}
	if posts := len(fake.Calls("chat.postMessage")); posts != 2 {
		t.Errorf("%d messages posted, want 2 (each replica's looking-for message; the answer updates b's)", posts)
	}
}

// discordReplica is a real Discord adapter (http mode) in replica mode: its
// de-duplication keys in PostgreSQL through db.
func discordReplica(t *testing.T, db *pgxpool.Pool, fake *discordtest.Server, pub ed25519.PublicKey, h bot.Handler) *discordadapter.Adapter {
	t.Helper()
	cfg := discordadapter.DefaultConfig()
	cfg.Mode, cfg.ApplicationID, cfg.PublicKey = discordadapter.ModeHTTP, discordtest.AppID, hex.EncodeToString(pub)
	ad, err := discordadapter.New(cfg, slog.New(slog.DiscardHandler), discordadapter.WithHTTPClient(fake.Client()),
		discordadapter.WithDeduper(cluster.NewKeys(db, "discord:", time.Minute, nil)))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	go func() { _ = ad.Start(ctx, h) }()
	t.Cleanup(cancel)
	waitFor(t, "the discord replica to be ready", func() bool { return ad.Status() == nil })
	return ad
}

// The same for a Discord interaction command in HTTP mode: the first replica
// takes the interaction's key and dies before its job; the retry on another
// replica edits the original response exactly once, and a replay does nothing.
func TestInteractionRetryAfterAReplicaDiedBeforeItsJob(t *testing.T) {
	db := storetest.Pool(t)
	fake := discordtest.NewServer(t)
	priv := ed25519.NewKeyFromSeed(bytes.Repeat([]byte{15}, ed25519.SeedSize))
	pub := priv.Public().(ed25519.PublicKey)

	deadDB := ownPool(t, db)
	reached, hang := make(chan struct{}), make(chan struct{})
	t.Cleanup(func() { close(hang) })
	dead := discordReplica(t, deadDB, fake, pub, bot.HandlerFunc(func(context.Context, bot.Request, bot.ReplyFunc) {
		close(reached)
		<-hang
	}))
	body := discordtest.SlashCommand("1300000000000000042", "outfit", "linen shirt")
	send := func(ad *discordadapter.Adapter) int {
		w := httptest.NewRecorder()
		ad.HTTPHandler().ServeHTTP(w, discordtest.SignedRequest(priv, time.Now(), body))
		return w.Code
	}
	go send(dead)
	select {
	case <-reached:
	case <-time.After(10 * time.Second):
		t.Fatal("the first replica never handled the command")
	}
	deadDB.Close()

	var live *discordadapter.Adapter
	b := startChatReplica(t, db, "b", linenAnswer, bot.NewMemoryTurns(time.Hour, 100, 10), func(core *bot.Core) bot.Redeliverer {
		live = discordReplica(t, db, fake, pub, core)
		return live
	})

	if code := send(live); code != http.StatusOK {
		t.Fatalf("retry on the live replica -> %d", code)
	}
	answers := func() int {
		n := 0
		for _, r := range fake.Requests() {
			if strings.Contains(string(r.Body), "Linen answer from replica b") {
				n++
			}
		}
		return n
	}
	waitFor(t, "the answer to the retry of an interaction whose replica died before storing its job (not seen as a duplicate)",
		func() bool { return answers() > 0 })
	if code := send(live); code != http.StatusOK {
		t.Fatalf("replay -> %d", code)
	}
	time.Sleep(300 * time.Millisecond)
	if n, a := answers(), b.asked.Load(); n != 1 || a != 1 {
		t.Fatalf("%d final answers delivered and %d recommendations made, want exactly one each", n, a)
	}
}
