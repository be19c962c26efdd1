package bot

import (
	"context"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// replier delivers the replies of one request: any number of partial replies,
// then exactly one final reply. Calls to the adapter's ReplyFunc never overlap
// and nothing is delivered after the final reply.
type replier struct {
	fn      ReplyFunc
	base    context.Context // values of the adapter's context, without its cancellation
	timeout time.Duration
	log     *slog.Logger
	ref     string

	mu      sync.Mutex // held while calling fn
	final   atomic.Bool
	sending atomic.Bool // a partial is being delivered

	// commit, when set, is asked after the local compare-and-swap whether this
	// process may deliver the final reply (a durable job stores it in the queue
	// first: another replica may have answered already); false delivers nothing.
	commit func(Reply) bool
}

func newReplier(ctx context.Context, fn ReplyFunc, timeout time.Duration, log *slog.Logger, ref string) *replier {
	return &replier{fn: fn, base: context.WithoutCancel(ctx), timeout: timeout, log: log, ref: ref}
}

// done reports whether the final reply was claimed.
func (r *replier) done() bool { return r.final.Load() }

// finish delivers the final reply; only the first call has any effect and it
// reports whether it was the one.
func (r *replier) finish(rep Reply) bool {
	if !r.claim(&rep) {
		return false
	}
	r.send(rep)
	return true
}

// claim makes rep the final reply (Partial cleared, Ref defaulted) if no final
// reply was claimed before, here or (for a durable job) by another replica; only
// the first call can succeed. The caller then sends it.
func (r *replier) claim(rep *Reply) bool {
	if !r.final.CompareAndSwap(false, true) {
		return false
	}
	rep.Partial = false
	if rep.Ref == "" {
		rep.Ref = r.ref
	}
	return r.commit == nil || r.commit(*rep)
}

// send delivers the claimed final reply.
func (r *replier) send(rep Reply) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.call(rep)
}

// partial delivers a streaming update in the background unless one is already
// on its way or the final reply was claimed; it never blocks the caller.
func (r *replier) partial(rep Reply) {
	if r.final.Load() || !r.sending.CompareAndSwap(false, true) {
		return
	}
	rep.Partial = true
	rep.Ref = r.ref
	go func() {
		defer r.sending.Store(false)
		r.mu.Lock()
		defer r.mu.Unlock()
		if r.final.Load() {
			return
		}
		r.call(rep)
	}()
}

func (r *replier) call(rep Reply) {
	ctx, cancel := context.WithTimeout(r.base, r.timeout)
	defer cancel()
	defer func() {
		if p := recover(); p != nil {
			r.log.Error("reply func panicked", "panic", p, "partial", rep.Partial)
		}
	}()
	if err := r.fn(ctx, rep); err != nil {
		r.log.Warn("reply not delivered", "err", err, "partial", rep.Partial)
	}
}

// streamer turns chunks streamed by the recommender into throttled partial replies.
type streamer struct {
	r        *replier
	interval time.Duration
	mu       sync.Mutex
	text     strings.Builder
	last     time.Time
}

// chunk is a StreamFunc.
func (s *streamer) chunk(ctx context.Context, c string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.mu.Lock()
	s.text.WriteString(c)
	now := time.Now()
	if s.r.done() || now.Sub(s.last) < s.interval || strings.TrimSpace(s.text.String()) == "" {
		s.mu.Unlock()
		return nil
	}
	s.last = now
	text := s.text.String()
	s.mu.Unlock()
	s.r.partial(Reply{Text: text})
	return nil
}
