package rag

import (
	"context"
	"errors"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tmc/langchaingo/llms"
)

func ask(ctx context.Context, p *Pool, stream func(context.Context, []byte) error) (*llms.ContentResponse, error) {
	opts := []llms.CallOption{llms.WithModel("m")}
	if stream != nil {
		opts = append(opts, llms.WithStreamingFunc(stream))
	}
	return p.GenerateContent(ctx, []llms.MessageContent{llms.TextParts(llms.ChatMessageTypeHuman, "hi")}, opts...)
}

// Selection and failover: the first request of a fresh pool goes to the first
// server; a failure before anything was streamed moves it on.
func TestPoolFailover(t *testing.T) {
	type server struct {
		mode  string // "" = dead URL
		delay time.Duration
	}
	tests := []struct {
		name       string
		servers    []server
		firstToken time.Duration
		stream     bool
		deadline   time.Duration
		wantErr    []error  // errors.Is targets; nil = answered
		wantChats  []int32  // /api/chat requests per server (dead: 0)
		outcomes   []string // per attempt: server index + outcome
	}{
		{name: "both up: the first answers", servers: []server{{mode: modeOK}, {mode: modeOK}},
			wantChats: []int32{1, 0}, outcomes: []string{"0 ok"}},
		{name: "one down: connection refused", servers: []server{{}, {mode: modeOK}},
			wantChats: []int32{0, 1}, outcomes: []string{"0 failover", "1 ok"}},
		{name: "one failing: HTTP 500", servers: []server{{mode: mode500}, {mode: modeOK}},
			wantChats: []int32{1, 1}, outcomes: []string{"0 failover", "1 ok"}},
		{name: "model missing on one", servers: []server{{mode: modeNoModel}, {mode: modeOK}},
			wantChats: []int32{1, 1}, outcomes: []string{"0 failover", "1 ok"}},
		{name: "one slow: no first token in time", servers: []server{{mode: modeSlow, delay: 5 * time.Second}, {mode: modeOK}}, firstToken: 100 * time.Millisecond,
			wantChats: []int32{1, 1}, outcomes: []string{"0 failover", "1 ok"}},
		{name: "slow last server keeps the whole deadline", servers: []server{{}, {mode: modeSlow, delay: 300 * time.Millisecond}}, firstToken: 50 * time.Millisecond,
			wantChats: []int32{0, 1}, outcomes: []string{"0 failover", "1 ok"}},
		{name: "stream cut before the caller saw text", servers: []server{{mode: modeCut}, {mode: modeOK}},
			wantChats: []int32{1, 1}, outcomes: []string{"0 failover", "1 ok"}},
		{name: "stream cut after text reached the caller: an error, no failover", servers: []server{{mode: modeCut}, {mode: modeOK}}, stream: true,
			wantErr: []error{ErrIncomplete}, wantChats: []int32{1, 0}, outcomes: []string{"0 error"}},
		{name: "all down: a typed error naming each", servers: []server{{}, {mode: mode500}, {mode: modeNoModel}},
			wantErr: []error{ErrNoServer, ErrUnreachable, ErrServerStatus, ErrModelNotFound}, wantChats: []int32{0, 1, 1},
			outcomes: []string{"0 failover", "1 failover", "2 error"}},
		{name: "caller's deadline on a slow server: no failover", servers: []server{{mode: modeSlow, delay: 5 * time.Second}, {mode: modeOK}}, deadline: 100 * time.Millisecond,
			wantErr: []error{context.DeadlineExceeded}, wantChats: []int32{1, 0}, outcomes: []string{"0 cancelled"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var urls []string
			var fakes []*fakeOllama
			for _, s := range tc.servers {
				if s.mode == "" {
					urls, fakes = append(urls, deadURL(t)), append(fakes, nil)
					continue
				}
				f := newFakeOllama(t, s.mode)
				f.delay = s.delay
				urls, fakes = append(urls, f.URL), append(fakes, f)
			}
			rec := &recorder{}
			p := testPool(t, tc.firstToken, rec, urls...)
			ctx := context.Background()
			if tc.deadline > 0 {
				var cancel context.CancelFunc
				ctx, cancel = context.WithTimeout(ctx, tc.deadline)
				defer cancel()
			}
			var mu sync.Mutex
			var got strings.Builder
			var stream func(context.Context, []byte) error
			if tc.stream {
				stream = func(_ context.Context, b []byte) error { mu.Lock(); got.Write(b); mu.Unlock(); return nil }
			}
			resp, err := ask(ctx, p, stream)
			if tc.wantErr == nil {
				if err != nil {
					t.Fatal(err)
				}
				if c := resp.Choices[0].Content; c != "hello world" {
					t.Fatalf("content %q", c)
				}
			} else {
				if err == nil {
					t.Fatal("want an error, got an answer")
				}
				for _, w := range tc.wantErr {
					if !errors.Is(err, w) {
						t.Errorf("error %v: not %v", err, w)
					}
				}
			}
			for i, f := range fakes {
				if f != nil && f.chats.Load() != tc.wantChats[i] {
					t.Errorf("server %d got %d chats, want %d", i, f.chats.Load(), tc.wantChats[i])
				}
			}
			outcomes, _ := rec.snapshot()
			for i, u := range urls {
				for j := range outcomes {
					outcomes[j] = strings.Replace(outcomes[j], u+" ", string(rune('0'+i))+" ", 1)
				}
			}
			if !slices.Equal(outcomes, tc.outcomes) {
				t.Errorf("outcomes %q, want %q", outcomes, tc.outcomes)
			}
		})
	}
}

