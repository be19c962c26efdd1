// Package ollamatest runs a real Ollama 0.6.5 server with a tiny, deterministic,
// self-made GGUF model for tests (no model downloads needed).
//
// One server per test binary:
//
//	func TestMain(m *testing.M) { os.Exit(ollamatest.Main(m)) }
//
//	func TestX(t *testing.T) {
//		srv := ollamatest.Shared(t) // TinyModel and EndlessModel exist
//		c := srv.Client()           // or srv.URL()
//		...
//	}
//
// TinyModel answers every chat with DefaultReply (done_reason "stop"); with a JSON
// schema format it writes short, valid, schema-conformant JSON whose strings are all
// DefaultJSONValue and whose arrays hold one item; /api/embed gives normalised
// EmbeddingDim-dimensional vectors. Output is identical across runs, seeds and
// temperatures. Use CreateTinyModelWith for another reply or JSON string (e.g. a
// real article id), and Start for a private server that a test may Kill.
//
// Two quirks of Ollama 0.6.5 worth knowing: api.Client.Chat/Generate return a nil
// error when the stream breaks (server died, context cancelled) — check that the
// final chunk has Done; and the server silently ends a generation (done=false,
// no done_reason) after 30 identical consecutive tokens.
package ollamatest

import (
	"context"
	"fmt"
	"go/build"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// Version is the Ollama server version the harness runs.
const Version = "0.6.5"

// BinaryEnv names the environment variable that points at the ollama binary.
const BinaryEnv = "STYLIST_OLLAMA_BIN"

// InstallHint is the command that builds the server binary.
const InstallHint = "scripts/install-ollama.sh (go install -ldflags=-X=github.com/ollama/ollama/version.Version=" + Version + " github.com/ollama/ollama@v" + Version + ")"

var versionChecks sync.Map // path -> error

// Binary returns the path of the ollama 0.6.5 binary ($STYLIST_OLLAMA_BIN, then
// GOPATH/bin, then PATH); it fails the test, never skips, if there is none.
func Binary(tb testing.TB) string {
	tb.Helper()
	path, err := findBinary()
	if err != nil {
		tb.Fatalf("ollamatest: %v\n\tThe tests need a real Ollama %s server binary. Build it with:\n\t\t%s\n\tor point %s at one.", err, Version, InstallHint, BinaryEnv)
	}
	return path
}

// findBinary locates the binary and checks its version once per path.
func findBinary() (string, error) {
	var candidates []string
	if p := os.Getenv(BinaryEnv); p != "" {
		candidates = append(candidates, p)
	} else {
		for _, dir := range filepath.SplitList(build.Default.GOPATH) {
			candidates = append(candidates, filepath.Join(dir, "bin", "ollama"))
		}
		if p, err := exec.LookPath("ollama"); err == nil {
			candidates = append(candidates, p)
		}
	}
	var errs []string
	for _, p := range candidates {
		if _, err := os.Stat(p); err != nil {
			errs = append(errs, err.Error())
			continue
		}
		if err := checkVersion(p); err != nil {
			errs = append(errs, err.Error())
			continue
		}
		return p, nil
	}
	if len(errs) == 0 {
		return "", fmt.Errorf("no ollama binary in $%s, GOPATH/bin or PATH", BinaryEnv)
	}
	return "", fmt.Errorf("no usable ollama %s binary: %s", Version, strings.Join(errs, "; "))
}

// checkVersion runs `ollama --version` (against a closed port) and looks for Version.
func checkVersion(path string) error {
	if v, ok := versionChecks.Load(path); ok {
		err, _ := v.(error)
		return err
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, path, "--version")
	cmd.Env = append(os.Environ(), "OLLAMA_HOST=127.0.0.1:9")
	out, runErr := cmd.CombinedOutput()
	var err error
	switch {
	case strings.Contains(string(out), "version is "+Version):
	case runErr != nil && len(out) == 0:
		err = fmt.Errorf("%s --version: %w", path, runErr)
	default:
		err = fmt.Errorf("%s is not version %s: %q", path, Version, strings.TrimSpace(string(out)))
	}
	versionChecks.Store(path, err)
	return err
}
