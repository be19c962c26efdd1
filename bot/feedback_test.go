package bot_test

import (
	"context"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stylistbot/stylist/bot"
)

// gatedStore is a feedback store whose writes wait for a gate (a slow disk).
type gatedStore struct {
	gate    chan struct{}
	pending atomic.Int64 // writes waiting at the gate
	maxPend atomic.Int64
	mu      sync.Mutex
	votes   map[string]bool // user/ref -> helpful
	writes  int
}

func (s *gatedStore) RecordFeedback(ctx context.Context, f bot.Feedback) error {
	n := s.pending.Add(1)
	for m := s.maxPend.Load(); n > m && !s.maxPend.CompareAndSwap(m, n); m = s.maxPend.Load() {
	}
	<-s.gate
	s.pending.Add(-1)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.votes[f.User+"/"+f.ReplyRef] = f.Helpful
	s.writes++
	return nil
}

// TestFeedbackBurstIsBounded sends 10,000 clicks at once against a store that
// is stuck: the core neither starts a goroutine per click nor queues them
// without bound; the clicks beyond its queue are refused at once as busy, and
// every "thanks" is for a vote the store has.
func TestFeedbackBurstIsBounded(t *testing.T) {
	st := &gatedStore{gate: make(chan struct{}), votes: map[string]bool{}}
	obs := newTestObserver()
	c := newCore(t, testConfig(), &fakeRec{}, bot.WithFeedbackRecorder(st), bot.WithObserver(obs))
	before := runtime.NumGoroutine()
	var mu sync.Mutex
	finals := map[string]bot.Reply{}
	const clicks = 10000
	for i := range clicks {
		req := slackReq(bot.KindFeedback, "U"+strconv.Itoa(i), "C1", "")
		req.ReplyRef, req.Helpful = "r"+strconv.Itoa(i), i%2 == 0
		key := req.User + "/" + req.ReplyRef
		c.Handle(context.Background(), req, func(_ context.Context, r bot.Reply) error {
			if !r.Partial {
				mu.Lock()
				finals[key] = r
				mu.Unlock()
			}
			return nil
		})
	}
	time.Sleep(100 * time.Millisecond) // refusals are delivered
	if g := runtime.NumGoroutine() - before; g > 300 {
		t.Errorf("%d goroutines after a burst of %d clicks against a stuck store", g, clicks)
	}
	if p := st.pending.Load(); p > 64 {
		t.Errorf("%d writes waiting in the store at once", p)
	}
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	if m.StackInuse > 64<<20 {
		t.Errorf("stack in use %d MB", m.StackInuse>>20)
	}
	close(st.gate)
	// Every click ends in exactly one final reply, or (refusals beyond the
	// delivery bound, in a flood) in a dropped one that was neither stored nor thanked.
	dropped := 0
	for deadline := time.Now().Add(20 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		mu.Lock()
		n := len(finals)
		mu.Unlock()
		dropped = obs.outcome(bot.CodeBusy+"_dropped") + obs.outcome("feedback_repeat_dropped")
		if n+dropped == clicks {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d replies + %d dropped of %d clicks", n, dropped, clicks)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	st.mu.Lock()
	defer st.mu.Unlock()
	thanks, busy := 0, 0
	for key, r := range finals {
		switch {
		case r.Error == nil:
			thanks++
			if _, ok := st.votes[key]; !ok {
				t.Fatalf("%s thanked but not stored", key)
			}
		case r.Error.Code == bot.CodeBusy:
			busy++
		default:
			t.Fatalf("%s: %+v", key, r)
		}
	}
	if thanks != st.writes || thanks > 32+1024 || busy == 0 {
		t.Errorf("thanks %d, stored %d, busy %d", thanks, st.writes, busy)
	}
	t.Logf("%d clicks: %d stored and thanked, %d refused as busy, %d replies dropped; max %d writes in the store at once",
		clicks, thanks, busy, dropped, st.maxPend.Load())
}

// TestFeedbackOneVotePerUserPerReply: repeating a vote writes nothing, changing
// it writes once, and a user voting on many replies at once is rate limited.
func TestFeedbackOneVotePerUserPerReply(t *testing.T) {
	st := &gatedStore{gate: make(chan struct{}), votes: map[string]bool{}}
	close(st.gate)
	c := newCore(t, testConfig(), &fakeRec{}, bot.WithFeedbackRecorder(st))
	vote := func(user, ref string, helpful bool) bot.Reply {
		req := slackReq(bot.KindFeedback, user, "C1", "")
		req.ReplyRef, req.Helpful = ref, helpful
		return ask(t, c, req)
	}
	for range 50 {
		if r := vote("U1", "r1", true); r.Error != nil {
			t.Fatalf("repeat vote: %+v", r)
		}
	}
	if st.writes != 1 {
		t.Fatalf("50 identical votes wrote %d times", st.writes)
	}
	vote("U1", "r1", false)
	vote("U1", "r1", false)
	vote("U1", "r1", true)
	if st.writes != 3 || !st.votes["U1/r1"] {
		t.Fatalf("changes wrote %d times, latest %v", st.writes, st.votes["U1/r1"])
	}
	limited := 0
	for i := range 100 {
		if r := vote("U2", "r"+strconv.Itoa(i), true); r.Error != nil && r.Error.Code == bot.CodeRateLimited {
			limited++
		}
	}
	if limited < 70 {
		t.Errorf("a user voting on 100 replies at once was limited %d times", limited)
	}
}
