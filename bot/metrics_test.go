package bot_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
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
	var readyErr error
	h := bot.NewHTTPHandler(func(context.Context) error { return readyErr }, nil)
	srv := httptest.NewServer(h)
	defer srv.Close()
	get(t, srv.URL+"/healthz", http.StatusOK)
	get(t, srv.URL+"/readyz", http.StatusOK)
	readyErr = errors.New("index not loaded")
	if body := get(t, srv.URL+"/readyz", http.StatusServiceUnavailable); !strings.Contains(body, "index not loaded") {
		t.Errorf("503 body %q lacks the reason", body)
	}
	get(t, srv.URL+"/metrics", http.StatusNotFound)

	always := httptest.NewServer(bot.NewHTTPHandler(nil, http.NotFoundHandler()))
	defer always.Close()
	get(t, always.URL+"/readyz", http.StatusOK)

	c := newCore(t, testConfig(), &fakeRec{})
	withCore := httptest.NewServer(bot.NewHTTPHandler(c.Ready, nil))
	defer withCore.Close()
	get(t, withCore.URL+"/readyz", http.StatusOK)
	if err := c.Shutdown(context.Background()); err != nil {
		t.Fatal(err)
	}
	if body := get(t, withCore.URL+"/readyz", http.StatusServiceUnavailable); !strings.Contains(body, "stopped") {
		t.Errorf("readyz after shutdown: %q", body)
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
