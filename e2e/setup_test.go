// Package e2e runs the whole product end to end: the demo catalog indexed with the
// built-in embedder and FAISS, hybrid retrieval, the RAG chain against a real Ollama
// server with a tiny model, the bot core, and the platform adapters against fakes
// that speak the platforms' real protocols.
package e2e

import (
	"context"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/stylistbot/stylist/bot"
	"github.com/stylistbot/stylist/catalog"
	"github.com/stylistbot/stylist/embed"
	"github.com/stylistbot/stylist/embed/lsa"
	"github.com/stylistbot/stylist/index"
	"github.com/stylistbot/stylist/internal/glue"
	"github.com/stylistbot/stylist/internal/ollamatest"
	"github.com/stylistbot/stylist/internal/pgtest"
	"github.com/stylistbot/stylist/prompts"
	"github.com/stylistbot/stylist/rag"
	"github.com/stylistbot/stylist/retrieve"
)

// TestMain stops the shared Ollama server and, after it, the PostgreSQL
// cluster pgtest started for the multi-replica test.
func TestMain(m *testing.M) {
	code := ollamatest.Main(m)
	pgtest.Stop()
	os.Exit(code)
}

var demo struct {
	once sync.Once
	dir  string
	err  error
	cat  *catalog.Catalog
}

// demoIndexDir builds the demo catalog's index once per test binary and returns its directory.
func demoIndexDir(t testing.TB) string {
	t.Helper()
	demo.once.Do(func() {
		var err error
		if demo.cat, _, err = catalog.Demo(); err != nil {
			demo.err = err
			return
		}
		demo.dir, demo.err = os.MkdirTemp("", "stylist-e2e-")
		if demo.err != nil {
			return
		}
		_, _, demo.err = index.Build(context.Background(), filepath.Join(demo.dir, "idx"), demo.cat.Articles,
			index.BuildOptions{Factory: "HNSW32", Source: "demo", Trainer: embed.LSATrainer{Options: lsa.DefaultOptions()}})
	})
	if demo.err != nil {
		t.Fatal(demo.err)
	}
	return filepath.Join(demo.dir, "idx")
}

// demoRetriever opens a retriever over the demo catalog's index.
func demoRetriever(t testing.TB) *retrieve.Retriever {
	t.Helper()
	x, err := index.Open(context.Background(), demoIndexDir(t), index.OpenOptions{LoadEmbedder: embed.Loader(nil)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { x.Close() })
	r, err := retrieve.NewWithTemplate(x, "", retrieve.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// realCore is the production core over the demo retriever and the real tiny Ollama model.
func realCore(t testing.TB) (*bot.Core, *retrieve.Retriever) {
	t.Helper()
	r := demoRetriever(t)
	srv := ollamatest.Shared(t)
	m, err := rag.NewOllamaModel(srv.URL(), ollamatest.TinyModel, &http.Client{})
	if err != nil {
		t.Fatal(err)
	}
	ps, err := prompts.Load("")
	if err != nil {
		t.Fatal(err)
	}
	cfg := rag.DefaultConfig()
	cfg.Model, cfg.NumCtx, cfg.NumPredict, cfg.NumThread, cfg.ContextItems, cfg.DefaultCount = ollamatest.TinyModel, 1024, 256, 1, 8, 3
	chain, err := rag.New(r, m, ps, cfg, rag.WithLogger(quiet))
	if err != nil {
		t.Fatal(err)
	}
	bc := bot.DefaultConfig()
	bc.UserRate, bc.ChannelRate = 0, 0
	bc.StreamInterval = 0 // one final message per answer keeps the assertions simple
	core := bot.New(bc, glue.Recommender(chain), nil, nil)
	t.Cleanup(func() { _ = core.Shutdown(context.Background()) })
	return core, r
}

// inCatalog fails unless id is a demo catalog article.
func inCatalog(t testing.TB, id string) {
	t.Helper()
	if _, ok := demo.cat.ByID(id); !ok {
		t.Fatalf("article %q is not in the catalog", id)
	}
}

// quiet drops logs (the tiny model's invented ids are logged on every answer).
var quiet = slog.New(slog.DiscardHandler)
