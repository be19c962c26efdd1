package e2e

import (
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/stylistbot/stylist/adapters/discord/discordtest"
	"github.com/stylistbot/stylist/adapters/slack/slackfake"
	"github.com/stylistbot/stylist/internal/ollamatest"
	"github.com/stylistbot/stylist/internal/pgtest"
	"github.com/stylistbot/stylist/store"
)

// Environment of TestMultiReplica: the number of requests (600 for the
// numbers in docs/benchmarks.md) and of concurrent users.
const (
	multiReplicaNEnv     = "STYLIST_MULTI_REPLICA_N"
	multiReplicaUsersEnv = "STYLIST_MULTI_REPLICA_USERS"
)

// pauseFor is how long one replica is frozen (SIGSTOP): longer than the job
// lease of `stylist serve` (15 s), so its jobs are taken over while it lives.
const pauseFor = 20 * time.Second

func envInt(t *testing.T, name string, def int) int {
	v := os.Getenv(name)
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil || n <= 0 {
		t.Fatalf("%s=%q: want a positive number", name, v)
	}
	return n
}

// TestMultiReplica runs three `stylist serve` processes on one PostgreSQL
// store and one real Ollama (tiny model), with Slack and Discord in HTTP mode
// against fakes that record every call. Users send signed slash commands and
// Discord interactions to random replicas; platforms retry deliveries (the same
// bytes to another replica, at once) and replay them later; users click
// feedback buttons while the load runs. One replica is killed with SIGKILL and
// restarted; another is frozen (SIGSTOP) for longer than the job lease, so its
// jobs are taken over while it still lives and tries to answer them when it
// resumes. Every acknowledged request must get exactly one final reply (the
// placeholder updated, the original response edited, by any replica), no
// request two different answers, no acknowledged vote may be missing from the
// store, and a follow-up sent to the restarted replica must see the history of
// a thread answered before it existed.
//
//	STYLIST_MULTI_REPLICA_N=600 go test ./e2e -run MultiReplica -v -timeout 30m
func TestMultiReplica(t *testing.T) {
	if testing.Short() {
		t.Skip("three stylist processes, PostgreSQL and Ollama: not in -short")
	}
	n, users := envInt(t, multiReplicaNEnv, 120), envInt(t, multiReplicaUsersEnv, 6)
	dbURL := pgtest.New(t)
	ollama := ollamatest.Shared(t)
	idx := demoIndexDir(t)
	bin := buildStylist(t)
	slackSrv, discordSrv := slackfake.New(t), discordtest.NewServer(t)
	pub, priv, err := ed25519.GenerateKey(nil)
	if err != nil {
		t.Fatal(err)
	}
	cfg := filepath.Join(t.TempDir(), "stylist.yaml")
	if err := os.WriteFile(cfg, []byte(replicaConfig(idx, ollama.URL(), dbURL, slackSrv.APIURL(), discordSrv.URL(), hex.EncodeToString(pub))), 0o600); err != nil {
		t.Fatal(err)
	}
	var reps []*replicaProc
	for i := range 3 {
		p := newReplicaProc(t, fmt.Sprint("replica", i), bin, cfg)
		if err := p.start(); err != nil {
			t.Fatal(err)
		}
		reps = append(reps, p)
	}

	led := newLedger(slackSrv, discordSrv)
	stopLedger, ledgerDone := make(chan struct{}), make(chan struct{})
	go func() { defer close(ledgerDone); led.run(stopLedger) }()
	defer func() { close(stopLedger); <-ledgerDone }()

	ld := &loadRun{t: t, reps: reps, led: led, slack: slackSrv, priv: priv, n: n,
		client: &http.Client{Timeout: 3 * time.Second}} // a platform gives up on an acknowledgement after 3 s
	cpu0 := readCPU()
	t0 := time.Now()
	ld.run(users)
	loadTime := time.Since(t0)
	cpu := readCPU().busySince(cpu0)
	load, _ := os.ReadFile("/proc/loadavg")

	all := led.snapshot()
	ld.check(all)
	ld.checkVotes(dbURL)
	ld.followUps(all, ld.killedAt)
	for _, p := range reps {
		if c := p.logHas(`"level":"ERROR"`) + p.logHas("panic"); c > 0 {
			t.Logf("%s logged %d errors or panics (see its log)", p.name, c)
		}
		if c := p.logHas("panic"); c > 0 {
			t.Errorf("%s panicked:\n%s", p.name, p.logTail(40))
		}
	}
	ld.report(all, loadTime, cpu, strings.TrimSpace(string(load)))
	events := map[string]int{}
	for _, p := range reps {
		for _, e := range []string{"job taken over", "another replica answered this job", "stored final reply delivered again",
			"cluster: job lease lost", "work queue unavailable"} {
			events[e] += p.logHas(e)
		}
	}
	t.Logf("replica logs: %v", events)
}

