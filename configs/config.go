// Package configs loads stylist's configuration with koanf: the embedded
// default.yaml, then a YAML file, then STYLIST_* environment variables, then flags.
// It is the only package (with cmd/) that knows koanf.
//
// It owns no settings of its own packages: Config composes each package's Config
// type (bot.Config is the "bot" section, rag.Config the "llm" section, …), whose
// koanf tags name the keys and whose Validate is the only validation of them.
// configs adds the section to every error key, the checks that need two sections
// (a prompt template that must exist, a notification channel on an enabled
// platform), and fills the few fields one section takes from another (compose).
package configs

import (
	discordadapter "github.com/stylistbot/stylist/adapters/discord"
	slackadapter "github.com/stylistbot/stylist/adapters/slack"
	"github.com/stylistbot/stylist/bot"
	"github.com/stylistbot/stylist/embed/lsa"
	ollamaembed "github.com/stylistbot/stylist/embed/ollama"
	"github.com/stylistbot/stylist/index/faiss"
	"github.com/stylistbot/stylist/moderation"
	"github.com/stylistbot/stylist/outfit"
	"github.com/stylistbot/stylist/rag"
	"github.com/stylistbot/stylist/retrieve"
	"github.com/stylistbot/stylist/store"
	"github.com/stylistbot/stylist/variants"
)

// Config is the whole configuration file.
type Config struct {
	Catalog    Catalog               `koanf:"catalog"`
	Index      Index                 `koanf:"index"`
	Retrieve   retrieve.Config       `koanf:"retrieve"`
	LLM        rag.Config            `koanf:"llm"`
	Prompts    Prompts               `koanf:"prompts"`
	Outfits    outfit.Config         `koanf:"outfits"`
	Bot        bot.Config            `koanf:"bot"`
	Slack      slackadapter.Config   `koanf:"slack"`
	Discord    discordadapter.Config `koanf:"discord"`
	Server     Server                `koanf:"server"`
	Store      store.Config          `koanf:"store"`
	Moderation moderation.Config     `koanf:"moderation"`
	Log        Log                   `koanf:"log"`
}

// Defaults returns every package's DefaultConfig composed; the embedded
// default.yaml agrees with it (a test checks).
func Defaults() *Config {
	c := &Config{
		Catalog: Catalog{TextTemplate: "{{.ProdName}} - {{.ProductTypeName}} - {{.ColourGroupName}} - {{.IndexName}} - {{.DetailDesc}}"},
		Index: Index{Factory: "HNSW16", EfSearch: 200, EfConstruction: 300, NProbe: 16, KFactorRF: 4, TrainSample: 65536, Embedder: "lsa",
			LSA: lsa.DefaultOptions(), Ollama: ollamaembed.DefaultConfig()},
		Retrieve:   retrieve.DefaultConfig(),
		LLM:        rag.DefaultConfig(),
		Outfits:    outfit.DefaultConfig(),
		Bot:        bot.DefaultConfig(),
		Slack:      slackadapter.DefaultConfig(),
		Discord:    discordadapter.DefaultConfig(),
		Server:     Server{Listen: "127.0.0.1:8080"},
		Store:      store.DefaultConfig(),
		Moderation: moderation.DefaultConfig(),
		Log:        Log{Level: "info", Format: "auto"},
	}
	c.compose()
	return c
}

// compose fills the fields a package's Config takes from another section
// (they carry koanf:"-" and are never read from the file themselves).
func (c *Config) compose() {
	c.Retrieve.Params = c.SearchParams()
	if s := c.LLM.Servers(); c.LLM.API != rag.APIOpenAI && (c.LLM.URL != "" || len(c.LLM.URLs) > 0) {
		c.Index.Ollama.URL = s[0] // the embedding model is served by the (first) Ollama
	}
	c.LLM.Variants = c.Prompts.Variants
	c.Store.TurnTTL, c.Store.MaxTurns, c.Store.MaxThreads = c.Bot.HistoryTTL, c.Bot.HistoryMaxTurns, c.Bot.HistoryMaxThreads
}

// SearchParams are the ANN parameters of the "index" section.
func (c *Config) SearchParams() faiss.SearchParams {
	return faiss.SearchParams{EfSearch: c.Index.EfSearch, NProbe: c.Index.NProbe, KFactorRF: float32(c.Index.KFactorRF)}
}

// VariantSet returns the A/B assignment of prompts.variants (llm.prompt when empty).
func (c *Config) VariantSet() (*variants.Set, error) {
	return variants.New(c.Prompts.Variants, c.LLM.Prompt, variants.WithSalt(c.Prompts.Salt))
}

// Catalog selects the article catalog; read by cmd/stylist when it builds or opens an index.
type Catalog struct {
	Articles         string `koanf:"articles"`
	TextTemplate     string `koanf:"text_template"`
	ImageURLTemplate string `koanf:"image_url_template"`
}

// Index configures the index directory, FAISS and the embedder. These settings
// are turned into index.BuildOptions / index.OpenOptions by cmd/stylist at
// startup; they live here because the index package needs cgo and configs must
// not. The embedders' own Config types are the lsa and ollama subsections.
type Index struct {
	Dir            string             `koanf:"dir"`
	Factory        string             `koanf:"factory"`
	EfSearch       int                `koanf:"ef_search"`
	EfConstruction int                `koanf:"ef_construction"`
	NProbe         int                `koanf:"nprobe"`
	KFactorRF      float64            `koanf:"k_factor_rf"`
	TrainSample    int                `koanf:"train_sample"`
	Embedder       string             `koanf:"embedder"`
	LSA            lsa.Options        `koanf:"lsa"`
	Ollama         ollamaembed.Config `koanf:"ollama"`
}

// Prompts is the "prompts" section: the template directory and the A/B variants.
type Prompts struct {
	Dir      string                      `koanf:"dir"`
	Variants map[string]variants.Variant `koanf:"variants"`
	Salt     string                      `koanf:"salt"` // mixed into the A/B user hash; changing it re-draws every user
}

// Server configures the HTTP listener.
type Server struct {
	Listen string `koanf:"listen"`
}

// Log configures logging.
type Log struct {
	Level  string `koanf:"level"`
	Format string `koanf:"format"`
}
