package e2e

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// buildStylist builds the stylist binary into a temporary directory of t.
func buildStylist(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "stylist")
	t0 := time.Now()
	out, err := exec.Command("go", "build", "-o", bin, "../cmd/stylist").CombinedOutput()
	if err != nil {
		t.Fatalf("go build ./cmd/stylist: %v\n%s", err, out)
	}
	t.Logf("built %s in %s", bin, time.Since(t0).Round(time.Millisecond))
	return bin
}

// freeAddr returns a loopback address nothing listens on now.
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// replicaProc is one `stylist serve` process on a fixed loopback address; it
// can be killed (SIGKILL), restarted on the same address, paused (SIGSTOP) and
// resumed.
type replicaProc struct {
	name, bin, config, addr, logPath string

	mu     sync.Mutex
	cmd    *exec.Cmd
	done   chan struct{}
	up     bool // started and not killed
	paused bool
	starts int
}

func newReplicaProc(t *testing.T, name, bin, config string) *replicaProc {
	p := &replicaProc{name: name, bin: bin, config: config, addr: freeAddr(t), logPath: filepath.Join(t.TempDir(), name+".log")}
	t.Cleanup(func() {
		p.stop()
		if t.Failed() {
			t.Logf("%s log (tail):\n%s", name, p.logTail(40))
		}
	})
	return p
}

// URL is the replica's base URL.
func (p *replicaProc) URL() string { return "http://" + p.addr }

// start runs the process and waits until /readyz answers 200.
func (p *replicaProc) start() error {
	f, err := os.OpenFile(p.logPath, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return err
	}
	cmd := exec.Command(p.bin, "serve", "--config", p.config, "--listen", p.addr)
	cmd.Stdout, cmd.Stderr = f, f
	if err := cmd.Start(); err != nil {
		f.Close()
		return err
	}
	done := make(chan struct{})
	go func() { _ = cmd.Wait(); f.Close(); close(done) }()
	p.mu.Lock()
	p.cmd, p.done, p.up, p.paused = cmd, done, true, false
	p.starts++
	p.mu.Unlock()
	deadline := time.Now().Add(90 * time.Second)
	for {
		select {
		case <-done:
			return fmt.Errorf("%s exited during start-up:\n%s", p.name, p.logTail(30))
		default:
		}
		resp, err := http.Get(p.URL() + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("%s not ready after 90 s (last: %v):\n%s", p.name, err, p.logTail(30))
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// signal sends sig to the running process.
func (p *replicaProc) signal(sig syscall.Signal) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.cmd != nil && p.up {
		_ = p.cmd.Process.Signal(sig)
		switch sig {
		case syscall.SIGSTOP:
			p.paused = true
		case syscall.SIGCONT:
			p.paused = false
		}
	}
}

// kill9 kills the process with SIGKILL and waits until it is gone.
func (p *replicaProc) kill9() {
	p.mu.Lock()
	cmd, done := p.cmd, p.done
	p.up = false
	p.mu.Unlock()
	if cmd != nil {
		_ = cmd.Process.Signal(syscall.SIGKILL)
		<-done
	}
}

// stop ends the process (SIGTERM, SIGKILL after 10 s).
func (p *replicaProc) stop() {
	p.mu.Lock()
	cmd, done, up, paused := p.cmd, p.done, p.up, p.paused
	p.up, p.paused = false, false
	p.mu.Unlock()
	if cmd == nil || !up {
		return
	}
	if paused {
		_ = cmd.Process.Signal(syscall.SIGCONT)
	}
	_ = cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		_ = cmd.Process.Signal(syscall.SIGKILL)
		<-done
	}
}

// logTail returns the last n lines of the replica's log.
func (p *replicaProc) logTail(n int) string {
	b, _ := os.ReadFile(p.logPath)
	lines := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	return strings.Join(lines[max(0, len(lines)-n):], "\n")
}

// logHas counts the log lines of every run of the replica that contain s.
func (p *replicaProc) logHas(s string) int {
	b, _ := os.ReadFile(p.logPath)
	return strings.Count(string(b), s)
}

// post sends a signed platform request (the same bytes every time: a retry or
// replay is the same delivery) and returns the status and body.
func post(ctx context.Context, c *http.Client, url string, h http.Header, body []byte) (int, []byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, strings.NewReader(string(body)))
	if err != nil {
		return 0, nil, err
	}
	req.Header = h.Clone()
	resp, err := c.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, 1<<16))
	return resp.StatusCode, b, err
}
