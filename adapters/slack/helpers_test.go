package slackadapter

import (
	"bytes"
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/stylistbot/stylist/adapters/slack/slackfake"
	"github.com/stylistbot/stylist/bot"
)

const (
	testSecret   = "8f742231b10e8888abcd99yyyzzz85a5"
	testBotToken = "xoxb-0000-test-bot-token"
	testAppToken = "xapp-1-A000-test-app-token"
)

// fakeCore is a bot.Handler that records requests and answers each with the
// canned replies of script, in order, from another goroutine (like the core).
type fakeCore struct {
	mu      sync.Mutex
	reqs    []bot.Request
	changed chan struct{}
	script  func(bot.Request) []bot.Reply
	errs    []error // errors returned by the ReplyFunc
	replied sync.WaitGroup
	refuse  map[string]bool // channels Screen refuses, standing in for the core's allow-list
	screen  bot.Screener    // when set, Screen asks it (a real core's policy)
	durable bool            // Durable reports true: a replica whose requests become jobs
}

// Durable implements the adapter's jobHandler like a core in replica mode:
// searches become jobs; help, chat and refused channels do not.
func (f *fakeCore) Durable(req bot.Request) bool {
	return f.durable && req.Conversation.Platform == bot.PlatformSlack && !bot.Unsearched(req) && !f.refuse[req.Conversation.Channel]
}

// Screen implements bot.Screener like the core would for channels in refuse.
func (f *fakeCore) Screen(req bot.Request) (bot.Reply, bool) {
	if f.screen != nil {
		return f.screen.Screen(req)
	}
	if f.refuse[req.Conversation.Channel] {
		return bot.Reply{Ephemeral: true, Error: &bot.Error{Code: bot.CodeNotAllowed, Message: "I'm not enabled in this channel."}}, true
	}
	return bot.Reply{}, false
}

func newFakeCore(script func(bot.Request) []bot.Reply) *fakeCore {
	if script == nil {
		script = func(bot.Request) []bot.Reply { return []bot.Reply{{Ref: "rep-1", Text: "ok", Feedback: true}} }
	}
	return &fakeCore{script: script, changed: make(chan struct{})}
}

// Handle implements bot.Handler; it returns at once.
func (f *fakeCore) Handle(ctx context.Context, req bot.Request, reply bot.ReplyFunc) {
	replies := f.script(req)
	f.mu.Lock()
	f.replied.Add(1) // before the request is visible, so wait() never races with Add
	f.reqs = append(f.reqs, req)
	close(f.changed)
	f.changed = make(chan struct{})
	f.mu.Unlock()
	go func() {
		defer f.replied.Done()
		for _, r := range replies {
			if err := reply(context.WithoutCancel(ctx), r); err != nil {
				f.mu.Lock()
				f.errs = append(f.errs, err)
				f.mu.Unlock()
			}
		}
	}()
}

func (f *fakeCore) requests() []bot.Request {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]bot.Request(nil), f.reqs...)
}

// wait waits until n requests arrived and all their replies were delivered.
func (f *fakeCore) wait(t *testing.T, n int) []bot.Request {
	t.Helper()
	deadline := time.After(10 * time.Second)
	for {
		f.mu.Lock()
		got, ch := len(f.reqs), f.changed
		f.mu.Unlock()
		if got >= n {
			f.replied.Wait()
			return f.requests()
		}
		select {
		case <-ch:
		case <-deadline:
			t.Fatalf("waited for %d requests, got %d", n, got)
		}
	}
}

// syncBuffer is a goroutine-safe log sink.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// testLogger logs at debug level into a buffer that is printed when the test fails.
func testLogger(t testing.TB) (*slog.Logger, *syncBuffer) {
	buf := &syncBuffer{}
	t.Cleanup(func() {
		if t.Failed() {
			t.Log("adapter log:\n" + buf.String())
		}
	})
	return slog.New(slog.NewTextHandler(buf, &slog.HandlerOptions{Level: slog.LevelDebug})), buf
}

// harness is a started adapter wired to a fake Slack and a fake core.
type harness struct {
	a    *Adapter
	srv  *slackfake.Server
	core *fakeCore
	logs *syncBuffer
	// waits records the 429 back-off waits instead of sleeping.
	waitsMu sync.Mutex
	waits   []time.Duration
}

func (h *harness) recordedWaits() []time.Duration {
	h.waitsMu.Lock()
	defer h.waitsMu.Unlock()
	return append([]time.Duration(nil), h.waits...)
}

// start builds and starts an adapter in mode (with opts) against a fresh fake Slack.
func start(t testing.TB, mode string, core *fakeCore, mutate func(*Config), opts ...Option) *harness {
	t.Helper()
	srv := slackfake.New(t)
	cfg := DefaultConfig()
	cfg.Mode, cfg.BotToken, cfg.APIURL = mode, testBotToken, srv.APIURL()
	if mode == ModeHTTP {
		cfg.SigningSecret = testSecret
	} else {
		cfg.AppToken = testAppToken
	}
	if mutate != nil {
		mutate(&cfg)
	}
	log, buf := testLogger(t)
	a, err := New(cfg, log, append([]Option{WithRetry(3, time.Minute)}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	h := &harness{a: a, srv: srv, core: core, logs: buf}
	a.sleep = func(ctx context.Context, d time.Duration) error {
		h.waitsMu.Lock()
		h.waits = append(h.waits, d)
		h.waitsMu.Unlock()
		return ctx.Err()
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- a.Start(ctx, core) }()
	t.Cleanup(func() {
		stopCtx, stop := context.WithTimeout(context.Background(), 5*time.Second)
		defer stop()
		if err := a.Stop(stopCtx); err != nil {
			t.Errorf("Stop: %v", err)
		}
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Start returned %v", err)
		}
	})
	select {
	case <-a.Ready():
	case err := <-done:
		t.Fatalf("Start returned early: %v", err)
	case <-time.After(10 * time.Second):
		t.Fatal("adapter did not start")
	}
	return h
}

func readFixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// slowClaims is a shared key set whose claim of one key waits until gate is
// closed, as a claim waits for another replica's.
type slowClaims struct {
	mu      sync.Mutex
	keys    map[string]bool
	claims  []string
	slow    string
	entered chan struct{}
	gate    chan struct{}
}

func (s *slowClaims) Add(key string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.keys[key] {
		return false
	}
	s.keys[key] = true
	return true
}

func (s *slowClaims) Has(key string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.keys[key]
}

func (s *slowClaims) Claim(key, job string) (bool, func()) {
	if key == s.slow {
		close(s.entered)
		<-s.gate
	}
	s.mu.Lock()
	s.claims = append(s.claims, key+" job "+job)
	s.mu.Unlock()
	return s.Add(key), func() {}
}

// recorded returns the keys added and the claims made (key and job id).
func (s *slowClaims) recorded() (keys, claims []string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for k := range s.keys {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys, slices.Clone(s.claims)
}
