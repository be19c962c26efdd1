package cluster

import (
	"context"
	"errors"
	"fmt"
	"os"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stylistbot/stylist/internal/pgtest"
	"github.com/stylistbot/stylist/store/storetest"
)

func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }

func take(t *testing.T, q *Queue, within time.Duration) (Job, context.Context) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), within)
	defer cancel()
	j, jctx, err := q.Take(ctx, []string{"slack", "discord"})
	if err != nil {
		t.Fatalf("take: %v", err)
	}
	return j, jctx
}

func TestEnqueueTakeClaimDone(t *testing.T) {
	db := storetest.Pool(t)
	ctx := context.Background()
	q := NewQueue(db, Options{Owner: "a", Poll: 20 * time.Millisecond})
	if err := q.Enqueue(ctx, "r1", "slack", []byte(`{"q":1}`), 0); err != nil {
		t.Fatal(err)
	}
	if err := q.Enqueue(ctx, "r1", "slack", []byte(`{"q":1}`), 0); err != nil {
		t.Fatalf("a replayed id must not be an error: %v", err)
	}
	j, _ := take(t, q, 2*time.Second)
	if j.ID != "r1" || j.Platform != "slack" || j.Attempt != 1 || j.Reply != nil || string(j.Payload) != `{"q": 1}` {
		t.Fatalf("job = %+v (payload %s)", j, j.Payload)
	}
	won, err := q.Claim(ctx, "r1", []byte(`{"text":"one"}`))
	if err != nil || !won {
		t.Fatalf("first claim: %v %v", won, err)
	}
	if won, _ := q.Claim(ctx, "r1", []byte(`{"text":"two"}`)); won {
		t.Fatal("second claim won")
	}
	if err := q.Done(ctx, "r1"); err != nil {
		t.Fatal(err)
	}
	short, cancel := context.WithTimeout(ctx, 100*time.Millisecond)
	defer cancel()
	if _, _, err := q.Take(short, []string{"slack"}); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("a done job was taken again: %v", err)
	}
	if err := q.Enqueue(ctx, "r1", "slack", []byte(`{}`), 0); err != nil {
		t.Fatalf("a replay of a done job: %v", err)
	}
	if _, _, err := q.Take(short, []string{"slack"}); err == nil {
		t.Fatal("a replay of a done job became a new job")
	}
}

func TestEnqueueFullAndPlatforms(t *testing.T) {
	db := storetest.Pool(t)
	ctx := context.Background()
	q := NewQueue(db, Options{Poll: 20 * time.Millisecond})
	for i := range 2 {
		if err := q.Enqueue(ctx, fmt.Sprint("d", i), "discord", []byte(`{}`), 2); err != nil {
			t.Fatal(err)
		}
	}
	if err := q.Enqueue(ctx, "d2", "discord", []byte(`{}`), 2); !errors.Is(err, ErrFull) {
		t.Fatalf("third job with maxQueued 2: %v", err)
	}
	short, cancel := context.WithTimeout(ctx, 100*time.Millisecond)
	defer cancel()
	if j, _, err := q.Take(short, []string{"slack"}); err == nil {
		t.Fatalf("a slack worker took %+v", j)
	}
	j, _ := take(t, q, time.Second)
	if j.ID != "d0" {
		t.Fatalf("oldest first: got %s", j.ID)
	}
	if err := q.Enqueue(ctx, "d2", "discord", []byte(`{}`), 2); err != nil {
		t.Fatalf("a running job does not wait: %v", err)
	}
}

