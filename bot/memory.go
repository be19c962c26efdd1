package bot

import (
	"container/list"
	"context"
	"sync"
	"time"

	"github.com/stylistbot/stylist/history"
)

// TurnStore remembers the turns of conversation threads, keyed by Conversation.Key().
type TurnStore interface {
	// Get returns the thread's turns, oldest first; an unknown key yields nil, nil.
	Get(ctx context.Context, key string) ([]history.Turn, error)
	// Append adds a turn at the end of the thread.
	Append(ctx context.Context, key string, t history.Turn) error
}

// turnLimiter is implemented by stores whose caps follow the core's config.
type turnLimiter interface {
	SetLimits(ttl time.Duration, maxThreads, maxTurns int)
}

// MemoryTurns is an in-process TurnStore with a TTL per thread, a cap on threads
// (least recently answered dropped first) and a cap on turns per thread (oldest dropped).
type MemoryTurns struct {
	mu         sync.Mutex
	ttl        time.Duration
	maxThreads int
	maxTurns   int
	now        func() time.Time
	lru        *list.List // of *thread; front = most recently used
	byKey      map[string]*list.Element
}

var (
	_ TurnStore   = (*MemoryTurns)(nil)
	_ turnLimiter = (*MemoryTurns)(nil)
)

type thread struct {
	key     string
	turns   []history.Turn
	expires time.Time
}

// NewMemoryTurns returns an empty store; non-positive caps fall back to DefaultConfig's.
func NewMemoryTurns(ttl time.Duration, maxThreads, maxTurns int) *MemoryTurns {
	m := &MemoryTurns{now: time.Now, lru: list.New(), byKey: map[string]*list.Element{}}
	m.SetLimits(ttl, maxThreads, maxTurns)
	return m
}

// SetLimits changes the caps; existing threads are trimmed lazily or on the next Append.
func (m *MemoryTurns) SetLimits(ttl time.Duration, maxThreads, maxTurns int) {
	d := DefaultConfig()
	if ttl <= 0 {
		ttl = d.HistoryTTL
	}
	if maxThreads <= 0 {
		maxThreads = d.HistoryMaxThreads
	}
	if maxTurns <= 0 {
		maxTurns = d.HistoryMaxTurns
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.ttl, m.maxThreads, m.maxTurns = ttl, maxThreads, maxTurns
	m.evictLocked(m.now())
}

// Get implements TurnStore; it returns a deep copy.
func (m *MemoryTurns) Get(ctx context.Context, key string) ([]history.Turn, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	el, ok := m.byKey[key]
	if !ok {
		return nil, nil
	}
	th := el.Value.(*thread)
	if !m.now().Before(th.expires) {
		m.removeLocked(el)
		return nil, nil
	}
	turns := th.turns
	if len(turns) > m.maxTurns {
		turns = turns[len(turns)-m.maxTurns:]
	}
	out := make([]history.Turn, len(turns))
	for i, t := range turns {
		t.ArticleIDs = append([]string(nil), t.ArticleIDs...)
		out[i] = t
	}
	return out, nil
}

// Append implements TurnStore; it refreshes the thread's TTL.
func (m *MemoryTurns) Append(ctx context.Context, key string, t history.Turn) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	t.ArticleIDs = append([]string(nil), t.ArticleIDs...)
	m.mu.Lock()
	defer m.mu.Unlock()
	now := m.now()
	el, ok := m.byKey[key]
	if ok && !now.Before(el.Value.(*thread).expires) {
		m.removeLocked(el)
		ok = false
	}
	if !ok {
		el = m.lru.PushFront(&thread{key: key})
		m.byKey[key] = el
	}
	th := el.Value.(*thread)
	th.turns = append(th.turns, t)
	if over := len(th.turns) - m.maxTurns; over > 0 {
		th.turns = append([]history.Turn(nil), th.turns[over:]...)
	}
	th.expires = now.Add(m.ttl)
	m.lru.MoveToFront(el)
	m.evictLocked(now)
	return nil
}

// Len returns the number of remembered threads (expired ones included until evicted).
func (m *MemoryTurns) Len() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.lru.Len()
}

// evictLocked drops threads over the cap and expired threads at the cold end of the list.
func (m *MemoryTurns) evictLocked(now time.Time) {
	for m.lru.Len() > m.maxThreads {
		m.removeLocked(m.lru.Back())
	}
	// Threads are ordered by last append (Get does not reorder), so expiry is monotone.
	for el := m.lru.Back(); el != nil && !now.Before(el.Value.(*thread).expires); el = m.lru.Back() {
		m.removeLocked(el)
	}
}

func (m *MemoryTurns) removeLocked(el *list.Element) {
	delete(m.byKey, el.Value.(*thread).key)
	m.lru.Remove(el)
}
