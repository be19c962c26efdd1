package slackadapter

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/stylistbot/stylist/adapters/slack/slackfake"
)

// TestAuthTestRetriedUntilItSucceeds: a failing auth.test at start does not end
// Start; Status says why the adapter is not ready, the waits back off, and the
// adapter becomes ready once Slack answers.
func TestAuthTestRetriedUntilItSucceeds(t *testing.T) {
	srv := slackfake.New(t)
	srv.Fail("auth.test", "fatal_error", 3)
	cfg := DefaultConfig()
	cfg.Mode, cfg.BotToken, cfg.SigningSecret, cfg.APIURL = ModeHTTP, testBotToken, testSecret, srv.APIURL()
	log, _ := testLogger(t)
	a, err := New(cfg, log, WithAuthBackoff(time.Second))
	if err != nil {
		t.Fatal(err)
	}
	waits := make(chan time.Duration)
	a.sleep = func(ctx context.Context, d time.Duration) error {
		select {
		case waits <- d:
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	if err := a.Status(); err == nil || !strings.Contains(err.Error(), "starting") {
		t.Fatalf("Status before Start = %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- a.Start(ctx, newFakeCore(nil)) }()
	for i, want := range []time.Duration{time.Second, 2 * time.Second, 4 * time.Second} {
		select {
		case got := <-waits:
			if got != want {
				t.Errorf("wait %d = %v, want %v", i+1, got, want)
			}
		case err := <-done:
			t.Fatalf("Start returned %v while auth.test failed", err)
		case <-time.After(10 * time.Second):
			t.Fatal("no retry")
		}
		if err := a.Status(); err == nil || !strings.Contains(err.Error(), "fatal_error") {
			t.Errorf("Status while failing = %v", err)
		}
	}
	select {
	case <-a.Ready():
	case <-time.After(10 * time.Second):
		t.Fatal("not ready after auth.test recovered")
	}
	if err := a.Status(); err != nil {
		t.Errorf("Status once ready = %v", err)
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("Start returned %v", err)
	}
}
