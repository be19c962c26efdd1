package bot

import (
	"sync"
	"testing"
	"time"
)

type testTask struct {
	release chan struct{}
	ran     chan struct{}
	dropped chan struct{}
}

func newTestTask() *testTask {
	return &testTask{release: make(chan struct{}), ran: make(chan struct{}), dropped: make(chan struct{})}
}
func (t *testTask) run()  { close(t.ran); <-t.release }
func (t *testTask) drop() { close(t.dropped) }

func waitCh(t *testing.T, ch chan struct{}, what string) {
	t.Helper()
	select {
	case <-ch:
	case <-time.After(5 * time.Second):
		t.Fatalf("%s did not happen", what)
	}
}

func TestPool(t *testing.T) {
	t.Run("limits and resize", func(t *testing.T) {
		p := newPool(1, 1, nil)
		a, b, c := newTestTask(), newTestTask(), newTestTask()
		if p.submit(a) != nil || p.submit(b) != nil {
			t.Fatal("refused within limits")
		}
		if err := p.submit(c); err != ErrBusy {
			t.Fatalf("third submit = %v, want ErrBusy", err)
		}
		waitCh(t, a.ran, "a ran")
		p.resize(2, 1)
		waitCh(t, b.ran, "b started after growing")
		if r, q := p.stats(); r != 2 || q != 0 {
			t.Errorf("running %d queued %d", r, q)
		}
		close(a.release)
		close(b.release)
		idle := p.close()
		waitCh(t, castDone(idle), "idle")
		if err := p.submit(c); err != ErrStopped {
			t.Errorf("submit after close = %v", err)
		}
	})
	t.Run("shrink retires workers", func(t *testing.T) {
		p := newPool(2, 10, nil)
		ts := []*testTask{newTestTask(), newTestTask(), newTestTask(), newTestTask()}
		for _, x := range ts {
			_ = p.submit(x)
		}
		waitCh(t, ts[0].ran, "0 ran")
		waitCh(t, ts[1].ran, "1 ran")
		p.resize(1, 10)
		close(ts[0].release)
		close(ts[1].release)
		waitCh(t, ts[2].ran, "2 ran")
		time.Sleep(20 * time.Millisecond)
		if r, q := p.stats(); r != 1 || q != 1 {
			t.Errorf("running %d queued %d after shrinking to 1", r, q)
		}
		close(ts[2].release)
		close(ts[3].release)
	})
	t.Run("drop queued", func(t *testing.T) {
		var mu sync.Mutex
		depths := []int{}
		p := newPool(1, 5, func(n int) { mu.Lock(); depths = append(depths, n); mu.Unlock() })
		a, b := newTestTask(), newTestTask()
		_ = p.submit(a)
		_ = p.submit(b)
		waitCh(t, a.ran, "a ran")
		idle := p.close()
		if n := p.dropQueued(); n != 1 {
			t.Fatalf("dropped %d", n)
		}
		waitCh(t, b.dropped, "b dropped")
		close(a.release)
		waitCh(t, castDone(idle), "idle")
		mu.Lock()
		defer mu.Unlock()
		if len(depths) < 2 || depths[0] != 1 || depths[len(depths)-1] != 0 {
			t.Errorf("depths %v", depths)
		}
	})
}

func castDone(c <-chan struct{}) chan struct{} {
	out := make(chan struct{})
	go func() { <-c; close(out) }()
	return out
}
