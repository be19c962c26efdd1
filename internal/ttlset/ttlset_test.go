package ttlset

import (
	"fmt"
	"testing"
	"time"
)

func TestTTLSet(t *testing.T) {
	now := time.Unix(1700000000, 0)
	s := New(time.Minute, 3)
	s.SetClock(func() time.Time { return now })

	if !s.Add("a") || s.Add("a") {
		t.Fatal("Add must report absent then present")
	}
	if !s.Has("a") || s.Has("b") {
		t.Fatal("Has wrong")
	}
	now = now.Add(30 * time.Second)
	s.Add("b")
	now = now.Add(31 * time.Second) // a expired, b not
	if s.Has("a") || !s.Has("b") {
		t.Fatal("expiry wrong")
	}
	if !s.Add("a") {
		t.Fatal("expired key must be addable again")
	}
	for i := range 5 {
		s.Add(fmt.Sprint("k", i))
	}
	if s.Len() != 3 {
		t.Fatalf("Len = %d, want bound 3", s.Len())
	}
	if s.Has("b") || !s.Has("k4") {
		t.Fatal("oldest entries must be evicted first")
	}
	if !s.Remove("k4") || s.Has("k4") || s.Remove("k4") {
		t.Fatal("Remove must delete a present key once")
	}
}
