package ollamatest

import (
	"context"
	"fmt"
	"os"
	"sync"
	"testing"
	"time"
)

var shared struct {
	once sync.Once
	srv  *Server
	err  error
}

// Shared returns the test binary's one shared server, started on first use, with
// TinyModel and EndlessModel created. Do not Kill it; use Start for that. Pair it
// with Main in TestMain so the server stops when the tests end (if the test binary
// dies instead, the supervisor still kills the server when its stdin pipe closes).
func Shared(tb testing.TB) *Server {
	tb.Helper()
	shared.once.Do(func() {
		shared.srv, shared.err = startShared()
	})
	if shared.err != nil {
		tb.Fatalf("ollamatest: shared server: %v", shared.err)
	}
	s := shared.srv
	tb.Cleanup(func() {
		if tb.Failed() {
			tb.Logf("ollamatest: shared server log %s (tail):\n%s", s.logPath, s.Logs())
		}
	})
	return s
}

// startShared starts the shared server in its own temporary directory and creates the models.
func startShared() (*Server, error) {
	bin, err := findBinary()
	if err != nil {
		return nil, fmt.Errorf("%w\n\tThe tests need a real Ollama %s server binary. Build it with:\n\t\t%s\n\tor point %s at one", err, Version, InstallHint, BinaryEnv)
	}
	dir, err := os.MkdirTemp("", "ollamatest-")
	if err != nil {
		return nil, err
	}
	s, err := start(bin, dir, true)
	if err != nil {
		_ = os.RemoveAll(dir)
		return nil, err
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	for name, opts := range map[string]TinyOptions{TinyModel: {}, EndlessModel: {Endless: true}} {
		if err := createTiny(ctx, s.client, name, opts); err != nil {
			s.shutdown()
			return nil, err
		}
	}
	return s, nil
}

// Main runs the tests and then stops the shared server; call it from TestMain:
//
//	func TestMain(m *testing.M) { os.Exit(ollamatest.Main(m)) }
func Main(m *testing.M) int {
	code := m.Run()
	if shared.srv != nil {
		shared.srv.shutdown()
	}
	return code
}
