package bot

import (
	"context"
	"time"

	"github.com/stylistbot/stylist/internal/ttlset"
)

// Feedback is one helpful / not-helpful vote on a reply.
type Feedback struct {
	RequestID    string       `json:"request_id"`
	ReplyRef     string       `json:"reply_ref"`
	Conversation Conversation `json:"conversation"`
	User         string       `json:"user"`
	Helpful      bool         `json:"helpful"`
	At           time.Time    `json:"at"`
}

// FeedbackRecorder stores feedback votes.
type FeedbackRecorder interface {
	RecordFeedback(ctx context.Context, f Feedback) error
}

// FeedbackRecorderFunc adapts a function to FeedbackRecorder.
type FeedbackRecorderFunc func(ctx context.Context, f Feedback) error

// RecordFeedback implements FeedbackRecorder.
func (f FeedbackRecorderFunc) RecordFeedback(ctx context.Context, fb Feedback) error {
	return f(ctx, fb)
}

// Bounds of feedback handling. Votes are written by a small pool (its queue
// bounds what is waiting for the store; beyond it a click is refused as busy),
// each user may change at most feedbackUserBurst votes at once and then
// feedbackUserRate per minute, and a repeated click of the vote a user already
// cast is answered from memory without a write.
const (
	feedbackWorkers   = 32    // concurrent store writes (the store commits them together)
	feedbackQueue     = 1024  // votes waiting for a worker
	feedbackUserRate  = 30.0  // vote writes per user per minute
	feedbackUserBurst = 20    // vote writes a user may make at once
	feedbackRefusals  = 64    // refusal replies being delivered at once; beyond, they are dropped (logged)
	votesRemembered   = 50000 // (user, reply, vote) triples remembered to answer repeats without a write
	votesTTL          = 24 * time.Hour
)

// feedbackState is the core's bounded feedback machinery.
type feedbackState struct {
	pool     *pool
	users    *buckets
	votes    *ttlset.Set   // userKey \x00 replyRef \x00 yes|no of stored votes; nil across replicas
	refusing chan struct{} // semaphore of refusal deliveries
}

func newFeedbackState() *feedbackState {
	return &feedbackState{
		pool:     newPool(feedbackWorkers, feedbackQueue, nil),
		users:    newBuckets(feedbackUserRate, feedbackUserBurst),
		votes:    ttlset.New(votesTTL, votesRemembered),
		refusing: make(chan struct{}, feedbackRefusals),
	}
}

// voteKey identifies a user's vote on a reply.
func voteKey(req Request, helpful bool) string {
	v := "no"
	if helpful {
		v = "yes"
	}
	c := req.Conversation
	return string(c.Platform) + "/" + c.Workspace + "/" + req.User + "\x00" + req.ReplyRef + "\x00" + v
}

// feedbackTask writes one vote on a feedback pool worker, then acknowledges it.
type feedbackTask struct {
	c  *Core
	cl *call
}

func (t feedbackTask) run()  { t.c.recordVote(t.cl) }
func (t feedbackTask) drop() { t.c.finish(t.cl, stoppedReply(), CodeStopped) }

// submitFeedback routes a click: a repeat of the stored vote is acknowledged at
// once, a new or changed vote is rate-limited per user and queued for the store;
// a refused click is answered (bounded) without being recorded.
func (c *Core) submitFeedback(cl *call) {
	req := cl.req
	if c.fb != nil && c.fbs.votes != nil && c.fbs.votes.Has(voteKey(req, req.Helpful)) {
		c.refuseFeedback(cl, thanksReply(), "feedback_repeat")
		return
	}
	conv := req.Conversation
	undo, retry, ok := c.fbs.users.reserve(string(conv.Platform)+"/"+conv.Workspace+"/"+req.User, cl.started)
	if !ok {
		c.obs.RateLimited("feedback")
		c.refuseFeedback(cl, rateLimitedReply("user", retry), CodeRateLimited)
		return
	}
	switch err := c.fbs.pool.submit(feedbackTask{c: c, cl: cl}); err {
	case nil:
	case ErrBusy:
		undo()
		c.refuseFeedback(cl, busyReply(), CodeBusy)
	default:
		c.refuseFeedback(cl, stoppedReply(), CodeStopped)
	}
}

// refuseFeedback delivers a reply that needs no store write. At most
// feedbackRefusals are delivered at once; beyond that (a click flood) the reply
// is dropped and the request released: nothing was recorded or acknowledged.
func (c *Core) refuseFeedback(cl *call, rep Reply, outcome string) {
	select {
	case c.fbs.refusing <- struct{}{}:
		go func() {
			defer func() { <-c.fbs.refusing }()
			c.finish(cl, rep, outcome)
		}()
	default:
		cl.log.Debug("feedback reply dropped: too many at once", "outcome", outcome)
		c.obs.Request(string(cl.req.Conversation.Platform), string(cl.req.Kind), outcome+"_dropped", c.now().Sub(cl.started))
		c.release(cl)
	}
}

func thanksReply() Reply { return Reply{Text: "Thanks for the feedback!", Ephemeral: true} }
