package bot

import (
	"context"
	"fmt"
	"log/slog"
	"runtime/debug"
	"strings"
	"sync/atomic"
	"time"
	"unicode/utf8"

	understand "github.com/stylistbot/stylist/query"
)

// action is what the router decided to do with a request.
type action int

const (
	actReply     action = iota // answer at once with the routed reply
	actRecommend               // run the recommender on the routed query
	actFeedback                // record a feedback vote
)

// route decides what to do with req under cfg. It is pure: no limits, no I/O.
// For actRecommend it returns the cleaned query; for actReply the reply and
// its outcome label.
func route(cfg *Config, req Request) (act action, query string, rep Reply, outcome string) {
	switch req.Kind {
	case KindFeedback:
		return actFeedback, "", Reply{}, "feedback"
	case KindSlash, KindMention, KindDirect, KindFollowUp:
	default:
		return actReply, "", unsupportedReply(req.Kind), CodeUnsupported
	}
	if req.Kind != KindDirect && req.Conversation.Platform != PlatformConsole && !cfg.channelAllowed(req.Conversation.Channel) {
		return actReply, "", notAllowedReply(), CodeNotAllowed
	}
	text := cleanText(req.Text)
	switch {
	case IsHelp(req):
		return actReply, "", helpFor(req.Kind), "help"
	case text == "" && req.NonText:
		return actReply, "", nonTextReply(), CodeNonText
	case text == "":
		return actReply, "", emptyReply(), CodeEmpty
	}
	if n := utf8.RuneCountInString(text); n > cfg.MaxQueryRunes {
		return actReply, "", tooLongReply(n, cfg.MaxQueryRunes), CodeTooLong
	}
	if kind := understand.Classify(text); kind != understand.ChatNone {
		// greetings, thanks, small talk: a friendly reply, no search, no turn
		return actReply, "", chatReply(kind), "chat"
	}
	return actRecommend, text, Reply{}, ""
}

// cleanText trims the text and a leading "/outfit" command word.
func cleanText(s string) string {
	s = strings.TrimSpace(s)
	const cmd = "/outfit"
	if len(s) >= len(cmd) && strings.EqualFold(s[:len(cmd)], cmd) {
		if rest := s[len(cmd):]; rest == "" || rest[0] == ' ' || rest[0] == '\t' || rest[0] == '\n' {
			s = strings.TrimSpace(rest)
		}
	}
	return s
}

// IsHelp is the one help policy: it reports whether req asks for the usage text
// rather than an outfit ("help", "?", "--help", "-h", a request for help in words
// such as "help me" or "what can you do?" (understand.Classify), or an empty slash
// command or mention that carries no file). The core answers such requests with the help
// reply; an adapter may call IsHelp only to decide how to deliver (for example,
// not to post a public "looking for…" message), never to answer on its own.
func IsHelp(req Request) bool {
	text := cleanText(req.Text)
	switch strings.ToLower(text) {
	case "help", "/help", "?", "--help", "-h":
		return true
	case "":
		return !req.NonText && (req.Kind == KindSlash || req.Kind == KindMention)
	}
	return understand.Classify(text) == understand.ChatHelp
}

// Unsearched reports whether the core answers req without a product search:
// help (IsHelp), or chat such as greetings, thanks and small talk
// (understand.Classify). Like IsHelp, an adapter may use it only to decide how to
// deliver (no public "looking for…" message), never to answer on its own.
func Unsearched(req Request) bool {
	if IsHelp(req) {
		return true
	}
	text := cleanText(req.Text)
	return text != "" && understand.Classify(text) != understand.ChatNone
}

func helpFor(k Kind) Reply {
	r := helpReply()
	r.Ephemeral = k == KindSlash
	return r
}

var _ Screener = (*Core)(nil)

// Screen implements Screener with the same decisions, in the same order, as Handle.
func (c *Core) Screen(req Request) (Reply, bool) {
	if c.mod != nil {
		if c.mod.IsCommand(req) {
			return Reply{}, false
		}
		if req.Kind != KindFeedback && c.mod.Paused(req.Conversation) {
			return pausedReply(), true
		}
	}
	if act, _, rep, outcome := route(c.cfg.Load(), req); act == actReply && (outcome == CodeNotAllowed || outcome == CodeTooLong) {
		return rep, true
	}
	return Reply{}, false
}

// call is one accepted request on its way to its final reply.
type call struct {
	req      Request
	cfg      *Config
	rp       *replier
	log      *slog.Logger
	started  time.Time
	deadline time.Time   // when the request times out; zero = RequestTimeout from when its task is made
	released atomic.Bool // set once the request no longer counts as in flight
}

// release marks cl as no longer in flight; only the first call counts.
func (c *Core) release(cl *call) {
	if cl.released.CompareAndSwap(false, true) {
		c.untrack()
	}
}

