package ollamatest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/ollama/ollama/api"
)

// startTimeout bounds how long Start waits for the server to answer /api/version.
const startTimeout = 60 * time.Second

// supervisor runs `ollama serve` in the background inside its own process group and
// blocks reading stdin; when the test process closes the pipe or dies, it kills the
// server, removes the optional directory $1 and kills the rest of the group (runners).
const supervisor = `( "$0" serve; echo "ollamatest: ollama serve exited with status $?" ) &
p=$!
read -r _
kill -KILL $p 2>/dev/null
if [ -n "$1" ]; then rm -rf "$1"; fi
kill -KILL 0`

var listenRE = regexp.MustCompile(`Listening on (127\.0\.0\.1:\d+)`)

// Server is a running private `ollama serve` process.
type Server struct {
	url     *url.URL
	client  *api.Client
	cmd     *exec.Cmd
	stdin   io.WriteCloser
	logPath string
	done    chan struct{}
	kill    sync.Once
}

// Start runs a private server for this test with state in tb.TempDir(); tb.Cleanup stops it.
func Start(tb testing.TB) *Server {
	tb.Helper()
	bin := Binary(tb)
	began := time.Now()
	s, err := start(bin, tb.TempDir(), false)
	if err != nil {
		tb.Fatalf("ollamatest: %v", err)
	}
	tb.Logf("ollamatest: server %s ready in %s", s.URL(), time.Since(began).Round(time.Millisecond))
	tb.Cleanup(func() {
		if tb.Failed() {
			tb.Logf("ollamatest: server log %s (tail):\n%s", s.logPath, s.Logs())
		}
		s.Kill()
	})
	return s
}

// start launches the supervised server in dir and waits until it answers.
func start(bin, dir string, removeDirOnExit bool) (*Server, error) {
	home, models := filepath.Join(dir, "home"), filepath.Join(dir, "models")
	for _, d := range []string{home, models} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return nil, err
		}
	}
	logPath := filepath.Join(dir, "ollama.log")
	logFile, err := os.Create(logPath)
	if err != nil {
		return nil, err
	}
	defer logFile.Close()
	rm := ""
	if removeDirOnExit {
		rm = dir
	}
	cmd := exec.Command("/bin/sh", "-c", supervisor, bin, rm)
	cmd.Env = append(environWithoutOllama(),
		"HOME="+home,
		"OLLAMA_HOST=127.0.0.1:0",
		"OLLAMA_MODELS="+models,
		"OLLAMA_NUM_PARALLEL=1",
		"OLLAMA_CONTEXT_LENGTH=1024",
		"OLLAMA_KEEP_ALIVE=10m",
		"OLLAMA_NOPRUNE=1",
		"OLLAMA_MAX_LOADED_MODELS=4",
	)
	cmd.Stdout, cmd.Stderr = logFile, logFile
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start %s serve: %w", bin, err)
	}
	s := &Server{cmd: cmd, stdin: stdin, logPath: logPath, done: make(chan struct{})}
	go func() { _ = cmd.Wait(); close(s.done) }()
	if err := s.waitReady(); err != nil {
		s.Kill()
		return nil, fmt.Errorf("%w\nserver log %s (tail):\n%s", err, logPath, s.Logs())
	}
	return s, nil
}

// waitReady reads the listening address from the log, then polls /api/version.
func (s *Server) waitReady() error {
	deadline := time.Now().Add(startTimeout)
	for ; time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		log, _ := os.ReadFile(s.logPath)
		if strings.Contains(string(log), "ollamatest: ollama serve exited") {
			return errors.New("ollama serve exited during start-up")
		}
		if s.url == nil {
			m := listenRE.FindSubmatch(log)
			if m == nil {
				continue
			}
			s.url = &url.URL{Scheme: "http", Host: string(m[1])}
			s.client = api.NewClient(s.url, &http.Client{})
		}
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		v, err := s.client.Version(ctx)
		cancel()
		if err == nil {
			if v != Version {
				return fmt.Errorf("server reports version %q, want %s", v, Version)
			}
			return nil
		}
	}
	return fmt.Errorf("ollama serve did not answer /api/version within %s", startTimeout)
}

// URL returns the server's base URL, e.g. http://127.0.0.1:41234.
func (s *Server) URL() string { return s.url.String() }

// Client returns an API client for the server.
func (s *Server) Client() *api.Client { return s.client }

// Kill kills the server and its runners at once (SIGKILL to the process group) and
// waits for the supervisor to exit; pending requests fail. Safe to call twice.
func (s *Server) Kill() {
	s.kill.Do(func() {
		_ = syscall.Kill(-s.cmd.Process.Pid, syscall.SIGKILL)
		_ = s.stdin.Close()
		select {
		case <-s.done:
		case <-time.After(10 * time.Second):
		}
	})
}

// shutdown lets the supervisor kill the group and remove its directory, then waits.
func (s *Server) shutdown() {
	_ = s.stdin.Close()
	select {
	case <-s.done:
	case <-time.After(10 * time.Second):
	}
	s.Kill()
}

// Logs returns the last 16 KiB of the server log.
func (s *Server) Logs() string {
	b, err := os.ReadFile(s.logPath)
	if err != nil {
		return err.Error()
	}
	const max = 16 << 10
	if len(b) > max {
		b = b[len(b)-max:]
	}
	return string(b)
}

// environWithoutOllama returns the process environment minus OLLAMA_* variables.
func environWithoutOllama() []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "OLLAMA_") {
			env = append(env, kv)
		}
	}
	return env
}
