package main

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stylistbot/stylist/adapters/discord/discordtest"
	"github.com/stylistbot/stylist/adapters/slack/slackfake"
)

// stallServer accepts connections and never answers (a hung Ollama).
func stallServer(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var conns []net.Conn
	done := make(chan struct{})
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				close(done)
				return
			}
			conns = append(conns, c) // read nothing, answer nothing
		}
	}()
	t.Cleanup(func() {
		ln.Close()
		<-done
		for _, c := range conns {
			c.Close()
		}
	})
	return "http://" + ln.Addr().String()
}

// TestServeOutages runs `stylist serve` with Slack and Discord in http mode
// against local stand-ins, a Slack whose auth.test fails four times, and an
// Ollama that stalls: the service keeps running, /readyz answers at once from
// background state (slack "not ready" while auth.test fails, the LLM degraded),
// Discord answers throughout, and Slack becomes ready once auth.test recovers.
func TestServeOutages(t *testing.T) {
	slack := slackfake.New(t)
	slack.Fail("auth.test", "fatal_error", 4)
	discord := discordtest.NewServer(t)
	pub, priv, _ := ed25519.GenerateKey(rand.Reader)
	defer func(d time.Duration) { slackAuthBackoff = d }(slackAuthBackoff)
	slackAuthBackoff = 300 * time.Millisecond // not ready for 0.3+0.6+1.2+2.4 s

	dir := t.TempDir()
	file := filepath.Join(dir, "stylist.yaml")
	yaml := fmt.Sprintf(`slack:
  enabled: true
  mode: http
  bot_token: xoxb-test
  signing_secret: test-secret
  api_url: %q
discord:
  enabled: true
  mode: http
  application_id: %q
  public_key: %q
  api_url: %q
llm:
  url: %q
store:
  path: %q
`, slack.APIURL(), discordtest.AppID, hex.EncodeToString(pub), discord.URL()+"/", stallServer(t), filepath.Join(dir, "state.db"))
	if err := os.WriteFile(file, []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	addr, cancel, done := startServe(t, "--config", file)
	var slowest time.Duration
	readyz := func() (int, string) {
		for deadline := time.Now().Add(60 * time.Second); ; {
			t0 := time.Now()
			resp, err := http.Get("http://" + addr + "/readyz")
			if err == nil {
				b, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				slowest = max(slowest, time.Since(t0))
				return resp.StatusCode, string(b)
			}
			select {
			case err := <-done:
				t.Fatalf("serve exited: %v", err)
			default:
			}
			if time.Now().After(deadline) {
				t.Fatalf("/readyz: %v", err)
			}
			time.Sleep(50 * time.Millisecond)
		}
	}

	// Discord is ready once its start-up finishes; Slack stays not ready while
	// auth.test keeps failing (its retries back off for several seconds).
	code, body := readyz()
	for wait := time.Now().Add(10 * time.Second); !strings.Contains(body, "discord: ok") && time.Now().Before(wait); {
		time.Sleep(50 * time.Millisecond)
		code, body = readyz()
	}
	if !strings.Contains(body, "slack: not ready") || !strings.Contains(body, "discord: ok") || code != http.StatusOK {
		t.Fatalf("while auth.test fails: %d %q, want 200 with slack not ready and discord ok", code, body)
	}
	// Discord answers while Slack is down (the help command needs no LLM).
	raw := discordtest.SlashCommand("1300000000000000077", "outfit-help", "")
	r := discordtest.SignedRequest(priv, time.Now(), raw)
	req, _ := http.NewRequest(http.MethodPost, "http://"+addr+"/discord/interactions", bytes.NewReader(raw))
	req.Header = r.Header
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	ack, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(ack), `"type":5`) {
		t.Fatalf("discord ack while slack is down: %d %s", resp.StatusCode, ack)
	}
	discord.Wait(t, 1, 10*time.Second, func(r discordtest.Request) bool { return r.Is("PATCH", "/messages/@original") || r.Method == "POST" })

	// Slack recovers; the LLM stays stalled (degraded, never blocking /readyz).
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(100 * time.Millisecond) {
		code, body = readyz()
		if strings.Contains(body, "slack: ok") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("slack never became ready: %d %q", code, body)
		}
	}
	for deadline := time.Now().Add(30 * time.Second); !strings.Contains(body, "llm: degraded"); time.Sleep(100 * time.Millisecond) {
		if code, body = readyz(); time.Now().After(deadline) {
			t.Fatalf("stalled LLM never reported: %d %q", code, body)
		}
	}
	if code != http.StatusOK || !strings.HasPrefix(body, "ready, degraded") {
		t.Errorf("final /readyz %d %q", code, body)
	}
	if slowest > 50*time.Millisecond { // behaviour, not a benchmark: the LLM probe stalls for 5 s
		t.Errorf("slowest /readyz took %v under a stalled Ollama", slowest)
	}
	t.Logf("slowest /readyz: %v", slowest)
	stopServe(t, cancel, done)
}