// All servers down: the error says what to do and names every server.
func TestPoolAllDownErrorIsActionable(t *testing.T) {
	a, b := deadURL(t), newFakeOllama(t, mode500)
	p := testPool(t, 0, nil, a, b.URL)
	_, err := ask(context.Background(), p, nil)
	var pe *PoolError
	if !errors.As(err, &pe) || len(pe.Attempts) != 2 {
		t.Fatalf("want a *PoolError with 2 attempts, got %v", err)
	}
	for _, want := range []string{a, b.URL, "llm.urls", "HTTP 500", "all 2 model servers failed"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("%q does not mention %q", err, want)
		}
	}
	if reasonOf(err, time.Minute) != "no stylist model server is available" {
		t.Errorf("fallback notice: %q", reasonOf(err, time.Minute))
	}
}

// A server marked down is tried only when no other is left, and a successful
// health check brings it back.
func TestPoolHealthTransitions(t *testing.T) {
	a, b := newFakeOllama(t, modeOK), newFakeOllama(t, modeOK)
	rec := &recorder{}
	p := testPool(t, 0, rec, a.URL, b.URL)
	if h := p.Health(); h.Unknown != 2 || h.Err() == nil || h.Err().Error() != "checking 2 model server(s)" {
		t.Fatalf("fresh pool: %+v, %v", h, h.Err())
	}
	p.CheckNow(context.Background())
	if h := p.Health(); h.Up != 2 || h.Err() != nil {
		t.Fatalf("after a check: %+v", h)
	}
	a.setMode(mode500)
	p.CheckNow(context.Background())
	h := p.Health()
	if h.Up != 1 || h.Down != 1 || h.Servers[0].State != "down" || !errors.Is(h.Servers[0].Err, ErrServerStatus) {
		t.Fatalf("a failing: %+v", h)
	}
	if err := h.Err(); err == nil || !strings.Contains(err.Error(), "1 of 2 model servers up") {
		t.Fatalf("summary: %v", err)
	}
	// Requests avoid the down server even when it would be first in turn.
	a.setMode(modeOK)
	for range 4 {
		if _, err := ask(context.Background(), p, nil); err != nil {
			t.Fatal(err)
		}
	}
	if a.chats.Load() != 0 || b.chats.Load() != 4 {
		t.Fatalf("down server got %d requests, up server %d", a.chats.Load(), b.chats.Load())
	}
	p.CheckNow(context.Background())
	if h := p.Health(); h.Up != 2 {
		t.Fatalf("a back: %+v", h)
	}
	// A failed request marks its server down at once, before any health check.
	if _, err := ask(context.Background(), p, nil); err != nil { // a's turn (ties go in turn)
		t.Fatal(err)
	}
	b.setMode(mode500)
	if _, err := ask(context.Background(), p, nil); err != nil { // b's turn: it fails, a answers
		t.Fatal(err)
	}
	if h := p.Health(); h.Servers[1].State != "down" {
		t.Fatalf("b after a failed request: %+v", h)
	}
	// Every server down: Check reports the pool error.
	a.setMode(mode500)
	if err := p.Check(context.Background()); !errors.Is(err, ErrNoServer) || !errors.Is(err, ErrServerStatus) {
		t.Fatalf("Check with all down: %v", err)
	}
	_, health := rec.snapshot()
	want := []string{a.URL + " up", b.URL + " up", a.URL + " down", a.URL + " up", b.URL + " down", a.URL + " down"}
	// The first two checks run concurrently: compare their order-free.
	if len(health) != len(want) || !slices.Equal(sorted(health[:2]), sorted(want[:2])) || !slices.Equal(health[2:], want[2:]) {
		t.Fatalf("health events %q, want %q", health, want)
	}
}

