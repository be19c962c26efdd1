package rag

import (
	"fmt"
	"net/http"

	"github.com/stylistbot/stylist/internal/confcheck"
)

// NewBackends builds one Backend per model server of cfg (Config.Servers, in
// the protocol of cfg.API) with hc. A bad URL is a *confcheck.ConfigError
// naming llm.url or llm.urls[i] (relative to the "llm" section).
func NewBackends(cfg Config, hc *http.Client) ([]Backend, error) {
	urls := cfg.Servers()
	if len(urls) == 0 {
		return nil, &confcheck.ConfigError{Key: "url", Reason: "is required with llm.api: openai (the server's base URL, e.g. http://vllm:8000/v1)"}
	}
	var out []Backend
	for i, u := range urls {
		var b Backend
		var err error
		if cfg.API == APIOpenAI {
			b, err = NewOpenAIModel(u, cfg.Model, cfg.APIKey, cfg.ResponseFormat, hc)
		} else {
			b, err = NewOllamaModel(u, cfg.Model, hc)
		}
		if err != nil {
			key := "url"
			if len(cfg.URLs) > 0 {
				key = fmt.Sprintf("urls[%d]", i)
			}
			return nil, confcheck.Wrap(key, err)
		}
		out = append(out, b)
	}
	return out, nil
}

// NewServerPool builds the Pool of cfg's model servers (one server for llm.url).
func NewServerPool(cfg Config, hc *http.Client, opts ...PoolOption) (*Pool, error) {
	bs, err := NewBackends(cfg, hc)
	if err != nil {
		return nil, err
	}
	return NewPool(bs, cfg.FirstTokenTimeout, opts...)
}