// replicaConfig is the config file of every replica (each gets its own
// --listen): both platforms in HTTP mode against the fakes, the PostgreSQL
// store, the tiny model with a short prompt, no rate limits (every user sends
// many requests) and no streaming (one final message per answer).
func replicaConfig(idx, ollamaURL, dbURL, slackAPI, discordAPI, publicKey string) string {
	return fmt.Sprintf(`index:
  dir: %q
llm:
  url: %q
  model: %q
  num_ctx: 1024
  num_predict: 48
  context_items: 3
  default_count: 3
  prompt: short
  timeout: 60s
bot:
  workers: 2
  queue_size: 2000
  request_timeout: 180s
  drain_timeout: 5s
  user_rate_per_min: 0
  channel_rate_per_min: 0
  stream_interval: 0s
slack:
  enabled: true
  mode: http
  bot_token: xoxb-multi-replica
  signing_secret: %q
  api_url: %q
discord:
  enabled: true
  mode: http
  application_id: %q
  public_key: %q
  api_url: %q
store:
  url: %q
log:
  level: info
  format: json
`, idx, ollamaURL, ollamatest.TinyModel, replicaSecret, slackAPI, discordtest.AppID, publicKey, discordAPI, dbURL)
}

// loadRun drives the requests, the platform retries and replays, the votes,
// and the kill and the freeze of replicas.
type loadRun struct {
	t      *testing.T
	reps   []*replicaProc
	led    *ledger
	slack  *slackfake.Server
	priv   ed25519.PrivateKey
	client *http.Client
	n      int

	next, issued                               atomic.Int64
	retries, replays, failovers, unacked, lost atomic.Int64
	bg                                         sync.WaitGroup
	armed                                      atomic.Bool   // the next acknowledgement by replica 0 kills it
	killed                                     chan struct{} // closed when it did

	mu         sync.Mutex
	votes      map[string]bool // acknowledged votes: reply ref → helpful
	votesTried int
	killedAt   time.Time
}

var multiReplicaQueries = []string{"a light yellow summer dress", "black sweater", "jeans for women, tight", "waterproof jacket for men",
	"white t-shirt with a print", "red dress for a party", "navy blazer", "kids pyjamas", "sneakers", "a beanie hat"}

func (ld *loadRun) run(users int) {
	ld.votes, ld.killed = map[string]bool{}, make(chan struct{})
	chaosDone := make(chan struct{})
	go func() { defer close(chaosDone); ld.chaos() }()
	var wg sync.WaitGroup
	for u := range users {
		wg.Add(1)
		go func() { defer wg.Done(); ld.user(rand.New(rand.NewPCG(uint64(u), 15))) }()
	}
	wg.Wait()
	<-chaosDone
	ld.bg.Wait()
}

// chaos kills replica 0 with SIGKILL when 30 % of the requests were sent and
// restarts it 2 s later, and freezes replica 1 at 60 % for pauseFor.
func (ld *loadRun) chaos() {
	waitFor := func(frac float64) {
		for float64(ld.issued.Load()) < frac*float64(ld.n) && ld.next.Load() < int64(ld.n) {
			time.Sleep(20 * time.Millisecond)
		}
	}
	waitFor(0.3)
	// The kill comes right after replica 0 acknowledged a request, when that
	// request lives only in the replica's memory and in its queue row.
	ld.armed.Store(true)
	select {
	case <-ld.killed:
	case <-time.After(10 * time.Second):
		ld.reps[0].kill9()
	}
	ld.mu.Lock()
	ld.killedAt = time.Now()
	ld.mu.Unlock()
	ld.t.Logf("replica0 killed (SIGKILL) after %d requests", ld.issued.Load())
	time.Sleep(2 * time.Second)
	if err := ld.reps[0].start(); err != nil {
		ld.t.Errorf("restart: %v", err)
		return
	}
	ld.t.Logf("replica0 restarted")
	waitFor(0.6)
	ld.reps[1].signal(syscall.SIGSTOP)
	ld.t.Logf("replica1 frozen (SIGSTOP) for %s after %d requests", pauseFor, ld.issued.Load())
	time.Sleep(pauseFor)
	ld.reps[1].signal(syscall.SIGCONT)
	ld.t.Logf("replica1 resumed")
}

