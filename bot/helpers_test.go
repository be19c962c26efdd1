package bot_test

import (
	"context"
	"fmt"
	"hash/fnv"
	"sync"
	"testing"
	"time"

	"github.com/stylistbot/stylist/bot"
)

// fakeRec is a scriptable bot.Recommender that records what it was asked.
type fakeRec struct {
	mu   sync.Mutex
	reqs []bot.Ask
	fn   func(ctx context.Context, req bot.Ask, stream bot.StreamFunc) (*bot.Answer, error)
}

func (f *fakeRec) Recommend(ctx context.Context, req bot.Ask, stream bot.StreamFunc) (*bot.Answer, error) {
	f.mu.Lock()
	f.reqs = append(f.reqs, req)
	f.mu.Unlock()
	if f.fn != nil {
		return f.fn(ctx, req, stream)
	}
	return answerFor(req), nil
}

func (f *fakeRec) requests() []bot.Ask {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]bot.Ask(nil), f.reqs...)
}

// answerFor builds a deterministic answer whose article ids derive from the query.
func answerFor(req bot.Ask) *bot.Answer {
	h := fnv.New32a()
	h.Write([]byte(req.Query))
	base := h.Sum32() % 900000000
	n := req.Count
	if n <= 0 || n > 3 {
		n = 3
	}
	a := &bot.Answer{Intro: "Picks for \"" + req.Query + "\":", Tip: "Layer the pieces."}
	colours := []string{"Black", "Blue", "Red"}
	for i := range n {
		a.Items = append(a.Items, bot.Item{
			ArticleID: fmt.Sprintf("%010d", int(base)+i), Name: fmt.Sprintf("Item %d", i+1),
			Type: "Dress", Colour: colours[i%3], Department: "Womens Casual",
			Reason: fmt.Sprintf("Matches %q.", req.Query),
		})
	}
	return a
}

// recorder is a ReplyFunc that records every reply of one request.
type recorder struct {
	mu         sync.Mutex
	replies    []bot.Reply
	finals     int
	afterFinal int
	final      chan bot.Reply
}

func newRecorder() *recorder { return &recorder{final: make(chan bot.Reply, 1)} }

func (r *recorder) reply(_ context.Context, rep bot.Reply) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.finals > 0 {
		r.afterFinal++
	}
	r.replies = append(r.replies, rep)
	if !rep.Partial {
		r.finals++
		select {
		case r.final <- rep:
		default:
		}
	}
	return nil
}

// wait returns the final reply or fails the test after d.
func (r *recorder) wait(t testing.TB, d time.Duration) bot.Reply {
	t.Helper()
	select {
	case rep := <-r.final:
		return rep
	case <-time.After(d):
		t.Fatalf("no final reply within %v", d)
		return bot.Reply{}
	}
}

func (r *recorder) counts() (finals, afterFinal, total int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.finals, r.afterFinal, len(r.replies)
}

// testObserver counts observations.
type testObserver struct {
	mu          sync.Mutex
	outcomes    map[string]int
	stages      map[string]int
	rateLimited map[string]int
	fallbacks   int
	dropped     int
	maxDepth    int
}

func newTestObserver() *testObserver {
	return &testObserver{outcomes: map[string]int{}, stages: map[string]int{}, rateLimited: map[string]int{}}
}

func (o *testObserver) Request(_, _, outcome string, _ time.Duration) {
	o.mu.Lock()
	o.outcomes[outcome]++
	o.mu.Unlock()
}
func (o *testObserver) Stage(s string, _ time.Duration) { o.mu.Lock(); o.stages[s]++; o.mu.Unlock() }
func (o *testObserver) QueueDepth(n int) {
	o.mu.Lock()
	o.maxDepth = max(o.maxDepth, n)
	o.mu.Unlock()
}
func (o *testObserver) RateLimited(s string)    { o.mu.Lock(); o.rateLimited[s]++; o.mu.Unlock() }
func (o *testObserver) Fallback()               { o.mu.Lock(); o.fallbacks++; o.mu.Unlock() }
func (o *testObserver) UngroundedDropped(n int) { o.mu.Lock(); o.dropped += n; o.mu.Unlock() }

func (o *testObserver) outcome(k string) int {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.outcomes[k]
}

// testConfig is DefaultConfig without rate limits or streaming, and short timeouts.
func testConfig() bot.Config {
	c := bot.DefaultConfig()
	c.UserRate, c.ChannelRate = 0, 0
	c.StreamInterval = 0
	c.RequestTimeout = 5 * time.Second
	c.DrainTimeout = 2 * time.Second
	return c
}

// newCore builds a core that is shut down when the test ends.
func newCore(t testing.TB, cfg bot.Config, rec bot.Recommender, opts ...bot.Option) *bot.Core {
	t.Helper()
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	c := bot.New(cfg, rec, nil, nil, opts...)
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := c.Shutdown(ctx); err != nil {
			t.Errorf("shutdown: %v", err)
		}
	})
	return c
}

// ask sends one request and returns its final reply.
func ask(t testing.TB, c bot.Handler, req bot.Request) bot.Reply {
	t.Helper()
	r := newRecorder()
	c.Handle(context.Background(), req, r.reply)
	return r.wait(t, 5*time.Second)
}

func slackReq(kind bot.Kind, user, channel, text string) bot.Request {
	return bot.Request{Kind: kind, User: user, Text: text,
		Conversation: bot.Conversation{Platform: bot.PlatformSlack, Workspace: "T1", Channel: channel, Thread: "1.0"}}
}

func code(r bot.Reply) string {
	if r.Error == nil {
		return ""
	}
	return r.Error.Code
}