// Handle implements Handler. It returns at once; replies are delivered through
// reply from other goroutines: zero or more partial replies, then exactly one final reply.
func (c *Core) Handle(ctx context.Context, req Request, reply ReplyFunc) {
	start := c.now()
	cfg := c.cfg.Load()
	if req.ID == "" {
		req.ID = newID()
	}
	log := c.log.With("req", req.ID, "platform", string(req.Conversation.Platform), "kind", string(req.Kind))
	cl := &call{req: req, cfg: cfg, rp: newReplier(ctx, reply, cfg.ReplyTimeout, log, req.ID), log: log, started: start}
	if !c.track() {
		go c.deliver(cl, stoppedReply(), CodeStopped)
		return
	}
	defer func() {
		if p := recover(); p != nil {
			log.Error("request panicked", "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
			go c.finish(cl, internalReply(), CodeInternal)
		}
	}()
	if c.mod != nil {
		if c.mod.IsCommand(req) {
			go func() { c.finish(cl, c.mod.Handle(context.WithoutCancel(ctx), req), "admin") }()
			return
		}
		if req.Kind != KindFeedback && c.mod.Paused(req.Conversation) {
			go c.finish(cl, pausedReply(), CodePaused)
			return
		}
	}
	act, query, rep, outcome := route(cfg, req)
	log.Debug("request", "user", req.User, "channel", req.Conversation.Channel, "runes", utf8.RuneCountInString(req.Text))
	switch act {
	case actReply:
		go c.finish(cl, rep, outcome)
	case actFeedback:
		c.submitFeedback(cl)
	case actRecommend:
		c.recommend(ctx, cl, query)
	}
}

// recommend applies rate limits and queues the recommendation.
func (c *Core) recommend(ctx context.Context, cl *call, query string) {
	req := cl.req
	conv := req.Conversation
	userKey := string(conv.Platform) + "/" + conv.Workspace + "/" + req.User
	chanKey := string(conv.Platform) + "/" + conv.Workspace + "/" + conv.Channel
	refund, scope, retry, ok := c.lim.allow(userKey, chanKey, cl.started)
	if !ok {
		c.obs.RateLimited(scope)
		cl.log.Info("rate limited", "scope", scope, "retry", retry)
		go c.finish(cl, rateLimitedReply(scope, retry), CodeRateLimited)
		return
	}
	if c.durable(req) && c.enqueue(ctx, cl, query, refund) {
		return
	}
	t := newRecTask(ctx, c, cl, query)
	switch err := c.pool.submit(t); err {
	case nil:
	case ErrBusy:
		t.cleanup()
		refund() // the user did nothing wrong: keep their tokens
		go c.finish(cl, busyReply(), CodeBusy)
	default:
		t.cleanup()
		go c.finish(cl, stoppedReply(), CodeStopped)
	}
}

// recordVote stores a vote and then acknowledges it ephemerally (a feedback pool
// worker runs it): the "thanks" is only sent for a vote the store has.
func (c *Core) recordVote(cl *call) {
	req := cl.req
	ack := thanksReply()
	outcome := "feedback"
	if c.fb == nil {
		cl.log.Info("feedback (not recorded)", "helpful", req.Helpful, "reply_ref", req.ReplyRef)
	} else {
		ctx, cancel := context.WithTimeout(context.WithoutCancel(cl.rp.base), cl.cfg.ReplyTimeout)
		err := safeCall(func() error {
			return c.fb.RecordFeedback(ctx, Feedback{
				RequestID: req.ID, ReplyRef: req.ReplyRef, Conversation: req.Conversation,
				User: req.User, Helpful: req.Helpful, At: c.now(),
			})
		})
		cancel()
		if err != nil {
			cl.log.Warn("feedback not recorded", "err", err)
			ack = errorReply(CodeFeedback, "Thanks! I couldn't save your feedback just now, though.")
			ack.Ephemeral = true
			outcome = CodeFeedback
		} else if c.fbs.votes != nil {
			c.fbs.votes.Remove(voteKey(req, !req.Helpful))
			c.fbs.votes.Add(voteKey(req, req.Helpful))
		}
	}
	c.finish(cl, ack, outcome)
}

// finish delivers the final reply of a tracked request and records it.
func (c *Core) finish(cl *call, rep Reply, outcome string) {
	defer c.release(cl)
	c.deliver(cl, rep, outcome)
}

// deliver sends the final reply (if none was sent yet) and records the outcome.
func (c *Core) deliver(cl *call, rep Reply, outcome string) { c.deliverAfter(cl, rep, outcome, nil) }

// deliverAfter is deliver with commit run between claiming the final reply and
// sending it: what the answer records (request record, thread turn) is written
// once, by the one that claimed it, and before the user can follow up.
func (c *Core) deliverAfter(cl *call, rep Reply, outcome string, commit func()) {
	if !cl.rp.claim(&rep) {
		return
	}
	if commit != nil {
		commit()
	}
	cl.rp.send(rep)
	d := c.now().Sub(cl.started)
	c.obs.Request(string(cl.req.Conversation.Platform), string(cl.req.Kind), outcome, d)
	cl.log.Info("request done", "outcome", outcome, "dur", d)
}
