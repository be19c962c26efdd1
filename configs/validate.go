package configs

import (
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"text/template"
	"time"
)

// Validate checks every value and names each bad key.
func (c *Config) Validate() error {
	var v validator
	v.nonEmpty("catalog.text_template", c.Catalog.TextTemplate)
	v.template("catalog.text_template", c.Catalog.TextTemplate)
	v.template("catalog.image_url_template", c.Catalog.ImageURLTemplate)

	v.nonEmpty("index.factory", c.Index.Factory)
	v.atLeast("index.ef_search", c.Index.EfSearch, 0)
	v.between("index.ef_construction", c.Index.EfConstruction, 0, 4096)
	v.atLeast("index.nprobe", c.Index.NProbe, 0)
	v.check("index.k_factor_rf", c.Index.KFactorRF >= 0, "must be >= 0")
	v.atLeast("index.train_sample", c.Index.TrainSample, 0)
	v.oneOf("index.embedder", c.Index.Embedder, "lsa", "ollama")
	v.between("index.lsa.dim", c.Index.LSA.Dim, 8, 4096)
	v.atLeast("index.lsa.min_df", c.Index.LSA.MinDF, 1)
	v.atLeast("index.lsa.max_features", c.Index.LSA.MaxFeatures, 100)
	v.between("index.lsa.power_iters", c.Index.LSA.PowerIters, 0, 20)
	if c.Index.Embedder == "ollama" {
		v.nonEmpty("index.ollama.model", c.Index.Ollama.Model)
	}
	v.between("index.ollama.batch_size", c.Index.Ollama.BatchSize, 1, 4096)

	v.between("retrieve.k", c.Retrieve.K, 1, 200)
	v.between("retrieve.candidates", c.Retrieve.Candidates, 1, 10000)
	v.check("retrieve.candidates", c.Retrieve.Candidates >= c.Retrieve.K, fmt.Sprintf("must be >= retrieve.k (%d)", c.Retrieve.K))
	v.check("retrieve.lexical_weight", c.Retrieve.LexicalWeight >= 0 && c.Retrieve.LexicalWeight <= 10, "must be between 0 and 10")
	v.check("retrieve.mmr_lambda", c.Retrieve.MMRLambda >= 0 && c.Retrieve.MMRLambda <= 1, "must be between 0 and 1")

	if c.LLM.URL != "" && !strings.HasPrefix(c.LLM.URL, "http://") && !strings.HasPrefix(c.LLM.URL, "https://") {
		v.add("llm.url", "must start with http:// or https://")
	}
	v.nonEmpty("llm.model", c.LLM.Model)
	v.check("llm.temperature", c.LLM.Temperature >= 0 && c.LLM.Temperature <= 2, "must be between 0 and 2")
	v.between("llm.num_ctx", c.LLM.NumCtx, 256, 1<<20)
	v.between("llm.num_predict", c.LLM.NumPredict, 16, 1<<16)
	v.positive("llm.timeout", c.LLM.Timeout)
	v.between("llm.context_items", c.LLM.ContextItems, 1, 200)
	v.between("llm.max_count", c.LLM.MaxCount, 1, 50)
	v.between("llm.default_count", c.LLM.DefaultCount, 1, max(c.LLM.MaxCount, 1))
	v.nonEmpty("llm.prompt", c.LLM.Prompt)

	total := 0.0
	for name, pv := range c.Prompts.Variants {
		key := "prompts.variants." + name
		v.nonEmpty(key+".template", pv.Template)
		v.check(key+".weight", pv.Weight >= 0, "must be >= 0")
		if pv.Temperature != nil {
			v.check(key+".temperature", *pv.Temperature >= 0 && *pv.Temperature <= 2, "must be between 0 and 2")
		}
		total += pv.Weight
	}
	if len(c.Prompts.Variants) > 0 && total <= 0 {
		v.add("prompts.variants", "weights must add up to more than 0")
	}

	v.between("bot.max_query_runes", c.Bot.MaxQueryRunes, 1, 100000)
	v.between("bot.workers", c.Bot.Workers, 1, 1024)
	v.between("bot.queue_size", c.Bot.QueueSize, 0, 1<<20)
	v.positive("bot.request_timeout", c.Bot.RequestTimeout)
	v.positive("bot.drain_timeout", c.Bot.DrainTimeout)
	v.check("bot.user_rate_per_min", c.Bot.UserRatePerMin > 0, "must be > 0")
	v.atLeast("bot.user_burst", c.Bot.UserBurst, 1)
	v.check("bot.channel_rate_per_min", c.Bot.ChannelRatePerMin > 0, "must be > 0")
	v.atLeast("bot.channel_burst", c.Bot.ChannelBurst, 1)
	v.positive("bot.history_ttl", c.Bot.HistoryTTL)
	v.atLeast("bot.history_max_threads", c.Bot.HistoryMaxThreads, 1)
	v.atLeast("bot.history_max_turns", c.Bot.HistoryMaxTurns, 1)
	v.positive("bot.stream_interval", c.Bot.StreamInterval)

	if c.Slack.Enabled {
		v.oneOf("slack.mode", c.Slack.Mode, "socket", "http")
		v.prefix("slack.bot_token", c.Slack.BotToken, "xoxb-")
		if c.Slack.Mode == "socket" {
			v.prefix("slack.app_token", c.Slack.AppToken, "xapp-")
		} else {
			v.nonEmpty("slack.signing_secret", c.Slack.SigningSecret)
		}
		v.check("slack.slash_command", strings.HasPrefix(c.Slack.SlashCommand, "/"), "must start with /")
	}
	if c.Discord.Enabled {
		v.oneOf("discord.mode", c.Discord.Mode, "gateway", "http")
		v.nonEmpty("discord.token", c.Discord.Token)
		v.nonEmpty("discord.application_id", c.Discord.ApplicationID)
		if c.Discord.Mode == "http" {
			b, err := hex.DecodeString(c.Discord.PublicKey)
			v.check("discord.public_key", err == nil && len(b) == 32, "must be the application's 64-hex-digit Ed25519 public key")
		}
		v.atLeast("discord.shard_count", c.Discord.ShardCount, 1)
		v.check("discord.shard_id", c.Discord.ShardID >= 0 && c.Discord.ShardID < max(c.Discord.ShardCount, 1), "must be in [0, discord.shard_count)")
		v.nonEmpty("discord.command_name", c.Discord.CommandName)
	}
	v.nonEmpty("server.listen", c.Server.Listen)
	v.positive("store.retention", c.Store.Retention)
	v.oneOf("log.level", strings.ToLower(c.Log.Level), "debug", "info", "warn", "error")
	v.oneOf("log.format", c.Log.Format, "auto", "text", "json")
	if len(v.errs) == 0 {
		return nil
	}
	return fmt.Errorf("%w: %w", ErrInvalid, errors.Join(v.errs...))
}

