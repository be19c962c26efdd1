package discordadapter

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/stylistbot/stylist/adapters/discord/discordtest"
	"github.com/stylistbot/stylist/bot"
)

func TestRateLimitRetry(t *testing.T) {
	conv := bot.Conversation{Platform: bot.PlatformDiscord, Workspace: fxGuild, Channel: fxChannel, Thread: fxThread}
	t.Run("retries after retry_after", func(t *testing.T) {
		a, srv := newTestAdapter(t, newFakeCore(answerWith()), nil)
		srv.Override("POST", "/api/v9/channels/", 2, discordtest.RateLimited(30*time.Millisecond))
		_, handle, err := a.Send(t.Context(), conv, bot.Reply{Text: "hi"})
		if err != nil {
			t.Fatal(err)
		}
		reqs := srv.Requests()
		if len(reqs) != 3 || handle == "" {
			t.Fatalf("requests: %v (handle %q)", paths(reqs), handle)
		}
		if gap := reqs[1].At.Sub(reqs[0].At); gap < 30*time.Millisecond {
			t.Errorf("retried after %v, before retry_after", gap)
		}
		assertNoMentions(t, reqs)
	})
	t.Run("gives up after MaxRetries", func(t *testing.T) {
		a, srv := newTestAdapter(t, newFakeCore(answerWith()), func(c *Config) { c.MaxRetries = 1 })
		srv.Override("POST", "/api/v9/channels/", -1, discordtest.RateLimited(10*time.Millisecond))
		if _, _, err := a.Send(t.Context(), conv, bot.Reply{Text: "hi"}); err == nil {
			t.Fatal("no error")
		}
		if n := len(srv.Requests()); n != 2 {
			t.Errorf("%d requests, want 2", n)
		}
	})
	t.Run("wait beyond MaxRetryWait fails fast", func(t *testing.T) {
		a, srv := newTestAdapter(t, newFakeCore(answerWith()), func(c *Config) { c.MaxRetryWait = 100 * time.Millisecond })
		srv.Override("POST", "/api/v9/channels/", -1, discordtest.RateLimited(time.Hour))
		start := time.Now()
		_, _, err := a.Send(t.Context(), conv, bot.Reply{Text: "hi"})
		if !errors.Is(err, ErrRetryTooLong) {
			t.Fatalf("err = %v, want ErrRetryTooLong", err)
		}
		if time.Since(start) > 5*time.Second {
			t.Errorf("waited for the rate limit instead of failing")
		}
	})
	t.Run("context ends the wait", func(t *testing.T) {
		a, srv := newTestAdapter(t, newFakeCore(answerWith()), func(c *Config) { c.MaxRetryWait = time.Minute })
		srv.Override("POST", "/api/v9/channels/", -1, discordtest.RateLimited(30*time.Second))
		ctx, cancel := context.WithCancel(t.Context())
		go func() { srv.Wait(t, 1, 5*time.Second, func(discordtest.Request) bool { return true }); cancel() }()
		_, _, err := a.Send(ctx, conv, bot.Reply{Text: "hi"})
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("err = %v, want context.Canceled", err)
		}
	})
	t.Run("deadline shorter than retry_after fails fast", func(t *testing.T) {
		a, srv := newTestAdapter(t, newFakeCore(answerWith()), func(c *Config) { c.MaxRetryWait = time.Minute })
		srv.Override("POST", "/api/v9/channels/", -1, discordtest.RateLimited(30*time.Second))
		ctx, cancel := context.WithTimeout(t.Context(), 2*time.Second)
		defer cancel()
		if _, _, err := a.Send(ctx, conv, bot.Reply{Text: "hi"}); !errors.Is(err, ErrRetryTooLong) {
			t.Fatalf("err = %v, want ErrRetryTooLong", err)
		}
	})
}

func TestRateLimitedAckIsRetriedWithinDeadline(t *testing.T) {
	core := newFakeCore(answerWith(fullReply))
	a, srv := newTestAdapter(t, core, nil)
	srv.Override("POST", "/api/v9/interactions/", 1, discordtest.RateLimited(20*time.Millisecond))
	a.handleGatewayInteraction(fixture(t, "interaction_slash_guild.json"))
	core.wait(t, 1)
	reqs := srv.Requests()
	if len(reqs) != 3 || !reqs[1].Is("POST", "/callback") || !reqs[2].Is("PATCH", "@original") {
		t.Fatalf("requests: %v", paths(reqs))
	}
}

func TestAPICode(t *testing.T) {
	a, srv := newTestAdapter(t, newFakeCore(answerWith()), nil)
	srv.Override("POST", "/api/v9/channels/", -1, func(w http.ResponseWriter, _ discordtest.Request) {
		discordtest.WriteError(w, 404, 10003, "Unknown Channel")
	})
	_, _, err := a.Send(t.Context(), bot.Conversation{Channel: "1"}, bot.Reply{Text: "x"})
	if APICode(err) != 10003 || isInteractionGone(err) {
		t.Errorf("APICode(%v) = %d", err, APICode(err))
	}
}
