package rag

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/tmc/langchaingo/llms"
)

// Backend is one model server of a Pool: a langchaingo model that can say
// whether its server answers and serves the model. *OllamaModel and
// *OpenAIModel implement it.
type Backend interface {
	llms.Model
	Check(ctx context.Context) error
	URL() string // the server's URL without credentials, as logs and metrics show it
}

// PoolObserver receives a pool's per-server events, for metrics. server is the
// server's URL without credentials. outcome is one of the Outcome* constants.
type PoolObserver interface {
	ServerRequest(server, outcome string, d time.Duration)
	ServerInFlight(server string, n int)
	ServerHealth(server string, up bool)
}

// Outcomes of one request to one model server, as PoolObserver sees them.
const (
	OutcomeOK        = "ok"        // the server answered
	OutcomeFailover  = "failover"  // it failed before streaming anything; another server was tried
	OutcomeError     = "error"     // it failed and no other server could be tried, or after text was streamed
	OutcomeCancelled = "cancelled" // the caller's deadline passed or the caller gave up
)

// ErrNoServer is returned (wrapped in a *PoolError) when every model server of
// a pool failed a request or a health check.
var ErrNoServer = errors.New("rag: no model server answered")

// ErrFirstTokenTimeout is an attempt abandoned because the server produced no
// output within llm.first_token_timeout while another server could still answer.
var ErrFirstTokenTimeout = errors.New("rag: no first token in time")

// Attempt is one server's failure within a PoolError.
type Attempt struct {
	Server string // URL without credentials
	Err    error
}

// PoolError reports that every server of a pool failed: each server's error,
// in the order they were tried. errors.Is matches ErrNoServer and every
// attempt's error (ErrUnreachable, ErrModelNotFound, ErrServerStatus, …).
type PoolError struct {
	Attempts []Attempt
}

// Error implements error.
func (e *PoolError) Error() string {
	var parts []string
	for _, a := range e.Attempts {
		parts = append(parts, a.Err.Error())
	}
	return fmt.Sprintf("%v: all %d model servers failed (%s); start or fix one of them, or check llm.urls", ErrNoServer, len(e.Attempts), strings.Join(parts, "; "))
}

// Unwrap returns ErrNoServer and every attempt's error.
func (e *PoolError) Unwrap() []error {
	out := []error{ErrNoServer}
	for _, a := range e.Attempts {
		out = append(out, a.Err)
	}
	return out
}

// Health states of a pool's server.
const (
	stateUnknown int32 = iota // not checked yet: used like a healthy server
	stateUp
	stateDown
)

type server struct {
	b        Backend
	inFlight int   // guarded by Pool.mu
	state    int32 // guarded by Pool.mu
	lastErr  error // guarded by Pool.mu: why it is down
}

// Pool is a langchaingo llms.Model over several model servers serving the same
// model: each request goes to the healthy server with the fewest requests in
// flight (ties in turn); a server that fails before any text was streamed to
// the caller (unreachable, HTTP 5xx/429, model missing, stream cut, no first
// token within the first-token timeout) is marked down and the request moves
// to the next server within the caller's deadline. Once text has been streamed
// the request's error is returned as is: the caller already showed part of an
// answer. Servers marked down are tried last (a mark may be stale), and come
// back up with a successful health check (Run, CheckNow).
type Pool struct {
	mu         sync.Mutex
	servers    []*server
	turn       int // rotates ties
	firstToken atomic.Int64
	obs        PoolObserver
	log        *slog.Logger
}

var _ llms.Model = (*Pool)(nil)

// PoolOption configures a Pool.
type PoolOption func(*Pool)

// WithPoolObserver reports per-server requests, in-flight counts and health to o.
func WithPoolObserver(o PoolObserver) PoolOption { return func(p *Pool) { p.obs = o } }

// WithPoolLogger logs health transitions and failovers to l.
func WithPoolLogger(l *slog.Logger) PoolOption { return func(p *Pool) { p.log = l } }

// NewPool returns a pool over backends (at least one), failing over after
// firstToken without output (0: only on errors) while another server remains.
func NewPool(backends []Backend, firstToken time.Duration, opts ...PoolOption) (*Pool, error) {
	if len(backends) == 0 {
		return nil, errors.New("rag: a model server pool needs at least one server")
	}
	p := &Pool{log: slog.New(slog.DiscardHandler)}
	for _, o := range opts {
		o(p)
	}
	for _, b := range backends {
		p.servers = append(p.servers, &server{b: b})
	}
	p.firstToken.Store(int64(firstToken))
	return p, nil
}

// SetFirstTokenTimeout changes the first-token timeout for requests that start later.
func (p *Pool) SetFirstTokenTimeout(d time.Duration) { p.firstToken.Store(int64(d)) }

// Servers returns the servers' URLs (without credentials), in configured order.
func (p *Pool) Servers() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	out := make([]string, len(p.servers))
	for i, s := range p.servers {
		out[i] = s.b.URL()
	}
	return out
}

// Call implements llms.Model.
func (p *Pool) Call(ctx context.Context, prompt string, options ...llms.CallOption) (string, error) {
	return llms.GenerateFromSinglePrompt(ctx, p, prompt, options...)
}

