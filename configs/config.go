// Package configs loads stylist's configuration with koanf: the embedded
// default.yaml, then a YAML file, then STYLIST_* environment variables, then flags.
// It is the only package (with cmd/) that knows koanf; others take plain structs.
package configs

import "time"

// Config is the whole configuration file.
type Config struct {
	Catalog    Catalog    `koanf:"catalog"`
	Index      Index      `koanf:"index"`
	Retrieve   Retrieve   `koanf:"retrieve"`
	LLM        LLM        `koanf:"llm"`
	Prompts    Prompts    `koanf:"prompts"`
	Bot        Bot        `koanf:"bot"`
	Slack      Slack      `koanf:"slack"`
	Discord    Discord    `koanf:"discord"`
	Server     Server     `koanf:"server"`
	Store      Store      `koanf:"store"`
	Moderation Moderation `koanf:"moderation"`
	Log        Log        `koanf:"log"`
}

// Catalog selects the article catalog.
type Catalog struct {
	Articles         string `koanf:"articles"`
	TextTemplate     string `koanf:"text_template"`
	ImageURLTemplate string `koanf:"image_url_template"`
}

// Index configures the index directory and FAISS.
type Index struct {
	Dir            string      `koanf:"dir"`
	Factory        string      `koanf:"factory"`
	EfSearch       int         `koanf:"ef_search"`
	EfConstruction int         `koanf:"ef_construction"`
	NProbe         int         `koanf:"nprobe"`
	KFactorRF      float64     `koanf:"k_factor_rf"`
	TrainSample    int         `koanf:"train_sample"`
	Embedder       string      `koanf:"embedder"`
	LSA            LSA         `koanf:"lsa"`
	Ollama         OllamaEmbed `koanf:"ollama"`
}

// LSA configures the built-in embedder.
type LSA struct {
	Dim         int   `koanf:"dim"`
	MinDF       int   `koanf:"min_df"`
	MaxFeatures int   `koanf:"max_features"`
	CharNGrams  bool  `koanf:"char_ngrams"`
	PowerIters  int   `koanf:"power_iters"`
	Seed        int64 `koanf:"seed"`
}

// OllamaEmbed configures the Ollama embedder (the server URL is llm.url).
type OllamaEmbed struct {
	Model     string `koanf:"model"`
	BatchSize int    `koanf:"batch_size"`
}

// Retrieve configures hybrid retrieval.
type Retrieve struct {
	Candidates    int     `koanf:"candidates"`
	K             int     `koanf:"k"`
	LexicalWeight float64 `koanf:"lexical_weight"`
	DedupeProduct bool    `koanf:"dedupe_product"`
	MMRLambda     float64 `koanf:"mmr_lambda"`
}

// LLM configures the Ollama chat model.
type LLM struct {
	URL          string        `koanf:"url"`
	Model        string        `koanf:"model"`
	Temperature  float64       `koanf:"temperature"`
	NumCtx       int           `koanf:"num_ctx"`
	NumPredict   int           `koanf:"num_predict"`
	Timeout      time.Duration `koanf:"timeout"`
	ContextItems int           `koanf:"context_items"`
	DefaultCount int           `koanf:"default_count"`
	MaxCount     int           `koanf:"max_count"`
	Prompt       string        `koanf:"prompt"`
}

// Prompts configures prompt templates and A/B variants.
type Prompts struct {
	Dir      string             `koanf:"dir"`
	Variants map[string]Variant `koanf:"variants"`
	Salt     string             `koanf:"salt"` // mixed into the A/B user hash; changing it re-draws every user
}

// Variant is a named prompt variant with a traffic weight.
type Variant struct {
	Template    string   `koanf:"template"`
	Weight      float64  `koanf:"weight"`
	Temperature *float64 `koanf:"temperature"`
	Model       string   `koanf:"model"`
}

// Bot configures the conversation core.
type Bot struct {
	MaxQueryRunes     int           `koanf:"max_query_runes"`
	Workers           int           `koanf:"workers"`
	QueueSize         int           `koanf:"queue_size"`
	RequestTimeout    time.Duration `koanf:"request_timeout"`
	DrainTimeout      time.Duration `koanf:"drain_timeout"`
	UserRatePerMin    float64       `koanf:"user_rate_per_min"`
	UserBurst         int           `koanf:"user_burst"`
	ChannelRatePerMin float64       `koanf:"channel_rate_per_min"`
	ChannelBurst      int           `koanf:"channel_burst"`
	HistoryTTL        time.Duration `koanf:"history_ttl"`
	HistoryMaxThreads int           `koanf:"history_max_threads"`
	HistoryMaxTurns   int           `koanf:"history_max_turns"`
	StreamInterval    time.Duration `koanf:"stream_interval"`
	AllowedChannels   []string      `koanf:"allowed_channels"`
}

// Slack configures the Slack adapter.
type Slack struct {
	Enabled         bool     `koanf:"enabled"`
	Mode            string   `koanf:"mode"`
	BotToken        string   `koanf:"bot_token"`
	AppToken        string   `koanf:"app_token"`
	SigningSecret   string   `koanf:"signing_secret"`
	SlashCommand    string   `koanf:"slash_command"`
	AllowedChannels []string `koanf:"allowed_channels"`
	ThreadOnly      bool     `koanf:"thread_only"`
	HTTPPath        string   `koanf:"http_path"`
}

// Discord configures the Discord adapter.
type Discord struct {
	Enabled              bool     `koanf:"enabled"`
	Mode                 string   `koanf:"mode"`
	Token                string   `koanf:"token"`
	ApplicationID        string   `koanf:"application_id"`
	PublicKey            string   `koanf:"public_key"`
	GuildIDs             []string `koanf:"guild_ids"`
	ShardID              int      `koanf:"shard_id"`
	ShardCount           int      `koanf:"shard_count"`
	CommandName          string   `koanf:"command_name"`
	AllowedChannels      []string `koanf:"allowed_channels"`
	MessageContentIntent bool     `koanf:"message_content_intent"`
	HTTPPath             string   `koanf:"http_path"`
}

// Server configures the HTTP listener.
type Server struct {
	Listen string `koanf:"listen"`
}

// Store configures persistent state.
type Store struct {
	Path      string        `koanf:"path"`
	Retention time.Duration `koanf:"retention"`
}

// Moderation configures who may run moderator commands.
type Moderation struct {
	SlackUserIDs   []string `koanf:"slack_user_ids"`
	SlackGroupIDs  []string `koanf:"slack_group_ids"`
	DiscordRoleIDs []string `koanf:"discord_role_ids"`
	NotifyChannel  string   `koanf:"notify_channel"`
}

// Log configures logging.
type Log struct {
	Level  string `koanf:"level"`
	Format string `koanf:"format"`
}
