package bot

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// ProbeKind says what a failing readiness probe means for /readyz.
type ProbeKind int

// Probe kinds.
const (
	// ProbeRequired: failing (or not yet checked) makes the service not ready (503).
	ProbeRequired ProbeKind = iota
	// ProbeOptional: failing leaves the service ready but degraded (200), e.g. the LLM
	// is down and answers are retrieval-only.
	ProbeOptional
	// ProbePlatform: a chat platform; one failing is a degradation (200, the others
	// keep serving), every platform failing makes the service not ready (503).
	ProbePlatform
)

// Probe is one readiness check.
type Probe struct {
	Name string
	Kind ProbeKind
	// Every is how often Run calls Check in the background, each call bounded by
	// Timeout. Every == 0 marks a check that only reads state kept by its owner
	// (it must not block): it is evaluated on each request instead.
	Every   time.Duration
	Timeout time.Duration
	Check   func(ctx context.Context) error
}

// Readiness answers /readyz from state kept up to date in the background, so a
// stalled dependency (an LLM that accepts connections and never answers) never
// slows the answer down: it only shows up as that probe's last result, or as
// "checking" until its first check returns.
type Readiness struct {
	probes []*probeState
	once   sync.Once
}

type probeState struct {
	Probe
	last atomic.Pointer[probeResult] // nil until the first check returned
}

type probeResult struct {
	err error
	at  time.Time
}

// NewReadiness returns readiness over probes; start the background checks with Run.
func NewReadiness(probes ...Probe) *Readiness {
	r := &Readiness{}
	for _, p := range probes {
		if p.Timeout <= 0 {
			p.Timeout = 5 * time.Second
		}
		r.probes = append(r.probes, &probeState{Probe: p})
	}
	return r
}

// Run checks every background probe at once and then every Probe.Every until
// ctx ends; it returns immediately (the checks run on their own goroutines, one
// per probe). Only the first call has any effect.
func (r *Readiness) Run(ctx context.Context) {
	r.once.Do(func() {
		for _, p := range r.probes {
			if p.Every > 0 {
				go p.loop(ctx)
			}
		}
	})
}

func (p *probeState) loop(ctx context.Context) {
	t := time.NewTicker(p.Every)
	defer t.Stop()
	for {
		cctx, cancel := context.WithTimeout(ctx, p.Timeout)
		err := p.Check(cctx)
		cancel()
		if ctx.Err() != nil {
			return
		}
		p.last.Store(&probeResult{err: err, at: time.Now()})
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// result returns the probe's current result; known is false before a background
// probe's first check returned.
func (p *probeState) result() (err error, known bool) {
	if p.Every == 0 {
		return p.Check(context.Background()), true
	}
	if res := p.last.Load(); res != nil {
		return res.err, true
	}
	return nil, false
}

// Status returns whether the service is ready and a report: a first line
// ("ready", "ready, degraded" or "not ready"), then one line per probe
// ("llm: ok", "slack: not ready: …", "llm: checking").
func (r *Readiness) Status() (ready bool, report string) {
	ready = true
	degraded := false
	platforms, platformsUp := 0, 0
	var lines []string
	for _, p := range r.probes {
		err, known := p.result()
		line := p.Name + ": ok"
		switch {
		case !known:
			line = p.Name + ": checking"
		case err != nil:
			line = fmt.Sprintf("%s: not ready: %v", p.Name, err)
			if p.Kind == ProbeOptional {
				line = fmt.Sprintf("%s: degraded: %v", p.Name, err)
			}
		}
		ok := known && err == nil
		switch p.Kind {
		case ProbeRequired:
			ready = ready && ok
		case ProbeOptional:
			degraded = degraded || (known && err != nil)
		case ProbePlatform:
			platforms++
			if ok {
				platformsUp++
			} else {
				degraded = true
			}
		}
		lines = append(lines, line)
	}
	if platforms > 0 && platformsUp == 0 {
		ready = false
	}
	head := "ready"
	switch {
	case !ready:
		head = "not ready"
	case degraded:
		head = "ready, degraded"
	}
	return ready, strings.Join(append([]string{head}, lines...), "\n")
}
