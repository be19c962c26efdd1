package discordadapter

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stylistbot/stylist/adapters/discord/discordtest"
	"github.com/stylistbot/stylist/bot"
)

// Fixture ids (see testdata/*.json).
const (
	fxGuild   = "1100000000000000001"
	fxChannel = "1100000000000000010"
	fxUser    = "1400000000000000001"
	fxThread  = "1500000000000000001"
	fxDM      = "1600000000000000001"
)

func fixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// fakeCore is a bot.Handler that records requests and answers each with canned replies
// from its own goroutine, as the real core does.
type fakeCore struct {
	answer func(bot.Request) []bot.Reply

	mu   sync.Mutex
	reqs []bot.Request
	errs []error
	done chan struct{}
}

func newFakeCore(answer func(bot.Request) []bot.Reply) *fakeCore {
	return &fakeCore{answer: answer, done: make(chan struct{}, 16)}
}

func (f *fakeCore) Handle(ctx context.Context, req bot.Request, reply bot.ReplyFunc) {
	f.mu.Lock()
	f.reqs = append(f.reqs, req)
	f.mu.Unlock()
	go func() {
		for _, r := range f.answer(req) {
			err := reply(ctx, r)
			f.mu.Lock()
			f.errs = append(f.errs, err)
			f.mu.Unlock()
		}
		f.done <- struct{}{}
	}()
}

// wait blocks until n requests were fully answered.
func (f *fakeCore) wait(t testing.TB, n int) {
	t.Helper()
	for i := 0; i < n; i++ {
		select {
		case <-f.done:
		case <-time.After(10 * time.Second):
			t.Fatalf("core answered %d of %d requests", i, n)
		}
	}
}

func (f *fakeCore) requests() []bot.Request {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]bot.Request(nil), f.reqs...)
}

func (f *fakeCore) replyErrors() []error {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]error(nil), f.errs...)
}

func answerWith(rs ...bot.Reply) func(bot.Request) []bot.Reply {
	return func(bot.Request) []bot.Reply { return rs }
}

func quietLogger() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

// newTestAdapter builds a started adapter (without a gateway connection) whose REST
// calls go to a fake Discord.
func newTestAdapter(t *testing.T, core bot.Handler, mutate func(*Config), opts ...Option) (*Adapter, *discordtest.Server) {
	t.Helper()
	srv := discordtest.NewServer(t)
	cfg := DefaultConfig()
	cfg.Token = "test-token"
	cfg.MaxRetryWait = time.Second
	if mutate != nil {
		mutate(&cfg)
	}
	a, err := New(cfg, quietLogger(), append([]Option{WithHTTPClient(srv.Client())}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	a.botID, a.appID = discordtest.BotID, discordtest.AppID
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	a.attach(core, ctx)
	return a, srv
}

// sample replies.
var (
	itemRed = bot.Item{ArticleID: "0108775015", Name: "Strap top", Type: "Vest top", Colour: "Red",
		Department: "Jersey Basic", Reason: "A light red strap top works for a summer wedding.", ImageURL: "https://img.example/0108775015.jpg"}
	itemDress = bot.Item{ArticleID: "0176209023", Name: "Tilly dress", Type: "Dress", Colour: "Red",
		Department: "Dresses", Reason: "Flowing and festive."}
	fullReply = bot.Reply{Ref: "r-1", Intro: "Here are two picks for the wedding.", Items: []bot.Item{itemRed, itemDress},
		Tip: "Add light sandals.", Feedback: true}
)

// isMessageWrite reports whether a request posts or edits a message.
func isMessageWrite(r discordtest.Request) bool {
	switch {
	case r.Method == "PATCH" && strings.Contains(r.Path, "/messages/"):
		return true
	case r.Method == "POST" && strings.HasSuffix(r.Path, "/messages"):
		return true
	case r.Method == "POST" && strings.Contains(r.Path, "/webhooks/"):
		return true
	}
	return false
}

// body decodes a recorded JSON body into a generic map.
func body(t testing.TB, r discordtest.Request) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(r.Body, &m); err != nil {
		t.Fatalf("%s %s: body %q: %v", r.Method, r.Path, r.Body, err)
	}
	return m
}

// assertNoMentions checks that every message write carried allowed_mentions with an empty parse list.
func assertNoMentions(t testing.TB, reqs []discordtest.Request) {
	t.Helper()
	n := 0
	for _, r := range reqs {
		if !isMessageWrite(r) {
			continue
		}
		n++
		am, ok := body(t, r)["allowed_mentions"].(map[string]any)
		if !ok {
			t.Errorf("%s %s: no allowed_mentions in %s", r.Method, r.Path, r.Body)
			continue
		}
		if p, ok := am["parse"].([]any); !ok || len(p) != 0 {
			t.Errorf("%s %s: allowed_mentions.parse = %v, want []", r.Method, r.Path, am["parse"])
		}
	}
	if n == 0 {
		t.Errorf("no message writes recorded")
	}
}

// testClock is a settable clock safe for concurrent use.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func newTestClock() *testClock { return &testClock{t: time.Now()} }

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *testClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}
