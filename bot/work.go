package bot

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"
	"time"

	"github.com/stylistbot/stylist/history"
)

// errTimeout is the cancellation cause when RequestTimeout passes.
var errTimeout = errors.New("bot: request timeout")

// abandonAfter is how long a worker waits, after cancelling a request, for a
// recommender that ignores cancellation before giving up on it.
var abandonAfter = 5 * time.Second

// recTask runs one recommendation on a pool worker.
type recTask struct {
	c      *Core
	cl     *call
	query  string
	ctx    context.Context
	cancel context.CancelCauseFunc
	stop   func() bool // detaches the task from the core's base context
}

var _ task = (*recTask)(nil)

// newRecTask starts the request's deadline (queue wait included) and ties it to the core's lifetime.
func newRecTask(parent context.Context, c *Core, cl *call, query string) *recTask {
	ctx, cancel := context.WithCancelCause(context.WithoutCancel(parent))
	deadline := cl.deadline
	if deadline.IsZero() {
		deadline = time.Now().Add(cl.cfg.RequestTimeout)
	}
	ctx, cancelT := context.WithDeadlineCause(ctx, deadline, errTimeout)
	t := &recTask{c: c, cl: cl, query: query, ctx: ctx}
	t.cancel = func(cause error) { cancel(cause); cancelT() }
	t.stop = context.AfterFunc(c.base, func() { cancel(context.Cause(c.base)) })
	return t
}

// result is what the recommender goroutine hands back.
type result struct {
	ans   *Answer
	err   error
	panic any
	stack []byte
}

func (t *recTask) drop() {
	defer t.cleanup()
	t.c.finish(t.cl, stoppedReply(), CodeStopped)
}

func (t *recTask) cleanup() {
	t.stop()
	t.cancel(nil)
}

func (t *recTask) run() {
	defer t.cleanup()
	c, cl := t.c, t.cl
	defer c.release(cl)
	defer func() {
		if p := recover(); p != nil {
			cl.log.Error("request panicked", "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
			c.deliver(cl, internalReply(), CodeInternal)
		}
	}()
	c.obs.Stage("queue", c.now().Sub(cl.started))
	if t.ctx.Err() != nil {
		rep, outcome := t.cancelled()
		c.deliver(cl, rep, outcome)
		return
	}
	key := cl.req.Conversation.Key()
	turns, err := c.turns.Get(t.ctx, key)
	if err != nil {
		cl.log.Warn("thread history unavailable", "err", err)
		turns = nil
	}
	if n := cl.cfg.HistoryMaxTurns; len(turns) > n {
		turns = turns[len(turns)-n:]
	}
	var stream StreamFunc
	if cl.cfg.StreamInterval > 0 {
		stream = (&streamer{r: cl.rp, interval: cl.cfg.StreamInterval}).chunk
	}
	ask := Ask{Query: t.query, History: turns}
	if c.variant != nil {
		ask.Variant = c.variant(cl.req)
	}

	began := c.now()
	done := make(chan result, 1)
	go func() {
		defer func() {
			if p := recover(); p != nil {
				done <- result{panic: p, stack: debug.Stack()}
			}
		}()
		a, err := c.rec.Recommend(t.ctx, ask, stream)
		done <- result{ans: a, err: err}
	}()

	select {
	case res := <-done:
		c.obs.Stage("recommend", c.now().Sub(began))
		rep, outcome, commit := t.answer(res)
		c.deliverAfter(cl, rep, outcome, commit)
	case <-t.ctx.Done():
		rep, outcome := t.cancelled()
		c.deliver(cl, rep, outcome)
		// Hold the worker until the recommender notices, so load stays bounded.
		select {
		case res := <-done:
			c.obs.Stage("recommend", c.now().Sub(began))
			if res.panic != nil {
				cl.log.Error("recommender panicked after cancellation", "panic", res.panic, "stack", string(res.stack))
			}
		case <-time.After(abandonAfter):
			cl.log.Error("recommender ignored cancellation; abandoning it", "waited", abandonAfter)
		}
	}
}

// cancelled maps the task context's cause to a reply.
func (t *recTask) cancelled() (Reply, string) {
	if errors.Is(context.Cause(t.ctx), ErrStopped) {
		return stoppedReply(), CodeStopped
	}
	return timeoutReply(), CodeTimeout
}

// answer turns the recommender's result into the final reply and what to
// record once that reply is claimed (the request record and the thread's turn).
func (t *recTask) answer(res result) (Reply, string, func()) {
	c, cl := t.c, t.cl
	switch {
	case res.panic != nil:
		cl.log.Error("recommender panicked", "panic", fmt.Sprint(res.panic), "stack", string(res.stack))
		return internalReply(), CodeInternal, nil
	case res.err != nil && t.ctx.Err() != nil:
		rep, outcome := t.cancelled()
		return rep, outcome, nil
	case res.err != nil:
		cl.log.Warn("recommender failed", "err", res.err)
		return unavailableReply(), CodeUnavailable, nil
	case res.ans == nil:
		cl.log.Error("recommender returned neither answer nor error")
		return internalReply(), CodeInternal, nil
	}
	a := res.ans
	if a.RetrievalOnly {
		c.obs.Fallback()
	}
	if n := len(a.DroppedIDs); n > 0 {
		c.obs.UngroundedDropped(n)
		cl.log.Info("ungrounded ids dropped", "n", n)
	}
	rep := a.Reply()
	if len(rep.Items) == 0 && rep.Text == "" {
		rep.Text = noItemsText()
	}
	ids := make([]string, len(rep.Items))
	for i, it := range rep.Items {
		ids[i] = it.ArticleID
	}
	if c.answers != nil {
		rep.Ref = cl.req.ID
	}
	commit := func() {
		ctx := context.WithoutCancel(t.ctx)
		if c.answers != nil {
			c.answers.RecordAnswer(ctx, cl.req, rep, a, c.now().Sub(cl.started))
		}
		turn := history.Turn{Query: t.query, ArticleIDs: ids, AnsweredAt: c.now().Unix()}
		if err := c.turns.Append(ctx, cl.req.Conversation.Key(), turn); err != nil {
			cl.log.Warn("thread history not saved", "err", err)
		}
	}
	return rep, "ok", commit
}

// safeCall runs f, turning a panic into an error.
func safeCall(f func() error) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("panic: %v\n%s", p, debug.Stack())
		}
	}()
	return f()
}
