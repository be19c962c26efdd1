package rag

import (
	"errors"
	"fmt"
	"time"
)

// Config tunes the chain. It can be swapped at run time with (*Chain).SetConfig.
type Config struct {
	Model        string             // Ollama model name
	Temperature  float64            // sampling temperature
	NumCtx       int                // context window sent as num_ctx (Ollama truncates silently otherwise)
	NumPredict   int                // maximum tokens generated
	NumThread    int                // 0 = server default
	Timeout      time.Duration      // whole generation deadline
	ContextItems int                // retrieved items shown to the model
	DefaultCount int                // items recommended when the user does not say
	MaxCount     int                // cap on items recommended
	Prompt       string             // default prompt template name
	Variants     map[string]Variant // named prompt variants (A/B)
}

// Variant overrides the prompt (and optionally temperature and model) for a share of users.
type Variant struct {
	Template    string
	Temperature *float64
	Model       string
}

// DefaultConfig mirrors configs/default.yaml.
func DefaultConfig() Config {
	return Config{Model: "hf.co/floraliuya/recft_unsloth-Meta-Llama-3.1-8B-2", Temperature: 0.3, NumCtx: 4096, NumPredict: 768,
		Timeout: 60 * time.Second, ContextItems: 20, DefaultCount: 5, MaxCount: 10, Prompt: "category"}
}

// Validate names the first bad field.
func (c Config) Validate() error {
	switch {
	case c.Model == "":
		return errors.New("rag: Model must not be empty")
	case c.NumCtx < 256:
		return fmt.Errorf("rag: NumCtx is %d, must be >= 256", c.NumCtx)
	case c.NumPredict < 16 || c.NumPredict >= c.NumCtx:
		return fmt.Errorf("rag: NumPredict is %d, must be between 16 and NumCtx", c.NumPredict)
	case c.Timeout <= 0:
		return errors.New("rag: Timeout must be positive")
	case c.ContextItems < 1:
		return errors.New("rag: ContextItems must be >= 1")
	case c.MaxCount < 1 || c.DefaultCount < 1 || c.DefaultCount > c.MaxCount:
		return fmt.Errorf("rag: DefaultCount %d must be between 1 and MaxCount %d", c.DefaultCount, c.MaxCount)
	case c.Prompt == "":
		return errors.New("rag: Prompt must not be empty")
	}
	return nil
}