// GenerateContent implements llms.Model: the request goes to one server, and
// on to the next while the servers fail before streaming anything.
func (p *Pool) GenerateContent(ctx context.Context, msgs []llms.MessageContent, options ...llms.CallOption) (*llms.ContentResponse, error) {
	var opts llms.CallOptions
	for _, o := range options {
		o(&opts)
	}
	tried := map[*server]bool{}
	var attempts []Attempt
	for {
		s, more := p.acquire(tried)
		if s == nil {
			break
		}
		tried[s] = true
		resp, streamed, err := p.try(ctx, s, msgs, options, opts.StreamingFunc, more)
		if err == nil {
			return resp, nil
		}
		if ctx.Err() != nil || streamed || !retryable(err) {
			return nil, err
		}
		attempts = append(attempts, Attempt{Server: s.b.URL(), Err: err})
		if more {
			p.log.Warn("model server failed; trying another", "server", s.b.URL(), "err", err)
		}
	}
	if len(attempts) == 1 { // a pool of one: the server's own error says it best
		return nil, attempts[0].Err
	}
	return nil, &PoolError{Attempts: attempts}
}

// try sends the request to s (acquired), releases it, and reports whether any
// text reached the caller's streaming func.
func (p *Pool) try(ctx context.Context, s *server, msgs []llms.MessageContent, options []llms.CallOption, stream func(context.Context, []byte) error, more bool) (*llms.ContentResponse, bool, error) {
	actx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	var got, streamed atomic.Bool
	if ft := time.Duration(p.firstToken.Load()); ft > 0 && more {
		t := time.AfterFunc(ft, func() {
			if !got.Load() {
				cancel(fmt.Errorf("%w: %s sent nothing within llm.first_token_timeout (%s)", ErrFirstTokenTimeout, s.b.URL(), ft))
			}
		})
		defer t.Stop()
	}
	// Always stream from the server, to see the first token and to know whether
	// anything reached the caller.
	watch := llms.WithStreamingFunc(func(ctx context.Context, chunk []byte) error {
		got.Store(true)
		if stream == nil || len(chunk) == 0 {
			return nil
		}
		streamed.Store(true)
		return stream(ctx, chunk)
	})
	t0 := time.Now()
	resp, err := s.b.GenerateContent(actx, msgs, append(append([]llms.CallOption(nil), options...), watch)...)
	d := time.Since(t0)
	if err != nil && ctx.Err() == nil {
		if cause := context.Cause(actx); errors.Is(cause, ErrFirstTokenTimeout) {
			err = cause
		}
	}
	outcome := OutcomeOK
	switch {
	case err == nil:
		p.markUp(s)
	case ctx.Err() != nil:
		outcome = OutcomeCancelled
	case streamed.Load() || !retryable(err):
		outcome = OutcomeError
	default:
		outcome = OutcomeFailover
		if !more {
			outcome = OutcomeError
		}
		p.markDown(s, err)
	}
	p.release(s)
	if p.obs != nil {
		p.obs.ServerRequest(s.b.URL(), outcome, d)
	}
	return resp, streamed.Load(), err
}

// retryable reports whether another server may answer where this one failed.
func retryable(err error) bool {
	for _, e := range []error{ErrUnreachable, ErrServerStatus, ErrModelNotFound, ErrIncomplete, ErrFirstTokenTimeout} {
		if errors.Is(err, e) {
			return true
		}
	}
	return false
}

// acquire picks the server for the next attempt among those not tried and
// counts it in flight: the least loaded healthy (or unchecked) server, ties in
// turn; servers marked down only when no other is left. more says whether
// another server would remain after this one.
func (p *Pool) acquire(tried map[*server]bool) (s *server, more bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	n := len(p.servers)
	left := 0
	for i := range n {
		c := p.servers[(p.turn+i)%n]
		if tried[c] {
			continue
		}
		left++
		if s == nil || better(c, s) {
			s = c
		}
	}
	if s == nil {
		return nil, false
	}
	p.turn = (p.turn + 1) % n
	s.inFlight++
	if p.obs != nil {
		p.obs.ServerInFlight(s.b.URL(), s.inFlight)
	}
	return s, left > 1
}

// better reports whether c is a better pick than s: up (or unchecked) before
// down, then fewer requests in flight.
func better(c, s *server) bool {
	if cd, sd := c.state == stateDown, s.state == stateDown; cd != sd {
		return sd
	}
	return c.inFlight < s.inFlight
}

func (p *Pool) release(s *server) {
	p.mu.Lock()
	s.inFlight--
	n := s.inFlight
	p.mu.Unlock()
	if p.obs != nil {
		p.obs.ServerInFlight(s.b.URL(), n)
	}
}

func (p *Pool) markUp(s *server) { p.setState(s, nil) }

func (p *Pool) markDown(s *server, err error) { p.setState(s, err) }

// setState records a server's health (err == nil: up), logging and reporting changes.
func (p *Pool) setState(s *server, err error) {
	st := stateUp
	if err != nil {
		st = stateDown
	}
	p.mu.Lock()
	prev := s.state
	s.state, s.lastErr = st, err
	p.mu.Unlock()
	if prev == st {
		return
	}
	if err != nil {
		p.log.Warn("model server down", "server", s.b.URL(), "err", err)
	} else if prev == stateDown {
		p.log.Info("model server up again", "server", s.b.URL())
	}
	if p.obs != nil {
		p.obs.ServerHealth(s.b.URL(), err == nil)
	}
}

// Redact returns rawURL without user info, query and fragment, for logs and
// metrics (a URL may carry credentials).
func Redact(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil {
		return "(unparsable URL)"
	}
	u.User, u.RawQuery, u.Fragment = nil, "", ""
	return u.String()
}