// A health check that gets no answer in time marks the server down; Run keeps
// checking in the background.
func TestPoolHealthCheckTimeoutAndRun(t *testing.T) {
	a, hang := newFakeOllama(t, modeOK), newFakeOllama(t, modeHang)
	p := testPool(t, 0, nil, a.URL, hang.URL)
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	p.CheckNow(ctx)
	cancel()
	h := p.Health()
	if h.Servers[0].State != "up" || h.Servers[1].State != "down" || !errors.Is(h.Servers[1].Err, ErrUnreachable) ||
		!strings.Contains(h.Servers[1].Err.Error(), "no answer in time") {
		t.Fatalf("%+v", h)
	}
	hang.setMode(modeOK)
	rctx, stop := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { p.Run(rctx, 20*time.Millisecond, 0); close(done) }()
	defer func() { stop(); <-done }()
	for deadline := time.Now().Add(5 * time.Second); p.Health().Up != 2; time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("Run did not bring the server back: %+v", p.Health())
		}
	}
}

func sorted(s []string) []string {
	s = append([]string(nil), s...)
	slices.Sort(s)
	return s
}

// Least in flight under concurrency: concurrent requests spread evenly, and new
// requests avoid the server still busy with long ones.
func TestPoolLeastInFlight(t *testing.T) {
	a, b := newFakeOllama(t, modeGate), newFakeOllama(t, modeGate)
	rec := &recorder{}
	p := testPool(t, 0, rec, a.URL, b.URL)
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	start := func(n int) {
		for range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if _, err := ask(context.Background(), p, nil); err != nil {
					errs <- err
				}
			}()
		}
	}
	waitFor := func(what string, ok func() bool) {
		t.Helper()
		for deadline := time.Now().Add(5 * time.Second); !ok(); time.Sleep(5 * time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatalf("%s: a %d, b %d held; %+v", what, a.heldRequests(), b.heldRequests(), p.Health())
			}
		}
	}
	start(6)
	waitFor("6 requests held", func() bool { return a.heldRequests()+b.heldRequests() == 6 })
	h := p.Health()
	if a.heldRequests() != 3 || b.heldRequests() != 3 || h.Servers[0].InFlight != 3 || h.Servers[1].InFlight != 3 {
		t.Fatalf("6 concurrent requests not spread 3/3: a %d, b %d, %+v", a.heldRequests(), b.heldRequests(), h)
	}
	close(b.gate) // b finishes its three; a stays busy with three
	waitFor("b drained", func() bool { return p.Health().Servers[1].InFlight == 0 })
	start(2)
	waitFor("b answered 2 more", func() bool { return b.chats.Load() == 5 })
	if a.chats.Load() != 3 {
		t.Fatalf("the busy server got new requests: a %d, b %d", a.chats.Load(), b.chats.Load())
	}
	close(a.gate)
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	if h := p.Health(); h.Servers[0].InFlight != 0 || h.Servers[1].InFlight != 0 {
		t.Fatalf("in flight after all done: %+v", h)
	}
	rec.mu.Lock()
	defer rec.mu.Unlock()
	if rec.maxIn[a.URL] != 3 || rec.maxIn[b.URL] != 3 {
		t.Fatalf("observed in-flight peaks %v, want 3 each", rec.maxIn)
	}
}
