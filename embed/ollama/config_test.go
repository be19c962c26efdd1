package ollamaembed

import (
	"strings"
	"testing"
	"time"
)

func TestConfigValidate(t *testing.T) {
	if err := DefaultConfig().Validate(); err != nil {
		t.Fatalf("default config: %v", err)
	}
	tests := []struct {
		name  string
		edit  func(*Config)
		field string
	}{
		{"empty url", func(c *Config) { c.URL = "" }, "URL"},
		{"no scheme", func(c *Config) { c.URL = "localhost:11434" }, "URL"},
		{"ftp", func(c *Config) { c.URL = "ftp://host:1" }, "URL"},
		{"no model", func(c *Config) { c.Model = "" }, "model"},
		{"zero batch", func(c *Config) { c.BatchSize = 0 }, "batch_size"},
		{"huge batch", func(c *Config) { c.BatchSize = MaxBatchSize + 1 }, "batch_size"},
		{"negative timeout", func(c *Config) { c.Timeout = -time.Second }, "Timeout"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := DefaultConfig()
			tt.edit(&c)
			err := c.Validate()
			if err == nil || !strings.Contains(err.Error(), tt.field) {
				t.Fatalf("Validate() = %v, want an error naming %s", err, tt.field)
			}
		})
	}
}
