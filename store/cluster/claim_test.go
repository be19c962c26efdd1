package cluster

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stylistbot/stylist/store/storetest"
)

// claim calls ClaimContext and fails the test on a database error.
func claim(t *testing.T, ctx context.Context, k *Keys, key, job string) (bool, func()) {
	t.Helper()
	ok, handled, err := k.ClaimContext(ctx, key, job)
	if err != nil {
		t.Fatalf("claim %s: %v", key, err)
	}
	return ok, handled
}

// TestClaimIsAFactOnlyWithItsJob: the key of a delivery that becomes a job
// says "seen" for good only once the job is stored (or the delivery was
// handled without one). A replica that claimed a delivery and died before
// storing the job does not make the platform's retry a duplicate: the retry is
// claimed by another replica once the dead one's claim lapses. A retry racing a
// live replica that holds the claim is a duplicate.
func TestClaimIsAFactOnlyWithItsJob(t *testing.T) {
	db := storetest.Pool(t)
	ctx := context.Background()
	a := NewKeys(db, "slack:", time.Minute, nil) // replica a
	b := NewKeys(db, "slack:", time.Minute, nil) // replica b
	q := NewQueue(db, Options{Owner: "a"})

	t.Run("died between the key and the job", func(t *testing.T) {
		life, die := context.WithCancel(ctx)
		if ok, _ := claim(t, life, a, "slash:T1", "T1"); !ok {
			t.Fatal("a fresh delivery is not claimed")
		}
		die() // a dies holding the claim: no job, no extension
		start := time.Now()
		ok, handled := claim(t, ctx, b, "slash:T1", "T1")
		if !ok {
			t.Fatal("the retry of a delivery whose replica died before storing its job is a duplicate: the request is lost")
		}
		if waited := time.Since(start); waited > claimWait {
			t.Errorf("the retry waited %s for a dead replica's claim (lease %s)", waited, claimLease)
		}
		if err := q.Enqueue(ctx, "T1", "slack", []byte(`{}`), 0); err != nil {
			t.Fatal(err)
		}
		handled()
		for _, k := range []*Keys{a, b} {
			if ok, _ := claim(t, ctx, k, "slash:T1", "T1"); ok {
				t.Fatal("a replay after the job was stored is claimed again")
			}
		}
	})

	t.Run("the job is the fact", func(t *testing.T) {
		if ok, _ := claim(t, ctx, a, "slash:T2", "T2"); !ok {
			t.Fatal("not claimed")
		}
		// a stores the job and dies before recording the delivery as handled.
		if err := q.Enqueue(ctx, "T2", "slack", []byte(`{}`), 0); err != nil {
			t.Fatal(err)
		}
		if ok, _ := claim(t, ctx, b, "slash:T2", "T2"); ok {
			t.Fatal("a delivery whose job is stored is claimed again")
		}
	})

	t.Run("a live claimer keeps it", func(t *testing.T) {
		ok, handled := claim(t, ctx, a, "slash:T3", "T3")
		if !ok {
			t.Fatal("not claimed")
		}
		if ok, _ := claim(t, ctx, b, "slash:T3", "T3"); ok {
			t.Fatalf("a retry racing a live replica (claim extended for %s) is claimed too", claimWait)
		}
		handled() // answered without a job (help, a refusal)
		if ok, _ := claim(t, ctx, b, "slash:T3", "T3"); ok {
			t.Fatal("a handled delivery is claimed again")
		}
		var left float64
		if err := db.QueryRow(ctx, `SELECT extract(epoch FROM expires_at - now())::float8 FROM delivery_keys WHERE key = 'slack:slash:T3'`).Scan(&left); err != nil || left < 50 {
			t.Fatalf("a handled delivery's key lasts %.1fs (%v), want the set's minute", left, err)
		}
	})

	t.Run("a waiting retry sees the job arrive", func(t *testing.T) {
		ok, handled := claim(t, ctx, a, "slash:T4", "T4")
		if !ok {
			t.Fatal("not claimed")
		}
		go func() {
			time.Sleep(200 * time.Millisecond)
			_ = q.Enqueue(ctx, "T4", "slack", []byte(`{}`), 0)
			handled()
		}()
		start := time.Now()
		if ok, _ := claim(t, ctx, b, "slash:T4", "T4"); ok {
			t.Fatal("claimed while its job was being stored")
		}
		if waited := time.Since(start); waited > time.Second {
			t.Errorf("the retry waited %s, the job was stored after 200ms", waited)
		}
	})

	t.Run("concurrent retries", func(t *testing.T) {
		var wins atomic.Int64
		var wg sync.WaitGroup
		for i := range 10 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				k := a
				if i%2 == 1 {
					k = b
				}
				if ok, handled := claim(t, ctx, k, "slash:T5", "T5"); ok {
					wins.Add(1)
					time.Sleep(50 * time.Millisecond)
					handled()
				}
			}()
		}
		wg.Wait()
		if wins.Load() != 1 {
			t.Fatalf("%d concurrent claims won, want 1", wins.Load())
		}
	})

	t.Run("unreachable database", func(t *testing.T) {
		cctx, cancel := context.WithCancel(ctx)
		cancel()
		if _, _, err := a.ClaimContext(cctx, "slash:T6", "T6"); err == nil {
			t.Fatal("no error from a cancelled claim")
		}
	})
}
