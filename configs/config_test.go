package configs

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/spf13/pflag"
)

func writeYAML(t *testing.T, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "stylist.yaml")
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestDefaultsLoadAndValidate(t *testing.T) {
	c, err := Load(Options{Environ: []string{}})
	if err != nil {
		t.Fatalf("defaults: %v", err)
	}
	if c.Index.Factory != "HNSW16" || c.Index.EfSearch != 200 || c.Index.LSA.Dim != 128 || c.LLM.Timeout != 60*time.Second || c.Bot.Workers != 4 {
		t.Fatalf("unexpected defaults: %+v %+v %+v", c.Index, c.LLM, c.Bot)
	}
}

func TestPrecedence(t *testing.T) {
	file := writeYAML(t, "index:\n  factory: Flat\n  ef_search: 32\nllm:\n  model: from-file\n")
	fs := pflag.NewFlagSet("x", pflag.ContinueOnError)
	fs.String("factory", "", "")
	fs.String("model", "", "")
	if err := fs.Parse([]string{"--factory", "IVF64,Flat"}); err != nil {
		t.Fatal(err)
	}
	c, err := Load(Options{
		File:    file,
		Environ: []string{"STYLIST_OLLAMA_BIN=/usr/bin/ollama", "STYLIST_INDEX__FACTORY=HNSW16", "STYLIST_LLM__MODEL=from-env", "STYLIST_BOT__ALLOWED_CHANNELS=C1, C2", "OLLAMA_HOST=10.1.2.3", "SLACK_BOT_TOKEN=xoxb-secret"},
		Flags:   fs, FlagMap: map[string]string{"factory": "index.factory", "model": "llm.model"},
	})
	if err != nil {
		t.Fatal(err)
	}
	checks := []struct{ name, got, want string }{
		{"flag beats env and file", c.Index.Factory, "IVF64,Flat"},
		{"env beats file", c.LLM.Model, "from-env"},
		{"unchanged flag does not override", c.LLM.Model, "from-env"},
		{"file beats default", strconv.Itoa(c.Index.EfSearch), "32"},
		{"env list", strings.Join(c.Bot.AllowedChannels, "|"), "C1|C2"},
		{"OLLAMA_HOST", c.LLM.URL, "http://10.1.2.3:11434"},
		{"secret alias", c.Slack.BotToken, "xoxb-secret"},
	}
	for _, ch := range checks {
		t.Run(ch.name, func(t *testing.T) {
			if ch.got != ch.want {
				t.Fatalf("got %q, want %q", ch.got, ch.want)
			}
		})
	}
}

