package bot

import (
	"context"
	"sync"
)

// jobWorkers are the goroutines that take durable jobs (RunJobs). Their number
// follows bot.workers like the local pool's: SetConfig resizes them. A retired
// worker stops waiting for jobs at once; one running a job finishes it first
// (the job's lease is not tied to the worker).
type jobWorkers struct {
	mu    sync.Mutex
	ctx   context.Context           // RunJobs's; nil before it
	loop  func(ctx context.Context) // one worker, until its ctx ends
	stops []context.CancelFunc      // one per worker; the last ones retire first
}

// start records ctx and loop and starts n workers.
func (w *jobWorkers) start(ctx context.Context, n int, loop func(ctx context.Context)) {
	w.mu.Lock()
	w.ctx, w.loop = ctx, loop
	w.mu.Unlock()
	w.resize(n)
}

// resize starts or retires workers until n run; before RunJobs it does nothing.
func (w *jobWorkers) resize(n int) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.ctx == nil {
		return
	}
	for len(w.stops) < n {
		ctx, cancel := context.WithCancel(w.ctx)
		w.stops = append(w.stops, cancel)
		go w.loop(ctx)
	}
	for len(w.stops) > n {
		w.stops[len(w.stops)-1]()
		w.stops = w.stops[:len(w.stops)-1]
	}
}
