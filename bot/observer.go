package bot

import "time"

// Observer receives the core's measurements; implementations must be safe for
// concurrent use and must not block.
type Observer interface {
	// Request records one finished request with its outcome ("ok", "help", or an error code).
	Request(platform, kind, outcome string, d time.Duration)
	// Stage records the duration of one stage ("queue", "recommend", "retrieve", "generate", ...).
	Stage(stage string, d time.Duration)
	// QueueDepth records the number of requests waiting for a worker.
	QueueDepth(n int)
	// RateLimited records a request refused by the "user" or "channel" bucket.
	RateLimited(scope string)
	// Fallback records an answer the chain produced without the LLM (retrieval only).
	Fallback()
	// UngroundedDropped records article ids the model invented and grounding removed.
	UngroundedDropped(n int)
}

// NopObserver discards every measurement.
type NopObserver struct{}

var _ Observer = NopObserver{}

// Request implements Observer.
func (NopObserver) Request(string, string, string, time.Duration) {}

// Stage implements Observer.
func (NopObserver) Stage(string, time.Duration) {}

// QueueDepth implements Observer.
func (NopObserver) QueueDepth(int) {}

// RateLimited implements Observer.
func (NopObserver) RateLimited(string) {}

// Fallback implements Observer.
func (NopObserver) Fallback() {}

// UngroundedDropped implements Observer.
func (NopObserver) UngroundedDropped(int) {}
