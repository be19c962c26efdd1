package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stylistbot/stylist/catalog"
	"github.com/stylistbot/stylist/internal/ollamatest"
)

func TestMain(m *testing.M) {
	// One demo index for the whole test binary, in a private cache.
	dir, err := os.MkdirTemp("", "stylist-cmd-")
	if err != nil {
		panic(err)
	}
	os.Setenv("XDG_CACHE_HOME", dir)
	os.Setenv("STYLIST_LLM__URL", "http://127.0.0.1:1") // no Ollama here: answers are retrieval-only
	code := ollamatest.Main(m)
	os.RemoveAll(dir)
	os.Exit(code)
}

// run executes the CLI in-process.
func run(t *testing.T, stdin string, args ...string) (string, string, error) {
	t.Helper()
	cmd := newRootCmd()
	var out, errb bytes.Buffer
	cmd.SetArgs(args)
	cmd.SetIn(strings.NewReader(stdin))
	cmd.SetOut(&out)
	cmd.SetErr(&errb)
	err := cmd.ExecuteContext(context.Background())
	return out.String(), errb.String(), err
}

var tenDigits = regexp.MustCompile(`^\d{10}$`)

func TestSearchJSON(t *testing.T) {
	out, _, err := run(t, "", "search", "--json", "--k", "3", "black", "sweater")
	if err != nil {
		t.Fatal(err)
	}
	var res searchOutput
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if res.Query != "black sweater" || len(res.Items) != 3 {
		t.Fatalf("%+v", res)
	}
	for _, it := range res.Items {
		if !tenDigits.MatchString(it.ArticleID) || it.ProductTypeName != "Sweater" || it.ColourGroupName != "Black" || it.ProdName == "" {
			t.Fatalf("item %+v", it)
		}
	}
}

func TestSearchReadsQueriesFromStdin(t *testing.T) {
	out, _, err := run(t, "white t-shirt\n\njeans for women\n", "search", "--json", "--k", "2")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2 {
		t.Fatalf("want one JSON line per query, got %q", out)
	}
	for i, want := range []string{"white t-shirt", "jeans for women"} {
		var res searchOutput
		if err := json.Unmarshal([]byte(lines[i]), &res); err != nil || res.Query != want || len(res.Items) != 2 {
			t.Fatalf("line %d: %v %+v", i, err, res)
		}
	}
}

func TestIndexThenSearch(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "idx")
	out, _, err := run(t, "", "index", "--out", dir, "--factory", "Flat")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"loaded 3000 of 3000 rows", "indexed 3000 articles", "factory    Flat", "embed "} {
		if !strings.Contains(out, want) {
			t.Fatalf("summary lacks %q:\n%s", want, out)
		}
	}
	out, _, err = run(t, "", "search", "--index", dir, "--k", "2", "light yellow dress")
	if err != nil || !strings.Contains(out, "Dress · Light Yellow") {
		t.Fatalf("%v\n%s", err, out)
	}
	if err := os.WriteFile(filepath.Join(dir, "index.faiss"), []byte("garbage"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, _, err := run(t, "", "search", "--index", dir, "x"); err == nil || !strings.Contains(err.Error(), "corrupt") {
		t.Fatalf("a corrupt index must be refused clearly: %v", err)
	}
}

func TestUsageAndConfigErrors(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "bad.yaml")
	os.WriteFile(bad, []byte("index:\n  factroy: Flat\n"), 0o644)
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"index"}, "--out DIR is required"},
		{[]string{"search", "--bogus"}, "unknown flag: --bogus"},
		{[]string{"--config", bad, "search", "x"}, `index.factroy: unknown key (did you mean "index.factory"?)`},
		{[]string{"index", "--out", t.TempDir(), "--articles", "/nonexistent.csv"}, "nonexistent.csv"},
		{[]string{"eval"}, "--queries FILE, --understanding FILE or --outfits FILE is required"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			_, _, err := run(t, "", tt.args...)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("want error with %q, got %v", tt.want, err)
			}
		})
	}
}

func TestAskWithoutOllamaIsRetrievalOnly(t *testing.T) {
	// The demo index is built on first use, with progress on stderr: build it
	// first, so that stderr holds only the ask's own lines whichever test runs first.
	if _, _, err := run(t, "", "search", "white t-shirt"); err != nil {
		t.Fatal(err)
	}
	out, errs, err := run(t, "", "ask", "top 2 white t-shirts")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(errs, "notice:") || !strings.Contains(errs, "unreachable") || strings.Count(errs, "\n") != 1 {
		t.Fatalf("want exactly one notice line on stderr, got %q", errs)
	}
	if !strings.Contains(out, "1. ") || !strings.Contains(out, "2. ") || strings.Contains(out, "3. ") || !strings.Contains(out, "retrieval-only") {
		t.Fatalf("want two retrieval-only items:\n%s", out)
	}
}

// TestAskChatIsTheCoresAnswer: "stylist ask hi" gets the bot core's chat or
// help reply (bot.Unsearched, the one policy), not a product search.
func TestAskChatIsTheCoresAnswer(t *testing.T) {
	for _, tc := range []struct{ q, want string }{
		{"hi", "I'm your stylist"},
		{"thanks!", "welcome"},
		{"help me", "/outfit"},
	} {
		t.Run(tc.q, func(t *testing.T) {
			out, _, err := run(t, "", "ask", tc.q)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(out, tc.want) || strings.Contains(out, "article ") || strings.Contains(out, "retrieval-only") {
				t.Fatalf("want the core's reply with %q and no items:\n%s", tc.want, out)
			}
		})
	}
	out, _, err := run(t, "", "ask", "--json", "hi")
	if err != nil || !strings.Contains(out, `"text"`) || strings.Contains(out, `"article_id"`) {
		t.Fatalf("--json hi: %v\n%s", err, out)
	}
}

