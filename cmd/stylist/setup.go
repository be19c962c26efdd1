package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/stylistbot/stylist/catalog"
	"github.com/stylistbot/stylist/embed"
	"github.com/stylistbot/stylist/embed/lsa"
	"github.com/stylistbot/stylist/index"
	"github.com/stylistbot/stylist/internal/confcheck"
	"github.com/stylistbot/stylist/query"
	"github.com/stylistbot/stylist/retrieve"
)

// loadCatalog loads catalog.articles, or the embedded demo catalog when it is empty.
func (a *app) loadCatalog() (*catalog.Catalog, *catalog.Report, string, error) {
	if p := a.cfg.Catalog.Articles; p != "" {
		c, rep, err := catalog.LoadFile(p)
		return c, rep, p, err
	}
	c, rep, err := catalog.Demo()
	return c, rep, "demo", err
}

// trainer returns the configured embedder family for index builds.
func (a *app) trainer() (index.Trainer, error) {
	switch a.cfg.Index.Embedder {
	case embed.KindLSA:
		return embed.LSATrainer{Options: a.cfg.Index.LSA}, nil
	case embed.KindOllama:
		return a.ollamaTrainer()
	}
	return nil, &confcheck.ConfigError{Key: "index.embedder", Reason: fmt.Sprintf("unknown embedder %q", a.cfg.Index.Embedder)}
}

// openIndex opens index.dir, or the demo index (building it on first use).
// With steady it also builds the search caches now (faiss.Index.Prepare), as
// a server has them after its first searches, so that a batch (eval, finetune
// data) answers every request alike; one-shot commands and the server leave
// them to the background.
func (a *app) openIndex(ctx context.Context, logw io.Writer, steady bool) (*index.Index, error) {
	dir := a.cfg.Index.Dir
	if dir == "" {
		var err error
		if dir, err = a.ensureDemoIndex(ctx, logw); err != nil {
			return nil, err
		}
	}
	t0 := time.Now()
	x, err := index.Open(ctx, dir, index.OpenOptions{LoadEmbedder: embed.Loader(a.ollamaEmbedderFor), Params: a.cfg.SearchParams(),
		Extras: []string{retrieve.BM25File}})
	if err != nil {
		return nil, err
	}
	if steady {
		if err := x.FAISS().Prepare(); err != nil {
			x.Close()
			return nil, err
		}
	}
	a.log.Debug("index opened", "dir", dir, "articles", x.Manifest().Articles, "took", time.Since(t0))
	return x, nil
}

// ensureDemoIndex builds the demo catalog's index in the user cache unless an
// up-to-date one is there, and returns its directory.
func (a *app) ensureDemoIndex(ctx context.Context, logw io.Writer) (string, error) {
	cat, rep, err := catalog.Demo()
	if err != nil {
		return "", err
	}
	base, err := os.UserCacheDir()
	if err != nil || base == "" {
		base = os.TempDir()
	}
	key := sha256.Sum256([]byte(rep.SHA256 + "|" + a.cfg.Index.Factory + "|" + a.cfg.Index.Embedder + "|" + a.cfg.Catalog.TextTemplate + "|" + lsaKey(a.cfg.Index.LSA) + "|" + fmt.Sprint(a.cfg.Index.EfConstruction)))
	dir := filepath.Join(base, "stylist", "demo-index-"+hex.EncodeToString(key[:6]))
	if m, err := index.ReadManifest(dir); err == nil && m.SourceSHA256 == rep.SHA256 && m.FormatVersion == index.FormatVersion {
		return dir, nil
	} else if err != nil && !errors.Is(err, index.ErrNotIndex) {
		a.log.Warn("rebuilding the demo index", "dir", dir, "reason", err)
	}
	tr, err := a.trainer()
	if err != nil {
		return "", err
	}
	fmt.Fprintf(logw, "building the demo index (%d articles) in %s …\n", cat.Len(), dir)
	t0 := time.Now()
	_, _, err = index.Build(ctx, dir, cat.Articles, index.BuildOptions{Factory: a.cfg.Index.Factory, TextTemplate: a.cfg.Catalog.TextTemplate,
		Source: "demo", SourceSHA256: rep.SHA256, Trainer: tr, TrainSample: a.cfg.Index.TrainSample, EfConstruction: a.cfg.Index.EfConstruction,
		Extras: indexExtras(), Details: query.DetailsOf})
	if err != nil {
		return "", fmt.Errorf("demo index: %w", err)
	}
	fmt.Fprintf(logw, "demo index ready in %s\n", time.Since(t0).Round(time.Millisecond))
	return dir, nil
}

// openRetriever opens the index (see openIndex for steady) and the hybrid
// retriever over it.
func (a *app) openRetriever(ctx context.Context, logw io.Writer, steady bool) (*retrieve.Retriever, func(), error) {
	x, err := a.openIndex(ctx, logw, steady)
	if err != nil {
		return nil, nil, err
	}
	r, err := newRetriever(x, a.cfg.Retrieve)
	if err != nil {
		x.Close()
		return nil, nil, err
	}
	return r, func() { x.Close() }, nil
}

// newRetriever builds the retriever over x, from the index's persisted BM25
// file when it has one (format version 2) written by this build's tokenizer;
// older indexes and stale files tokenize the catalog.
func newRetriever(x *index.Index, cfg retrieve.Config) (*retrieve.Retriever, error) {
	if !x.HasDetails() {
		slog.Warn("the index stores no garment details (built before format 3): reading them from the descriptions at start-up; rebuild it with `stylist index` for a faster start",
			"dir", x.Dir(), "format_version", x.Manifest().FormatVersion)
	}
	if b, ok := x.Extra(retrieve.BM25File); ok {
		bm, err := retrieve.UnmarshalBM25(b, len(x.Articles()))
		switch {
		case errors.Is(err, retrieve.ErrBM25Stale):
			slog.Warn("the index's lexical index is stale: tokenizing the catalog at start-up instead",
				"file", filepath.Join(x.Dir(), retrieve.BM25File), "reason", err)
		case err != nil:
			return nil, fmt.Errorf("%s: %w", filepath.Join(x.Dir(), retrieve.BM25File), err)
		default:
			return retrieve.NewWithBM25(x, bm, cfg)
		}
	}
	return retrieve.NewWithTemplate(x, x.Manifest().TextTemplate, cfg)
}

// indexExtras are the files `stylist index` writes next to the FAISS index.
func indexExtras() []index.Extra {
	return []index.Extra{{Name: retrieve.BM25File, Make: func(texts []string) ([]byte, error) {
		return retrieve.NewBM25(texts).MarshalBinary()
	}}}
}

// logWriter is where one-line notices for operators go.
func (a *app) logWriter() io.Writer { return &logLineWriter{a: a} }

// logLineWriter turns printed lines into info logs.
type logLineWriter struct{ a *app }

// Write implements io.Writer.
func (w *logLineWriter) Write(p []byte) (int, error) {
	w.a.log.Info(strings.TrimRight(string(p), "\r\n"))
	return len(p), nil
}

// lsaKey is the part of the demo index's cache key that the lsa section sets
// (the format of the earlier configs.LSA, so existing caches stay valid).
func lsaKey(o lsa.Options) string {
	return fmt.Sprintf("{%d %d %d %t %d %d}", o.Dim, o.MinDF, o.MaxFeatures, o.CharNGrams, o.PowerIters, o.Seed)
}
