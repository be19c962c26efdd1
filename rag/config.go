package rag

import (
	"fmt"
	"strings"
	"time"

	"github.com/stylistbot/stylist/internal/confcheck"
	"github.com/stylistbot/stylist/prompts"
	"github.com/stylistbot/stylist/variants"
)

// Config tunes the chain: the "llm" section of the configuration file (koanf tags
// name the keys; Variants come from the "prompts" section). It can be swapped at
// run time with (*Chain).SetConfig.
type Config struct {
	// URL is the one model server; "" = OLLAMA_HOST or the local Ollama. URLs
	// (exclusive with URL) are several servers serving the same model, as one
	// Pool (NewServerPool; the chain itself does not read either).
	URL  string   `koanf:"url"`
	URLs []string `koanf:"urls"`
	// API is the servers' protocol: APIOllama (native /api) or APIOpenAI (an
	// OpenAI-compatible /v1: vLLM, llama.cpp, TGI, LiteLLM, Ollama's /v1).
	API string `koanf:"api"`
	// APIKey is the bearer token of an OpenAI-compatible server (a secret: never
	// logged; also from OPENAI_API_KEY). ResponseFormat is how such a server is
	// asked for JSON (FormatJSONSchema, FormatJSONObject, FormatNone).
	APIKey         string `koanf:"api_key"`
	ResponseFormat string `koanf:"response_format"`
	// HealthInterval is how often each server is checked (it answers and serves
	// the model). FirstTokenTimeout abandons a server that sent nothing for that
	// long when another server can still be tried (0: only errors fail over).
	HealthInterval    time.Duration `koanf:"health_interval"`
	FirstTokenTimeout time.Duration `koanf:"first_token_timeout"`
	Model             string        `koanf:"model"`         // Ollama model name
	Temperature       float64       `koanf:"temperature"`   // sampling temperature
	NumCtx            int           `koanf:"num_ctx"`       // context window sent as num_ctx (Ollama truncates silently otherwise)
	NumPredict        int           `koanf:"num_predict"`   // maximum tokens generated
	NumThread         int           `koanf:"-"`             // 0 = server default
	Timeout           time.Duration `koanf:"timeout"`       // whole generation deadline
	ContextItems      int           `koanf:"context_items"` // retrieved items shown to the model
	// DefaultCount and MaxCount are the count policy (see Chain.Count): items
	// recommended when nobody says, and the one cap on every answer.
	DefaultCount int                         `koanf:"default_count"`
	MaxCount     int                         `koanf:"max_count"`
	Prompt       string                      `koanf:"prompt"` // default prompt template name
	Variants     map[string]variants.Variant `koanf:"-"`      // named prompt variants (A/B), from prompts.variants
}

// DefaultConfig mirrors configs/default.yaml.
func DefaultConfig() Config {
	return Config{API: APIOllama, ResponseFormat: FormatJSONSchema, HealthInterval: 10 * time.Second, FirstTokenTimeout: 30 * time.Second,
		Model: "hf.co/floraliuya/recft_unsloth-Meta-Llama-3.1-8B-2", Temperature: 0.3, NumCtx: 4096, NumPredict: 768,
		Timeout: 60 * time.Second, ContextItems: 20, DefaultCount: 5, MaxCount: 10, Prompt: "category"}
}

// Validate reports every invalid key (relative to the "llm" section) as a
// *confcheck.ConfigError. Whether the prompt templates exist is checked against
// a prompt set by CheckTemplates.
func (c Config) Validate() error {
	var v confcheck.Checker
	v.Check("url", c.URL == "" || httpURL(c.URL), "must start with http:// or https://")
	v.Check("urls", c.URL == "" || len(c.URLs) == 0, "set llm.url (one server) or llm.urls (several), not both")
	v.NoEmptyEntries("urls", c.URLs)
	seen := map[string]bool{}
	for i, u := range c.URLs {
		v.Check(fmt.Sprintf("urls[%d]", i), u == "" || httpURL(u), "must start with http:// or https://")
		v.Check(fmt.Sprintf("urls[%d]", i), u == "" || !seen[u], "is listed twice")
		seen[u] = true
	}
	v.OneOf("api", c.API, APIOllama, APIOpenAI)
	v.Check("url", c.API != APIOpenAI || c.URL != "" || len(c.URLs) > 0, "is required with llm.api: openai (the server's base URL, e.g. http://vllm:8000/v1)")
	v.OneOf("response_format", c.ResponseFormat, FormatJSONSchema, FormatJSONObject, FormatNone)
	v.Positive("health_interval", c.HealthInterval)
	v.NotNegative("first_token_timeout", c.FirstTokenTimeout)
	v.NonEmpty("model", c.Model)
	v.FloatBetween("temperature", c.Temperature, 0, 2)
	v.Between("num_ctx", c.NumCtx, 256, 1<<20)
	v.Between("num_predict", c.NumPredict, 16, max(16, min(1<<16, c.NumCtx-1)))
	v.AtLeast("num_thread", c.NumThread, 0)
	v.Positive("timeout", c.Timeout)
	v.Between("context_items", c.ContextItems, 1, 200)
	v.Between("max_count", c.MaxCount, 1, 50)
	v.Between("default_count", c.DefaultCount, 1, max(c.MaxCount, 1))
	v.NonEmpty("prompt", c.Prompt)
	return v.Err()
}

// Model server protocols (llm.api).
const (
	APIOllama = "ollama" // Ollama's native API (structured output with a JSON schema, num_ctx)
	APIOpenAI = "openai" // an OpenAI-compatible chat completions API
)

// DefaultOllamaURL is the model server when neither llm.url, llm.urls nor OLLAMA_HOST says.
const DefaultOllamaURL = "http://127.0.0.1:11434"

// Servers returns the model servers' URLs: URLs, else URL, else (for Ollama) DefaultOllamaURL.
func (c Config) Servers() []string {
	switch {
	case len(c.URLs) > 0:
		return append([]string(nil), c.URLs...)
	case c.URL != "":
		return []string{c.URL}
	case c.API == APIOpenAI:
		return nil
	}
	return []string{DefaultOllamaURL}
}

func httpURL(s string) bool {
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://")
}

// Count is the one count policy of every answer: a count written in the request
// text ("top 3") wins, then an explicit count (a --count option), then
// DefaultCount; the result is capped by MaxCount.
func (c Config) Count(inText, explicit int) int {
	n := c.DefaultCount
	if inText > 0 {
		n = inText
	} else if explicit > 0 {
		n = explicit
	}
	return min(max(n, 1), c.MaxCount)
}

// CheckPrompt reports (as "prompt: no template …") a default prompt missing from ps.
func (c Config) CheckPrompt(ps *prompts.Set) error {
	if ps.Has(c.Prompt) {
		return nil
	}
	return &confcheck.ConfigError{Key: "prompt", Reason: fmt.Sprintf("no template %q", c.Prompt)}
}

// Check is everything SetConfig, SetPrompts and Swap require of a config with the
// prompt set ps: Validate, and every prompt and variant template exists in ps.
func (c Config) Check(ps *prompts.Set) error {
	var v confcheck.Checker
	v.Nest("", c.Validate())
	v.Nest("", c.CheckPrompt(ps))
	v.Nest("variants", variants.CheckTemplates(c.Variants, ps.Has))
	return v.Err()
}
