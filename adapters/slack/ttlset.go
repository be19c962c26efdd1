package slackadapter

import (
	"container/list"
	"sync"
	"time"
)

// ttlSet is a bounded set of strings whose entries expire after a fixed TTL.
// It backs event de-duplication (event_id) and the record of threads the bot
// started. Entries are kept in insertion order, which is also expiry order, so
// eviction is O(1) per entry.
type ttlSet struct {
	mu    sync.Mutex
	ttl   time.Duration
	max   int
	now   func() time.Time
	order *list.List               // of *ttlEntry, oldest first
	index map[string]*list.Element // key -> element in order
}

type ttlEntry struct {
	key     string
	expires time.Time
}

func newTTLSet(ttl time.Duration, max int) *ttlSet {
	return &ttlSet{ttl: ttl, max: max, now: time.Now, order: list.New(), index: make(map[string]*list.Element)}
}

// Add inserts key and reports whether it was absent (or expired). A present key
// keeps its original expiry.
func (s *ttlSet) Add(key string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	s.expireLocked(now)
	if _, ok := s.index[key]; ok {
		return false
	}
	s.index[key] = s.order.PushBack(&ttlEntry{key: key, expires: now.Add(s.ttl)})
	for s.order.Len() > s.max {
		s.removeLocked(s.order.Front())
	}
	return true
}

// Has reports whether key is present and unexpired.
func (s *ttlSet) Has(key string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.expireLocked(s.now())
	_, ok := s.index[key]
	return ok
}

// Len returns the number of unexpired entries.
func (s *ttlSet) Len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.expireLocked(s.now())
	return s.order.Len()
}

func (s *ttlSet) expireLocked(now time.Time) {
	for e := s.order.Front(); e != nil && !now.Before(e.Value.(*ttlEntry).expires); e = s.order.Front() {
		s.removeLocked(e)
	}
}

func (s *ttlSet) removeLocked(e *list.Element) {
	delete(s.index, e.Value.(*ttlEntry).key)
	s.order.Remove(e)
}