// A replica that dies holding a job: another replica takes it once the lease
// ran out, sees the reply the dead one stored, and the dead one can no longer claim.
func TestExpiredLeaseIsTakenAgain(t *testing.T) {
	db := storetest.Pool(t)
	ctx := context.Background()
	dead := NewQueue(db, Options{Owner: "dead", Lease: 300 * time.Millisecond, Poll: 20 * time.Millisecond})
	live := NewQueue(db, Options{Owner: "live", Lease: 300 * time.Millisecond, Poll: 20 * time.Millisecond})
	for _, id := range []string{"a", "b"} {
		if err := dead.Enqueue(ctx, id, "slack", []byte(`{}`), 0); err != nil {
			t.Fatal(err)
		}
	}
	ja, _ := take(t, dead, time.Second)
	jb, _ := take(t, dead, time.Second)
	if won, err := dead.Claim(ctx, ja.ID, []byte(`{"text":"stored"}`)); !won || err != nil {
		t.Fatal(won, err)
	}
	start := time.Now()
	got := map[string]Job{}
	for range 2 {
		j, _ := take(t, live, 3*time.Second)
		got[j.ID] = j
	}
	if waited := time.Since(start); waited < 200*time.Millisecond {
		t.Fatalf("taken after %s, before the lease ran out", waited)
	}
	if a := got[ja.ID]; a.Attempt != 2 || string(a.Reply) != `{"text": "stored"}` {
		t.Fatalf("retaken a = %+v reply %s", a, a.Reply)
	}
	if b := got[jb.ID]; b.Attempt != 2 || b.Reply != nil {
		t.Fatalf("retaken b = %+v", b)
	}
	if won, _ := dead.Claim(ctx, jb.ID, []byte(`{}`)); won {
		t.Fatal("the replica that lost the lease claimed the reply")
	}
	if won, _ := live.Claim(ctx, jb.ID, []byte(`{}`)); !won {
		t.Fatal("the new owner could not claim")
	}
}

// Run extends leases; a job taken over anyway has its context cancelled with ErrLeaseLost.
func TestRunExtendsLeasesAndReportsLoss(t *testing.T) {
	db := storetest.Pool(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	q := NewQueue(db, Options{Owner: "a", Lease: 300 * time.Millisecond, Poll: 20 * time.Millisecond})
	other := NewQueue(db, Options{Owner: "b", Lease: 300 * time.Millisecond, Poll: 20 * time.Millisecond})
	go q.Run(ctx)
	for _, id := range []string{"x", "y"} {
		if err := q.Enqueue(ctx, id, "slack", []byte(`{}`), 0); err != nil {
			t.Fatal(err)
		}
	}
	jx, xctx := take(t, q, time.Second)
	_, yctx := take(t, q, time.Second)
	short, stop := context.WithTimeout(ctx, time.Second)
	defer stop()
	if j, _, err := other.Take(short, []string{"slack"}); err == nil {
		t.Fatalf("a job with a live, extended lease was taken: %+v", j)
	}
	if _, err := db.Exec(ctx, `UPDATE work_jobs SET owner = 'b' WHERE id = $1`, jx.ID); err != nil {
		t.Fatal(err)
	}
	select {
	case <-xctx.Done():
		if !errors.Is(context.Cause(xctx), ErrLeaseLost) {
			t.Fatalf("cause = %v", context.Cause(xctx))
		}
	case <-time.After(2 * time.Second):
		t.Fatal("lost lease not reported")
	}
	if yctx.Err() != nil {
		t.Fatal("the other job's context was cancelled")
	}
}

func TestReleaseHandsTheJobOn(t *testing.T) {
	db := storetest.Pool(t)
	ctx := context.Background()
	a := NewQueue(db, Options{Owner: "a", Lease: time.Minute, Poll: time.Minute})
	b := NewQueue(db, Options{Owner: "b", Lease: time.Minute, Poll: time.Minute})
	bctx, cancel := context.WithCancel(ctx)
	defer cancel()
	go b.Run(bctx) // b hears the notification: no poll needed
	if err := a.Enqueue(ctx, "r", "slack", []byte(`{}`), 0); err != nil {
		t.Fatal(err)
	}
	j, jctx := take(t, a, time.Second)
	if err := a.Release(ctx, j.ID); err != nil {
		t.Fatal(err)
	}
	if jctx.Err() == nil {
		t.Fatal("released job's context still live")
	}
	got, _ := take(t, b, 5*time.Second)
	if got.ID != "r" || got.Attempt != 1 {
		t.Fatalf("after release: %+v", got)
	}
}

// Three replicas with four workers each: every job is run exactly once.
func TestConcurrentWorkersTakeEachJobOnce(t *testing.T) {
	db := storetest.Pool(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	const jobs = 200
	var runs sync.Map
	var done atomic.Int64
	var wg sync.WaitGroup
	for r := range 3 {
		q := NewQueue(db, Options{Owner: fmt.Sprint("r", r), Poll: 50 * time.Millisecond})
		go q.Run(ctx)
		for range 4 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for {
					j, _, err := q.Take(ctx, []string{"slack"})
					if err != nil {
						return
					}
					n, _ := runs.LoadOrStore(j.ID, new(atomic.Int64))
					n.(*atomic.Int64).Add(1)
					if won, err := q.Claim(ctx, j.ID, []byte(`{}`)); !won || err != nil {
						t.Errorf("claim %s: %v %v", j.ID, won, err)
					}
					if err := q.Done(ctx, j.ID); err != nil {
						t.Error(err)
					}
					if done.Add(1) == jobs {
						cancel()
					}
				}
			}()
		}
	}
	enq := NewQueue(db, Options{})
	for i := range jobs {
		if err := enq.Enqueue(context.Background(), fmt.Sprint("j", i), "slack", []byte(`{}`), 0); err != nil {
			t.Fatal(err)
		}
	}
	select {
	case <-ctx.Done():
	case <-time.After(30 * time.Second):
		t.Fatalf("only %d of %d jobs done", done.Load(), jobs)
	}
	wg.Wait()
	n := 0
	runs.Range(func(k, v any) bool {
		n++
		if c := v.(*atomic.Int64).Load(); c != 1 {
			t.Errorf("job %v ran %d times", k, c)
		}
		return true
	})
	if n != jobs {
		t.Fatalf("%d distinct jobs ran, want %d", n, jobs)
	}
}

