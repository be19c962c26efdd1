// Package ttlset is a bounded set of strings whose entries expire after a fixed
// TTL. It is the one de-duplication mechanism of the adapters (Slack event_id and
// trigger_id, Discord interaction and message ids, the threads the bot takes part
// in) and of the core's feedback votes. Entries are kept in insertion order, which
// is also expiry order, so eviction is O(1) per entry and memory is bounded by Max.
package ttlset

import (
	"container/list"
	"sync"
	"time"
)

// Set is safe for concurrent use. Create it with New.
type Set struct {
	mu    sync.Mutex
	ttl   time.Duration
	max   int
	now   func() time.Time
	order *list.List               // of *entry, oldest first
	index map[string]*list.Element // key -> element in order
}

type entry struct {
	key     string
	expires time.Time
}

// New returns a set whose entries live for ttl, holding at most maxEntries entries
// (the oldest are evicted first; < 1 means 1).
func New(ttl time.Duration, maxEntries int) *Set {
	return &Set{ttl: ttl, max: max(maxEntries, 1), now: time.Now, order: list.New(), index: make(map[string]*list.Element)}
}

// SetClock replaces time.Now (tests).
func (s *Set) SetClock(now func() time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.now = now
}

// Add inserts key and reports whether it was absent (or expired). A present key
// keeps its original expiry.
func (s *Set) Add(key string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	s.expireLocked(now)
	if _, ok := s.index[key]; ok {
		return false
	}
	s.index[key] = s.order.PushBack(&entry{key: key, expires: now.Add(s.ttl)})
	for s.order.Len() > s.max {
		s.removeLocked(s.order.Front())
	}
	return true
}

// Has reports whether key is present and unexpired.
func (s *Set) Has(key string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.expireLocked(s.now())
	_, ok := s.index[key]
	return ok
}

// Remove deletes key; it reports whether it was present.
func (s *Set) Remove(key string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	e, ok := s.index[key]
	if ok {
		s.removeLocked(e)
	}
	return ok
}

// Len returns the number of unexpired entries.
func (s *Set) Len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.expireLocked(s.now())
	return s.order.Len()
}

func (s *Set) expireLocked(now time.Time) {
	for e := s.order.Front(); e != nil && !now.Before(e.Value.(*entry).expires); e = s.order.Front() {
		s.removeLocked(e)
	}
}

func (s *Set) removeLocked(e *list.Element) {
	delete(s.index, e.Value.(*entry).key)
	s.order.Remove(e)
}
