package bot_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stylistbot/stylist/bot"
)

func TestMetricsThroughCore(t *testing.T) {
	m := bot.NewMetrics()
	rec := &fakeRec{fn: func(_ context.Context, req bot.Ask, _ bot.StreamFunc) (*bot.Answer, error) {
		a := answerFor(req)
		a.RetrievalOnly, a.DroppedIDs = true, []string{"0000000001"}
		return a, nil
	}}
	cfg := testConfig()
	cfg.UserRate, cfg.UserBurst = 1, 1
	c := newCore(t, cfg, rec, bot.WithObserver(m))
	ask(t, c, slackReq(bot.KindSlash, "U1", "C1", "coat"))
	ask(t, c, slackReq(bot.KindSlash, "U1", "C1", "coat"))
	m.Stage("retrieve", 30*time.Millisecond) // as the rag chain would report it
	// Outcomes are observed after the reply is delivered; Shutdown waits for that.
	if err := c.Shutdown(context.Background()); err != nil {
		t.Fatal(err)
	}

	srv := httptest.NewServer(bot.NewHTTPHandler(nil, m.Handler()))
	defer srv.Close()
	body := get(t, srv.URL+"/metrics", http.StatusOK)
	for _, want := range []string{
		`stylist_requests_total{kind="slash",outcome="ok",platform="slack"} 1`,
		`stylist_requests_total{kind="slash",outcome="rate_limited",platform="slack"} 1`,
		`stylist_rate_limited_total{scope="user"} 1`,
		`stylist_fallbacks_total 1`,
		`stylist_ungrounded_dropped_total 1`,
		`stylist_stage_duration_seconds_count{stage="retrieve"} 1`,
		`stylist_stage_duration_seconds_count{stage="recommend"} 1`,
		`stylist_stage_duration_seconds_count{stage="total"} 1`,
		`stylist_request_duration_seconds_count{kind="slash",platform="slack"} 2`,
		`stylist_queue_depth 0`,
		`go_goroutines`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("/metrics lacks %q", want)
		}
	}
}

func TestHTTPHandler(t *testing.T) {
	var indexErr atomic.Pointer[error]
	ready := bot.NewReadiness(bot.Probe{Name: "index", Check: func(context.Context) error {
		if p := indexErr.Load(); p != nil {
			return *p
		}
		return nil
	}})
	srv := httptest.NewServer(bot.NewHTTPHandler(ready, nil))
	defer srv.Close()
	get(t, srv.URL+"/healthz", http.StatusOK)
	get(t, srv.URL+"/readyz", http.StatusOK)
	e := errors.New("index not loaded")
	indexErr.Store(&e)
	if body := get(t, srv.URL+"/readyz", http.StatusServiceUnavailable); !strings.Contains(body, "index: not ready: index not loaded") {
		t.Errorf("503 body %q lacks the reason", body)
	}
	get(t, srv.URL+"/metrics", http.StatusNotFound)

	always := httptest.NewServer(bot.NewHTTPHandler(nil, http.NotFoundHandler()))
	defer always.Close()
	get(t, always.URL+"/readyz", http.StatusOK)

	c := newCore(t, testConfig(), &fakeRec{})
	withCore := httptest.NewServer(bot.NewHTTPHandler(bot.NewReadiness(bot.Probe{Name: "core", Check: c.Ready}), nil))
	defer withCore.Close()
	get(t, withCore.URL+"/readyz", http.StatusOK)
	if err := c.Shutdown(context.Background()); err != nil {
		t.Fatal(err)
	}
	if body := get(t, withCore.URL+"/readyz", http.StatusServiceUnavailable); !strings.Contains(body, "stopped") {
		t.Errorf("readyz after shutdown: %q", body)
	}
}

// TestReadyzNeverWaitsForAProbe: a background probe that stalls (an LLM that
// accepts the connection and never answers) does not slow /readyz down: it
// reports "checking", then the probe's timeout, in milliseconds each time.
func TestReadyzNeverWaitsForAProbe(t *testing.T) {
	stall := func(ctx context.Context) error { <-ctx.Done(); return ctx.Err() }
	ready := bot.NewReadiness(
		bot.Probe{Name: "core", Check: func(context.Context) error { return nil }},
		bot.Probe{Name: "llm", Kind: bot.ProbeOptional, Every: 20 * time.Millisecond, Timeout: 100 * time.Millisecond, Check: stall},
	)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	ready.Run(ctx)
	srv := httptest.NewServer(bot.NewHTTPHandler(ready, nil))
	defer srv.Close()
	var slowest time.Duration
	sawChecking, sawDegraded := false, false
	for deadline := time.Now().Add(time.Second); time.Now().Before(deadline) && !sawDegraded; {
		t0 := time.Now()
		body := get(t, srv.URL+"/readyz", http.StatusOK)
		slowest = max(slowest, time.Since(t0))
		sawChecking = sawChecking || strings.Contains(body, "llm: checking")
		sawDegraded = strings.Contains(body, "ready, degraded") && strings.Contains(body, "llm: degraded: context deadline exceeded")
		time.Sleep(10 * time.Millisecond)
	}
	if !sawChecking || !sawDegraded {
		t.Fatalf("checking %v, degraded %v", sawChecking, sawDegraded)
	}
	if slowest > 50*time.Millisecond { // a behaviour check, not a benchmark: the stall is 100 ms
		t.Errorf("slowest /readyz took %v while the probe stalled", slowest)
	}
}

// TestReadyzPlatforms: one platform down is a degradation (the other keeps
// serving, so the instance stays in rotation); all of them down is not ready.
func TestReadyzPlatforms(t *testing.T) {
	var slackErr, discordErr error
	ready := bot.NewReadiness(
		bot.Probe{Name: "slack", Kind: bot.ProbePlatform, Check: func(context.Context) error { return slackErr }},
		bot.Probe{Name: "discord", Kind: bot.ProbePlatform, Check: func(context.Context) error { return discordErr }},
	)
	slackErr = errors.New("auth.test: fatal_error (retrying in 2s)")
	ok, report := ready.Status()
	if !ok || !strings.HasPrefix(report, "ready, degraded\n") || !strings.Contains(report, "slack: not ready: auth.test") || !strings.Contains(report, "discord: ok") {
		t.Fatalf("one platform down: %v %q", ok, report)
	}
	discordErr = errors.New("gateway disconnected")
	if ok, report := ready.Status(); ok || !strings.HasPrefix(report, "not ready\n") {
		t.Fatalf("all platforms down: %v %q", ok, report)
	}
}

func get(t *testing.T, url string, want int) string {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != want {
		t.Fatalf("GET %s = %d, want %d: %s", url, resp.StatusCode, want, b)
	}
	return string(b)
}