// user sends requests one after the other, each once answered (or given up).
func (ld *loadRun) user(rng *rand.Rand) {
	for {
		i := int(ld.next.Add(1)) - 1
		if i >= ld.n {
			return
		}
		tr := &tracked{query: multiReplicaQueries[i%len(multiReplicaQueries)], channel: "C" + strconv.Itoa(1+i%4)}
		if i%5 < 3 {
			tr.platform, tr.user = "slack", fmt.Sprintf("U%07d", i)
			tr.key, tr.dlv = "s:"+tr.user, slackSlash(ld.slack, tr.user, tr.channel, tr.query)
		} else {
			id := fmt.Sprintf("13%017d", i)
			tr.platform, tr.key = "discord", "d:"+id
			tr.dlv = discordSigned(ld.priv, discordtest.SlashCommand(id, "outfit", tr.query))
		}
		ld.led.add(tr)
		ld.issued.Add(1)
		tr.sent = time.Now()
		r, ack, attempts := ld.send(rng, tr.dlv, rng.IntN(len(ld.reps)), accepted(tr.platform))
		if r < 0 {
			ld.unacked.Add(1)
			continue
		}
		ld.led.mu.Lock()
		tr.acked, tr.ack, tr.failedOver = true, ack, attempts > 1
		ld.led.mu.Unlock()
		if r == 0 && ld.armed.CompareAndSwap(true, false) {
			ld.reps[0].kill9()
			close(ld.killed)
		}
		ld.retryAndReplay(rng, tr.dlv, r)
		select {
		case <-tr.answered:
		case <-time.After(90 * time.Second):
			ld.lost.Add(1)
			continue
		}
		if rng.IntN(2) == 0 {
			ld.vote(rng, tr)
		}
	}
}

// accepted tells an acknowledgement that accepts the request from a refusal.
func accepted(platform string) func([]byte) bool {
	if platform == "slack" {
		return func(b []byte) bool { return len(strings.TrimSpace(string(b))) == 0 } // a refusal carries an ephemeral text
	}
	return func(b []byte) bool { return strings.Contains(string(b), `"type":5`) } // deferred response
}

// send delivers d to replica first, failing over to the next replicas the way
// a load balancer retries a failed upstream; it returns the replica that
// accepted it, how long that replica took to acknowledge and how many
// attempts it took, or -1.
func (ld *loadRun) send(rng *rand.Rand, d delivery, first int, ok func([]byte) bool) (int, time.Duration, int) {
	for attempt := range 6 {
		r := (first + attempt) % len(ld.reps)
		t0 := time.Now()
		code, body, err := post(context.Background(), ld.client, ld.reps[r].URL()+d.path, d.header, d.body)
		if err == nil && code == http.StatusOK && ok(body) {
			return r, time.Since(t0), attempt + 1
		}
		ld.failovers.Add(1)
		time.Sleep(time.Duration(50+rng.IntN(200)) * time.Millisecond)
	}
	return -1, 0, 6
}

// retryAndReplay sends an acknowledged delivery again: one in five at once to
// another replica (a platform retry racing the first), one in ten 0.5-4 s later
// to any replica (a replay).
func (ld *loadRun) retryAndReplay(rng *rand.Rand, d delivery, acked int) {
	if rng.IntN(5) == 0 {
		ld.retries.Add(1)
		other := (acked + 1 + rng.IntN(len(ld.reps)-1)) % len(ld.reps)
		ld.bg.Add(1)
		go func() {
			defer ld.bg.Done()
			_, _, _ = post(context.Background(), ld.client, ld.reps[other].URL()+d.path, d.header, d.body)
		}()
	}
	if rng.IntN(10) == 0 {
		ld.replays.Add(1)
		wait, to := time.Duration(500+rng.IntN(3500))*time.Millisecond, rng.IntN(len(ld.reps))
		ld.bg.Add(1)
		go func() {
			defer ld.bg.Done()
			time.Sleep(wait)
			_, _, _ = post(context.Background(), ld.client, ld.reps[to].URL()+d.path, d.header, d.body)
		}()
	}
}

