package configs

import (
	"errors"
	"fmt"
	"strings"

	"github.com/stylistbot/stylist/internal/confcheck"
	"github.com/stylistbot/stylist/prompts"
	"github.com/stylistbot/stylist/variants"
)

// ConfigError is the one configuration error type (see package confcheck): Key
// is the dotted key path, e.g. "slack.http_path".
type ConfigError = confcheck.ConfigError

// ErrInvalid wraps every load or validation failure.
var ErrInvalid = errors.New("invalid configuration")

// Validate checks every value, by each package's own Validate, then the checks
// across sections (prompt templates that must exist, the notification channel),
// and names each bad key. It reads prompts.dir when set.
func (c *Config) Validate() error {
	var v confcheck.Checker
	v.NonEmpty("catalog.text_template", c.Catalog.TextTemplate)
	v.Template("catalog.text_template", c.Catalog.TextTemplate)
	v.Template("catalog.image_url_template", c.Catalog.ImageURLTemplate)

	v.NonEmpty("index.factory", c.Index.Factory)
	v.AtLeast("index.ef_search", c.Index.EfSearch, 0)
	v.Between("index.ef_construction", c.Index.EfConstruction, 0, 4096)
	v.AtLeast("index.nprobe", c.Index.NProbe, 0)
	v.Check("index.k_factor_rf", c.Index.KFactorRF >= 0, "must be >= 0")
	v.AtLeast("index.train_sample", c.Index.TrainSample, 0)
	v.OneOf("index.embedder", c.Index.Embedder, "lsa", "ollama")
	v.Nest("index.lsa", c.Index.LSA.Validate())
	v.Nest("index.ollama", c.Index.Ollama.Validate())

	v.Nest("retrieve", c.Retrieve.Validate())
	v.Nest("llm", c.LLM.Validate())
	v.Nest("outfits", c.Outfits.Validate())
	v.Nest("prompts.variants", variants.Validate(c.Prompts.Variants))
	v.Nest("bot", c.Bot.Validate())
	if c.Slack.Enabled {
		v.Nest("slack", c.Slack.Validate())
	}
	if c.Discord.Enabled {
		v.Nest("discord", c.Discord.Validate())
	}
	v.NonEmpty("server.listen", c.Server.Listen)
	v.Nest("store", c.Store.Validate())
	v.Nest("moderation", c.Moderation.Validate())
	v.OneOf("log.level", strings.ToLower(c.Log.Level), "debug", "info", "warn", "error")
	v.OneOf("log.format", c.Log.Format, "auto", "text", "json")
	c.crossCheck(&v)
	if err := v.Err(); err != nil {
		return fmt.Errorf("%w: %w", ErrInvalid, err)
	}
	return nil
}

// crossCheck adds the checks that need more than one section.
func (c *Config) crossCheck(v *confcheck.Checker) {
	ps, err := prompts.Load(c.Prompts.Dir)
	if err != nil {
		v.Add("prompts.dir", err.Error())
	} else {
		v.Nest("llm", c.LLM.CheckPrompt(ps))
		v.Nest("prompts.variants", variants.CheckTemplates(c.Prompts.Variants, ps.Has))
	}
	if platform, _, ok := strings.Cut(c.Moderation.NotifyChannel, ":"); ok {
		enabled := (platform == "slack" && c.Slack.Enabled) || (platform == "discord" && c.Discord.Enabled)
		v.Check("moderation.notify_channel", enabled, fmt.Sprintf("names %s, which is not enabled (%s.enabled)", platform, platform))
	}
}
