package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"text/template"
	"time"

	"github.com/stylistbot/stylist/catalog"
	"github.com/stylistbot/stylist/internal/confcheck"
	"github.com/stylistbot/stylist/internal/glue"
	"github.com/stylistbot/stylist/prompts"
	"github.com/stylistbot/stylist/rag"
	"github.com/stylistbot/stylist/retrieve"
)

// llmURL is the first configured model server (llm.urls, llm.url, else
// OLLAMA_HOST, else the local Ollama), without credentials.
func (a *app) llmURL() string {
	if s := a.cfg.LLM.Servers(); len(s) > 0 {
		return rag.Redact(s[0])
	}
	return ""
}

// llmURLs are every configured model server, without credentials, comma-separated.
func (a *app) llmURLs() string {
	var out []string
	for _, s := range a.cfg.LLM.Servers() {
		out = append(out, rag.Redact(s))
	}
	return strings.Join(out, ",")
}

// newPool builds the pool of model servers (llm.url or llm.urls, llm.api);
// one-shot commands give no logger (their notice says it), serve does.
func (a *app) newPool(opts ...rag.PoolOption) (*rag.Pool, error) {
	p, err := rag.NewServerPool(a.cfg.LLM, &http.Client{}, opts...)
	if err != nil {
		return nil, confcheck.In("llm", err)
	}
	return p, nil
}

// newChain builds the RAG chain over a new pool of the configured model servers.
func (a *app) newChain(ctx context.Context, r *retrieve.Retriever, notice io.Writer, retrievalOnlyIfDown bool, extra ...rag.Option) (*rag.Chain, error) {
	pool, err := a.newPool()
	if err != nil {
		return nil, err
	}
	return a.newChainOn(ctx, pool, r, notice, retrievalOnlyIfDown, extra...)
}

// newChainOn builds the RAG chain over pool. When no model server answers it
// writes a one-line notice to notice (if not nil) and builds a retrieval-only
// chain when retrievalOnlyIfDown is set; otherwise the chain falls back per
// request (and the pool's health checks bring servers back).
func (a *app) newChainOn(ctx context.Context, pool *rag.Pool, r *retrieve.Retriever, notice io.Writer, retrievalOnlyIfDown bool, extra ...rag.Option) (*rag.Chain, error) {
	ps, err := prompts.Load(a.cfg.Prompts.Dir)
	if err != nil {
		return nil, err
	}
	cctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	var llm = pool
	var opts []rag.Option
	if err := pool.Check(cctx); err != nil {
		if notice != nil {
			fmt.Fprintf(notice, "notice: %v — answering from retrieval only\n", err)
		} else {
			a.log.Warn("stylist model unavailable", "servers", a.llmURLs(), "model", a.cfg.LLM.Model, "err", err)
		}
		if retrievalOnlyIfDown {
			llm = nil
			opts = append(opts, rag.WithoutLLMReason(reasonText(err)))
		}
	}
	opts = append(opts, rag.WithLogger(a.log), rag.WithCallbacks(glue.LLMCallbacks(nil, a.log)))
	if a.cfg.Outfits.Enabled {
		asm, err := a.newAssembler(r)
		if err != nil {
			return nil, err
		}
		opts = append(opts, rag.WithOutfits(asm))
	}
	opts = append(opts, extra...) // later options win
	if f, err := a.imageURLFunc(); err != nil {
		return nil, err
	} else if f != nil {
		opts = append(opts, rag.WithImageURL(f))
	}
	if llm == nil {
		return rag.New(r, nil, ps, a.cfg.LLM, opts...)
	}
	return rag.New(r, llm, ps, a.cfg.LLM, opts...)
}

func (a *app) imageURLFunc() (func(catalog.Article) string, error) {
	src := a.cfg.Catalog.ImageURLTemplate
	if src == "" {
		return nil, nil
	}
	t, err := template.New("image").Option("missingkey=error").Parse(src)
	if err != nil {
		return nil, confcheck.Wrap("catalog.image_url_template", err)
	}
	return func(art catalog.Article) string {
		var b bytes.Buffer
		if err := t.Execute(&b, art); err != nil {
			return ""
		}
		return b.String()
	}, nil
}

func ragRequest(q string, count int) rag.Request { return rag.Request{Query: q, Count: count} }

func reasonText(err error) string {
	switch {
	case errors.Is(err, rag.ErrNoServer):
		return "no stylist model server is available"
	case errors.Is(err, rag.ErrModelNotFound):
		return "the stylist model is not installed on the Ollama server"
	case errors.Is(err, rag.ErrUnreachable):
		return "the stylist model is unreachable"
	}
	return "the stylist model is unavailable"
}
