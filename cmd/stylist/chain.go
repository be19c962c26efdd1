package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"text/template"
	"time"

	"github.com/stylistbot/stylist/catalog"
	"github.com/stylistbot/stylist/internal/confcheck"
	"github.com/stylistbot/stylist/internal/glue"
	"github.com/stylistbot/stylist/prompts"
	"github.com/stylistbot/stylist/rag"
	"github.com/stylistbot/stylist/retrieve"
)

// llmURL is the configured Ollama URL (llm.url, else OLLAMA_HOST, else the local default).
func (a *app) llmURL() string {
	if a.cfg.LLM.URL != "" {
		return a.cfg.LLM.URL
	}
	return "http://127.0.0.1:11434"
}

// newChain builds the RAG chain. When the model cannot be reached it writes a
// one-line notice to notice (if not nil) and builds a retrieval-only chain when
// retrievalOnlyIfDown is set; otherwise the chain falls back per request.
func (a *app) newChain(ctx context.Context, r *retrieve.Retriever, notice io.Writer, retrievalOnlyIfDown bool, extra ...rag.Option) (*rag.Chain, error) {
	ps, err := prompts.Load(a.cfg.Prompts.Dir)
	if err != nil {
		return nil, err
	}
	model, err := rag.NewOllamaModel(a.llmURL(), a.cfg.LLM.Model, &http.Client{})
	if err != nil {
		return nil, confcheck.Wrap("llm.url", err)
	}
	cctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	var llm = model
	var opts []rag.Option
	if err := model.Check(cctx); err != nil {
		if notice != nil {
			fmt.Fprintf(notice, "notice: %v — answering from retrieval only\n", err)
		} else {
			a.log.Warn("stylist model unavailable", "url", a.llmURL(), "model", a.cfg.LLM.Model, "err", err)
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
	case errors.Is(err, rag.ErrModelNotFound):
		return "the stylist model is not installed on the Ollama server"
	case errors.Is(err, rag.ErrUnreachable):
		return "the stylist model is unreachable"
	}
	return "the stylist model is unavailable"
}
