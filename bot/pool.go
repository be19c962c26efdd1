package bot

import (
	"sync"
)

// task is one unit of queued work.
type task interface {
	// run does the work; it is called on a pool goroutine.
	run()
	// drop is called instead of run when the pool is stopped before the task started.
	drop()
}

// pool runs tasks on at most workers goroutines with at most queueCap waiting.
// Both limits can change at runtime; goroutines exist only while there is work.
type pool struct {
	mu       sync.Mutex
	workers  int
	queueCap int
	queue    []task
	running  int
	closed   bool
	idle     chan struct{} // closed when closed && running == 0 && len(queue) == 0
	depth    func(int)     // observes the queue length after each change
}

func newPool(workers, queueCap int, depth func(int)) *pool {
	if depth == nil {
		depth = func(int) {}
	}
	return &pool{workers: workers, queueCap: queueCap, idle: make(chan struct{}), depth: depth}
}

// submit starts t, queues it, or refuses with ErrBusy (full) or ErrStopped (closed).
func (p *pool) submit(t task) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	switch {
	case p.closed:
		return ErrStopped
	case p.running < p.workers:
		p.running++
		go p.loop(t)
		return nil
	case len(p.queue) < p.queueCap:
		p.queue = append(p.queue, t)
		p.depth(len(p.queue))
		return nil
	default:
		return ErrBusy
	}
}

// loop runs t and then queued tasks while the worker limit allows.
func (p *pool) loop(t task) {
	for t != nil {
		t.run()
		t = p.next()
	}
}

// next pops the next task for a finishing worker, or retires the worker.
func (p *pool) next() task {
	p.mu.Lock()
	defer p.mu.Unlock()
	if len(p.queue) > 0 && p.running <= p.workers {
		t := p.queue[0]
		p.queue[0] = nil
		p.queue = p.queue[1:]
		p.depth(len(p.queue))
		return t
	}
	p.running--
	p.checkIdleLocked()
	return nil
}

// resize changes the limits; extra queued tasks start at once when workers grow.
// Shrinking never drops queued tasks: the queue just accepts no more until it drains.
func (p *pool) resize(workers, queueCap int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.workers, p.queueCap = workers, queueCap
	for !p.closed && p.running < p.workers && len(p.queue) > 0 {
		t := p.queue[0]
		p.queue[0] = nil
		p.queue = p.queue[1:]
		p.running++
		go p.loop(t)
	}
	p.depth(len(p.queue))
}

// close stops accepting tasks; queued and running ones continue. It returns a
// channel closed once the pool is idle.
func (p *pool) close() <-chan struct{} {
	p.mu.Lock()
	defer p.mu.Unlock()
	if !p.closed {
		p.closed = true
		p.checkIdleLocked()
	}
	return p.idle
}

// dropQueued removes every queued task and calls drop on each; it returns how many.
func (p *pool) dropQueued() int {
	p.mu.Lock()
	q := p.queue
	p.queue = nil
	p.depth(0)
	p.checkIdleLocked()
	p.mu.Unlock()
	for _, t := range q {
		t.drop()
	}
	return len(q)
}

// stats returns the running and queued task counts.
func (p *pool) stats() (running, queued int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.running, len(p.queue)
}

func (p *pool) checkIdleLocked() {
	if p.closed && p.running == 0 && len(p.queue) == 0 {
		select {
		case <-p.idle:
		default:
			close(p.idle)
		}
	}
}
