package rag

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"
)

// Run checks every server's health at once and then every interval until ctx
// ends, each round bounded by timeout (interval when timeout <= 0). It blocks;
// run it on its own goroutine.
func (p *Pool) Run(ctx context.Context, interval, timeout time.Duration) {
	if timeout <= 0 || timeout > interval {
		timeout = interval
	}
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		cctx, cancel := context.WithTimeout(ctx, timeout)
		p.CheckNow(cctx)
		cancel()
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// CheckNow checks every server concurrently (the server answers and serves the
// model) and records each one up or down. A check cut short by ctx's end
// records nothing when the caller gave up (ctx cancelled) and marks the server
// down when ctx's deadline passed (the server did not answer in time).
func (p *Pool) CheckNow(ctx context.Context) {
	p.mu.Lock()
	servers := append([]*server(nil), p.servers...)
	p.mu.Unlock()
	var wg sync.WaitGroup
	for _, s := range servers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			err := s.b.Check(ctx)
			if err != nil && ctx.Err() == context.Canceled {
				return
			}
			if err != nil && ctx.Err() != nil {
				err = fmt.Errorf("%w at %s: health check got no answer in time", ErrUnreachable, s.b.URL())
			}
			p.setState(s, err)
		}()
	}
	wg.Wait()
}

// Check implements the chain's model check (Chain.CheckLLM): it checks every
// server now and returns nil when at least one is up, else the error of each.
func (p *Pool) Check(ctx context.Context) error {
	p.CheckNow(ctx)
	h := p.Health()
	if h.Up > 0 {
		return nil
	}
	return h.Err()
}

// PoolHealth is a snapshot of a pool's servers.
type PoolHealth struct {
	Up, Down, Unknown int
	Servers           []ServerHealth // in configured order
}

// ServerHealth is one server's state in a PoolHealth.
type ServerHealth struct {
	URL      string // without credentials
	State    string // "up", "down" or "unknown" (not checked yet)
	InFlight int
	Err      error // why it is down
}

// Health returns the servers' last known state, without any I/O.
func (p *Pool) Health() PoolHealth {
	p.mu.Lock()
	defer p.mu.Unlock()
	var h PoolHealth
	for _, s := range p.servers {
		sh := ServerHealth{URL: s.b.URL(), InFlight: s.inFlight, Err: s.lastErr}
		switch s.state {
		case stateUp:
			h.Up++
			sh.State = "up"
		case stateDown:
			h.Down++
			sh.State = "down"
		default:
			h.Unknown++
			sh.State = "unknown"
		}
		h.Servers = append(h.Servers, sh)
	}
	return h
}

// Err summarises the snapshot for readiness: nil when every server is up;
// otherwise which servers are down or not checked yet. With a single server
// its own error is returned as is.
func (h PoolHealth) Err() error {
	if h.Down == 0 && h.Unknown == 0 {
		return nil
	}
	if len(h.Servers) == 1 && h.Servers[0].Err != nil {
		return h.Servers[0].Err
	}
	if h.Up == 0 && h.Down == 0 {
		return fmt.Errorf("checking %d model server(s)", h.Unknown)
	}
	var parts []string
	var attempts []Attempt
	for _, s := range h.Servers {
		switch s.State {
		case "down":
			parts = append(parts, s.Err.Error())
			attempts = append(attempts, Attempt{Server: s.URL, Err: s.Err})
		case "unknown":
			parts = append(parts, s.URL+": not checked yet")
		}
	}
	if h.Up == 0 && h.Unknown == 0 {
		return &PoolError{Attempts: attempts}
	}
	return fmt.Errorf("%d of %d model servers up (%s)", h.Up, len(h.Servers), strings.Join(parts, "; "))
}

// SetBackends replaces the pool's servers at once (a config reload): a server
// whose backend is unchanged (same protocol, URL, model, key and format) keeps
// its health and in-flight count; new servers are checked at once, in the
// background; requests in flight finish on the server they started on.
func (p *Pool) SetBackends(bs []Backend) error {
	if len(bs) == 0 {
		return errors.New("rag: a model server pool needs at least one server")
	}
	p.mu.Lock()
	old := map[string]*server{}
	for _, s := range p.servers {
		old[ident(s.b)] = s
	}
	var next, added []*server
	for _, b := range bs {
		s, ok := old[ident(b)]
		if !ok {
			s = &server{b: b}
			added = append(added, s)
		}
		delete(old, ident(b))
		next = append(next, s)
	}
	p.servers, p.turn = next, 0
	p.mu.Unlock()
	if len(added) > 0 {
		go func() {
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			for _, s := range added {
				if err := s.b.Check(ctx); ctx.Err() == nil {
					p.setState(s, err)
				}
			}
		}()
	}
	return nil
}

// Backends returns the pool's backends in order (to undo a SetBackends).
func (p *Pool) Backends() []Backend {
	p.mu.Lock()
	defer p.mu.Unlock()
	out := make([]Backend, len(p.servers))
	for i, s := range p.servers {
		out[i] = s.b
	}
	return out
}

// ident is what makes two backends the same server (in memory only: it holds the key).
func ident(b Backend) string {
	switch m := b.(type) {
	case *OllamaModel:
		return "ollama|" + m.base.String() + "|" + m.model
	case *OpenAIModel:
		return "openai|" + m.base + "|" + m.model + "|" + m.format + "|" + m.key
	}
	return fmt.Sprintf("%T|%p", b, b)
}