type validator struct{ errs []error }

func (v *validator) add(key, reason string) {
	v.errs = append(v.errs, &KeyError{Key: key, Reason: reason})
}

func (v *validator) check(key string, ok bool, reason string) {
	if !ok {
		v.add(key, reason)
	}
}

func (v *validator) nonEmpty(key, s string) {
	v.check(key, strings.TrimSpace(s) != "", "must not be empty")
}

func (v *validator) atLeast(key string, n, lo int) {
	v.check(key, n >= lo, fmt.Sprintf("is %d, must be >= %d", n, lo))
}

func (v *validator) between(key string, n, lo, hi int) {
	v.check(key, n >= lo && n <= hi, fmt.Sprintf("is %d, must be between %d and %d", n, lo, hi))
}

func (v *validator) positive(key string, d time.Duration) {
	v.check(key, d > 0, fmt.Sprintf("is %s, must be a positive duration such as 30s", d))
}

func (v *validator) oneOf(key, s string, allowed ...string) {
	for _, a := range allowed {
		if s == a {
			return
		}
	}
	v.add(key, fmt.Sprintf("is %q, must be one of %s", s, strings.Join(allowed, ", ")))
}

func (v *validator) prefix(key, s, p string) {
	v.check(key, strings.HasPrefix(s, p), fmt.Sprintf("must be set and start with %q", p))
}

func (v *validator) template(key, s string) {
	if s == "" {
		return
	}
	if _, err := template.New(key).Parse(s); err != nil {
		v.add(key, "bad template: "+err.Error())
	}
}