func TestKeysAcrossReplicas(t *testing.T) {
	db := storetest.Pool(t)
	ctx := context.Background()
	a := NewKeys(db, "slack:", 300*time.Millisecond, nil)
	b := NewKeys(db, "slack:", 300*time.Millisecond, nil)
	d := NewKeys(db, "discord:", time.Minute, nil)
	if !a.Add("slash:T1") || b.Add("slash:T1") || a.Add("slash:T1") {
		t.Fatal("a key is new exactly once across replicas")
	}
	if !d.Add("slash:T1") {
		t.Fatal("platforms share keys")
	}
	var wins atomic.Int64
	var wg sync.WaitGroup
	for range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if ok, err := b.AddContext(ctx, "event:E1"); err != nil {
				t.Error(err)
			} else if ok {
				wins.Add(1)
			}
		}()
	}
	wg.Wait()
	if wins.Load() != 1 {
		t.Fatalf("%d concurrent adds won, want 1", wins.Load())
	}
	time.Sleep(400 * time.Millisecond)
	if !b.Add("slash:T1") {
		t.Fatal("an expired key is new again")
	}
	q := NewQueue(db, Options{})
	if err := q.Prune(ctx, time.Now().Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	var left int
	if err := db.QueryRow(ctx, `SELECT count(*) FROM delivery_keys`).Scan(&left); err != nil || left != 0 {
		t.Fatalf("after prune %d keys (%v)", left, err)
	}
}

func TestBucketsAcrossReplicas(t *testing.T) {
	db := storetest.Pool(t)
	ctx := context.Background()
	a, b := NewBuckets(db), NewBuckets(db)
	// 3 per minute, burst 2: two takes, then a wait of about 20 s.
	for i, bk := range []*Buckets{a, b} {
		if _, ok, err := bk.Take(ctx, "u1", 3, 2); !ok || err != nil {
			t.Fatalf("take %d: %v %v", i, ok, err)
		}
	}
	retry, ok, err := a.Take(ctx, "u1", 3, 2)
	if ok || err != nil || retry < 19*time.Second || retry > 20*time.Second {
		t.Fatalf("third take: ok=%v retry=%s err=%v", ok, retry, err)
	}
	if err := b.Give(ctx, "u1", 2); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := a.Take(ctx, "u1", 3, 2); !ok {
		t.Fatal("a given-back token was not there")
	}
	if _, ok, _ := a.Take(ctx, "u2", 0, 0); !ok {
		t.Fatal("rate 0 is unlimited")
	}
	// 40 concurrent takes from a bucket of 10 that refills slowly: exactly 10 succeed.
	var got atomic.Int64
	var wg sync.WaitGroup
	for i := range 40 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			bk := a
			if i%2 == 1 {
				bk = b
			}
			if _, ok, err := bk.Take(ctx, "chan", 0.001, 10); err != nil {
				t.Error(err)
			} else if ok {
				got.Add(1)
			}
		}()
	}
	wg.Wait()
	if got.Load() != 10 {
		t.Fatalf("%d takes succeeded from a bucket of 10", got.Load())
	}
}