func TestDemoScripted(t *testing.T) {
	out, _, err := run(t, "", "demo")
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range demoScript[:3] {
		if !strings.Contains(out, "> "+q) {
			t.Fatalf("demo did not play %q:\n%s", q, out)
		}
	}
	if strings.Count(out, "article ") < 20 {
		t.Fatalf("demo answers should list articles:\n%s", out)
	}
	// The outfit request and its follow-up: two different looks, headed, with slot labels.
	_, outfits, ok := strings.Cut(out, "> what should I wear to a summer wedding?")
	if !ok || strings.Count(outfits, "== Wedding guest look") != 2 || !strings.Contains(outfits, "  Top: ") ||
		!strings.Contains(outfits, "  Shoes: ") || strings.Contains(outfits, "you asked for") {
		t.Fatalf("demo outfit request and follow-up:\n%s", outfits)
	}
	first, second, _ := strings.Cut(outfits, "> show me another look")
	for _, id := range regexp.MustCompile(`article (\d{10})`).FindAllStringSubmatch(first, -1) {
		if strings.Contains(second, id[1]) {
			t.Errorf("another look repeats article %s", id[1])
		}
	}
}

// startServe runs `stylist serve --listen <free port> args…` until cancel; done
// receives its result.
func startServe(t *testing.T, args ...string) (addr string, cancel context.CancelFunc, done <-chan error) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr = ln.Addr().String()
	ln.Close()
	ctx, cancel := context.WithCancel(context.Background())
	res := make(chan error, 1)
	go func() {
		cmd := newRootCmd()
		cmd.SetArgs(append([]string{"serve", "--listen", addr}, args...))
		cmd.SetIn(strings.NewReader(""))
		cmd.SetOut(io.Discard)
		cmd.SetErr(io.Discard)
		res <- cmd.ExecuteContext(ctx)
	}()
	return addr, cancel, res
}

// stopServe cancels a serve started by startServe and checks it stopped cleanly.
func stopServe(t *testing.T, cancel context.CancelFunc, done <-chan error) {
	t.Helper()
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("serve returned %v", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not stop")
	}
}

func TestServeHealthReadyMetrics(t *testing.T) {
	addr, cancel, done := startServe(t)
	get := func(path string) (int, string) {
		deadline := time.Now().Add(60 * time.Second)
		for {
			resp, err := http.Get("http://" + addr + path)
			if err == nil {
				b, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				return resp.StatusCode, string(b)
			}
			if time.Now().After(deadline) {
				t.Fatalf("%s: %v", path, err)
			}
			time.Sleep(100 * time.Millisecond)
		}
	}
	if code, body := get("/healthz"); code != 200 || strings.TrimSpace(body) != "ok" {
		t.Fatalf("/healthz %d %q", code, body)
	}
	// The LLM is probed in the background: "llm: checking" until the first probe returns.
	code, body := get("/readyz")
	for deadline := time.Now().Add(30 * time.Second); strings.Contains(body, "llm: checking") && time.Now().Before(deadline); {
		time.Sleep(50 * time.Millisecond)
		code, body = get("/readyz")
	}
	if code != 200 || !strings.Contains(body, "degraded") || !strings.Contains(body, "retrieval-only") {
		t.Fatalf("/readyz with Ollama down should be ready in fallback mode: %d %q", code, body)
	}
	if code, body := get("/metrics"); code != 200 || !strings.Contains(body, "stylist_queue_depth") {
		t.Fatalf("/metrics %d", code)
	}
	stopServe(t, cancel, done)
	if _, err := http.Get(fmt.Sprintf("http://%s/healthz", addr)); err == nil {
		t.Fatal("server still listening after shutdown")
	}
}

// The Ollama embedder end to end: index with it, search with it, and refuse the
// index once the model behind the name changed.
func TestIndexWithOllamaEmbedder(t *testing.T) {
	srv := ollamatest.Shared(t)
	srv.CreateTinyModel(t, "emb")
	t.Setenv("STYLIST_LLM__URL", srv.URL())
	t.Setenv("STYLIST_INDEX__OLLAMA__MODEL", "emb")
	// 200 demo articles: the tiny model reads about one token per character.
	demo, _, err := catalog.Demo()
	if err != nil {
		t.Fatal(err)
	}
	csvPath := filepath.Join(t.TempDir(), "small.csv")
	f, err := os.Create(csvPath)
	if err != nil {
		t.Fatal(err)
	}
	if err := catalog.WriteCSV(f, demo.Articles[:200]); err != nil {
		t.Fatal(err)
	}
	f.Close()
	dir := filepath.Join(t.TempDir(), "idx")
	out, _, err := run(t, "", "index", "--embedder", "ollama", "--factory", "Flat", "--articles", csvPath, "--out", dir)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "embedder   ollama/emb:latest@") || !strings.Contains(out, "(64 dims)") {
		t.Fatalf("summary:\n%s", out)
	}
	out, _, err = run(t, "", "search", "--index", dir, "--json", "--k", "3", "black dress")
	if err != nil {
		t.Fatal(err)
	}
	var res searchOutput
	if err := json.Unmarshal([]byte(out), &res); err != nil || len(res.Items) != 3 || !tenDigits.MatchString(res.Items[0].ArticleID) {
		t.Fatalf("%v %+v", err, res)
	}
	srv.CreateTinyModelWith(t, "emb", ollamatest.TinyOptions{Seed: 99}) // same name, other weights
	_, _, err = run(t, "", "search", "--index", dir, "black dress")
	if err == nil || !strings.Contains(err.Error(), "index was built with ollama/emb:latest@") {
		t.Fatalf("a changed embedding model must be refused clearly, got %v", err)
	}
}
