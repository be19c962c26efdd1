package glue_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	slackadapter "github.com/stylistbot/stylist/adapters/slack"
	"github.com/stylistbot/stylist/adapters/slack/slackfake"
	"github.com/stylistbot/stylist/bot"
	"github.com/stylistbot/stylist/internal/glue"
	"github.com/stylistbot/stylist/store"
)

const (
	crashEnvDB  = "STYLIST_FEEDBACK_CRASH_DB"
	crashSecret = "crash-test-secret"
)

// TestFeedbackCrashChild is the child half of TestFeedbackAckSurvivesKill: the
// real Slack adapter (http mode), core and bbolt store behind a real listener,
// until it is killed.
func TestFeedbackCrashChild(t *testing.T) {
	path := os.Getenv(crashEnvDB)
	if path == "" {
		t.Skip("child process of TestFeedbackAckSurvivesKill only")
	}
	ctx := context.Background()
	scfg := store.DefaultConfig()
	scfg.Path = path
	st, err := store.Open(ctx, scfg, nil)
	if err != nil {
		fmt.Println("open:", err)
		os.Exit(3)
	}
	fake := slackfake.New(t)
	core := bot.New(bot.DefaultConfig(), bot.RecommenderFunc(func(context.Context, bot.Ask, bot.StreamFunc) (*bot.Answer, error) {
		return &bot.Answer{}, nil
	}), nil, nil, bot.WithFeedbackRecorder(glue.Store{St: st}))
	cfg := slackadapter.DefaultConfig()
	cfg.Mode, cfg.BotToken, cfg.SigningSecret, cfg.APIURL = slackadapter.ModeHTTP, "xoxb-crash", crashSecret, fake.APIURL()
	ad, err := slackadapter.New(cfg, nil)
	if err != nil {
		fmt.Println("adapter:", err)
		os.Exit(3)
	}
	go func() { _ = ad.Start(ctx, core) }()
	<-ad.Ready()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Println("listen:", err)
		os.Exit(3)
	}
	fmt.Printf("listening %s %s\n", ln.Addr(), fake.ResponseURL("fb"))
	_ = http.Serve(ln, ad.HTTPHandler())
}

// click is a signed Slack feedback click by user on reply ref.
func click(t *testing.T, base, responseURL string, i int) *http.Request {
	t.Helper()
	payload := map[string]any{
		"type":         "block_actions",
		"user":         map[string]any{"id": "U" + strconv.Itoa(i), "team_id": "T1"},
		"team":         map[string]any{"id": "T1"},
		"channel":      map[string]any{"id": "C1"},
		"container":    map[string]any{"type": "message", "channel_id": "C1", "message_ts": "1.1", "thread_ts": "1.0"},
		"trigger_id":   "trigger-" + strconv.Itoa(i),
		"response_url": responseURL,
		"actions": []map[string]any{{"action_id": slackadapter.ActionFeedbackYes, "block_id": "stylist_feedback",
			"value": "ref-" + strconv.Itoa(i), "type": "button", "action_ts": "1718000220." + strconv.Itoa(i)}},
	}
	raw, _ := json.Marshal(payload)
	body := slackfake.InteractionForm(raw)
	signed := slackfake.SignedRequest(crashSecret, "/slack/interactions", slackfake.FormContentType, body)
	r, err := http.NewRequest(http.MethodPost, base+"/slack/interactions", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	r.Header = signed.Header
	return r
}

// TestFeedbackAckSurvivesKill sends 10,000 feedback clicks in a burst to a real
// Slack adapter + core + store in a child process, kills it with SIGKILL while
// clicks are in flight, and checks that every click acknowledged with 200 has
// its vote in the reopened store.
func TestFeedbackAckSurvivesKill(t *testing.T) {
	if os.Getenv(crashEnvDB) != "" {
		t.Skip("in the child")
	}
	path := filepath.Join(t.TempDir(), "crash.db")
	cmd := exec.Command(os.Args[0], "-test.run=^TestFeedbackCrashChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), crashEnvDB+"="+path)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = cmd.Process.Kill(); _ = cmd.Wait() }()
	sc := bufio.NewScanner(out)
	var addr, responseURL string
	for sc.Scan() {
		if f := strings.Fields(sc.Text()); len(f) == 3 && f[0] == "listening" {
			addr, responseURL = f[1], f[2]
			break
		}
	}
	if addr == "" {
		t.Fatal("child did not start")
	}
	go func() {
		for sc.Scan() { // drain
		}
	}()

	const clicks, senders, killAfter = 10000, 64, 1500
	client := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: senders}}
	var (
		mu      sync.Mutex
		acked   []int
		refused atomic.Int64
		next    atomic.Int64
		killed  atomic.Bool
		wg      sync.WaitGroup
	)
	t0 := time.Now()
	var killedAfter time.Duration
	for range senders {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= clicks || killed.Load() {
					return
				}
				resp, err := client.Do(click(t, "http://"+addr, responseURL, i))
				if err != nil {
					return // the child is gone
				}
				resp.Body.Close()
				if resp.StatusCode != http.StatusOK {
					refused.Add(1)
					continue
				}
				mu.Lock()
				acked = append(acked, i)
				n := len(acked)
				mu.Unlock()
				if n == killAfter && killed.CompareAndSwap(false, true) {
					killedAfter = time.Since(t0)
					_ = cmd.Process.Kill() // SIGKILL, with other clicks in flight
				}
			}
		}()
	}
	wg.Wait()
	if !killed.Load() {
		t.Logf("all %d clicks sent before %d were acknowledged; killing now", clicks, killAfter)
		_ = cmd.Process.Kill()
	}
	_ = cmd.Wait()

	scfg := store.DefaultConfig()
	scfg.Path = path
	st, err := store.Open(context.Background(), scfg, nil)
	if err != nil {
		t.Fatalf("reopen after kill: %v", err)
	}
	defer st.Close()
	votes, err := st.Feedback(context.Background(), time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	stored := map[string]bool{}
	for _, v := range votes {
		stored[v.ReplyRef] = true
	}
	mu.Lock()
	defer mu.Unlock()
	lost := 0
	for _, i := range acked {
		if !stored["ref-"+strconv.Itoa(i)] {
			lost++
		}
	}
	if lost > 0 || len(acked) == 0 {
		t.Fatalf("%d of %d acknowledged votes lost after kill -9 (%d stored, %d refused)", lost, len(acked), len(stored), refused.Load())
	}
	t.Logf("%d clicks acknowledged, all stored (%d votes in the store, %d clicks refused with 503); %d acknowledged in %v (%.0f stored votes/s)",
		len(acked), len(stored), refused.Load(), killAfter, killedAfter, float64(killAfter)/killedAfter.Seconds())
}
