package deploy

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stylistbot/stylist/bot"
	"github.com/stylistbot/stylist/configs"
)

// pendingKeys are keys the manifests set that other issue-15 branches add to the
// schema (store.url: the PostgreSQL store; llm.urls: the model-server pool). Until
// they are merged, configs refuses them as unknown: loadConfig then drops them (and
// says so) and the tests check their values directly. Once merged they are loaded
// and validated like every other key.
var pendingKeys = map[string]bool{"store.url": true, "llm.urls": true}

// loadConfig loads file with the given environment exactly as `stylist serve` would
// (defaults, file, STYLIST_* and conventional variables), so every key a manifest
// sets must exist in the config schema and validate.
func loadConfig(t *testing.T, file string, env map[string]string) *configs.Config {
	t.Helper()
	environ := func() []string {
		var out []string
		for k, v := range env {
			out = append(out, k+"="+v)
		}
		slices.Sort(out)
		return out
	}
	c, err := configs.Load(configs.Options{File: file, Environ: environ()})
	if err == nil {
		return c
	}
	var dropped []string
	for _, ce := range configErrors(err) {
		if !pendingKeys[ce.Key] || !strings.HasPrefix(ce.Reason, "unknown key") {
			t.Fatalf("%s with %v: %v", file, environ(), err)
		}
		name := configs.EnvPrefix + strings.ToUpper(strings.ReplaceAll(ce.Key, ".", "__"))
		if _, ok := env[name]; !ok {
			t.Fatalf("%s: %s is unknown to this build and not set by %s: %v", file, ce.Key, name, err)
		}
		env = without(env, name)
		dropped = append(dropped, ce.Key)
	}
	t.Logf("not in this build's config schema yet (other issue-15 branches add them): %v; checked by value only", dropped)
	c, err = configs.Load(configs.Options{File: file, Environ: environ()})
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	return c
}

// without returns env without the variable drop.
func without(env map[string]string, drop string) map[string]string {
	out := map[string]string{}
	for k, v := range env {
		if k != drop {
			out[k] = v
		}
	}
	return out
}

// configErrors returns the *configs.ConfigError leaves of a joined error.
func configErrors(err error) []*configs.ConfigError {
	var out []*configs.ConfigError
	var walk func(error)
	walk = func(e error) {
		var ce *configs.ConfigError
		if errors.As(e, &ce) && ce == e {
			out = append(out, ce)
			return
		}
		if j, ok := e.(interface{ Unwrap() []error }); ok {
			for _, x := range j.Unwrap() {
				walk(x)
			}
		} else if u := errors.Unwrap(e); u != nil {
			walk(u)
		}
	}
	walk(err)
	return out
}

// listenPort returns the port of server.listen.
func listenPort(t *testing.T, c *configs.Config) int {
	t.Helper()
	i := strings.LastIndexByte(c.Server.Listen, ':')
	p, err := strconv.Atoi(c.Server.Listen[i+1:])
	if i < 0 || err != nil {
		t.Fatalf("server.listen %q has no port", c.Server.Listen)
	}
	return p
}

// dockerfilePort is the port the image EXPOSEs.
func dockerfilePort(t *testing.T) int {
	t.Helper()
	m := regexp.MustCompile(`(?m)^EXPOSE (\d+)$`).FindStringSubmatch(read(t, "Dockerfile"))
	if m == nil {
		t.Fatal("Dockerfile EXPOSEs no port")
	}
	p, _ := strconv.Atoi(m[1])
	return p
}

// served reports whether `stylist serve`'s own HTTP handler (bot.NewHTTPHandler,
// mounted at "/" by cmd/stylist) answers path with something other than 404.
func served(t *testing.T, path string) bool {
	t.Helper()
	if !strings.Contains(readDir(t, "cmd/stylist", "cmd_serve.go"), `mux.Handle("/", bot.NewHTTPHandler(`) {
		t.Fatal("cmd/stylist/cmd_serve.go no longer mounts bot.NewHTTPHandler at /")
	}
	h := bot.NewHTTPHandler(nil, http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {}))
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, path, nil))
	return w.Code != http.StatusNotFound
}

func readDir(t *testing.T, dir, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(root, dir, name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// checkStoreURL checks a postgres:// store.url: scheme, host and port, and the
// database, user and password when want gives them.
func checkStoreURL(t *testing.T, raw, host, port string, want map[string]string) {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") {
		t.Fatalf("store.url %q is not a postgres:// URL: %v", raw, err)
	}
	if u.Hostname() != host || u.Port() != port {
		t.Errorf("store.url points at %s:%s, want %s:%s", u.Hostname(), u.Port(), host, port)
	}
	pw, _ := u.User.Password()
	for k, v := range map[string]string{"db": strings.TrimPrefix(u.Path, "/"), "user": u.User.Username(), "password": pw} {
		if w, ok := want[k]; ok && w != v {
			t.Errorf("store.url %s is %q, want %q", k, v, w)
		}
	}
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
}