// vote clicks a feedback button of tr's answer on a random replica and
// remembers the vote if it was acknowledged.
func (ld *loadRun) vote(rng *rand.Rand, tr *tracked) {
	_, ref := ld.led.answer(tr)
	if ref == "" {
		return
	}
	helpful := rng.IntN(3) > 0
	var d delivery
	if tr.platform == "slack" {
		ld.led.mu.Lock()
		ts := tr.placeholders[0]
		ld.led.mu.Unlock()
		d = slackVote(ld.slack, tr.user, tr.channel, ts, ref, helpful)
	} else {
		d = discordSigned(ld.priv, discordtest.FeedbackClick("14"+strings.TrimPrefix(tr.key, "d:13"), helpful, ref))
	}
	ld.mu.Lock()
	ld.votesTried++
	ld.mu.Unlock()
	if r, _, _ := ld.send(rng, d, rng.IntN(len(ld.reps)), func([]byte) bool { return true }); r >= 0 {
		ld.mu.Lock()
		ld.votes[ref] = helpful
		ld.mu.Unlock()
		ld.retryAndReplay(rng, d, r)
	}
}

// check asserts exactly one final reply per acknowledged request.
func (ld *loadRun) check(all []tracked) {
	t := ld.t
	deadline := time.Now().Add(90 * time.Second) // a job of the frozen replica may still be finishing
	for _, tr := range all {
		if !tr.acked {
			continue
		}
		select {
		case <-tr.answered:
		case <-time.After(time.Until(deadline)):
		}
	}
	time.Sleep(2 * time.Second) // late duplicates (the frozen replica) get their chance
	all = ld.led.snapshot()
	var answered, redelivered int
	for _, tr := range all {
		distinct := map[string]bool{}
		for _, f := range tr.finals {
			distinct[f.kind+"\x00"+f.body] = true
		}
		switch {
		case tr.acked && len(tr.finals) == 0:
			t.Errorf("%s (%s %q) acknowledged after %s, never answered", tr.key, tr.platform, tr.query, tr.ack)
		case len(distinct) > 1:
			t.Errorf("%s (%s %q) got %d different final replies: %+v", tr.key, tr.platform, tr.query, len(distinct), tr.finals)
		case len(tr.placeholders) > 1 && !tr.failedOver:
			t.Errorf("%s: %d looking-for messages", tr.key, len(tr.placeholders))
		case len(tr.placeholders) > 1:
			// The killed replica posted its looking-for message and died before
			// the command was a job; the retry on another replica posted its own.
			t.Logf("%s: %d looking-for messages (the first attempt's replica died before queueing it)", tr.key, len(tr.placeholders))
		}
		for _, ts := range tr.placeholders {
			if p := ld.led.posts(ts); len(p) > 0 {
				t.Errorf("%s: %d messages posted in the thread of its placeholder besides the answer", tr.key, len(p))
			}
		}
		if len(tr.finals) > 0 {
			answered++
		}
		if len(tr.finals) > 1 {
			redelivered++
		}
	}
	t.Logf("%d requests: %d not acknowledged by any replica, %d answered, the same final reply delivered again to %d",
		len(all), ld.unacked.Load(), answered, redelivered)
}

