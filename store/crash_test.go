package store

import (
	"bufio"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stylistbot/stylist/history"
)

const (
	crashEnvDB    = "STYLIST_STORE_CRASH_DB"
	crashEnvStart = "STYLIST_STORE_CRASH_START"
)

// TestCrashChild is the child half of TestCrashSafety: it writes in a loop and
// prints "ack N" after each write call returned, until it is killed.
func TestCrashChild(t *testing.T) {
	path := os.Getenv(crashEnvDB)
	if path == "" {
		t.Skip("child process of TestCrashSafety only")
	}
	start, _ := strconv.Atoi(os.Getenv(crashEnvStart))
	s, err := Open(ctx, testConfig(path), nil)
	if err != nil {
		fmt.Println("open:", err)
		os.Exit(3)
	}
	conv := testConv{Platform: "slack", Workspace: "T", Channel: "C"}
	for i := start; ; i++ {
		ref := "r" + strconv.Itoa(i)
		check := func(err error) {
			if err != nil {
				fmt.Println("write:", err)
				os.Exit(4)
			}
		}
		check(s.RecordRequest(ctx, RequestRecord{ReplyRef: ref, Variant: "v", Latency: time.Duration(i)}))
		check(s.RecordFeedback(ctx, Vote{ReplyRef: ref, Platform: conv.Platform, Workspace: conv.Workspace, Channel: conv.Channel, User: "U" + strconv.Itoa(i%7), Helpful: i%2 == 0}))
		check(s.Append(ctx, "thread-"+strconv.Itoa(i), history.Turn{Query: ref}))
		fmt.Printf("ack %d\n", i) // os.Stdout is unbuffered: the parent sees it at once
	}
}

// TestCrashSafety SIGKILLs a writer at random moments and checks that every
// write it acknowledged is in the reopened database and that bbolt's consistency
// check passes. (A SIGKILL keeps the OS page cache; surviving power loss rests
// on bbolt's fsync per commit, which is on by default and never disabled here.)
func TestCrashSafety(t *testing.T) {
	if os.Getenv(crashEnvDB) != "" {
		t.Skip("in the child")
	}
	path := filepath.Join(t.TempDir(), "crash.db")
	rounds := 3
	if testing.Short() {
		rounds = 1
	}
	next := 0
	for round := range rounds {
		acked := runAndKill(t, path, next, 20+rand.IntN(150))
		if len(acked) == 0 {
			t.Fatalf("round %d: no write acknowledged", round)
		}
		next = acked[len(acked)-1] + 2 // skip the write that may have been in flight

		s, err := Open(ctx, testConfig(path), nil)
		if err != nil {
			t.Fatalf("round %d: reopen after kill: %v", round, err)
		}
		if err := s.Check(); err != nil {
			t.Fatalf("round %d: consistency check: %v", round, err)
		}
		votes, err := s.Feedback(ctx, time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		voted := map[string]bool{}
		for _, v := range votes {
			voted[v.ReplyRef] = true
		}
		for _, i := range acked {
			ref := "r" + strconv.Itoa(i)
			if _, ok, err := s.Request(ctx, ref); !ok || err != nil {
				t.Fatalf("round %d: acknowledged request %s lost (%v)", round, ref, err)
			}
			if !voted[ref] {
				t.Fatalf("round %d: acknowledged vote on %s lost", round, ref)
			}
			if ts, err := s.Get(ctx, "thread-"+strconv.Itoa(i)); len(ts) != 1 || ts[0].Query != ref || err != nil {
				t.Fatalf("round %d: acknowledged turn %d lost: %v %v", round, i, ts, err)
			}
		}
		t.Logf("round %d: %d acknowledged writes survived the kill", round, len(acked))
		must(t, s.Close())
	}
}

// runAndKill starts the child writer, kills it with SIGKILL after about n
// acknowledged writes, and returns the acknowledged sequence numbers.
func runAndKill(t *testing.T, path string, start, n int) []int {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), crashEnvDB+"="+path, crashEnvStart+"="+strconv.Itoa(start))
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var acked []int
	sc := bufio.NewScanner(out)
	killed := false
	deadline := time.AfterFunc(60*time.Second, func() { _ = cmd.Process.Kill() })
	defer deadline.Stop()
	for sc.Scan() {
		line := sc.Text()
		num, ok := strings.CutPrefix(line, "ack ")
		if !ok {
			if !strings.HasPrefix(line, "=== RUN") {
				t.Logf("child: %s", line)
			}
			continue
		}
		i, err := strconv.Atoi(num)
		if err != nil {
			t.Fatalf("child printed %q", line)
		}
		acked = append(acked, i)
		if !killed && len(acked) >= n {
			// Let it get into the next write, then kill it mid-way at a random moment.
			time.Sleep(time.Duration(rand.IntN(3000)) * time.Microsecond)
			if err := cmd.Process.Kill(); err != nil {
				t.Fatal(err)
			}
			killed = true
		}
	}
	err = cmd.Wait()
	if !killed {
		t.Fatalf("child ended by itself: %v", err)
	}
	return acked
}