func TestValidationNamesTheKey(t *testing.T) {
	tests := []struct {
		name    string
		yaml    string
		env     []string
		wantKey string
		wantMsg string
	}{
		{"unknown key with suggestion", "index:\n  factroy: Flat\n", nil, "index.factroy", `did you mean "index.factory"`},
		{"unknown section", "slak:\n  enabled: true\n", nil, "slak.enabled", "unknown key"},
		{"bad type", "bot:\n  workers: many\n", nil, "workers", "workers"},
		{"bad duration", "llm:\n  timeout: soon\n", nil, "timeout", "timeout"},
		{"zero duration", "llm:\n  timeout: 0s\n", nil, "llm.timeout", "positive duration"},
		{"count above max", "llm:\n  default_count: 20\n  max_count: 10\n", nil, "llm.default_count", "between 1 and 10"},
		{"bad embedder", "index:\n  embedder: bert\n", nil, "index.embedder", "one of lsa, ollama"},
		{"candidates below k", "retrieve:\n  k: 50\n  candidates: 10\n", nil, "retrieve.candidates", ">= k (50)"},
		{"slack token prefix", "slack:\n  enabled: true\n  bot_token: abc\n  app_token: xapp-1\n", nil, "slack.bot_token", `start with "xoxb-"`},
		{"discord http key", "discord:\n  enabled: true\n  mode: http\n  token: t\n  application_id: '1'\n  public_key: zz\n", nil, "discord.public_key", "Ed25519"},
		{"bad template", "catalog:\n  text_template: '{{.ProdName'\n", nil, "catalog.text_template", "bad template"},
		{"variant weight", "prompts:\n  variants:\n    a:\n      template: short\n      weight: -1\n", nil, "prompts.variants.a.weight", ">= 0"},
		{"variant unknown field", "prompts:\n  variants:\n    a:\n      templat: short\n", nil, "prompts.variants.a.templat", "unknown key"},
		{"env unknown key", "", []string{"STYLIST_LLM__MODLE=x"}, "llm.modle", `did you mean "llm.model"`},
		{"log level", "log:\n  level: loud\n", nil, "log.level", "one of debug"},
		{"url and urls", "llm:\n  url: http://a:11434\n  urls: [http://b:11434]\n", nil, "llm.urls", "not both"},
		{"urls entry", "llm:\n  urls: [http://a:11434, 'b:11434']\n", nil, "llm.urls[1]", "http://"},
		{"urls twice", "", []string{"STYLIST_LLM__URLS=http://a:1, http://a:1"}, "llm.urls[1]", "listed twice"},
		{"openai needs a url", "llm:\n  api: openai\n", nil, "llm.url", "required with llm.api: openai"},
		{"bad api", "llm:\n  api: grpc\n", nil, "llm.api", "one of ollama, openai"},
		{"bad response format", "llm:\n  response_format: xml\n", nil, "llm.response_format", "one of json_schema"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opt := Options{Environ: tt.env}
			if opt.Environ == nil {
				opt.Environ = []string{}
			}
			if tt.yaml != "" {
				opt.File = writeYAML(t, tt.yaml)
			}
			_, err := Load(opt)
			if err == nil {
				t.Fatal("expected an error")
			}
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("error %v does not wrap ErrInvalid", err)
			}
			if !strings.Contains(err.Error(), tt.wantKey) || !strings.Contains(err.Error(), tt.wantMsg) {
				t.Fatalf("error %q should name %q and say %q", err, tt.wantKey, tt.wantMsg)
			}
		})
	}
}

// llm.urls from the environment; OLLAMA_HOST fills llm.url only when no
// server is configured; OPENAI_API_KEY is the api_key's conventional alias.
func TestModelServerKeys(t *testing.T) {
	c, err := Load(Options{Environ: []string{"STYLIST_LLM__URLS=http://a:11434, http://b:11434", "OLLAMA_HOST=10.1.2.3", "OPENAI_API_KEY=sk-secret"}})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(c.LLM.URLs, "|") != "http://a:11434|http://b:11434" || c.LLM.URL != "" || c.LLM.APIKey != "sk-secret" {
		t.Fatalf("urls %q, url %q, api_key set %v", c.LLM.URLs, c.LLM.URL, c.LLM.APIKey != "")
	}
	if c.Index.Ollama.URL != "http://a:11434" {
		t.Fatalf("the embedder's Ollama is the first server: %q", c.Index.Ollama.URL)
	}
	c, err = Load(Options{File: writeYAML(t, "llm:\n  api: openai\n  url: http://vllm:8000/v1\n"), Environ: []string{"OLLAMA_HOST=10.1.2.3"}})
	if err != nil {
		t.Fatal(err)
	}
	if c.LLM.URL != "http://vllm:8000/v1" || c.Index.Ollama.URL == c.LLM.URL {
		t.Fatalf("openai: url %q, embedder %q", c.LLM.URL, c.Index.Ollama.URL)
	}
}

func TestValidVariants(t *testing.T) {
	file := writeYAML(t, "prompts:\n  variants:\n    vivid:\n      template: category\n      weight: 3\n    short:\n      template: short\n      weight: 1\n      temperature: 0.7\n")
	c, err := Load(Options{File: file, Environ: []string{}})
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Prompts.Variants) != 2 || c.Prompts.Variants["short"].Temperature == nil || *c.Prompts.Variants["short"].Temperature != 0.7 {
		t.Fatalf("variants: %+v", c.Prompts.Variants)
	}
}

func TestMissingFile(t *testing.T) {
	_, err := Load(Options{File: filepath.Join(t.TempDir(), "nope.yaml"), Environ: []string{}})
	if err == nil || !strings.Contains(err.Error(), "nope.yaml") {
		t.Fatalf("want error naming the file, got %v", err)
	}
}