// checkVotes asserts that every acknowledged vote is in the store.
func (ld *loadRun) checkVotes(dbURL string) {
	t := ld.t
	ctx := context.Background()
	sc := store.DefaultConfig()
	sc.URL = dbURL
	st, err := store.Open(ctx, sc, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	events, err := st.Feedback(ctx, time.Now().Add(-time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	stored := map[string][]bool{}
	for _, e := range events {
		stored[e.ReplyRef] = append(stored[e.ReplyRef], e.Helpful)
	}
	ld.mu.Lock()
	defer ld.mu.Unlock()
	for ref, helpful := range ld.votes {
		if got := stored[ref]; len(got) != 1 || got[0] != helpful {
			t.Errorf("acknowledged vote %v on %s: the store has %v", helpful, ref, got)
		}
	}
	stats, err := st.Report(ctx, time.Now().Add(-time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	votes, requests := 0, 0
	for _, s := range stats {
		votes += s.Feedback
		requests += s.Requests
	}
	if votes != len(ld.votes) {
		t.Errorf("the store report counts %d votes, %d were acknowledged", votes, len(ld.votes))
	}
	t.Logf("votes: %d clicked, %d acknowledged, %d in the report; %d request records", ld.votesTried, len(ld.votes), votes, requests)
}

// followUps sends "show me 3 more" into threads answered before replica 0 was
// killed, to the restarted replica 0 (a process that did not exist when the
// thread's answer was given): it must see the thread's history (more of the
// same product type, none of the articles already shown).
func (ld *loadRun) followUps(all []tracked, before time.Time) {
	t := ld.t
	var picked []tracked
	for _, tr := range all {
		if tr.platform == "slack" && (tr.query == "black sweater" || tr.query == "a light yellow summer dress") &&
			len(tr.finals) > 0 && tr.finals[0].kind == "update" && tr.answeredAt.Before(before) && len(ids(tr.finals[0].blocks)) > 0 {
			picked = append(picked, tr)
		}
	}
	sort.Slice(picked, func(i, j int) bool { return picked[i].key < picked[j].key })
	if len(picked) == 0 {
		t.Fatal("no sweater or dress thread answered before the kill to follow up on")
	}
	for k, tr := range picked[:min(2, len(picked))] {
		ts := tr.placeholders[0]
		d := slackThreadMessage(fmt.Sprintf("Ev%07d", k), tr.user, tr.channel, ts, "show me 3 more")
		if code, _, err := post(context.Background(), ld.client, ld.reps[0].URL()+d.path, d.header, d.body); err != nil || code != http.StatusOK {
			t.Fatalf("follow-up to the restarted replica: %d %v", code, err)
		}
		// The follow-up is a job too: its "looking for…" placeholder in the
		// thread is edited into the answer.
		deadline := time.Now().Add(90 * time.Second)
		var posts, answers []slackfake.Call
		for len(answers) == 0 && time.Now().Before(deadline) {
			time.Sleep(100 * time.Millisecond)
			if posts = ld.led.posts(ts); len(posts) > 0 {
				answers = ld.led.edits(posts[0].TS)
			}
		}
		if len(posts) != 1 || len(answers) != 1 {
			t.Fatalf("follow-up in thread %s: %d posts, %d answers (want the placeholder edited once)", ts, len(posts), len(answers))
		}
		posts = answers
		shown, types := map[string]bool{}, map[string]bool{}
		for _, id := range ids(tr.finals[0].blocks) {
			shown[id] = true
			a, _ := demo.cat.ByID(id)
			types[a.ProductTypeName] = true
		}
		got := ids(posts[0].Values.Get("blocks"))
		if len(got) == 0 {
			t.Fatalf("follow-up answer without articles: %s", posts[0].Values.Get("blocks"))
		}
		for _, id := range got {
			a, _ := demo.cat.ByID(id)
			if shown[id] || !types[a.ProductTypeName] {
				t.Errorf("follow-up %q after %q: %s (%s) was shown already or is not of the thread's types %v",
					"show me 3 more", tr.query, id, a.ProductTypeName, types)
			}
		}
	}
}

// report logs the numbers recorded in docs/benchmarks.md.
func (ld *loadRun) report(all []tracked, loadTime time.Duration, cpu float64, loadavg string) {
	var acks, tta []time.Duration
	var first, last time.Time
	for _, tr := range all {
		if !tr.acked || len(tr.finals) == 0 {
			continue
		}
		acks = append(acks, tr.ack)
		tta = append(tta, tr.answeredAt.Sub(tr.sent))
		if first.IsZero() || tr.sent.Before(first) {
			first = tr.sent
		}
		if tr.answeredAt.After(last) {
			last = tr.answeredAt
		}
	}
	el := last.Sub(first)
	ld.t.Logf("multi-replica: %d requests (%d users) in %s: %.2f answers/s; ack p50 %s p99 %s; time to answer p50 %s p99 %s; "+
		"%d platform retries, %d replays, %d failovers; machine CPU busy %.0f%% of %d cores, loadavg %s",
		len(all), envInt(ld.t, multiReplicaUsersEnv, 6), loadTime.Round(time.Second), float64(len(tta))/el.Seconds(),
		pct(acks, 50).Round(time.Millisecond), pct(acks, 99).Round(time.Millisecond),
		pct(tta, 50).Round(10*time.Millisecond), pct(tta, 99).Round(10*time.Millisecond),
		ld.retries.Load(), ld.replays.Load(), ld.failovers.Load(), cpu*100, cpuCount(), loadavg)
}

// cpuTimes is the machine's busy and total jiffies from /proc/stat.
type cpuTimes struct{ busy, total float64 }

func readCPU() cpuTimes {
	b, err := os.ReadFile("/proc/stat")
	if err != nil {
		return cpuTimes{}
	}
	line, _, _ := strings.Cut(string(b), "\n")
	var c cpuTimes
	for i, f := range strings.Fields(line)[1:] {
		v, _ := strconv.ParseFloat(f, 64)
		c.total += v
		if i != 3 && i != 4 { // idle, iowait
			c.busy += v
		}
	}
	return c
}

func (c cpuTimes) busySince(before cpuTimes) float64 {
	if c.total <= before.total {
		return 0
	}
	return (c.busy - before.busy) / (c.total - before.total)
}

func cpuCount() int {
	b, _ := os.ReadFile("/proc/stat")
	return strings.Count(string(b), "\ncpu")
}
